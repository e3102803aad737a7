/**
 * The two translations API Gateway (HTTP API, payload format 2.0) performs around a Lambda, as pure
 * functions: an HTTP request into an `APIGatewayProxyEventV2`, and the handler's result into the
 * HTTP response. Kept free of sockets so they can be tested without a network.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

/** What the emulator reads from a Node request before building the event. */
export interface RequestSnapshot {
  method: string;
  /** Path and query exactly as received, e.g. `/api/reference/communes?postalCode=13001`. */
  url: string;
  /** Node's flat `rawHeaders` list (name, value, name, value…), which keeps repeated headers. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  /** e.g. `1.1` */
  httpVersion: string;
}

export interface EventOptions {
  /** `METHOD /path/{template}` of the matched route. */
  routeKey: string;
  pathParameters: Record<string, string>;
  requestId?: string;
  now?: Date;
  /** The JWT authorizer's verified token, on guarded routes only (public routes get no authorizer). */
  jwt?: { claims: Record<string, unknown> };
}

/**
 * Claims as API Gateway hands them to the function: every value a string, an array flattened to
 * `[a b]` (so `cognito:groups` arrives as `"[admin partner]"`), an object as JSON.
 */
export function toAuthorizerClaims(claims: Record<string, unknown>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) flat[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') flat[name] = JSON.stringify(value);
    else flat[name] = String(value);
  }
  return flat;
}

/** `requestContext.authorizer` of a JWT-authorized route: the claims and the token's scopes (null without a `scope` claim, as API Gateway sends for ID tokens). */
export function toJwtAuthorizer(claims: Record<string, unknown>) {
  const scope = typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : null;
  return { jwt: { claims: toAuthorizerClaims(claims), scopes: scope } };
}

/** Fixed identifiers of the emulated API. */
export const LOCAL_API = { accountId: '000000000000', apiId: 'local', stage: '$default' } as const;

/**
 * Content types API Gateway HTTP APIs pass as UTF-8 text; any other body (including a missing
 * content type and `application/x-www-form-urlencoded`) arrives base64-encoded.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || ['application/json', 'application/xml', 'application/javascript'].includes(type);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `requestContext.time` format: `12/Mar/2020:19:03:58 +0000`. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** API Gateway style request id, e.g. `JKJaXmPLvHcESHA=`. */
export function newRequestId(): string {
  return randomBytes(10).toString('base64');
}

/** Lower-cased names; repeated headers joined with commas; `cookie` moved to the `cookies` list. */
function collectHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((c) => c.trim()).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

/** Builds the payload format 2.0 event API Gateway would give the route's Lambda. */
export function toHttpApiEvent(request: RequestSnapshot, options: EventOptions): APIGatewayProxyEventV2 {
  const now = options.now ?? new Date();
  const requestId = options.requestId ?? newRequestId();
  const queryAt = request.url.indexOf('?');
  const rawPath = queryAt === -1 ? request.url : request.url.slice(0, queryAt);
  const rawQueryString = queryAt === -1 ? '' : request.url.slice(queryAt + 1).split('#')[0]!;
  const { headers, cookies } = collectHeaders(request.rawHeaders);

  const host = headers.host ?? 'localhost';
  const hostName = host.replace(/:\d+$/, '');
  headers['x-forwarded-for'] ??= request.sourceIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= /:(\d+)$/.exec(host)?.[1] ?? '80';
  headers['x-amzn-trace-id'] ??= `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
  if (request.body.length > 0) headers['content-length'] ??= String(request.body.length);

  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = key in query ? `${query[key]},${value}` : value;
  }

  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: options.routeKey,
    rawPath,
    rawQueryString,
    headers,
    requestContext: {
      accountId: LOCAL_API.accountId,
      apiId: LOCAL_API.apiId,
      domainName: hostName,
      domainPrefix: hostName.split('.')[0]!,
      http: {
        method: request.method.toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: options.routeKey,
      stage: LOCAL_API.stage,
      time: formatRequestTime(now),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
  if (options.jwt) {
    (event.requestContext as APIGatewayProxyEventV2['requestContext'] & { authorizer?: unknown }).authorizer = toJwtAuthorizer(options.jwt.claims);
  }
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(options.pathParameters).length > 0) event.pathParameters = { ...options.pathParameters };
  if (request.body.length > 0) {
    const text = isTextContentType(headers['content-type']);
    event.body = text ? request.body.toString('utf8') : request.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}

/** The HTTP response API Gateway sends for a handler's result. */
export interface HttpResponse {
  statusCode: number;
  /** Header name → values; `set-cookie` may hold several. */
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * Maps an `APIGatewayProxyResultV2` back to HTTP like API Gateway does: a result with `statusCode`
 * is used as given (`cookies` become `set-cookie` headers, `isBase64Encoded` bodies are decoded);
 * anything else is inferred as a 200 JSON response (a string is sent as it is, other values
 * serialized).
 */
export function fromHttpApiResult(result: APIGatewayProxyResultV2 | undefined | null): HttpResponse {
  if (result !== null && typeof result === 'object' && 'statusCode' in result && typeof result.statusCode === 'number') {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
    if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = [...result.cookies];
    const raw = result.body ?? '';
    return { statusCode: result.statusCode, headers, body: Buffer.from(raw, result.isBase64Encoded ? 'base64' : 'utf8') };
  }
  const body = typeof result === 'string' ? result : result === undefined ? '' : JSON.stringify(result);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
}

/** Options of {@link createLambdaContext}. */
export interface ContextOptions {
  functionName: string;
  /** @default 29 000 ms, API Gateway's integration timeout */
  timeoutMs?: number;
  awsRequestId?: string;
  region?: string;
}

/** A Lambda-like context: what middy and Powertools read (request id, function name, time left). */
export function createLambdaContext(options: ContextOptions): Context {
  const deadline = Date.now() + (options.timeoutMs ?? 29_000);
  const region = options.region ?? 'eu-west-3';
  const functionName = options.functionName;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${LOCAL_API.accountId}:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${randomBytes(16).toString('hex')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
