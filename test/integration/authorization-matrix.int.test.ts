/**
 * The authorization matrix, generated from the route table: every route × {anonymous, forged token,
 * expired token, admin, partner A, partner B}, through the local API emulator (API Gateway's JWT
 * authorizer stand-in) and the real handler modules against DynamoDB Local.
 *
 * - public routes: never 401 or 403, whatever the token;
 * - guarded routes: anonymous, forged (right claims, wrong key) and expired → 401;
 *   the other group → 403 (from the handler chain); the right group → neither, and no 5xx.
 * The expected status comes from each route's `auth`, which must agree with the OpenAPI document's
 * `security`; every route needs its row in PROBES (a Record over RouteId), so a new route does not
 * compile, nor pass, without one. Partner A's lists never hold partner B's people.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiEmulator } from '../../infra/local/api-emulator';
import {
  adviserAccount,
  createIdentityProvider,
  createMemoryIdentityKey,
  LOCAL_CLIENT_ID,
  localIssuer,
  OFFICER_ACCOUNT,
  signIdToken,
  type IdentityKey,
  type LocalAccount,
} from '../../infra/local/identity-provider';
import { partnerItem, personItem, tandemItem } from '../../shared/db/items';
import type { Tandem } from '../../shared/domain/matching';
import type { Partner } from '../../shared/domain/people';
import { buildOpenApiDocument } from '../../shared/http/openapi';
import { ROUTES, type RouteAuth, type RouteDefinition, type RouteId } from '../../shared/http/routes';
import { startHandlerStack, type HandlerStack } from '../helpers/handler-stack';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ORIGIN = 'http://localhost:3000';
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

/** The request each route gets: its path parameters and a body, valid or not (a 400, 404 or 409 is fine). */
interface Probe {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: string;
  readonly body?: unknown;
}

const PROBES: Record<RouteId, Probe> = {
  GetOpenApi: {},
  GetReference: {},
  FindCommunes: { query: 'postalCode=13001' },
  ListPartners: {},
  RegisterMentor: { body: {} },
  RegisterMentee: { body: {} },
  ConfirmEmail: { body: { token: 'not-a-token' } },
  ResendVerification: { body: {} },
  ViewProposal: { body: {} },
  DecideProposal: { body: {} },
  ReactivateMentor: { body: {} },
  ViewFollowUp: { body: {} },
  AnswerFollowUp: { body: {} },
  GetAttention: {},
  ListAdminPartners: {},
  CreatePartner: { body: {} },
  UpdatePartner: { params: { partnerId: 'no-such-partner' }, body: {} },
  ListMentors: {},
  GetMentor: { params: { mentorId: UNKNOWN } },
  UpdateMentor: { params: { mentorId: UNKNOWN }, body: {} },
  ChangeMentorStatus: { params: { mentorId: UNKNOWN }, body: {} },
  ListMentees: {},
  GetMentee: { params: { menteeId: UNKNOWN } },
  StartMenteeMatching: { params: { menteeId: UNKNOWN }, body: {} },
  ListTandems: {},
  GetTandem: { params: { tandemId: UNKNOWN } },
  CloseTandem: { params: { tandemId: UNKNOWN }, body: {} },
  RecordTandemOutcome: { params: { tandemId: UNKNOWN, milestone: '6' }, body: {} },
  ResolveTandemAlert: { params: { tandemId: UNKNOWN, kind: 'silent' } },
  ExportPerson: { params: { role: 'mentee', personId: UNKNOWN } },
  ErasePerson: { params: { role: 'mentee', personId: UNKNOWN }, body: {} },
  ListCohortDrafts: {},
  CreateCohortDraft: { body: {} },
  GetCohortDraft: { params: { draftId: UNKNOWN } },
  ReviseCohortDraft: { params: { draftId: UNKNOWN }, body: {} },
  PublishCohortDraft: { params: { draftId: UNKNOWN }, body: {} },
  ReferMentee: { body: {} },
  ListPartnerMentees: {},
  ListPartnerTandems: {},
  GetPartnerTandem: { params: { tandemId: UNKNOWN } },
  GetReportKpis: { query: 'period=2026-10' },
  ListReports: {},
  GetReportFile: { params: { period: '2026-10', file: 'report.json' } },
  RunReport: { body: {} },
  ImportProgramme: { body: {} },
};

const CALLERS = ['anonymous', 'forged', 'expired', 'admin', 'partner A', 'partner B'] as const;
type Caller = (typeof CALLERS)[number];

type Expected = { status: 401 } | { status: 403 } | { allowed: true };

/** What a caller gets on a route of this kind. */
function expected(auth: RouteAuth, caller: Caller): Expected {
  if (auth === 'public') return { allowed: true };
  if (caller === 'anonymous' || caller === 'forged' || caller === 'expired') return { status: 401 };
  const group = caller === 'admin' ? 'admin' : 'partner';
  return group === auth ? { allowed: true } : { status: 403 };
}

const partnerA: Partner = { id: `matrix-a-${randomUUID().slice(0, 8)}`, name: 'Partenaire A', kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z' };
const partnerB: Partner = { ...partnerA, id: `matrix-b-${randomUUID().slice(0, 8)}`, name: 'Partenaire B' };

let stack: HandlerStack;
let server: Server;
let base: string;
let key: IdentityKey;
let forger: IdentityKey;
const tokens = {} as Record<Exclude<Caller, 'anonymous' | 'forged' | 'expired'>, string>;
const seeded = { mentees: {} as Record<string, string[]>, tandems: {} as Record<string, string[]> };
const apiLog: string[] = [];

const accounts: Record<'admin' | 'partner A' | 'partner B', LocalAccount> = {
  admin: OFFICER_ACCOUNT,
  'partner A': adviserAccount(partnerA),
  'partner B': adviserAccount(partnerB),
};

/** The token a caller sends on a route: forged and expired ones carry the route's own group, so only the key or the date is wrong. */
async function authorizationFor(caller: Caller, route: RouteDefinition): Promise<string | undefined> {
  if (caller === 'anonymous') return undefined;
  if (caller === 'forged' || caller === 'expired') {
    const account = route.auth === 'partner' ? accounts['partner A'] : accounts.admin;
    const signer = caller === 'forged' ? { ...forger, kid: key.kid, privateJwk: { ...forger.privateJwk, kid: key.kid } } : key;
    const now = caller === 'expired' ? new Date(Date.now() - 2 * 3600_000) : new Date();
    return `Bearer ${await signIdToken(signer, account, { issuer: localIssuer(ORIGIN), audience: LOCAL_CLIENT_ID, now })}`;
  }
  return `Bearer ${tokens[caller]}`;
}

function urlOf(route: RouteDefinition, probe: Probe): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = probe.params?.[name];
    if (!value) throw new Error(`${route.id}: PROBES has no value for {${name}}`);
    return encodeURIComponent(value);
  });
  return `${base}${path}${probe.query ? `?${probe.query}` : ''}`;
}

async function send(route: RouteDefinition, caller: Caller) {
  const probe = PROBES[route.id as RouteId];
  const authorization = await authorizationFor(caller, route);
  const res = await fetch(urlOf(route, probe), {
    method: route.method,
    headers: {
      'accept-language': 'fr',
      ...(authorization ? { authorization } : {}),
      ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(probe.body !== undefined ? { body: JSON.stringify(probe.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

beforeAll(async () => {
  stack = await startHandlerStack('authz-matrix');
  [key, forger] = await Promise.all([createMemoryIdentityKey(), createMemoryIdentityKey()]);
  const provider = createIdentityProvider({ origin: ORIGIN, key, partners: { listActive: async () => [partnerA, partnerB] }, log: () => undefined });
  const api = createApiEmulator({ rootDir: ROOT, throttle: false, authorizer: provider.authorizer(), log: (line) => apiLog.push(line) });
  server = createServer((req, res) => void api.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  for (const caller of ['admin', 'partner A', 'partner B'] as const) {
    tokens[caller] = await signIdToken(key, accounts[caller], { issuer: localIssuer(ORIGIN), audience: LOCAL_CLIENT_ID });
  }

  // Each partner: one referred mentee waiting, one in a tandem with a mentor.
  const put = (Item: Record<string, unknown>) => stack.table.client.send(new PutCommand({ TableName: stack.table.tableName, Item }));
  for (const partner of [partnerA, partnerB]) {
    await put(partnerItem(partner));
    const waiting = menteeProfile({ partnerId: partner.id, firstName: `Attente ${partner.name}` });
    const matched = menteeProfile({ partnerId: partner.id, status: 'in_tandem', firstName: `Tandem ${partner.name}` });
    const mentor = mentorProfile({ activeMentees: 1 });
    const tandem: Tandem = { id: randomUUID(), menteeId: matched.id, mentorId: mentor.id, partnerId: partner.id, track: matched.track, status: 'active', startedAt: '2026-11-15T10:00:00.000Z', attempt: 1 };
    for (const item of [personItem(waiting), personItem(matched), personItem(mentor), tandemItem(tandem)]) await put(item);
    seeded.mentees[partner.id] = [waiting.id, matched.id];
    seeded.tandems[partner.id] = [tandem.id];
  }
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await stack?.stop();
});

describe('the matrix covers the route table', () => {
  it('has one row per route, and no row for a route that is gone', () => {
    expect(Object.keys(PROBES).sort()).toEqual(ROUTES.map((r) => r.id).sort());
  });

  it('agrees with the OpenAPI document: public routes declare no security, guarded ones the bearer scheme with their group', () => {
    const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { operationId: string; security: unknown }>> };
    for (const route of ROUTES) {
      const operation = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, route.id).toBe(route.id);
      expect(operation?.security, route.id).toEqual(route.auth === 'public' ? [] : [{ cognito: [route.auth] }]);
    }
  });
});

describe.each(ROUTES.map((route) => [route.id, route] as const))('%s', (_id, route) => {
  it.each(CALLERS.map((caller) => [caller, expected(route.auth, caller)] as const))('%s → %j', async (caller, expectation) => {
    const handlerExists = existsSync(join(ROOT, route.entry));
    const res = await send(route, caller);
    const context = `${route.method} ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 300)}`;
    if ('status' in expectation) {
      expect(res.status, context).toBe(expectation.status);
      expect(JSON.parse(res.text), context).toMatchObject({ error: { code: expectation.status === 401 ? 'unauthorized' : 'forbidden' } });
      if (expectation.status === 401) expect(res.headers.get('www-authenticate'), context).toMatch(/^Bearer/);
    } else {
      expect(handlerExists, `${route.id}: its handler ${route.entry} does not exist (the emulator answers 503)`).toBe(true);
      expect([401, 403], context).not.toContain(res.status);
      expect(res.status, context).toBeLessThan(500);
    }
  });
});

describe('partner isolation', () => {
  const listOf = async (path: string, caller: 'partner A' | 'partner B' | 'admin') => {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${tokens[caller]}` } });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(200);
    return (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((item) => item.id);
  };

  it.each([
    ['partner A', partnerA, partnerB],
    ['partner B', partnerB, partnerA],
  ] as const)('%s sees its own mentees and tandems, never the other partner\'s', async (caller, own, other) => {
    const mentees = await listOf('/api/partner/mentees', caller);
    expect(mentees).toEqual(expect.arrayContaining(seeded.mentees[own.id]!));
    for (const id of seeded.mentees[other.id]!) expect(mentees).not.toContain(id);
    const tandems = await listOf('/api/partner/tandems', caller);
    expect(tandems).toEqual(expect.arrayContaining(seeded.tandems[own.id]!));
    for (const id of seeded.tandems[other.id]!) expect(tandems).not.toContain(id);
  });

  it.each([
    ['partner A', partnerA, partnerB],
    ['partner B', partnerB, partnerA],
  ] as const)('%s opens its own tandem\'s page, and gets 404 for the other partner\'s', async (caller, own, other) => {
    const open = (id: string) => fetch(`${base}/api/partner/tandems/${id}`, { headers: { authorization: `Bearer ${tokens[caller]}` } });
    const mine = await open(seeded.tandems[own.id]![0]!);
    const mineText = await mine.text();
    expect(mine.status, mineText.slice(0, 300)).toBe(200);
    expect(JSON.parse(mineText)).toMatchObject({ id: seeded.tandems[own.id]![0] });
    const theirs = await open(seeded.tandems[other.id]![0]!);
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).not.toContain(other.name);
  });

  it('ignores a partner id smuggled in the query: the partner comes from the token', async () => {
    const res = await fetch(`${base}/api/partner/mentees?partnerId=${partnerB.id}`, { headers: { authorization: `Bearer ${tokens['partner A']}` } });
    const text = await res.text();
    // Either refused as an unknown parameter or ignored; never B's people.
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    for (const id of seeded.mentees[partnerB.id]!) expect(text).not.toContain(id);
  });
});
