/**
 * The one local HTTP origin, like CloudFront in front of the site and the API: `/api/*` goes to the
 * API emulator, `/_local/auth/*` to the local identity provider, `/_local/jobs/*` to the job runner,
 * `/_local/reports/<period>/<file>` to the report files (read-only, what the folder report store's
 * links point at), other `/_local/*` paths to the mail catcher, everything else to the static site.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { LOCAL_REPORTS_PATH } from '../../shared/adapters/file/report-store';
import { isReportFileName } from '../../shared/adapters/report-store-names';
import { ENV } from '../../shared/config/env';
import { LOCAL_REPORTS_DIR } from './local-env';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface LocalServerParts {
  api: { handle: Handler };
  /** Resolves false when the path is not its own. */
  mailbox: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The local identity provider (`/_local/auth/*`); resolves false when the path is not its own. */
  identity?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The scheduled jobs on demand (`POST /_local/jobs/<name>`, job-runner.ts); resolves false when the path is not its own. */
  jobs?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /**
   * The report files (`GET /_local/reports/<period>/<file>`); resolves false when the path is not its own.
   * @default localReportFiles of the folder the handlers write to (REPORTS_DIR, else LOCAL_REPORTS_DIR)
   */
  reports?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  site: Handler;
  log?: (line: string) => void;
}

/** Raised when PORT is already used; the message says so in French and English. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `Le port ${port} est déjà utilisé : arrêtez l'autre programme ou choisissez-en un autre (PORT=3001 npm start). / ` +
        `Port ${port} is already in use: stop the other program or pick another one (PORT=3001 npm start).`,
    );
    this.name = 'PortInUseError';
  }
}

const REPORT_CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Serves `<dir>/<period>/<file>` at `/_local/reports/<period>/<file>`, GET and HEAD only. The two
 * segments must be a report's period and file name (report-store-names.ts: no separator, no `..`,
 * no encoded slash); anything else is a 404 before any path is built. Mails (`mail.html`,
 * `digest.html`) show in the browser with no script allowed; other files download.
 */
export function localReportFiles(dir: string) {
  const root = resolve(dir);
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (!path.startsWith(`${LOCAL_REPORTS_PATH}/`)) return false;
    const notFound = () => void res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('Not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return true;
    }
    const segments = path.slice(LOCAL_REPORTS_PATH.length + 1).split('/');
    const [period, file] = segments;
    if (segments.length !== 2 || period === undefined || file === undefined || !isReportFileName(period, file)) {
      notFound();
      return true;
    }
    let body: Buffer;
    try {
      body = await readFile(join(root, period, file));
    } catch {
      notFound();
      return true;
    }
    const extension = file.slice(file.lastIndexOf('.') + 1);
    res.writeHead(200, {
      'content-type': REPORT_CONTENT_TYPES[extension] ?? 'application/octet-stream',
      'content-length': String(body.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(extension === 'html'
        ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:" }
        : { 'content-disposition': `attachment; filename="${file}"` }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  };
}

/** The request listener shared by every listening socket. */
export function createLocalRequestListener(parts: LocalServerParts) {
  const log = parts.log ?? ((line: string) => console.log(line));
  // The folder the report handlers write to: npm start sets REPORTS_DIR (local-env.ts) before this runs.
  const reports = parts.reports ?? localReportFiles(process.env[ENV.reportsDir] ?? LOCAL_REPORTS_DIR);
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const work = async () => {
      if (path === '/api' || path.startsWith('/api/')) return parts.api.handle(req, res);
      if (path.startsWith('/_local/') && parts.identity && (await parts.identity(req, res))) return;
      if (path.startsWith('/_local/') && parts.jobs && (await parts.jobs(req, res))) return;
      if (path.startsWith('/_local/') && (await reports(req, res))) return;
      if (path.startsWith('/_local/') && (await parts.mailbox(req, res))) return;
      return parts.site(req, res);
    };
    work().catch((error: unknown) => {
      log(`[local] ${req.method} request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: 'internal', message: 'Internal error.' } }));
    });
  };
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
}

/**
 * Listens on `localhost` for real: 127.0.0.1 and, where the machine has it, ::1 (browsers and curl
 * may try either). Nothing listens on other interfaces.
 */
export async function listenOnLocalhost(listener: ReturnType<typeof createLocalRequestListener>, port: number) {
  const servers: Server[] = [];
  const closeAll = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolveClose) => {
            server.close(() => resolveClose());
            server.closeAllConnections();
          }),
      ),
    ).then(() => undefined);
  try {
    const v4 = createServer(listener);
    await listenOn(v4, port, '127.0.0.1');
    servers.push(v4);
    const v6 = createServer(listener);
    try {
      await listenOn(v6, port, '::1');
      servers.push(v6);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw error;
      // No IPv6 loopback on this machine: 127.0.0.1 alone serves localhost.
    }
  } catch (error) {
    await closeAll();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port);
    throw error;
  }
  return { close: closeAll };
}

/** Checks that PORT is free on localhost before anything slow starts. */
export async function assertPortFree(port: number): Promise<void> {
  const probe = await listenOnLocalhost(() => undefined, port);
  await probe.close();
}
