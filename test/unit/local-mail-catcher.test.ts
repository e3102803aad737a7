/** The mail catcher over loopback SMTP (no outside network): what nodemailer sends is what tests read back. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMailCatcher, type CaughtMail, type MailCatcher } from '../../infra/local/mail-catcher';
import { createMailboxRoutes, renderMailboxMessage } from '../../infra/local/mailbox';

async function send(catcher: MailCatcher, to: string, subject: string) {
  const transport = createTransport({ host: catcher.smtpHost, port: catcher.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: 'Tandem CCI <no-reply@tandem.local>',
    to,
    subject,
    text: 'Confirmez : http://localhost:3000/verify.html?token=abc',
    html: '<p><a href="http://localhost:3000/verify.html?token=abc">Confirmer</a></p>',
  });
  transport.close();
}

function fakeExchange(method: string, url: string) {
  const req = { method, url } as IncomingMessage;
  const out = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  const res = {
    writeHead(status: number, headers?: Record<string, unknown>) {
      out.status = status;
      Object.assign(out.headers, headers);
      return res;
    },
    end(body?: string) {
      out.body = body ?? '';
    },
  } as unknown as ServerResponse;
  return { req, res, out };
}

describe('mail catcher', () => {
  let dir: string;
  let catcher: MailCatcher;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-mail-'));
    catcher = await startMailCatcher({ dir });
  });

  afterEach(async () => {
    await catcher.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps what nodemailer sends, newest first', async () => {
    // Act
    await send(catcher, 'first@example.org', 'Premier');
    await send(catcher, 'second@example.org', 'Second');

    // Assert
    const mails = catcher.list();
    expect(mails.map((m) => m.subject)).toEqual(['Second', 'Premier']);
    expect(mails[0]).toMatchObject({ to: 'second@example.org', from: 'no-reply@tandem.local' });
    expect(mails[0]!.text).toContain('verify.html?token=abc');
    expect(mails[0]!.html).toContain('<a href="http://localhost:3000/verify.html?token=abc">');
    expect(catcher.get(mails[1]!.id)?.subject).toBe('Premier');
  });

  it('resolves waitFor when a matching message arrives', async () => {
    const waiting = catcher.waitFor((m) => m.to === 'late@example.org');
    await send(catcher, 'late@example.org', 'Plus tard');
    expect((await waiting).subject).toBe('Plus tard');
  });

  it('keeps messages across a restart and forgets them once cleared', async () => {
    await send(catcher, 'kept@example.org', 'Gardé');
    await catcher.stop();

    catcher = await startMailCatcher({ dir });
    expect(catcher.list().map((m) => m.subject)).toEqual(['Gardé']);

    await catcher.clear();
    expect(catcher.list()).toEqual([]);
    expect(await readFile(join(dir, 'messages.jsonl'), 'utf8')).toBe('');
  });

  it('serves the messages as JSON and clears them on DELETE', async () => {
    // Arrange
    await send(catcher, 'json@example.org', 'En JSON');
    const routes = createMailboxRoutes(catcher);

    // Act
    const list = fakeExchange('GET', '/_local/mail');
    await routes(list.req, list.res);
    const [mail] = JSON.parse(list.out.body) as CaughtMail[];
    const one = fakeExchange('GET', `/_local/mail/${mail!.id}`);
    await routes(one.req, one.res);
    const missing = fakeExchange('GET', '/_local/mail/nope');
    await routes(missing.req, missing.res);
    const clear = fakeExchange('DELETE', '/_local/mail');
    await routes(clear.req, clear.res);
    const other = fakeExchange('GET', '/elsewhere');

    // Assert
    expect(list.out.status).toBe(200);
    expect(Object.keys(mail!).sort()).toEqual(['from', 'html', 'id', 'receivedAt', 'subject', 'text', 'to']);
    expect(JSON.parse(one.out.body)).toMatchObject({ id: mail!.id, subject: 'En JSON', to: 'json@example.org' });
    expect(missing.out.status).toBe(404);
    expect(clear.out.status).toBe(204);
    expect(catcher.list()).toEqual([]);
    expect(await routes(other.req, other.res)).toBe(false);
  });
});

describe('renderMailboxMessage', () => {
  const mail: CaughtMail = {
    id: 'm1',
    to: 'a@example.org',
    from: 'no-reply@tandem.local',
    subject: 'Objet <b>gras</b>',
    text: 'Lien : http://localhost:3000/verify.html?token=abc',
    html: '<html><head></head><body><a href="http://localhost:3000/x">x</a><script>alert(1)</script></body></html>',
    receivedAt: '2026-03-01T10:00:00.000Z',
  };

  it('shows the HTML in a sandboxed frame without scripts, whose links open in the whole tab', () => {
    const page = renderMailboxMessage(mail);
    const frame = /<iframe[^>]*sandbox="([^"]*)"[^>]*srcdoc="([^"]*)"/.exec(page);
    expect(frame).not.toBeNull();
    expect(frame![1]).not.toContain('allow-scripts');
    expect(frame![1]).not.toContain('allow-same-origin');
    expect(frame![1]).toContain('allow-top-navigation-by-user-activation');
    expect(frame![2]).toContain('&lt;base target=&quot;_top&quot;&gt;');
  });

  it('escapes the subject and links the URLs of the text version', () => {
    const page = renderMailboxMessage(mail);
    expect(page).toContain('Objet &lt;b&gt;gras&lt;/b&gt;');
    expect(page).toContain('<a href="http://localhost:3000/verify.html?token=abc" target="_top">');
  });
});
