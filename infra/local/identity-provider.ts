/**
 * The local identity provider of `npm start`, the stand-in for Cognito's managed login, mounted
 * under `/_local/auth/`: the OAuth 2.0 authorization-code flow with PKCE (S256) that the console
 * runs, a sign-in page that lists the demo accounts (the CCI officer, an adviser of each active
 * partner) instead of asking for a password, ID tokens with Cognito's claims, signed RS256 by a
 * key kept in `.local/` (the same key `npm run token` signs with) and published as a JWKS, which
 * the API emulator verifies like API Gateway's JWT authorizer.
 *
 * Local only: nothing here is deployed. Codes live two minutes in memory and serve once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { CLAIMS, type UserGroup } from '../../shared/http/auth';
import { CONTENT_SECURITY_POLICY } from '../../shared/http/site-policy';
import type { PartnerStore } from '../../shared/ports/partner-store';
import { CONSOLE_HOME_PATH, CONSOLE_REDIRECT_PATH, CONSOLE_SCOPE, type ConsoleConfig } from '../config/console-config';
import { createJwtAuthorizer, type JwtAuthorizer } from './jwt-authorizer';

/** Where the provider is mounted on the local origin. */
export const LOCAL_AUTH_PATH = '/_local/auth';
/** The console's app client id locally (Cognito's is generated at deploy). */
export const LOCAL_CLIENT_ID = 'tandem-local-console';
/** ID and access tokens live an hour, as the console client's do in Cognito. */
export const TOKEN_LIFETIME_SECONDS = 3600;
/** An authorization code is exchanged within two minutes, once. */
export const CODE_LIFETIME_SECONDS = 120;
/** The signing key's file name under `.local/`. */
export const IDENTITY_KEY_FILE = 'identity-key.json';
const ALG = 'RS256';

/** The issuer of the local tokens: `<origin>/_local/auth`. */
export const localIssuer = (origin: string) => `${origin}${LOCAL_AUTH_PATH}`;

/** `assets/console.json` of the local site: the console signs in here. */
export function localConsoleConfig(origin: string, clientId = LOCAL_CLIENT_ID): ConsoleConfig {
  const base = localIssuer(origin);
  return {
    authorizeUrl: `${base}/authorize`,
    tokenUrl: `${base}/token`,
    logoutUrl: `${base}/logout`,
    clientId,
    redirectPath: CONSOLE_REDIRECT_PATH,
    scope: CONSOLE_SCOPE,
  };
}

// ── The signing key ──────────────────────────────────────────────────────────────────────────────

export interface IdentityKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

/** A new RS256 key pair, named by its JWK thumbprint. */
export async function generateIdentityKey(): Promise<IdentityKey> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: 'RSA', n: jwk.n!, e: jwk.e! });
  return identityKeyOf({ ...jwk, kid, alg: ALG });
}

function identityKeyOf(jwk: JWK): IdentityKey {
  if (jwk.kty !== 'RSA' || !jwk.n || !jwk.e || !jwk.d || !jwk.kid) throw new Error('Not an RSA private JWK with a kid');
  const publicJwk: JWK = { kty: 'RSA', n: jwk.n, e: jwk.e, kid: jwk.kid, alg: ALG, use: 'sig' };
  return { kid: jwk.kid, privateJwk: jwk, publicJwk };
}

/**
 * The key in `file` (a private JWK, owner-only), created when missing; `created` says which.
 * A hub and `npm run token` creating it at once agree: the second reads the first's file.
 */
export async function loadOrCreateIdentityKey(file: string): Promise<{ key: IdentityKey; created: boolean }> {
  if (existsSync(file)) return { key: identityKeyOf(JSON.parse(await readFile(file, 'utf8')) as JWK), created: false };
  await mkdir(dirname(file), { recursive: true });
  const key = await generateIdentityKey();
  try {
    await writeFile(file, `${JSON.stringify(key.privateJwk)}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateIdentityKey(file);
    throw error;
  }
  await chmod(file, 0o600);
  return { key, created: true };
}

/** A key kept in memory only (`--in-memory`, tests). */
export const createMemoryIdentityKey = (): Promise<IdentityKey> => generateIdentityKey();

/** The JWKS published at `/_local/auth/jwks.json`. */
export const jwksOf = (key: IdentityKey): JSONWebKeySet => ({ keys: [key.publicJwk] });

// ── Accounts and tokens ──────────────────────────────────────────────────────────────────────────

/** A demo account of the sign-in page (and of `npm run token`). */
export interface LocalAccount {
  /** Stable per account: `local-admin`, `local-partner-<partnerId>`. */
  readonly sub: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly UserGroup[];
  readonly partnerId?: string;
  /** What the sign-in page's button says. */
  readonly label: string;
}

export const OFFICER_ACCOUNT: LocalAccount = {
  sub: 'local-admin',
  name: 'Chargée de mission CCI',
  email: 'cci.officer@tandem.local',
  groups: ['admin'],
  label: 'Chargée de mission CCI',
};

/** The adviser of a partner; without the partner's name (scripts), its id stands in. */
export function adviserAccount(partner: { readonly id: string; readonly name?: string }): LocalAccount {
  const organisation = partner.name ?? partner.id;
  return {
    sub: `local-partner-${partner.id}`,
    name: `Conseiller·ère ${organisation}`,
    email: `adviser+${partner.id}@tandem.local`,
    groups: ['partner'],
    partnerId: partner.id,
    label: organisation,
  };
}

export interface TokenOptions {
  readonly issuer: string;
  readonly audience: string;
  /** @default new Date() */
  readonly now?: Date;
  /** @default TOKEN_LIFETIME_SECONDS */
  readonly lifetimeSeconds?: number;
}

async function privateKeyOf(key: IdentityKey) {
  return importJWK(key.privateJwk, ALG);
}

/** An ID token with Cognito's claims: `token_use: id`, `cognito:groups`, `custom:partnerId` for advisers. */
export async function signIdToken(key: IdentityKey, account: LocalAccount, options: TokenOptions): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    [CLAIMS.tokenUse]: 'id',
    [CLAIMS.groups]: [...account.groups],
    ...(account.partnerId ? { [CLAIMS.partnerId]: account.partnerId } : {}),
    'cognito:username': account.sub,
    name: account.name,
    email: account.email,
    email_verified: true,
    auth_time: iat,
  })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(account.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS))
    .setJti(randomBytes(16).toString('hex'))
    .sign(await privateKeyOf(key));
}

/** An access token as Cognito's: `client_id` instead of `aud`, scopes, groups, no profile claims. */
export async function signAccessToken(key: IdentityKey, account: LocalAccount, options: TokenOptions & { scope: string }): Promise<string> {
  const iat = Math.floor((options.now ?? new Date()).getTime() / 1000);
  return new SignJWT({
    [CLAIMS.tokenUse]: 'access',
    [CLAIMS.groups]: [...account.groups],
    client_id: options.audience,
    scope: options.scope,
    username: account.sub,
    auth_time: iat,
  })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(options.issuer)
    .setSubject(account.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeSeconds ?? TOKEN_LIFETIME_SECONDS))
    .setJti(randomBytes(16).toString('hex'))
    .sign(await privateKeyOf(key));
}

// ── The HTTP endpoints ───────────────────────────────────────────────────────────────────────────

export interface IdentityProviderOptions {
  /** The hub's origin (`http://localhost:3000`): the issuer's base and the only allowed redirect origin. */
  readonly origin: string;
  readonly key: IdentityKey;
  /** Where the advisers come from: one per active partner. */
  readonly partners: Pick<PartnerStore, 'listActive'>;
  /** @default LOCAL_CLIENT_ID */
  readonly clientId?: string;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Error lines (no personal data). @default console.log */
  readonly log?: (line: string) => void;
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
  codeChallenge: string;
  scope: string;
}

interface IssuedCode extends AuthorizeRequest {
  account: LocalAccount;
  expiresAt: number;
}

class OAuthError extends Error {
  constructor(
    readonly code: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'unsupported_response_type',
    message: string,
  ) {
    super(message);
    this.name = 'OAuthError';
  }
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';
const PKCE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
const PKCE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const MAX_FORM_BYTES = 16 * 1024;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const pkceChallengeOf = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolveForm, reject) => {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      reject(new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded.'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new OAuthError('invalid_request', 'The body is too large.'));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolveForm(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.once('error', reject);
  });
}

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="color-scheme" content="light">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(title)} — Tandem (local)</title>
  <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/assets/styles.css">
</head>
<body>
  <a class="skip-link" href="#main">Aller au contenu principal</a>
  <header class="site-header">
    <div class="wrap header-inner">
      <a class="brand" href="/"><span class="brand-mark" aria-hidden="true"></span>Tandem <span class="brand-tagline">connexion locale</span></a>
    </div>
  </header>
  <main id="main" class="wrap narrow" tabindex="-1">
${body}
  </main>
</body>
</html>
`;
}

/** Creates the provider; `handle` answers the paths under `/_local/auth` and resolves false for others. */
export function createIdentityProvider(options: IdentityProviderOptions) {
  const origin = new URL(options.origin).origin;
  const issuer = localIssuer(origin);
  const clientId = options.clientId ?? LOCAL_CLIENT_ID;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(line));
  const jwks = jwksOf(options.key);
  const codes = new Map<string, IssuedCode>();

  /** The accounts of the sign-in page: the officer always, an adviser per active partner. */
  async function accounts(): Promise<{ list: LocalAccount[]; partnersUnreadable: boolean }> {
    try {
      const partners = await options.partners.listActive();
      return { list: [OFFICER_ACCOUNT, ...partners.map(adviserAccount)], partnersUnreadable: false };
    } catch (error) {
      log(`[auth] partners could not be read: ${error instanceof Error ? error.name : 'error'}`);
      return { list: [OFFICER_ACCOUNT], partnersUnreadable: true };
    }
  }

  function sameOrigin(uri: string): boolean {
    try {
      const url = new URL(uri);
      return url.origin === origin && !url.username && !url.password;
    } catch {
      return false;
    }
  }

  /** The authorization request's parameters, checked as Cognito would (plus PKCE, which the console always sends). */
  function authorizeRequestOf(params: URLSearchParams): AuthorizeRequest {
    if (params.get('client_id') !== clientId) throw new OAuthError('invalid_client', 'Unknown client_id.');
    const redirectUri = params.get('redirect_uri') ?? '';
    // Exactly the registered callback, as Cognito matches its client's callback URLs.
    if (!sameOrigin(redirectUri) || redirectUri !== `${origin}${CONSOLE_REDIRECT_PATH}`) {
      throw new OAuthError('invalid_request', `redirect_uri must be ${origin}${CONSOLE_REDIRECT_PATH}.`);
    }
    if (params.get('response_type') !== 'code') throw new OAuthError('unsupported_response_type', 'response_type must be code.');
    const codeChallenge = params.get('code_challenge') ?? '';
    if (params.get('code_challenge_method') !== 'S256' || !PKCE_CHALLENGE.test(codeChallenge)) {
      throw new OAuthError('invalid_request', 'PKCE is required: code_challenge (S256) and code_challenge_method=S256.');
    }
    const scope = params.get('scope') || CONSOLE_SCOPE;
    if (!scope.split(' ').includes('openid')) throw new OAuthError('invalid_request', 'scope must include openid.');
    return { clientId, redirectUri, state: params.get('state') ?? undefined, codeChallenge, scope };
  }

  function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body: string | Buffer) {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { ...headers, 'content-length': bytes.length });
    res.end(bytes);
  }

  const sendJson = (res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}) =>
    send(res, status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra }, JSON.stringify(value));

  function errorPage(res: ServerResponse, status: number, error: OAuthError) {
    send(
      res,
      status,
      PAGE_HEADERS,
      page(
        'Demande de connexion refusée',
        `    <div class="card">
      <h1>Demande de connexion refusée</h1>
      <p class="alert alert-error" role="alert">Cette demande de connexion n’est pas valable${NBSP}: ouvrez la console et recommencez depuis son bouton «${NBSP}Se connecter${NBSP}».</p>
      <p lang="en">This sign-in request is not valid (${escapeHtml(error.code)}: ${escapeHtml(error.message)}). Open the console and sign in from there.</p>
      <p><a class="button button-primary" href="${CONSOLE_HOME_PATH}">Ouvrir la console</a></p>
    </div>`,
      ),
    );
  }

  function hidden(request: AuthorizeRequest): string {
    const fields: Array<[string, string | undefined]> = [
      ['response_type', 'code'],
      ['client_id', request.clientId],
      ['redirect_uri', request.redirectUri],
      ['state', request.state],
      ['code_challenge', request.codeChallenge],
      ['code_challenge_method', 'S256'],
      ['scope', request.scope],
    ];
    return fields
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value!)}">`)
      .join('');
  }

  async function signInPage(res: ServerResponse, request: AuthorizeRequest) {
    const { list, partnersUnreadable } = await accounts();
    const button = (account: LocalAccount, style: string, detail: string) =>
      `<form method="post" action="${LOCAL_AUTH_PATH}/authorize">${hidden(request)}<input type="hidden" name="account" value="${escapeHtml(account.sub)}">` +
      `<button type="submit" class="button ${style}">${escapeHtml(account.label)}<span class="sr-only"> — ${escapeHtml(detail)}</span></button></form>`;
    const advisers = list.filter((a) => a.partnerId);
    const partnersPart = partnersUnreadable
      ? `<p class="alert alert-error" role="alert">Les partenaires n’ont pas pu être lus dans la table locale. / The partners could not be read from the local table.</p>`
      : advisers.length === 0
        ? `<p class="alert">Aucun partenaire actif pour l’instant${NBSP}: personne ne peut se connecter comme conseiller·ère. / No active partner yet.</p>`
        : `<div class="success-actions" role="list" aria-labelledby="partners">\n${advisers
            .map((a) => `        <div role="listitem">${button(a, 'button-secondary', `conseiller·ère, ${a.email}`)}</div>`)
            .join('\n')}\n      </div>`;
    send(
      res,
      200,
      PAGE_HEADERS,
      page(
        'Connexion à la console',
        `    <div class="card">
      <h1>Connexion à la console</h1>
      <p>Fournisseur d’identité local de <code>npm start</code>${NBSP}: choisissez un compte de démonstration, sans mot de passe. En production, la connexion passe par Cognito (mot de passe et code à usage unique).</p>
      <p lang="en">Local identity provider: pick a demo account, no password. In AWS, people sign in with Cognito.</p>
    </div>
    <section class="form-section" aria-labelledby="cci">
      <h2 id="cci">CCI</h2>
      <p class="hint">Valide les mentors, suit l’appariement, les cohortes et les partenaires.</p>
      <div class="success-actions">${button(OFFICER_ACCOUNT, 'button-primary', `groupe admin, ${OFFICER_ACCOUNT.email}`)}</div>
    </section>
    <section class="form-section" aria-labelledby="partners">
      <h2 id="partners">Conseiller·ère d’un partenaire</h2>
      <p class="hint">Chaque partenaire actif a son compte de conseiller·ère${NNBSP}; il ne voit que les personnes qu’il a orientées.</p>
      ${partnersPart}
    </section>`,
      ),
    );
  }

  async function indexPage(res: ServerResponse) {
    const { list } = await accounts();
    const rows = list
      .map((a) => `        <li><strong>${escapeHtml(a.label)}</strong> — ${escapeHtml(a.email)} (${a.groups.join(', ')}${a.partnerId ? `, partenaire <code>${escapeHtml(a.partnerId)}</code>` : ''})</li>`)
      .join('\n');
    send(
      res,
      200,
      PAGE_HEADERS,
      page(
        'Fournisseur d’identité local',
        `    <div class="card">
      <h1>Fournisseur d’identité local</h1>
      <p>La console vous amène ici pour vous connecter${NBSP}: <a href="${CONSOLE_HOME_PATH}">ouvrir la console</a>.</p>
      <p>Pour les scripts${NBSP}: <code>npm run token -- admin</code> ou <code>npm run token -- partner &lt;partnerId&gt;</code> affiche un jeton d’identité valable une heure.</p>
      <p lang="en">The console brings you here to sign in. For scripts, <code>npm run token -- admin</code> or <code>npm run token -- partner &lt;partnerId&gt;</code> prints an ID token.</p>
      <p>Émetteur / issuer${NBSP}: <code>${escapeHtml(issuer)}</code> · client${NBSP}: <code>${escapeHtml(clientId)}</code> · <a href="${LOCAL_AUTH_PATH}/jwks.json">JWKS</a></p>
      <h2>Comptes de démonstration</h2>
      <ul>
${rows}
      </ul>
    </div>`,
      ),
    );
  }

  async function issueCode(res: ServerResponse, form: URLSearchParams) {
    const request = authorizeRequestOf(form);
    const { list } = await accounts();
    const account = list.find((a) => a.sub === form.get('account'));
    if (!account) throw new OAuthError('invalid_request', 'Unknown account.');
    const nowMs = now().getTime();
    for (const [code, issued] of codes) if (issued.expiresAt <= nowMs) codes.delete(code);
    const code = randomBytes(32).toString('base64url');
    codes.set(code, { ...request, account, expiresAt: nowMs + CODE_LIFETIME_SECONDS * 1000 });
    const target = new URL(request.redirectUri);
    target.searchParams.set('code', code);
    if (request.state !== undefined) target.searchParams.set('state', request.state);
    res.writeHead(303, { location: target.href, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
  }

  async function exchangeCode(res: ServerResponse, form: URLSearchParams) {
    if (form.get('grant_type') !== 'authorization_code') throw new OAuthError('unsupported_grant_type', 'grant_type must be authorization_code.');
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code); // one use, whatever happens next
    if (!issued || issued.expiresAt <= now().getTime()) throw new OAuthError('invalid_grant', 'The code is unknown, used or expired.');
    if (form.get('client_id') !== issued.clientId) throw new OAuthError('invalid_client', 'client_id does not match the code.');
    if (form.get('redirect_uri') !== issued.redirectUri) throw new OAuthError('invalid_grant', 'redirect_uri does not match the code.');
    const verifier = form.get('code_verifier') ?? '';
    if (!PKCE_VERIFIER.test(verifier) || pkceChallengeOf(verifier) !== issued.codeChallenge) {
      throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge.');
    }
    const tokenOptions = { issuer, audience: issued.clientId, now: now() };
    sendJson(res, 200, {
      id_token: await signIdToken(options.key, issued.account, tokenOptions),
      access_token: await signAccessToken(options.key, issued.account, { ...tokenOptions, scope: issued.scope }),
      token_type: 'Bearer',
      expires_in: TOKEN_LIFETIME_SECONDS,
    });
  }

  function logout(res: ServerResponse, params: URLSearchParams) {
    if (params.get('client_id') !== clientId) throw new OAuthError('invalid_client', 'Unknown client_id.');
    const logoutUri = params.get('logout_uri') ?? '';
    // Exactly the registered sign-out URL, as Cognito matches its client's logout URLs.
    if (!sameOrigin(logoutUri) || logoutUri !== `${origin}${CONSOLE_HOME_PATH}`) throw new OAuthError('invalid_request', `logout_uri must be ${origin}${CONSOLE_HOME_PATH}.`);
    res.writeHead(302, { location: new URL(logoutUri).href, 'cache-control': 'no-store', 'content-length': 0 });
    res.end();
  }

  async function route(req: IncomingMessage, res: ServerResponse, path: string, params: URLSearchParams): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const allow = (methods: string) => {
      req.resume();
      send(res, 405, { allow: methods, 'content-type': 'text/plain; charset=utf-8' }, 'Method Not Allowed');
    };
    switch (path) {
      case '':
      case '/':
        return method === 'GET' ? indexPage(res) : allow('GET');
      case '/jwks.json':
        return method === 'GET' ? sendJson(res, 200, jwks, { 'cache-control': 'no-cache' }) : allow('GET');
      case '/.well-known/openid-configuration':
        return method === 'GET'
          ? sendJson(res, 200, {
              issuer,
              authorization_endpoint: `${issuer}/authorize`,
              token_endpoint: `${issuer}/token`,
              end_session_endpoint: `${issuer}/logout`,
              jwks_uri: `${issuer}/jwks.json`,
              response_types_supported: ['code'],
              grant_types_supported: ['authorization_code'],
              code_challenge_methods_supported: ['S256'],
              id_token_signing_alg_values_supported: [ALG],
              subject_types_supported: ['public'],
              scopes_supported: CONSOLE_SCOPE.split(' '),
            })
          : allow('GET');
      case '/authorize':
        if (method === 'GET') {
          try {
            return await signInPage(res, authorizeRequestOf(params));
          } catch (error) {
            if (error instanceof OAuthError) return errorPage(res, 400, error);
            throw error;
          }
        }
        if (method === 'POST') {
          try {
            return await issueCode(res, await readForm(req));
          } catch (error) {
            if (error instanceof OAuthError) return errorPage(res, 400, error);
            throw error;
          }
        }
        return allow('GET, POST');
      case '/token':
        if (method !== 'POST') return allow('POST');
        try {
          return await exchangeCode(res, await readForm(req));
        } catch (error) {
          if (error instanceof OAuthError) return sendJson(res, 400, { error: error.code, error_description: error.message });
          throw error;
        }
      case '/logout':
        if (method !== 'GET') return allow('GET');
        try {
          return logout(res, params);
        } catch (error) {
          if (error instanceof OAuthError) return errorPage(res, 400, error);
          throw error;
        }
      default:
        req.resume();
        return sendJson(res, 404, { error: { code: 'not_found', message: 'No such page of the local identity provider.' } });
    }
  }

  return {
    issuer,
    clientId,
    jwks,
    /** The console's `assets/console.json` for this provider. */
    consoleConfig: localConsoleConfig(origin, clientId),
    /** The emulator's JWT authorizer for this provider's tokens (audience: the console client). */
    authorizer: (): JwtAuthorizer => createJwtAuthorizer({ issuer, audience: [clientId], jwks, now }),
    /** Serves a request under `/_local/auth`; resolves false (nothing written) for any other path. */
    async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname !== LOCAL_AUTH_PATH && !url.pathname.startsWith(`${LOCAL_AUTH_PATH}/`)) return false;
      await route(req, res, url.pathname.slice(LOCAL_AUTH_PATH.length), url.searchParams);
      return true;
    },
  };
}

export type IdentityProvider = ReturnType<typeof createIdentityProvider>;
