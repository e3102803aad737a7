import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createApiEmulator, MAX_REQUEST_BYTES, type ApiEmulatorOptions } from '../../infra/local/api-emulator';
import { TokenRejectedError } from '../../infra/local/jwt-authorizer';
import type { RouteDefinition } from '../../shared/http/routes';

const ROUTES: RouteDefinition[] = [
  { id: 'RegisterMentor', method: 'POST', path: '/api/mentors', entry: 'package.json', auth: 'public', capabilities: [], summary: '' },
  { id: 'GetMentor', method: 'GET', path: '/api/mentors/{id}', entry: 'tsconfig.json', auth: 'admin', capabilities: [], summary: '' },
  { id: 'Missing', method: 'GET', path: '/api/missing', entry: 'functions/http/does-not-exist.ts', auth: 'public', capabilities: [], summary: '' },
  {
    id: 'Throttled',
    method: 'GET',
    path: '/api/throttled',
    entry: 'package.json',
    auth: 'public',
    throttle: { rateLimit: 0.001, burstLimit: 2 },
    capabilities: [],
    summary: '',
  },
];

function fakeRequest(method: string, url: string, headers: Record<string, string> = {}, body?: Buffer): IncomingMessage {
  const stream = Readable.from(body ? [body] : []) as unknown as IncomingMessage;
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.assign(stream, {
    method,
    url,
    headers: { host: 'localhost:3000', ...lower },
    rawHeaders: ['Host', 'localhost:3000', ...Object.entries(headers).flat()],
    httpVersion: '1.1',
    socket: { remoteAddress: '::ffff:127.0.0.1' },
  });
}

function fakeResponse() {
  const captured: { statusCode: number; headers: Record<string, unknown>; body: Buffer } = { statusCode: 0, headers: {}, body: Buffer.alloc(0) };
  const res = {
    set statusCode(code: number) {
      captured.statusCode = code;
    },
    setHeader(name: string, value: unknown) {
      captured.headers[name.toLowerCase()] = value;
    },
    end(body?: Buffer) {
      captured.body = body ?? Buffer.alloc(0);
    },
  } as unknown as ServerResponse;
  return { res, captured, json: () => JSON.parse(captured.body.toString()) as { error?: { code: string; message: string } } };
}

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

function emulator(handler: Handler, options: Partial<ApiEmulatorOptions> = {}) {
  const lines: string[] = [];
  const api = createApiEmulator({
    routes: ROUTES,
    rootDir: process.cwd(),
    log: (line) => lines.push(line),
    importModule: async () => ({ handler }),
    ...options,
  });
  return { api, lines };
}

async function call(api: ReturnType<typeof createApiEmulator>, req: IncomingMessage) {
  const response = fakeResponse();
  await api.handle(req, response.res);
  return response;
}

describe('createApiEmulator', () => {
  it('hands the route handler a payload 2.0 event and a context, and maps its result back', async () => {
    // Arrange
    const seen: Array<{ event: APIGatewayProxyEventV2; context: Context }> = [];
    const { api } = emulator(async (event, context) => {
      seen.push({ event, context });
      return { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{"status":"pending"}' };
    });
    const body = Buffer.from('{"email":"someone@example.org"}');

    // Act
    const response = await call(api, fakeRequest('POST', '/api/mentors?lang=fr', { 'Content-Type': 'application/json' }, body));

    // Assert
    expect(response.captured.statusCode).toBe(202);
    expect(response.json()).toEqual({ status: 'pending' });
    expect(seen).toHaveLength(1);
    expect(seen[0]!.event).toMatchObject({
      routeKey: 'POST /api/mentors',
      rawPath: '/api/mentors',
      queryStringParameters: { lang: 'fr' },
      body: body.toString(),
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
    });
    expect(seen[0]!.context.functionName).toBe('RegisterMentor');
  });

  it('imports a handler module once, like a warm Lambda', async () => {
    let imports = 0;
    const api = createApiEmulator({
      routes: ROUTES,
      rootDir: process.cwd(),
      log: () => undefined,
      importModule: async () => {
        imports++;
        return { handler: async () => ({ statusCode: 204 }) };
      },
    });
    await call(api, fakeRequest('POST', '/api/mentors'));
    await call(api, fakeRequest('POST', '/api/mentors'));
    expect(imports).toBe(1);
  });

  it('answers 404 and 405 in the project error shape', async () => {
    const { api } = emulator(async () => ({ statusCode: 200 }));

    const unknown = await call(api, fakeRequest('GET', '/api/nowhere'));
    expect(unknown.captured.statusCode).toBe(404);
    expect(unknown.json().error?.code).toBe('not_found');

    const wrongMethod = await call(api, fakeRequest('DELETE', '/api/mentors'));
    expect(wrongMethod.captured.statusCode).toBe(405);
    expect(wrongMethod.json().error?.code).toBe('method_not_allowed');
    expect(wrongMethod.captured.headers.allow).toBe('POST');
  });

  it('answers 503 when the route module does not exist yet', async () => {
    const { api, lines } = emulator(async () => ({ statusCode: 200 }), { importModule: undefined });
    const response = await call(api, fakeRequest('GET', '/api/missing'));
    expect(response.captured.statusCode).toBe(503);
    expect(response.json().error?.code).toBe('unavailable');
    expect(lines.some((l) => l.includes('does not exist yet'))).toBe(true);
  });

  it('turns a handler crash into a 500 without leaking the error', async () => {
    const { api, lines } = emulator(async () => {
      throw new Error('secret detail at /srv/app.ts:12');
    });
    const response = await call(api, fakeRequest('POST', '/api/mentors'));
    expect(response.captured.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    expect(response.captured.body.toString()).not.toContain('secret detail');
    expect(lines.some((l) => l.includes('secret detail'))).toBe(true);
  });

  it('refuses bodies over 10 MB with 413', async () => {
    let called = false;
    const { api } = emulator(async () => {
      called = true;
      return { statusCode: 200 };
    });
    const big = Buffer.alloc(MAX_REQUEST_BYTES + 1, 'a');
    const response = await call(api, fakeRequest('POST', '/api/mentors', { 'Content-Type': 'text/plain' }, big));
    expect(response.captured.statusCode).toBe(413);
    expect(response.json().error?.code).toBe('payload_too_large');
    expect(called).toBe(false);
  });

  it('requires a bearer token on non-public routes', async () => {
    // Token verification itself: test/unit/local-identity-authorizer.test.ts.
    const { api } = emulator(async (event) => ({ statusCode: 200, body: JSON.stringify(event.pathParameters) }), {
      authorizer: { verify: async (header) => (header ? { sub: 'someone' } : Promise.reject(new TokenRejectedError('no token'))) },
    });

    const anonymous = await call(api, fakeRequest('GET', '/api/mentors/m1'));
    expect(anonymous.captured.statusCode).toBe(401);
    expect(anonymous.json().error?.code).toBe('unauthorized');

    const withToken = await call(api, fakeRequest('GET', '/api/mentors/m1', { Authorization: 'Bearer abc.def.ghi' }));
    expect(withToken.captured.statusCode).toBe(200);
    expect(JSON.parse(withToken.captured.body.toString())).toEqual({ id: 'm1' });
  });

  it("applies the route's throttle burst, answering 429 past it", async () => {
    const { api } = emulator(async () => ({ statusCode: 200 }));
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(api, fakeRequest('GET', '/api/throttled'))).captured.statusCode);
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('logs method, route id and status but never the query string', async () => {
    const { api, lines } = emulator(async () => ({ statusCode: 200 }));
    await call(api, fakeRequest('POST', '/api/mentors?email=someone%40example.org'));
    const access = lines.find((l) => l.includes('RegisterMentor'));
    expect(access).toMatch(/^\[api\] POST RegisterMentor 200 \d+ms$/);
    expect(lines.join('\n')).not.toContain('example.org');
  });
});

describe('the per-client limit on public POST routes (as the web firewall applies it)', () => {
  const from = (address: string, method = 'POST', url = '/api/mentors') =>
    Object.assign(fakeRequest(method, url, { 'content-type': 'application/json' }, Buffer.from('{}')), { socket: { remoteAddress: address } });
  const ok = async () => ({ statusCode: 202, headers: {}, body: '{}' });

  it('answers 429 past the limit for that address only, in French, and lets it in again once the window has passed', async () => {
    // Arrange: 3 requests per 60 s, a clock the test moves
    let clock = 1_000_000;
    const { api } = emulator(ok, { clientLimit: { requests: 3, windowSeconds: 60 }, throttle: false, now: () => clock });

    // Act + Assert
    for (let i = 0; i < 3; i++) expect((await call(api, from('203.0.113.7'))).captured.statusCode).toBe(202);
    const refused = await call(api, from('203.0.113.7'));
    expect(refused.captured.statusCode).toBe(429);
    expect(refused.json().error).toEqual({ code: 'too_many_requests', message: 'Trop de demandes depuis votre connexion. Réessayez dans quelques minutes.' });
    expect((await call(api, from('198.51.100.4'))).captured.statusCode).toBe(202);
    clock += 61_000;
    expect((await call(api, from('203.0.113.7'))).captured.statusCode).toBe(202);
  });

  it('counts neither GET nor authenticated routes, and can be turned off', async () => {
    const limited = emulator(ok, { clientLimit: { requests: 1, windowSeconds: 60 }, throttle: false }).api;
    for (let i = 0; i < 3; i++) expect((await call(limited, from('203.0.113.8', 'GET', '/api/missing'))).captured.statusCode).not.toBe(429);
    const open = emulator(ok, { clientLimit: false, throttle: false }).api;
    for (let i = 0; i < 5; i++) expect((await call(open, from('203.0.113.9'))).captured.statusCode).toBe(202);
  });

  it('defaults to the firewall’s limit: 100 POST requests per client over 5 minutes', async () => {
    const { api } = emulator(ok, { throttle: false });
    for (let i = 0; i < 100; i++) expect((await call(api, from('203.0.113.10'))).captured.statusCode).toBe(202);
    expect((await call(api, from('203.0.113.10'))).captured.statusCode).toBe(429);
  });
});
