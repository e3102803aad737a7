import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { LinkExpiredError, LinkUsedError, ServiceUnavailableError } from '../../shared/domain/errors';
import { httpHandler, MAX_BODY_BYTES } from '../../shared/http/http-handler';
import { negotiateLocale } from '../../shared/http/locale';
import { ROUTE_AUTH } from '../../shared/http/route-auth';
import { ROUTES } from '../../shared/http/routes';
import { json } from '../../shared/http/responses';
import { apiEvent, lambdaContext } from '../helpers/api-event';

const schema = z.strictObject({ name: z.string().min(1) });

function makeHandler(raw = vi.fn(async ({ body }: { body: { name: string } }) => json(200, { hello: body.name }))) {
  return { raw, handler: httpHandler({ route: 'RegisterMentor', body: schema }, raw) };
}

const call = async (handler: ReturnType<typeof makeHandler>['handler'], event: ReturnType<typeof apiEvent>) => {
  const res = await handler(event, lambdaContext);
  return { status: res.statusCode, body: JSON.parse(res.body) };
};

describe('the HTTP middleware chain', () => {
  it('passes a valid body to the handler', async () => {
    const { handler } = makeHandler();
    expect(await call(handler, apiEvent({ body: JSON.stringify({ name: 'A' }) }))).toEqual({ status: 200, body: { hello: 'A' } });
  });

  it('decodes base64 bodies as API Gateway sends them', async () => {
    const { handler } = makeHandler();
    expect((await call(handler, apiEvent({ body: JSON.stringify({ name: 'B' }), base64: true }))).body).toEqual({ hello: 'B' });
  });

  it('answers 400 validation_failed with fields, in French by default', async () => {
    const { handler, raw } = makeHandler();
    const res = await call(handler, apiEvent({ body: JSON.stringify({ name: '', extra: 1 }) }));
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toBe('Certains champs sont à corriger.');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['extra', 'name']);
    expect(raw).not.toHaveBeenCalled();
  });

  it('answers in English after Accept-Language', async () => {
    const { handler } = makeHandler();
    const res = await call(handler, apiEvent({ body: '{}', headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } }));
    expect(res.body.error.message).toBe('Some fields need correcting.');
    expect(res.body.error.fields.name).toBe('This field is required.');
  });

  it('answers 400 malformed_json for broken JSON', async () => {
    const { handler } = makeHandler();
    const res = await call(handler, apiEvent({ body: '{"name": "A"' }));
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'malformed_json' } } });
  });

  it('answers 400 malformed_json for an empty body', async () => {
    const { handler } = makeHandler();
    expect((await call(handler, apiEvent({}))).body.error.code).toBe('malformed_json');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const { handler } = makeHandler();
    const res = await call(handler, apiEvent({ body: 'name=A', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(res).toMatchObject({ status: 415, body: { error: { code: 'unsupported_media_type' } } });
  });

  it('accepts application/json with a charset', async () => {
    const { handler } = makeHandler();
    const res = await call(handler, apiEvent({ body: '{"name":"C"}', headers: { 'content-type': 'application/json; charset=utf-8' } }));
    expect(res.status).toBe(200);
  });

  it('answers 413 past 16 KB, before parsing', async () => {
    const { handler } = makeHandler();
    const body = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) });
    expect(await call(handler, apiEvent({ body }))).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('maps domain errors to their status', async () => {
    const used = httpHandler({ route: 'RegisterMentor', body: schema }, async () => {
      throw new LinkUsedError('used');
    });
    const expired = httpHandler({ route: 'RegisterMentor', body: schema }, async () => {
      throw new LinkExpiredError('expired');
    });
    expect((await call(used, apiEvent({ body: '{"name":"a"}' }))).status).toBe(409);
    expect((await call(expired, apiEvent({ body: '{"name":"a"}' }))).status).toBe(410);
  });

  it('hides unexpected errors behind a generic 500', async () => {
    const failing = httpHandler({ route: 'RegisterMentor', body: schema }, async () => {
      throw new Error('secret detail: jean@example.org');
    });
    const res = await failing(apiEvent({ body: '{"name":"a"}' }), lambdaContext);
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toContain('secret');
    expect(JSON.parse(res.body).error.code).toBe('internal_error');
  });

  it('answers 503 with Retry-After when a dependency is unavailable (as the adapters report it)', async () => {
    const failing = httpHandler({ route: 'RegisterMentor', body: schema }, async () => {
      throw new ServiceUnavailableError('DynamoDB unavailable', { cause: Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }) });
    });
    const res = await failing(apiEvent({ body: '{"name":"a"}' }), lambdaContext);
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBeDefined();
    expect(JSON.parse(res.body).error.code).toBe('service_unavailable');
  });

  it('knows no AWS error name: a raw SDK error that reached it is a 500 (adapters must translate)', async () => {
    const failing = httpHandler({ route: 'RegisterMentor', body: schema }, async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    expect((await failing(apiEvent({ body: '{"name":"a"}' }), lambdaContext)).statusCode).toBe(500);
  });

  it('validates query strings', async () => {
    const handler = httpHandler({ route: 'FindCommunes', query: z.strictObject({ postalCode: z.string().regex(/^\d{5}$/) }) }, async ({ query }) => json(200, query));
    const ok = await handler(apiEvent({ method: 'GET', query: { postalCode: '13001' } }), lambdaContext);
    const bad = await handler(apiEvent({ method: 'GET', query: { postalCode: '1' } }), lambdaContext);
    expect([ok.statusCode, bad.statusCode]).toEqual([200, 400]);
  });
});

describe('the routes the chain authorizes', () => {
  it('reads each route’s auth from a slim copy that equals the route table’s', () => {
    expect(ROUTE_AUTH).toEqual(Object.fromEntries(ROUTES.map((r) => [r.id, r.auth])));
  });
});

describe('language negotiation', () => {
  it.each([
    [undefined, 'fr'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['de-DE,en;q=0.8,fr;q=0.9', 'fr'],
    ['de', 'fr'],
    ['fr;q=0, en', 'en'],
    ['garbage;;;', 'fr'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('the actor of an authenticated request', () => {
  it('is on every log line of the request: the account’s opaque id and its group, never a claim with personal data', async () => {
    const { logger } = await import('../../shared/observability/logger');
    const appended = vi.spyOn(logger, 'appendKeys');
    const handler = httpHandler({ route: 'GetAttention' }, async () => json(200, {}));
    const event = apiEvent({ method: 'GET', path: '/api/admin/attention' });
    (event.requestContext as unknown as { authorizer: unknown }).authorizer = {
      jwt: { claims: { sub: 'officer-sub-1', 'cognito:groups': '[admin]', email: 'officer@cci.example', name: 'Claire' }, scopes: [] },
    };

    const res = await handler(event, lambdaContext);

    expect(res.statusCode).toBe(200);
    expect(appended).toHaveBeenCalledWith({ actor: 'officer-sub-1', actorGroup: 'admin' });
    expect(JSON.stringify(appended.mock.calls)).not.toMatch(/officer@cci\.example|Claire/);
    appended.mockRestore();
  });
});
