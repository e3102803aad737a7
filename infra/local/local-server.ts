/**
 * The one local HTTP origin, like CloudFront in front of the site and the API: `/api/*` goes to the
 * API emulator, `/_local/auth/*` to the local identity provider, `/_local/jobs/*` to the job runner,
 * other `/_local/*` paths to the mail catcher, everything else to the static site.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface LocalServerParts {
  api: { handle: Handler };
  /** Resolves false when the path is not its own. */
  mailbox: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The local identity provider (`/_local/auth/*`); resolves false when the path is not its own. */
  identity?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
  /** The scheduled jobs on demand (`POST /_local/jobs/<name>`, job-runner.ts); resolves false when the path is not its own. */
  jobs?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
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

/** The request listener shared by every listening socket. */
export function createLocalRequestListener(parts: LocalServerParts) {
  const log = parts.log ?? ((line: string) => console.log(line));
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const work = async () => {
      if (path === '/api' || path.startsWith('/api/')) return parts.api.handle(req, res);
      if (path.startsWith('/_local/') && parts.identity && (await parts.identity(req, res))) return;
      if (path.startsWith('/_local/') && parts.jobs && (await parts.jobs(req, res))) return;
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
