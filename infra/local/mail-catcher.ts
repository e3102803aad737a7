/**
 * The local mail catcher: an SMTP server on the loopback interface (no auth, no TLS) that keeps
 * every message the handlers send, so a person can read it in the mailbox page and click its
 * links, and tests can read it back as JSON. Messages are also appended to a JSON-lines file so
 * they survive a restart.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One caught message, as served by `GET /_local/mail`. */
export interface CaughtMail {
  id: string;
  /** Envelope recipients, comma-separated. */
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** ISO timestamp. */
  receivedAt: string;
}

export interface MailCatcherOptions {
  /** Folder for `messages.jsonl`; in memory only when absent. */
  dir?: string;
  /** @default a free port picked by the OS */
  port?: number;
}

export interface MailCatcher {
  smtpHost: string;
  smtpPort: number;
  /** Newest first. */
  list(): CaughtMail[];
  get(id: string): CaughtMail | undefined;
  clear(): Promise<void>;
  /** Resolves with the first message (already caught or arriving) that satisfies `predicate`. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const FILE_NAME = 'messages.jsonl';

function addressText(address: AddressObject | AddressObject[] | undefined): string {
  if (!address) return '';
  return (Array.isArray(address) ? address : [address]).map((a) => a.text).join(', ');
}

async function loadMessages(file: string): Promise<CaughtMail[]> {
  if (!existsSync(file)) return [];
  const messages: CaughtMail[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      messages.push(JSON.parse(line) as CaughtMail);
    } catch {
      // A line cut short by a crash: skip it, keep the rest.
    }
  }
  return messages;
}

/** Starts the SMTP side of the catcher on 127.0.0.1. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const file = options.dir ? join(options.dir, FILE_NAME) : undefined;
  if (options.dir) await mkdir(options.dir, { recursive: true });
  const messages: CaughtMail[] = file ? await loadMessages(file) : [];
  const waiters = new Set<(mail: CaughtMail) => void>();
  let writes: Promise<void> = Promise.resolve();

  const keep = (mail: CaughtMail) => {
    messages.push(mail);
    if (file) writes = writes.then(() => appendFile(file, `${JSON.stringify(mail)}\n`)).catch(() => undefined);
    for (const waiter of waiters) waiter(mail);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1_000,
    banner: 'Tandem local mail catcher',
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          keep({
            id: randomUUID(),
            to: session.envelope.rcptTo.map((r) => r.address).join(', ') || addressText(parsed.to),
            from: (session.envelope.mailFrom && session.envelope.mailFrom.address) || addressText(parsed.from),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            receivedAt: new Date().toISOString(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  // Once listening, a broken client connection must not bring the runtime down.
  server.on('error', () => undefined);
  const smtpPort = (server.server.address() as AddressInfo).port;

  return {
    smtpHost: '127.0.0.1',
    smtpPort,
    list: () => [...messages].reverse(),
    get: (id) => messages.find((m) => m.id === id),
    async clear() {
      messages.length = 0;
      await writes;
      if (file) await writeFile(file, '');
    },
    waitFor(predicate, timeoutMs = 10_000) {
      const existing = [...messages].reverse().find(predicate);
      if (existing) return Promise.resolve(existing);
      return new Promise((resolveMail, reject) => {
        const waiter = (mail: CaughtMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolveMail(mail);
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`No matching e-mail within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async stop() {
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await writes;
    },
  };
}
