/**
 * The follow-up page's routes through the HTTP chain: the exported handlers build at import with
 * the configuration CDK sets and refuse a malformed body or token before any I/O; the raw handlers
 * on the memory adapters (behind the same chain) answer the view, record an answer once, and map
 * the link's problems to 400 and 410.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { memoryFollowUpAnswers } from '../../shared/adapters/memory/follow-up-answers';
import { memoryFollowUpReads } from '../../shared/adapters/memory/follow-up-reads';
import { memoryTable } from '../../shared/adapters/memory/table';
import { ENV } from '../../shared/config/env';
import { personFromItem, personItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { FOLLOW_UP_DEFAULTS } from '../../shared/domain/follow-up';
import { answerFollowUpSchema, viewFollowUpSchema } from '../../shared/domain/follow-up-schemas';
import type { Role } from '../../shared/domain/people';
import { httpHandler } from '../../shared/http/http-handler';
import { checkInSubject } from '../../shared/links/follow-up-links';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeAnswerFollowUp } from '../../shared/use-cases/answer-follow-up';
import { makeViewFollowUp } from '../../shared/use-cases/view-follow-up';
import { followUpItems, followUpTandem } from '../contract/follow-up-answers.contract';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

beforeAll(() => {
  // What CDK sets on these functions; the refused requests below never reach the table nor the key.
  vi.stubEnv(ENV.stage, 'test');
  vi.stubEnv(ENV.tableName, 'tandem-test');
  vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
  vi.stubEnv(ENV.signingKeySource, 'file');
  vi.stubEnv(ENV.signingKeyFile, '/nonexistent/signing-key');
  vi.stubEnv(ENV.followUpFirstCheckInDays, '14');
  vi.stubEnv(ENV.followUpCheckInIntervalDays, '30');
  vi.stubEnv(ENV.followUpReminderAfterDays, '7');
  vi.stubEnv(ENV.followUpLinkDays, '30');
  vi.stubEnv(ENV.followUpSilentAfterDays, '60');
  vi.stubEnv(ENV.followUpUnmatchedRetentionDays, '365');
  vi.stubEnv(ENV.followUpRetentionNoticeDays, '30');
  vi.stubEnv(ENV.followUpClosedTandemRetentionDays, '1095');
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<{ statusCode: number; body: string }>;
const call = async (handler: Handler, body: unknown) => {
  const res = await handler(apiEvent({ path: '/api/follow-up/x', body: JSON.stringify(body) }), lambdaContext);
  return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> & { error?: { code: string } } };
};
const first = { kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false };

describe('follow-up routes: the exported handlers', () => {
  it.each(['functions/http/view-follow-up.ts', 'functions/http/answer-follow-up.ts'])('%s refuses a malformed body and a token not spelled as ours, before any I/O', async (entry) => {
    const { handler } = (await import(`../../${entry}`)) as { handler: Handler };
    expect((await call(handler, { token: 'short' })).status).toBe(400);
    const res = await call(handler, { token: 'not.a.token-of-ours', ...(entry.includes('answer') ? { answer: first } : {}) });
    expect([res.status, res.body.error?.code]).toEqual([400, 'link_invalid']);
  });
});

describe('follow-up routes behind the chain, on the memory adapters', () => {
  async function routes() {
    const table = memoryTable();
    let now = new Date('2026-11-16T09:00:00.000Z');
    const clock = { now: () => now };
    const mentor = mentorProfile();
    const mentee = menteeProfile({ status: 'in_tandem', track: 'job_search' });
    table.put(personItem(mentor));
    table.put(personItem(mentee));
    const tandem = followUpTandem({ mentorId: mentor.id, menteeId: mentee.id, track: 'job_search' });
    for (const item of followUpItems(tandem)) table.put(item);
    const links = makeLinkSigner({ keys: { getKeys: async () => ({ current: new Uint8Array(32).fill(3) }) }, clock });
    const reads = memoryFollowUpReads(table);
    const people = { get: async (role: Role, id: string) => personFromItem(table.get(keys.person(role, id))) };
    const { makeViewFollowUpHandler } = await import('../../functions/http/view-follow-up');
    const { makeAnswerFollowUpHandler } = await import('../../functions/http/answer-follow-up');
    return {
      table,
      tandem,
      advance: (days: number) => (now = new Date(now.getTime() + days * 86_400_000)),
      token: async (role: 'mentor' | 'mentee') => (await links.sign('check_in', checkInSubject(tandem.id, 1, role), 30 * 86400)).token,
      view: httpHandler({ route: 'ViewFollowUp', body: viewFollowUpSchema }, makeViewFollowUpHandler(makeViewFollowUp({ reads, people, links }))) as unknown as Handler,
      answer: httpHandler(
        { route: 'AnswerFollowUp', body: answerFollowUpSchema },
        makeAnswerFollowUpHandler(makeAnswerFollowUp({ reads, answers: memoryFollowUpAnswers(table), links, clock, settings: FOLLOW_UP_DEFAULTS })),
      ) as unknown as Handler,
    };
  }

  it('shows the form, records the answer once, then says it was answered', async () => {
    const r = await routes();
    const token = await r.token('mentee');
    const shown = await call(r.view, { token });
    expect([shown.status, shown.body.purpose, shown.body.status, shown.body.kind]).toEqual([200, 'check_in', 'open', 'first']);
    expect(await call(r.answer, { token, answer: first })).toEqual({ status: 200, body: { status: 'recorded' } });
    expect(await call(r.answer, { token, answer: first })).toEqual({ status: 200, body: { status: 'already_answered' } });
    expect((await call(r.view, { token })).body.status).toBe('answered');
  });

  it('refuses an answer that names whose it is, or of another kind, with 400 and nothing written', async () => {
    const r = await routes();
    const token = await r.token('mentor');
    const before = JSON.stringify(r.table.scan());
    expect((await call(r.answer, { token, answer: { ...first, role: 'mentee' } })).status).toBe(400);
    const monthly = await call(r.answer, { token, answer: { kind: 'monthly', meetingsSince: 1, satisfaction: 3, needsHelp: false } });
    expect([monthly.status, monthly.body.error?.code]).toEqual([400, 'link_invalid']);
    expect(JSON.stringify(r.table.scan())).toBe(before);
  });

  it('answers 410 for an expired link', async () => {
    const r = await routes();
    const token = await r.token('mentee');
    r.advance(31);
    const res = await call(r.answer, { token, answer: first });
    expect([res.status, res.body.error?.code]).toEqual([410, 'link_expired']);
    expect((await call(r.view, { token })).status).toBe(410);
  });

  it('answers closed once the tandem has ended', async () => {
    const r = await routes();
    r.table.put({ ...r.table.get(keys.tandem(r.tandem.id))!, status: 'completed' });
    expect(await call(r.answer, { token: await r.token('mentee'), answer: first })).toEqual({ status: 200, body: { status: 'closed' } });
  });
});
