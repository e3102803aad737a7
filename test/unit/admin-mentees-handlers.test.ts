/**
 * The console's mentee routes through the HTTP chain: the exported handlers refuse a partner
 * adviser (403) before any read; with the CCI's claims, the raw handlers on the memory adapters
 * answer the documented shapes and map the use cases' refusals (bad id 400, unknown 404,
 * not_compatible 409 with the engine's code).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { ENV } from '../../shared/config/env';
import { attentionSchema, menteeDetailSchema, startMenteeMatchingSchema } from '../../shared/domain/back-office-schemas';
import { httpHandler } from '../../shared/http/http-handler';
import { makeGetAttention } from '../../shared/use-cases/admin/get-attention';
import { makeGetMentee } from '../../shared/use-cases/admin/get-mentee';
import { makeStartMenteeMatching } from '../../shared/use-cases/admin/start-mentee-matching';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { makeMatchingHub } from '../helpers/matching-hub';

beforeAll(() => {
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) =>
  ({ ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } }) as APIGatewayProxyEventV2;
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };
const adviser = { sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': 'partner-a' };
const call = async (handler: Handler, event: APIGatewayProxyEventV2) => {
  const res = await handler(event, lambdaContext);
  return { status: res.statusCode, body: JSON.parse(res.body) as { error?: { code: string; detail?: unknown } } & Record<string, unknown> };
};

describe('admin routes: the exported handlers', () => {
  it.each([
    ['get-attention', 'GET', '/api/admin/attention'],
    ['list-mentees', 'GET', '/api/admin/mentees'],
    ['get-mentee', 'GET', `/api/admin/mentees/${randomUUID()}`],
    ['start-mentee-matching', 'POST', `/api/admin/mentees/${randomUUID()}/matching`],
    ['list-tandems', 'GET', '/api/admin/tandems'],
    ['get-tandem', 'GET', `/api/admin/tandems/${randomUUID()}`],
  ])('%s: 403 for a partner adviser', async (module, method, path) => {
    const { handler } = (await import(`../../functions/http/admin/${module}.ts`)) as { handler: Handler };
    const res = await call(handler, withClaims(apiEvent({ method, path, body: '{}' }), adviser));
    expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
  });
});

describe('admin routes behind the chain, on the memory adapters', () => {
  async function backOffice() {
    const hub = makeMatchingHub();
    const reads = memoryBackOfficeReads(hub.table);
    const deps = { store: hub.store, reads, clock: hub.clock };
    const { makeGetAttentionHandler } = await import('../../functions/http/admin/get-attention');
    const { makeGetMenteeHandler } = await import('../../functions/http/admin/get-mentee');
    const { makeStartMenteeMatchingHandler } = await import('../../functions/http/admin/start-mentee-matching');
    return {
      hub,
      attention: httpHandler({ route: 'GetAttention' }, makeGetAttentionHandler(makeGetAttention(deps))) as unknown as Handler,
      mentee: httpHandler({ route: 'GetMentee' }, makeGetMenteeHandler(makeGetMentee(deps))) as unknown as Handler,
      start: httpHandler({ route: 'StartMenteeMatching', body: startMenteeMatchingSchema }, makeStartMenteeMatchingHandler(makeStartMenteeMatching(deps))) as unknown as Handler,
    };
  }

  it('GET /api/admin/attention answers the Attention shape to the CCI', async () => {
    const b = await backOffice();
    b.hub.seedMentor({ status: 'pending_validation' });
    b.hub.seedMentee();
    const res = await call(b.attention, withClaims(apiEvent({ method: 'GET', path: '/api/admin/attention' }), officer));
    expect(res.status).toBe(200);
    const attention = attentionSchema.parse(res.body);
    expect([attention.mentorsToValidate.count, attention.menteesWaitingLongest.length]).toEqual([1, 1]);
  });

  it('GET /api/admin/mentees/{id}: the MenteeDetail shape; 400 for a malformed id, 404 for an unknown one', async () => {
    const b = await backOffice();
    const mentee = b.hub.seedMentee();
    b.hub.seedMentor();
    const event = (id: string) => withClaims({ ...apiEvent({ method: 'GET', path: `/api/admin/mentees/${id}` }), pathParameters: { menteeId: id } }, officer);
    const ok = await call(b.mentee, event(mentee.id));
    expect(ok.status).toBe(200);
    expect(menteeDetailSchema.parse(ok.body).ranking?.candidates).toHaveLength(1);
    expect((await call(b.mentee, event('Yanis'))).status).toBe(400);
    expect((await call(b.mentee, event(randomUUID()))).status).toBe(404);
  });

  it('POST /api/admin/mentees/{id}/matching: 202 started; 409 not_compatible with the engine’s code', async () => {
    const b = await backOffice();
    const mentee = b.hub.seedMentee();
    const [fits, foreign] = [b.hub.seedMentor(), b.hub.seedMentor({ languages: ['en'] })];
    const post = (mentorId: string) =>
      withClaims({ ...apiEvent({ path: `/api/admin/mentees/${mentee.id}/matching`, body: JSON.stringify({ mentorId }) }), pathParameters: { menteeId: mentee.id } }, officer);
    const refused = await call(b.start, post(foreign.id));
    expect([refused.status, refused.body.error?.code, refused.body.error?.detail]).toEqual([409, 'not_compatible', { code: 'no_shared_language' }]);
    const started = await call(b.start, post(fits.id));
    expect([started.status, started.body]).toEqual([202, { status: 'matching_started', attempt: 2 }]);
  });
});
