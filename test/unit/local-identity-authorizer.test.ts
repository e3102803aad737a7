/**
 * The API emulator's JWT authorizer, as API Gateway's: no token, a forged signature, another
 * issuer or audience, an expired or not-yet-valid token → 401 with `www-authenticate: Bearer`
 * before the handler runs; a valid token's claims reach the handler in API Gateway's format;
 * public routes get no authorizer whatever they carry.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { SignJWT, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiEmulator } from '../../infra/local/api-emulator';
import {
  adviserAccount,
  createIdentityProvider,
  createMemoryIdentityKey,
  LOCAL_CLIENT_ID,
  OFFICER_ACCOUNT,
  signAccessToken,
  signIdToken,
  type IdentityKey,
} from '../../infra/local/identity-provider';
import { toAuthorizerClaims } from '../../infra/local/http-api-event';
import { authorize, claimsOf } from '../../shared/http/auth';
import type { RouteDefinition } from '../../shared/http/routes';

const ORIGIN = 'http://localhost:3000';
const ISSUER = `${ORIGIN}/_local/auth`;
const NOW = new Date('2026-12-01T09:00:00Z');
const ROUTES: RouteDefinition[] = [
  { id: 'Open', method: 'GET', path: '/api/open', entry: 'package.json', auth: 'public', throttle: { rateLimit: 100, burstLimit: 100 }, capabilities: [], summary: '' },
  { id: 'Guarded', method: 'GET', path: '/api/partner/things', entry: 'package.json', auth: 'partner', capabilities: [], summary: '' },
];

let key: IdentityKey;
let otherKey: IdentityKey;
let events: APIGatewayProxyEventV2[];
let api: ReturnType<typeof createApiEmulator>;

beforeAll(async () => {
  [key, otherKey] = await Promise.all([createMemoryIdentityKey(), createMemoryIdentityKey()]);
  const provider = createIdentityProvider({ origin: ORIGIN, key, partners: { listActive: async () => [] }, now: () => NOW });
  events = [];
  api = createApiEmulator({
    routes: ROUTES,
    rootDir: process.cwd(),
    log: () => undefined,
    authorizer: provider.authorizer(),
    importModule: async () => ({
      handler: async (event: APIGatewayProxyEventV2) => {
        events.push(event);
        return { statusCode: 200, body: '{}' };
      },
    }),
  });
});

function request(url: string, authorization?: string): IncomingMessage {
  const headers: Record<string, string> = { host: 'localhost:3000', ...(authorization ? { authorization } : {}) };
  return Object.assign(Readable.from([]) as unknown as IncomingMessage, {
    method: 'GET',
    url,
    headers,
    rawHeaders: Object.entries(headers).flat(),
    httpVersion: '1.1',
    socket: { remoteAddress: '127.0.0.1' },
  });
}

async function call(url: string, authorization?: string) {
  const captured: { status: number; headers: Record<string, unknown>; body: Buffer } = { status: 0, headers: {}, body: Buffer.alloc(0) };
  const res = {
    set statusCode(code: number) {
      captured.status = code;
    },
    setHeader(name: string, value: unknown) {
      captured.headers[name.toLowerCase()] = value;
    },
    end(body?: Buffer) {
      captured.body = body ?? Buffer.alloc(0);
    },
  } as unknown as ServerResponse;
  const before = events.length;
  await api.handle(request(url, authorization), res);
  return { ...captured, json: JSON.parse(captured.body.toString() || '{}') as { error?: { code: string; message: string } }, event: events[before] };
}

const adviser = adviserAccount({ id: 'work-up', name: 'Work’Up' });
const token = (options: Partial<Parameters<typeof signIdToken>[2]> = {}, signer = key) =>
  signIdToken(signer, adviser, { issuer: ISSUER, audience: LOCAL_CLIENT_ID, now: NOW, ...options });

describe('the emulator verifies tokens like API Gateway\'s JWT authorizer', () => {
  it.each([
    ['no Authorization header', async () => undefined, 'Bearer', /Authentication required/],
    ['a Basic credential', async () => 'Basic dXNlcjpwYXNz', 'Bearer', /Authentication required/],
    ['a string that is no JWT', async () => 'Bearer abc.def.ghi', 'Bearer error="invalid_token"', /malformed/],
    ['a forged signature (another key, same kid)', async () => `Bearer ${await token({}, { ...otherKey, kid: key.kid, privateJwk: { ...otherKey.privateJwk, kid: key.kid } })}`, 'Bearer error="invalid_token"', /signature/],
    ['a key the JWKS does not hold', async () => `Bearer ${await token({}, otherKey)}`, 'Bearer error="invalid_token"', /unknown key/],
    ['another issuer', async () => `Bearer ${await token({ issuer: 'http://localhost:4000/_local/auth' })}`, 'Bearer error="invalid_token"', /another issuer/],
    ['another audience', async () => `Bearer ${await token({ audience: 'another-client' })}`, 'Bearer error="invalid_token"', /another audience/],
    ['an expired token', async () => `Bearer ${await token({ now: new Date(NOW.getTime() - 3601_000) })}`, 'Bearer error="invalid_token"', /expired/],
    ['a token issued in the future', async () => `Bearer ${await token({ now: new Date(NOW.getTime() + 600_000) })}`, 'Bearer error="invalid_token"', /future/],
  ])('refuses %s: 401 unauthorized, the handler never runs', async (_name, header, challenge, message) => {
    const res = await call('/api/partner/things', await header());
    expect(res.status).toBe(401);
    expect(res.json.error?.code).toBe('unauthorized');
    expect(res.json.error?.message).toMatch(message);
    expect(res.headers['www-authenticate']).toBe(challenge);
    expect(res.event).toBeUndefined();
  });

  it('refuses a token not valid yet (nbf) and one without exp', async () => {
    const privateKey = await importJWK(key.privateJwk, 'RS256');
    const base = () => new SignJWT({ 'cognito:groups': ['partner'] }).setProtectedHeader({ alg: 'RS256', kid: key.kid }).setIssuer(ISSUER).setAudience(LOCAL_CLIENT_ID).setSubject('s');
    const early = await base().setIssuedAt(NOW).setNotBefore(new Date(NOW.getTime() + 600_000)).setExpirationTime(new Date(NOW.getTime() + 3600_000)).sign(privateKey);
    expect((await call('/api/partner/things', `Bearer ${early}`)).json.error?.message).toMatch(/not valid yet/);
    const forever = await base().setIssuedAt(NOW).sign(privateKey);
    expect((await call('/api/partner/things', `Bearer ${forever}`)).status).toBe(401);
  });

  it('hands a valid ID token\'s claims to the handler in API Gateway\'s format, which the chain reads back', async () => {
    const res = await call('/api/partner/things', `Bearer ${await token()}`);
    expect(res.status).toBe(200);
    const authorizer = (res.event!.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string>; scopes: unknown } } }).authorizer;
    expect(authorizer.jwt.scopes).toBeNull();
    expect(authorizer.jwt.claims).toMatchObject({
      sub: 'local-partner-work-up',
      iss: ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      'cognito:groups': '[partner]',
      'custom:partnerId': 'work-up',
      email_verified: 'true',
      iat: String(NOW.getTime() / 1000),
      exp: String(NOW.getTime() / 1000 + 3600),
    });
    for (const value of Object.values(authorizer.jwt.claims)) expect(typeof value).toBe('string');
    expect(authorize('partner', claimsOf(res.event!))).toEqual({ kind: 'partner', sub: 'local-partner-work-up', groups: ['partner'], partnerId: 'work-up' });
  });

  it('accepts the officer\'s token on a partner route (the 403 is the handler chain\'s), and an access token by its client_id with its scopes', async () => {
    const officer = await signIdToken(key, OFFICER_ACCOUNT, { issuer: ISSUER, audience: LOCAL_CLIENT_ID, now: NOW });
    const res = await call('/api/partner/things', `Bearer ${officer}`);
    expect(res.status).toBe(200);
    expect(() => authorize('partner', claimsOf(res.event!))).toThrow(/group/);

    const access = await signAccessToken(key, adviser, { issuer: ISSUER, audience: LOCAL_CLIENT_ID, now: NOW, scope: 'openid email' });
    const viaAccess = await call('/api/partner/things', `Bearer ${access}`);
    expect(viaAccess.status).toBe(200);
    const jwt = (viaAccess.event!.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } }).authorizer.jwt;
    expect(jwt.scopes).toEqual(['openid', 'email']);
    expect(jwt.claims.client_id).toBe(LOCAL_CLIENT_ID);
  });

  it('gives public routes no authorizer, with or without a token, valid or not', async () => {
    for (const header of [undefined, 'Bearer nonsense', `Bearer ${await token()}`]) {
      const res = await call('/api/open', header);
      expect(res.status).toBe(200);
      expect((res.event!.requestContext as unknown as { authorizer?: unknown }).authorizer).toBeUndefined();
    }
  });

  it('refuses every token on guarded routes when no identity provider is configured', async () => {
    const bare = createApiEmulator({ routes: ROUTES, rootDir: process.cwd(), log: () => undefined, importModule: async () => ({ handler: async () => ({ statusCode: 200 }) }) });
    const captured = { status: 0 };
    const res = { set statusCode(c: number) { captured.status = c; }, setHeader() {}, end() {} } as unknown as ServerResponse;
    await bare.handle(request('/api/partner/things', `Bearer ${await token()}`), res);
    expect(captured.status).toBe(401);
  });
});

describe('toAuthorizerClaims', () => {
  it('flattens as API Gateway does: strings, numbers and booleans as strings, arrays as [a b], objects as JSON', () => {
    expect(toAuthorizerClaims({ s: 'x', n: 12, b: false, a: ['admin', 'partner'], e: [], o: { k: 1 }, u: undefined, z: null })).toEqual({
      s: 'x',
      n: '12',
      b: 'false',
      a: '[admin partner]',
      e: '[]',
      o: '{"k":1}',
    });
  });
});
