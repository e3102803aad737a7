/**
 * The partners' space through the HTTP chain: the exported handlers refuse a caller outside the
 * `partner` group before any read; with a partner adviser's verified claims, the adviser's
 * partner (never the body's) scopes the referral and the lists (raw handlers on the memory
 * adapters, behind the same chain).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { ENV } from '../../shared/config/env';
import { partnerListQuerySchema } from '../../shared/domain/back-office-schemas';
import { menteeSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import { makeListPartnerMentees } from '../../shared/use-cases/partner/list-partner-mentees';
import { makeReferMentee } from '../../shared/use-cases/partner/refer-mentee';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { validMentee } from '../fixtures/sign-ups';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { makeMatchingHub } from '../helpers/matching-hub';

beforeAll(() => {
  // What CDK sets on these functions; the refused requests below never reach the table.
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.signUpSubmissionMemorySeconds, '600');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;

/** An event as API Gateway's JWT authorizer hands it on: the verified claims in the request context. */
function withClaims(event: APIGatewayProxyEventV2, claims: Record<string, string> | undefined): APIGatewayProxyEventV2 {
  if (!claims) return event;
  return { ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } } as APIGatewayProxyEventV2;
}
const adviserOf = (partnerId: string) => ({ sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': partnerId });
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };

const call = async (handler: Handler, event: APIGatewayProxyEventV2) => {
  const res = await handler(event, lambdaContext);
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> & { error?: { code: string } } };
};

describe('partner routes: the exported handlers', () => {
  it('GET /api/partner/mentees: 401 without a verified identity, 403 for the CCI group', async () => {
    const { handler } = (await import('../../functions/http/partner/list-mentees')) as { handler: Handler };
    const event = apiEvent({ method: 'GET', path: '/api/partner/mentees' });
    expect((await call(handler, event)).status).toBe(401);
    const forbidden = await call(handler, withClaims(event, officer));
    expect([forbidden.status, forbidden.body.error?.code]).toEqual([403, 'forbidden']);
    // An adviser whose token names no partner is refused too.
    expect((await call(handler, withClaims(event, { sub: 'x', 'cognito:groups': '[partner]' }))).status).toBe(403);
  });

  it('POST /api/partner/mentees: 403 for the CCI group, before the body is read', async () => {
    const { handler } = (await import('../../functions/http/partner/refer-mentee')) as { handler: Handler };
    const res = await call(handler, withClaims(apiEvent({ path: '/api/partner/mentees', body: '{}' }), officer));
    expect(res.status).toBe(403);
  });
});

describe('partner routes behind the chain, on the memory adapters', () => {
  async function space() {
    const hub = makeMatchingHub();
    const [a, b] = [hub.seedPartner(), hub.seedPartner()];
    const inbox = memorySignUpInbox(hub.table);
    // Imported once the environment is set: the modules wire their DynamoDB use cases at import.
    const { makeListPartnerMenteesHandler } = await import('../../functions/http/partner/list-mentees');
    const { makeReferMenteeHandler } = await import('../../functions/http/partner/refer-mentee');
    return {
      hub,
      a,
      b,
      inbox,
      list: httpHandler(
        { route: 'ListPartnerMentees', query: partnerListQuerySchema },
        makeListPartnerMenteesHandler(makeListPartnerMentees({ reads: memoryBackOfficeReads(hub.table), clock: hub.clock })),
      ) as unknown as Handler,
      refer: httpHandler(
        { route: 'ReferMentee', body: menteeSignUpSchema },
        makeReferMenteeHandler(makeReferMentee({ submitSignUp: makeSubmitSignUp({ inbox, clock: hub.clock }) })),
      ) as unknown as Handler,
    };
  }

  it("lists the adviser's own partner's mentees only; a bad limit is a 400", async () => {
    const s = await space();
    const ofA = s.hub.seedMentee({ partnerId: s.a.id });
    const ofB = s.hub.seedMentee({ partnerId: s.b.id });
    const event = apiEvent({ method: 'GET', path: '/api/partner/mentees' });
    const asA = await call(s.list, withClaims(event, adviserOf(s.a.id)));
    expect(asA.status).toBe(200);
    expect((asA.body.items as Array<{ id: string }>).map((m) => m.id)).toEqual([ofA.id]);
    const asB = await call(s.list, withClaims(event, adviserOf(s.b.id)));
    expect((asB.body.items as Array<{ id: string }>).map((m) => m.id)).toEqual([ofB.id]);
    expect((await call(s.list, withClaims(apiEvent({ method: 'GET', path: '/api/partner/mentees', query: { limit: 'all' } }), adviserOf(s.a.id)))).status).toBe(400);
  });

  it("a referral answers 202 and lands with the adviser's partner, whatever partner the body names", async () => {
    const s = await space();
    const body = JSON.stringify({ ...validMentee(), partnerId: s.b.id });
    const res = await call(s.refer, withClaims(apiEvent({ path: '/api/partner/mentees', body }), adviserOf(s.a.id)));
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('verification_sent');
    const jobs = s.inbox.jobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.role === 'mentee' && jobs[0]!.signUp.partnerId).toBe(s.a.id);
  });
});
