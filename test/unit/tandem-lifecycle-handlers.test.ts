/**
 * The tandem lifecycle routes through the HTTP chain: the exported handlers refuse the wrong group
 * (403) before any read; with the right claims, the raw handlers on the memory adapters answer the
 * documented shapes and map refusals (bad id or body 400, unknown 404, invalid_transition 409).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTandemLifecycleStore } from '../../shared/adapters/memory/tandem-lifecycle-store';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import { checkInRoundItem, tandemAlertItem, tandemItem } from '../../shared/db/items';
import { FOLLOW_UP_DEFAULTS, initialSchedule } from '../../shared/domain/follow-up';
import { closeTandemResultSchema, closeTandemSchema, outcomeSurveyViewSchema, partnerTandemDetailSchema, recordOutcomeSchema, tandemAlertViewSchema } from '../../shared/domain/follow-up-schemas';
import type { Tandem } from '../../shared/domain/matching';
import { httpHandler } from '../../shared/http/http-handler';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeRecordTandemOutcome } from '../../shared/use-cases/admin/record-tandem-outcome';
import { makeResolveTandemAlert } from '../../shared/use-cases/admin/resolve-tandem-alert';
import { makeGetPartnerTandem } from '../../shared/use-cases/partner/get-partner-tandem';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { makeMatchingHub } from '../helpers/matching-hub';

beforeAll(() => {
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  for (const [name, value] of Object.entries(followUpEnvironment(FOLLOW_UP_DEFAULTS))) vi.stubEnv(name, value);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const withClaims = (event: APIGatewayProxyEventV2, claims: Record<string, string>) =>
  ({ ...event, requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } } }) as APIGatewayProxyEventV2;
const officer = { sub: randomUUID(), 'cognito:groups': '[admin]' };
const adviser = (partnerId: string) => ({ sub: randomUUID(), 'cognito:groups': '[partner]', 'custom:partnerId': partnerId });
const call = async (handler: Handler, event: APIGatewayProxyEventV2) => {
  const res = await handler(event, lambdaContext);
  return { status: res.statusCode, body: JSON.parse(res.body) as { error?: { code: string; fields?: Record<string, string> } } & Record<string, unknown> };
};

describe('tandem lifecycle routes: the exported handlers', () => {
  it.each([
    ['close-tandem', 'POST', `/api/admin/tandems/${randomUUID()}/close`],
    ['record-tandem-outcome', 'PUT', `/api/admin/tandems/${randomUUID()}/outcomes/3`],
    ['resolve-tandem-alert', 'POST', `/api/admin/tandems/${randomUUID()}/alerts/silent/resolve`],
  ])('%s: 403 for a partner adviser', async (module, method, path) => {
    const { handler } = (await import(`../../functions/http/admin/${module}.ts`)) as { handler: Handler };
    const res = await call(handler, withClaims(apiEvent({ method, path, body: '{}' }), adviser('partner-a')));
    expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
  });

  it('partner/get-tandem: 403 for the CCI', async () => {
    const { handler } = (await import('../../functions/http/partner/get-tandem')) as { handler: Handler };
    const res = await call(handler, withClaims(apiEvent({ method: 'GET', path: `/api/partner/tandems/${randomUUID()}` }), officer));
    expect([res.status, res.body.error?.code]).toEqual([403, 'forbidden']);
  });
});

describe('tandem lifecycle routes behind the chain, on the memory adapters', () => {
  async function routes() {
    const hub = makeMatchingHub();
    const store = memoryTandemLifecycleStore(hub.table);
    const reads = memoryBackOfficeReads(hub.table);
    const followUp = memoryFollowUpReads(hub.table);
    const { makeCloseTandemHandler } = await import('../../functions/http/admin/close-tandem');
    const { makeRecordTandemOutcomeHandler } = await import('../../functions/http/admin/record-tandem-outcome');
    const { makeResolveTandemAlertHandler } = await import('../../functions/http/admin/resolve-tandem-alert');
    const { makeGetPartnerTandemHandler } = await import('../../functions/http/partner/get-tandem');
    const partner = hub.seedPartner();
    const mentor = hub.seedMentor({ activeMentees: 1 });
    const menteeId = randomUUID();
    const tandem: Tandem = { id: randomUUID(), menteeId, mentorId: mentor.id, partnerId: partner.id, track: 'job_search', status: 'active', startedAt: '2026-10-01T09:00:00.000Z', attempt: 1 };
    hub.seedMentee({ id: menteeId, status: 'in_tandem', tandemId: tandem.id, track: 'job_search' });
    const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
    hub.table.put(tandemItem(tandem));
    hub.table.put(
      checkInRoundItem({
        ...schedule.round,
        status: 'sent',
        answers: { mentor: { kind: 'first', firstMeetingHeld: false, fit: 'too_early', needsHelp: true, privateNote: 'Secret du mentor', answeredAt: '2026-10-16T08:00:00.000Z' } },
      }),
    );
    hub.table.put(tandemAlertItem({ tandemId: tandem.id, kind: 'help_requested', raisedAt: '2026-10-16T08:00:00.000Z', raisedBy: 'mentor', seq: 1, status: 'open' }));
    return {
      hub,
      tandem,
      partner,
      close: httpHandler({ route: 'CloseTandem', body: closeTandemSchema }, makeCloseTandemHandler(makeCloseTandem({ store, clock: hub.clock, settings: FOLLOW_UP_DEFAULTS }))) as unknown as Handler,
      record: httpHandler({ route: 'RecordTandemOutcome', body: recordOutcomeSchema }, makeRecordTandemOutcomeHandler(makeRecordTandemOutcome({ store, clock: hub.clock }))) as unknown as Handler,
      resolve: httpHandler({ route: 'ResolveTandemAlert' }, makeResolveTandemAlertHandler(makeResolveTandemAlert({ store, clock: hub.clock }))) as unknown as Handler,
      partnerTandem: httpHandler({ route: 'GetPartnerTandem' }, makeGetPartnerTandemHandler(makeGetPartnerTandem({ reads, followUp }))) as unknown as Handler,
    };
  }

  it('POST /api/admin/tandems/{id}/close: 200 with the result; 400 bad id or body; 404 unknown; 409 once closed', async () => {
    const r = await routes();
    const post = (id: string, body: unknown) => withClaims({ ...apiEvent({ path: `/api/admin/tandems/${id}/close`, body: JSON.stringify(body) }), pathParameters: { tandemId: id } }, officer);

    expect((await call(r.close, post('Yanis', { status: 'ended_early', reason: 'other' }))).status).toBe(400);
    expect((await call(r.close, post(r.tandem.id, { status: 'ended_early', reason: 'person_erased' }))).status).toBe(400);
    expect((await call(r.close, post(r.tandem.id, { status: 'completed' }))).status).toBe(400);
    expect((await call(r.close, post(randomUUID(), { status: 'ended_early', reason: 'other' }))).status).toBe(404);
    const mismatch = await call(r.close, post(r.tandem.id, { status: 'completed', outcome: { track: 'business_creation', situation: 'none' } }));
    expect([mismatch.status, mismatch.body.error?.code]).toEqual([409, 'invalid_transition']);

    const closed = await call(r.close, post(r.tandem.id, { status: 'ended_early', reason: 'mentor_unavailable', note: 'Mutation' }));
    expect(closed.status).toBe(200);
    expect(closeTandemResultSchema.strict().parse(closed.body)).toEqual({ status: 'ended_early', endedAt: r.hub.clock.now().toISOString(), rematch: true });

    const again = await call(r.close, post(r.tandem.id, { status: 'completed', outcome: { track: 'job_search', situation: 'training' } }));
    expect([again.status, again.body.error?.code]).toEqual([409, 'invalid_transition']);
  });

  it('PUT /api/admin/tandems/{id}/outcomes/{milestone}: 200 with the survey; 400 bad milestone; 409 another track', async () => {
    const r = await routes();
    const put = (milestone: string, body: unknown, id = r.tandem.id) =>
      withClaims({ ...apiEvent({ method: 'PUT', path: `/api/admin/tandems/${id}/outcomes/${milestone}`, body: JSON.stringify(body) }), pathParameters: { tandemId: id, milestone } }, officer);

    const ok = await call(r.record, put('6', { track: 'job_search', situation: 'work_study' }));
    expect(ok.status).toBe(200);
    expect(outcomeSurveyViewSchema.parse(ok.body)).toMatchObject({ milestone: 6, current: { source: 'cci', value: { situation: 'work_study' } } });
    expect((await call(r.record, put('5', { track: 'job_search', situation: 'none' }))).status).toBe(400);
    expect((await call(r.record, put('6', { track: 'job_search', situation: 'millionaire' }))).status).toBe(400);
    expect((await call(r.record, put('6', { track: 'job_search', situation: 'none' }, randomUUID()))).status).toBe(404);
    const wrong = await call(r.record, put('3', { track: 'business_creation', situation: 'none' }));
    expect([wrong.status, wrong.body.error?.code]).toEqual([409, 'invalid_transition']);
  });

  it('POST /api/admin/tandems/{id}/alerts/{kind}/resolve: 200 twice; 404 unknown; 400 bad kind', async () => {
    const r = await routes();
    const post = (kind: string) => withClaims({ ...apiEvent({ path: `/api/admin/tandems/${r.tandem.id}/alerts/${kind}/resolve` }), pathParameters: { tandemId: r.tandem.id, kind } }, officer);
    const first = await call(r.resolve, post('help_requested'));
    expect(first.status).toBe(200);
    expect(tandemAlertViewSchema.parse(first.body)).toMatchObject({ kind: 'help_requested', status: 'resolved' });
    expect((await call(r.resolve, post('help_requested'))).body).toEqual(first.body);
    expect((await call(r.resolve, post('silent'))).status).toBe(404);
    expect((await call(r.resolve, post('bored'))).status).toBe(400);
  });

  it('GET /api/partner/tandems/{id}: the partner’s own tandem without private notes; another partner’s is 404', async () => {
    const r = await routes();
    const get = (partnerId: string, id = r.tandem.id) => withClaims({ ...apiEvent({ method: 'GET', path: `/api/partner/tandems/${id}` }), pathParameters: { tandemId: id } }, adviser(partnerId));
    const ok = await call(r.partnerTandem, get(r.partner.id));
    expect(ok.status).toBe(200);
    const detail = partnerTandemDetailSchema.parse(ok.body);
    expect(detail.checkIns[0]?.answers.mentor).toMatchObject({ fit: 'too_early', needsHelp: true });
    expect(JSON.stringify(ok.body)).not.toMatch(/Secret|privateNote|endNote/);
    expect(detail.alerts.map((a) => a.kind)).toEqual(['help_requested']);
    expect((await call(r.partnerTandem, get('partner-other'))).status).toBe(404);
    expect((await call(r.partnerTandem, get(r.partner.id, 'Yanis'))).status).toBe(400);
  });
});
