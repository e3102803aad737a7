/**
 * Serves the sign-up site (`web/`) the way the S3 + CloudFront origin does: files by path,
 * `index.html` for a folder, the right content types, nothing outside the root, a 404 page otherwise.
 * Browsers ask for `/favicon.ico` on pages without an icon link (the mailbox, JSON, the 404 page):
 * without such a file in the root, it answers with the site's `assets/favicon.svg`.
 */
import { CONTENT_SECURITY_POLICY } from '../../shared/http/site-policy';
import { OPERATOR_JSON_PATH, publicOperator, type PublicOperator } from '../config/site-operator';
import { CONSOLE_JSON_PATH, type ConsoleConfig } from '../config/console-config';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Page introuvable</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1d2733}</style></head>
<body><h1>Page introuvable</h1><p>Cette page n'existe pas. <a href="/">Retour à l'accueil</a>.</p>
<p lang="en">This page does not exist. <a href="/">Back to the home page</a>.</p></body></html>`;

/**
 * Resolves a URL path to a file path inside `root`, or undefined when it would escape the root
 * or cannot be decoded. A trailing slash maps to the folder's `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (target !== base && !target.startsWith(base + sep)) return undefined;
  return decoded.endsWith('/') ? join(target, 'index.html') : target;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'referrer-policy': 'no-referrer',
} as const;

/** Files served in place of a missing one: the path asked for, and the file (relative to the root) answering it. */
export const STATIC_FALLBACKS: Readonly<Record<string, string>> = {
  '/favicon.ico': 'assets/favicon.svg',
};

/** Files the deploy writes beside `web/` (CDK `Source.jsonData`), served from memory: URL path → JSON value. */
export type GeneratedFiles = Readonly<Record<string, unknown>>;

/**
 * What the local stack's deploy would add to the bucket: `assets/operator.json` from its operator
 * and, with a local identity provider, `assets/console.json` (infra/config/console-config.ts).
 */
export const localGeneratedFiles = (operator: PublicOperator, consoleConfig?: ConsoleConfig): GeneratedFiles => ({
  [`/${OPERATOR_JSON_PATH}`]: publicOperator(operator),
  ...(consoleConfig ? { [`/${CONSOLE_JSON_PATH}`]: consoleConfig } : {}),
});

/**
 * Creates the handler; it answers every GET/HEAD it is given (404 page when nothing matches).
 * `generated` files answer before the folder, as the deployment's generated objects would.
 */
export function createStaticSite(root: string, generated: GeneratedFiles = {}) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method Not Allowed');
      return;
    }
    const urlPath = (req.url ?? '/').split('?')[0]!.split('#')[0]!;
    if (Object.hasOwn(generated, urlPath)) {
      const body = Buffer.from(JSON.stringify(generated[urlPath]), 'utf8');
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': CONTENT_TYPES['.json']!, 'content-length': body.length, 'cache-control': 'no-cache' });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    let file = resolveStaticPath(root, req.url ?? '/');
    let info = file ? await stat(file).catch(() => undefined) : undefined;
    if (file && info?.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file).catch(() => undefined);
    }
    const fallback = STATIC_FALLBACKS[(req.url ?? '/').split('?')[0]!];
    if (fallback && !info?.isFile()) {
      file = join(root, fallback);
      info = await stat(file).catch(() => undefined);
    }
    if (!file || !info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : NOT_FOUND_PAGE);
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': info.size,
      'cache-control': 'no-cache',
      ...SECURITY_HEADERS,
    });
    if (method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}
