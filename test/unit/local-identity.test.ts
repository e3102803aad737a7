/**
 * The local identity provider (infra/local/identity-provider.ts) over real HTTP: the sign-in page,
 * the authorization-code flow with PKCE as the console runs it, Cognito-shaped ID tokens that
 * verify against the published JWKS, one-time codes, refused requests, logout, the key file
 * shared with `npm run token`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createIdentityProvider,
  createMemoryIdentityKey,
  loadOrCreateIdentityKey,
  localConsoleConfig,
  LOCAL_CLIENT_ID,
  signIdToken,
  OFFICER_ACCOUNT,
  type IdentityKey,
} from '../../infra/local/identity-provider';
import { createStaticSite, localGeneratedFiles } from '../../infra/local/static-site';
import { DEFAULT_OPERATOR } from '../../infra/config/stages';
import { accountOf } from '../../scripts/token';

const ORIGIN = 'http://localhost:3000';
const REDIRECT = `${ORIGIN}/console/callback.html`;
const PARTNERS = [
  { id: 'work-up', name: 'Work’Up Massilia' },
  { id: 'mission-locale', name: 'Mission locale <Marseille>' },
];

let key: IdentityKey;
let clock = new Date('2026-12-01T09:00:00Z');
let partners: Array<{ id: string; name: string }> = PARTNERS;
let server: Server;
let base: string;

beforeAll(async () => {
  key = await createMemoryIdentityKey();
  const provider = createIdentityProvider({
    origin: ORIGIN,
    key,
    partners: { listActive: async () => partners },
    now: () => clock,
    log: () => undefined,
  });
  server = createServer((req, res) => {
    void provider.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(418).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

function authorizeParams(overrides: Record<string, string | undefined> = {}) {
  const params: Record<string, string | undefined> = {
    response_type: 'code',
    client_id: LOCAL_CLIENT_ID,
    redirect_uri: REDIRECT,
    state: 'st-123',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    scope: 'openid email profile',
    ...overrides,
  };
  return new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

const form = (body: URLSearchParams) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: body.toString(),
  redirect: 'manual' as const,
});

/** Signs in as `account` and returns the code and state the browser is sent back with. */
async function signIn(account: string, challenge: string) {
  const params = authorizeParams({ code_challenge: challenge });
  params.set('account', account);
  const res = await fetch(`${base}/_local/auth/authorize`, form(params));
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location')!);
  return { location, code: location.searchParams.get('code')!, state: location.searchParams.get('state') };
}

const exchange = (code: string, verifier: string, overrides: Record<string, string> = {}) =>
  fetch(
    `${base}/_local/auth/token`,
    form(new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: LOCAL_CLIENT_ID, code_verifier: verifier, ...overrides })),
  );

describe('sign-in page', () => {
  it('is a French page in the site\'s style listing the officer and one adviser per active partner, each a POST form', async () => {
    const res = await fetch(`${base}/_local/auth/authorize?${authorizeParams()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/styles.css">');
    expect(html).toContain('Chargée de mission CCI');
    expect(html).toContain('Work’Up Massilia');
    expect(html).toContain('Mission locale &lt;Marseille&gt;'); // escaped
    const forms = html.match(/<form method="post" action="\/_local\/auth\/authorize">/g) ?? [];
    expect(forms).toHaveLength(1 + PARTNERS.length);
    for (const sub of ['local-admin', 'local-partner-work-up', 'local-partner-mission-locale']) {
      expect(html).toContain(`name="account" value="${sub}"`);
    }
    expect(html).toContain('name="state" value="st-123"');
    expect(html).not.toMatch(/<script|style="/);
  });

  it('says so when no partner is active, and still offers the officer', async () => {
    partners = [];
    try {
      const html = await (await fetch(`${base}/_local/auth/authorize?${authorizeParams()}`)).text();
      expect(html).toContain('Aucun partenaire actif');
      expect(html).toContain('value="local-admin"');
    } finally {
      partners = PARTNERS;
    }
  });

  it.each([
    ['an unknown client_id', { client_id: 'someone-else' }],
    ['a redirect_uri on another origin', { redirect_uri: 'https://evil.example/console/callback.html' }],
    ['a redirect_uri on another port', { redirect_uri: 'http://localhost:4000/console/callback.html' }],
    ['a redirect_uri of the hub other than the registered callback (Cognito matches exactly)', { redirect_uri: `${ORIGIN}/console/mentor.html` }],
    ['no PKCE challenge', { code_challenge: undefined }],
    ['the plain PKCE method', { code_challenge_method: 'plain' }],
    ['another response type', { response_type: 'token' }],
  ])('refuses %s with a 400 page and no redirect', async (_name, overrides) => {
    const res = await fetch(`${base}/_local/auth/authorize?${authorizeParams(overrides)}`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('Demande de connexion refusée');
  });

  it('refuses to issue a code for a foreign redirect_uri or an unknown account', async () => {
    const foreign = authorizeParams({ redirect_uri: 'https://evil.example/cb' });
    foreign.set('account', 'local-admin');
    expect((await fetch(`${base}/_local/auth/authorize`, form(foreign))).status).toBe(400);
    const unknown = authorizeParams();
    unknown.set('account', 'local-partner-nobody');
    expect((await fetch(`${base}/_local/auth/authorize`, form(unknown))).status).toBe(400);
  });
});

describe('authorization code with PKCE', () => {
  it('redirects with code and state, then gives Cognito-shaped tokens that verify against the JWKS', async () => {
    const { verifier, challenge } = pkce();
    const { location, code, state } = await signIn('local-partner-work-up', challenge);
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(state).toBe('st-123');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const res = await exchange(code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });

    const jwks = await (await fetch(`${base}/_local/auth/jwks.json`)).json();
    const { payload, protectedHeader } = await jwtVerify(String(body.id_token), createLocalJWKSet(jwks), {
      issuer: `${ORIGIN}/_local/auth`,
      audience: LOCAL_CLIENT_ID,
      currentDate: clock,
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: key.kid });
    expect(payload).toMatchObject({
      sub: 'local-partner-work-up',
      token_use: 'id',
      'cognito:groups': ['partner'],
      'custom:partnerId': 'work-up',
      email: 'adviser+work-up@tandem.local',
      name: 'Conseiller·ère Work’Up Massilia',
    });
    expect(payload.exp! - payload.iat!).toBe(3600);
    expect(payload.iat).toBe(clock.getTime() / 1000);

    const access = decodeJwt(String(body.access_token));
    expect(access).toMatchObject({ token_use: 'access', client_id: LOCAL_CLIENT_ID, scope: 'openid email profile', sub: 'local-partner-work-up' });
    expect(access.aud).toBeUndefined();
  });

  it('gives the officer the admin group and no partner id', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await signIn('local-admin', challenge);
    const body = (await (await exchange(code, verifier)).json()) as { id_token: string };
    const claims = decodeJwt(body.id_token);
    expect(claims).toMatchObject({ sub: 'local-admin', 'cognito:groups': ['admin'], email: 'cci.officer@tandem.local' });
    expect(claims['custom:partnerId']).toBeUndefined();
  });

  it('serves a code once, and never with the wrong verifier, redirect_uri or client', async () => {
    const { verifier, challenge } = pkce();
    const first = await signIn('local-admin', challenge);
    expect((await exchange(first.code, verifier)).status).toBe(200);
    const replay = await exchange(first.code, verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });

    const cases: Array<[Record<string, string>, string, boolean]> = [
      [{ code_verifier: pkce().verifier }, 'invalid_grant', true],
      [{ code_verifier: 'short' }, 'invalid_grant', true],
      [{ redirect_uri: `${ORIGIN}/console/other.html` }, 'invalid_grant', true],
      [{ client_id: 'someone-else' }, 'invalid_client', true],
      // Refused before the code is looked at: it stays usable.
      [{ grant_type: 'client_credentials' }, 'unsupported_grant_type', false],
    ];
    for (const [overrides, error, spent] of cases) {
      const { code } = await signIn('local-admin', challenge);
      const res = await exchange(code, verifier, overrides);
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      expect(await res.json()).toMatchObject({ error });
      // A failed attempt on the code spends it.
      expect((await exchange(code, verifier)).status).toBe(spent ? 400 : 200);
    }
  });

  it('lets a code lapse after two minutes', async () => {
    const { verifier, challenge } = pkce();
    const { code } = await signIn('local-admin', challenge);
    const start = clock;
    clock = new Date(start.getTime() + 121_000);
    try {
      expect(await (await exchange(code, verifier)).json()).toMatchObject({ error: 'invalid_grant' });
    } finally {
      clock = start;
    }
  });

  it('refuses a token request that is not a form', async () => {
    const res = await fetch(`${base}/_local/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('logout and the other endpoints', () => {
  it('redirects to a logout_uri of the hub only', async () => {
    const ok = await fetch(`${base}/_local/auth/logout?client_id=${LOCAL_CLIENT_ID}&logout_uri=${encodeURIComponent(`${ORIGIN}/console/`)}`, { redirect: 'manual' });
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe(`${ORIGIN}/console/`);
    const foreign = await fetch(`${base}/_local/auth/logout?client_id=${LOCAL_CLIENT_ID}&logout_uri=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
    const elsewhere = await fetch(`${base}/_local/auth/logout?client_id=${LOCAL_CLIENT_ID}&logout_uri=${encodeURIComponent(`${ORIGIN}/mentor.html`)}`, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
  });

  it('publishes the JWKS (public key only) and an OpenID configuration', async () => {
    const jwks = (await (await fetch(`${base}/_local/auth/jwks.json`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', kid: key.kid, alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const config = await (await fetch(`${base}/_local/auth/.well-known/openid-configuration`)).json();
    expect(config).toMatchObject({ issuer: `${ORIGIN}/_local/auth`, code_challenge_methods_supported: ['S256'] });
  });

  it('has an index page naming the demo accounts and the token command', async () => {
    const html = await (await fetch(`${base}/_local/auth/`)).text();
    expect(html).toContain('npm run token -- admin');
    expect(html).toContain('adviser+work-up@tandem.local');
  });

  it('leaves other paths to the rest of the local server', async () => {
    expect((await fetch(`${base}/_local/mailbox`)).status).toBe(418);
    expect((await fetch(`${base}/_local/authority`)).status).toBe(418);
  });

  it('gives the console its configuration (the contract of assets/console.json)', () => {
    expect(localConsoleConfig(ORIGIN)).toEqual({
      authorizeUrl: `${ORIGIN}/_local/auth/authorize`,
      tokenUrl: `${ORIGIN}/_local/auth/token`,
      logoutUrl: `${ORIGIN}/_local/auth/logout`,
      clientId: LOCAL_CLIENT_ID,
      redirectPath: '/console/callback.html',
      scope: 'openid email profile',
    });
  });
});

describe('assets/console.json on the local site', () => {
  it('is served beside operator.json, as the deployment writes it', async () => {
    const site = createStaticSite(join(process.cwd(), 'web'), localGeneratedFiles(DEFAULT_OPERATOR, localConsoleConfig(ORIGIN)));
    const siteServer = createServer((req, res) => void site(req, res));
    await new Promise<void>((resolve) => siteServer.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(siteServer.address() as AddressInfo).port}/assets/console.json`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(localConsoleConfig(ORIGIN));
    } finally {
      await new Promise((resolve) => siteServer.close(resolve));
    }
    expect(Object.keys(localGeneratedFiles(DEFAULT_OPERATOR))).toEqual(['/assets/operator.json']);
  });
});

describe('the key in .local/ and npm run token', () => {
  it('creates the key once (owner-only) and reads the same key back', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'tandem-identity-')), 'sub', 'identity-key.json');
    const first = await loadOrCreateIdentityKey(file);
    expect(first.created).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await loadOrCreateIdentityKey(file);
    expect(again.created).toBe(false);
    expect(again.key.kid).toBe(first.key.kid);
    expect(JSON.parse(await readFile(file, 'utf8'))).toHaveProperty('d');
    // A token signed with the file's key (npm run token) verifies against a hub using that file.
    const token = await signIdToken(first.key, OFFICER_ACCOUNT, { issuer: `${ORIGIN}/_local/auth`, audience: LOCAL_CLIENT_ID });
    await expect(jwtVerify(token, createLocalJWKSet({ keys: [again.key.publicJwk] }))).resolves.toBeDefined();
  });

  it('names the account of the command line, with a clear error for a missing or bad partner id', () => {
    expect(accountOf(['admin'])).toMatchObject({ sub: 'local-admin', groups: ['admin'] });
    expect(accountOf(['partner', 'work-up'])).toMatchObject({ sub: 'local-partner-work-up', partnerId: 'work-up', groups: ['partner'] });
    expect(() => accountOf(['partner'])).toThrow(/Identifiant de partenaire manquant.*Missing partner id/);
    expect(() => accountOf(['partner', 'a/b'])).toThrow(/Invalid partner id/);
    expect(() => accountOf(['root'])).toThrow(/Unknown account/);
    expect(() => accountOf([])).toThrow(/Which account/);
  });
});
