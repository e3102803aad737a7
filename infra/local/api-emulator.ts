/**
 * The local stand-in for API Gateway (HTTP API): matches `/api` requests against the route table,
 * applies the route's throttle, JWT authorizer (as API Gateway's: signature, issuer, audience,
 * expiry; groups are the handler chain's business) and body limit, hands a real payload-2.0 event to the
 * route's handler module (imported once, like a warm Lambda) and maps its result back to HTTP.
 * The handlers are the very modules Lambda runs; nothing here knows about the domain.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { CLIENT_LIMIT_ERROR, PUBLIC_POST_CLIENT_LIMIT, countsAgainstClientLimit } from '../../shared/http/client-limit';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes';
import { createLambdaContext, fromHttpApiResult, newRequestId, toHttpApiEvent, type HttpResponse } from './http-api-event';
import { TokenRejectedError, type JwtAuthorizer } from './jwt-authorizer';
import { createRouteMatcher } from './route-matcher';

/** API Gateway's request payload limit. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;
/** Lambda's synchronous response payload limit. */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context, callback?: unknown) => unknown;

export interface ApiEmulatorOptions {
  /** @default ROUTES of shared/http/routes.ts */
  routes?: readonly RouteDefinition[];
  /** Folder the routes' `entry` paths are relative to (the repository root). */
  rootDir: string;
  /** Access-log and error lines. @default console.log */
  log?: (line: string) => void;
  /** Apply each route's `throttle` (429 past the burst). @default true */
  throttle?: boolean;
  /**
   * The per-client limit on public POST routes, as the web firewall applies it in AWS (by source
   * address, over a sliding window); `false` turns it off. @default PUBLIC_POST_CLIENT_LIMIT
   */
  clientLimit?: { requests: number; windowSeconds: number } | false;
  /** Clock of the limits, for tests. @default Date.now */
  now?: () => number;
  /** Handler time limit before a 503, like API Gateway's integration timeout. @default 29 000 ms */
  timeoutMs?: number;
  /**
   * Verifies the bearer token of `admin` and `partner` routes (infra/local/jwt-authorizer.ts, with
   * the local identity provider's JWKS).
   * @default - none: every token is refused (401) on guarded routes
   */
  authorizer?: JwtAuthorizer;
  /** Loads a handler module; tests inject their own. @default dynamic `import()` */
  importModule?: (absolutePath: string) => Promise<Record<string, unknown>>;
}

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The project's JSON error shape, `{ "error": { "code", "message" } }`. */
export function jsonError(statusCode: number, code: string, message: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify({ error: { code, message } })),
  };
}

/** Reads the body, refusing more than `limit` bytes (by header or by count). */
export function readBody(req: IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      return reject(new HttpError(413, 'payload_too_large', 'Request body exceeds 10 MB.'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'payload_too_large', 'Request body exceeds 10 MB.'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolveBody(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** A token bucket per route: `burstLimit` tokens, refilled at `rateLimit` per second. */
function createThrottle() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return function allow(route: RouteDefinition, now = Date.now()): boolean {
    if (!route.throttle) return true;
    const { rateLimit, burstLimit } = route.throttle;
    const bucket = buckets.get(route.id) ?? { tokens: burstLimit, at: now };
    bucket.tokens = Math.min(burstLimit, bucket.tokens + ((now - bucket.at) / 1000) * rateLimit);
    bucket.at = now;
    buckets.set(route.id, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
}

/**
 * Requests per client address over the last `windowSeconds`, like AWS WAF's rate-based rule
 * (aggregate key: IP). Only the recent instants are kept, at most `requests` per address, and an
 * address falls out of the map once its window is empty.
 */
function createClientLimit(limit: { requests: number; windowSeconds: number }) {
  const seen = new Map<string, number[]>();
  return function allowClient(address: string, now: number): boolean {
    const since = now - limit.windowSeconds * 1000;
    const recent = (seen.get(address) ?? []).filter((at) => at > since);
    if (recent.length >= limit.requests) {
      seen.set(address, recent);
      return false;
    }
    recent.push(now);
    seen.set(address, recent);
    if (seen.size > 10_000) for (const [key, instants] of seen) if (instants.every((at) => at <= since)) seen.delete(key);
    return true;
  };
}

function invoke(handler: LambdaHandler, event: APIGatewayProxyEventV2, context: Context, timeoutMs: number) {
  return new Promise<APIGatewayProxyResultV2>((resolveResult, reject) => {
    const timer = setTimeout(() => reject(new HttpError(503, 'unavailable', 'The function timed out.')), timeoutMs);
    const settle = (error: unknown, result?: APIGatewayProxyResultV2) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolveResult(result as APIGatewayProxyResultV2);
    };
    try {
      const returned = handler(event, context, (error: unknown, result?: APIGatewayProxyResultV2) => settle(error, result));
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<APIGatewayProxyResultV2>).then((result) => settle(undefined, result), (error: unknown) => settle(error ?? new Error('rejected')));
      }
    } catch (error) {
      settle(error);
    }
  });
}

function sourceIpOf(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
}

/** Writes an {@link HttpResponse} to a Node response. */
export function sendResponse(res: ServerResponse, response: HttpResponse): void {
  res.statusCode = response.statusCode;
  for (const [name, value] of Object.entries(response.headers)) res.setHeader(name, value);
  res.setHeader('content-length', response.body.length);
  res.end(response.body);
}

/** Builds the emulator; `handle` serves one `/api` request and never throws. */
export function createApiEmulator(options: ApiEmulatorOptions) {
  const routes = options.routes ?? ROUTES;
  const match = createRouteMatcher(routes);
  const log = options.log ?? ((line: string) => console.log(line));
  const allow = options.throttle === false ? () => true : createThrottle();
  const clientLimit = options.clientLimit === false ? undefined : createClientLimit(options.clientLimit ?? PUBLIC_POST_CLIENT_LIMIT);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 29_000;
  const importModule = options.importModule ?? ((path: string) => import(pathToFileURL(path).href) as Promise<Record<string, unknown>>);
  const handlers = new Map<string, Promise<LambdaHandler>>();

  /** The verified claims, or a 401 with `www-authenticate: Bearer` (RFC 6750), as the JWT authorizer answers. */
  async function authorize(authorization: string | undefined): Promise<Record<string, unknown>> {
    try {
      if (options.authorizer) return await options.authorizer.verify(authorization);
      if (!/^Bearer\s+\S+/i.test(authorization ?? '')) throw new TokenRejectedError('Authentication required: send an Authorization: Bearer token.');
      throw new TokenRejectedError('No identity provider is configured: tokens cannot be verified.', 'invalid_token');
    } catch (error) {
      if (!(error instanceof TokenRejectedError)) throw error;
      const challenge = error.bearerError ? `Bearer error="${error.bearerError}"` : 'Bearer';
      throw new HttpError(401, 'unauthorized', error.message, { 'www-authenticate': challenge });
    }
  }

  /** Imports a route's module once; a failed import is not cached, so a module that lands later is picked up. */
  function loadHandler(route: RouteDefinition): Promise<LambdaHandler> {
    const cached = handlers.get(route.entry);
    if (cached) return cached;
    const file = resolve(options.rootDir, route.entry);
    if (!existsSync(file)) {
      log(`[api] ${route.id}: ${route.entry} does not exist yet → 503`);
      return Promise.reject(new HttpError(503, 'unavailable', 'This function is not available yet.'));
    }
    const loading = importModule(file).then((module) => {
      const handler = module.handler;
      if (typeof handler !== 'function') throw new Error(`${route.entry} does not export a "handler" function`);
      return handler as LambdaHandler;
    });
    handlers.set(route.entry, loading);
    loading.catch(() => handlers.delete(route.entry));
    return loading;
  }

  async function respond(req: IncomingMessage): Promise<{ routeId: string; response: HttpResponse }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const rawPath = url.split('?')[0]!;
    const found = match(method, rawPath);
    if (found.kind === 'not-found') {
      req.resume();
      return { routeId: '-', response: jsonError(404, 'not_found', 'No API route matches this path.') };
    }
    if (found.kind === 'method-not-allowed') {
      req.resume();
      return {
        routeId: '-',
        response: jsonError(405, 'method_not_allowed', `Allowed methods: ${found.allowed.join(', ')}.`, { allow: found.allowed.join(', ') }),
      };
    }
    const { route, pathParameters } = found;
    try {
      if (clientLimit && countsAgainstClientLimit(route) && !clientLimit(sourceIpOf(req), now())) {
        throw new HttpError(429, CLIENT_LIMIT_ERROR.code, CLIENT_LIMIT_ERROR.message);
      }
      if (!allow(route, now())) throw new HttpError(429, 'too_many_requests', 'Too many requests, retry in a moment.');
      // Public routes get no authorizer, whatever the request carries (API Gateway's NONE).
      const jwt = route.auth === 'public' ? undefined : { claims: await authorize(req.headers.authorization) };
      const body = await readBody(req);
      const handler = await loadHandler(route);
      const requestId = newRequestId();
      const event = toHttpApiEvent(
        { method, url, rawHeaders: req.rawHeaders, body, sourceIp: sourceIpOf(req), httpVersion: req.httpVersion },
        { routeKey: `${route.method} ${route.path}`, pathParameters, requestId, ...(jwt ? { jwt } : {}) },
      );
      const context = createLambdaContext({ functionName: route.id, timeoutMs });
      const response = fromHttpApiResult(await invoke(handler, event, context, timeoutMs));
      if (response.body.length > MAX_RESPONSE_BYTES) {
        log(`[api] ${route.id}: response exceeds Lambda's 6 MB limit → 502`);
        return { routeId: route.id, response: jsonError(502, 'bad_gateway', 'The function response is too large.') };
      }
      return { routeId: route.id, response };
    } catch (error) {
      req.resume(); // a refused request's body is drained, not read
      if (error instanceof HttpError) {
        return { routeId: route.id, response: jsonError(error.statusCode, error.code, error.message, error.headers) };
      }
      log(`[api] ${route.id} crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return { routeId: route.id, response: jsonError(500, 'internal', 'Internal error.') };
    }
  }

  return {
    routes,
    /** Serves one request under `/api`; logs method, route id, status and duration, never the query or body. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const started = performance.now();
      const { routeId, response } = await respond(req);
      sendResponse(res, response);
      log(`[api] ${(req.method ?? 'GET').toUpperCase()} ${routeId} ${response.statusCode} ${Math.round(performance.now() - started)}ms`);
    },
  };
}
