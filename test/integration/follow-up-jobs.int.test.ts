/**
 * The follow-up jobs on DynamoDB Local, from tandems created by AcceptProposal on the DynamoDB
 * MatchingStore (their schedule put by its transaction) to the outbox items each run records,
 * read back from the table (a Scan: test code only), each run at an explicit `now`. Answers are
 * written as their writer does (UpdateItem on one attribute). A fresh table per test: the due
 * queues are the table's.
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand, UpdateCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeParse } from 'zod/mini';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpSchedule } from '../../shared/adapters/dynamodb/follow-up-schedule';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import { checkInRoundFromItem, ENTITY, OUTBOX_JOB_ATTRIBUTE, outcomeSurveyFromItem, partnerItem, personItem, availabilityItems, proposalItem, tandemTransition, type Item } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { addDays, addMonths, FOLLOW_UP_DEFAULTS, type CheckInRound } from '../../shared/domain/follow-up';
import { mailJobSchema, type MailJob } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import type { Partner } from '../../shared/domain/people';
import type { FollowUpSchedule } from '../../shared/ports/follow-up-schedule';
import { LOCAL_AWS, localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { makeAcceptProposal } from '../../shared/use-cases/accept-proposal';
import { makeFlagSilentTandems } from '../../shared/use-cases/flag-silent-tandems';
import { makeSendCheckIns } from '../../shared/use-cases/send-check-ins';
import { makeSendOutcomeSurveys } from '../../shared/use-cases/send-outcome-surveys';
import { lambdaContext } from '../helpers/api-event';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

const START = '2027-01-04T08:00:00.000Z';
const at = (days: number, from = START) => new Date(addDays(from, days));

let table: TestTable;
let client: ReturnType<typeof toDocumentClient>;
let schedule: FollowUpSchedule;

beforeEach(async () => {
  table = await createTestTable('follow-up-jobs');
  client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  schedule = dynamoFollowUpSchedule(client, table.tableName);
});
afterEach(async () => {
  client.destroy();
  await table.drop();
});

const put = (items: Item[]) => Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
async function scan(): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table.tableName, ConsistentRead: true, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
/** The mail jobs recorded in the outbox for a tandem, each checked against its schema. */
async function mailsOf(tandemId: string, template?: MailJob['template']): Promise<MailJob[]> {
  const jobs = (await scan()).filter((i) => i.entity === ENTITY.outbox).map((i) => i[OUTBOX_JOB_ATTRIBUTE] as MailJob);
  // In a stable order (a Scan's is the hash's): by time, then mentee, mentor, partner.
  const order = (m: MailJob) => `${m.recordedAt}|${'partnerId' in m.to ? 'z' : 'role' in m.to ? m.to.role : ''}`;
  const mails = jobs
    .filter((j) => j.kind === 'mail' && 'tandemId' in j && j.tandemId === tandemId && (!template || j.template === template))
    .sort((a, b) => order(a).localeCompare(order(b)));
  for (const mail of mails) expect(safeParse(mailJobSchema, mail).success).toBe(true);
  return mails;
}
const read = async (key: Key) => (await scan()).find((i) => i.PK === key.PK && i.SK === key.SK);
const round = async (tandemId: string, seq: number): Promise<CheckInRound | undefined> => {
  const item = await read(keys.checkInRound(tandemId, seq));
  return item && checkInRoundFromItem(item);
};
/** What the answer's writer does: one entry of a map set with UpdateItem (the map created with its first entry). */
const answer = async (key: Key, map: 'answers' | 'answeredBy', who: string, value: unknown) => {
  const exists = (await read(key))?.[map] !== undefined;
  await client.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: key,
      UpdateExpression: exists ? 'SET #map.#who = :value' : 'SET #map = :map',
      ExpressionAttributeNames: { '#map': map, ...(exists ? { '#who': who } : {}) },
      ExpressionAttributeValues: exists ? { ':value': value } : { ':map': { [who]: value } },
    }),
  );
};

/** A tandem accepted at `startedAt` by AcceptProposal on the DynamoDB store (its follow-up put in the same transaction). */
async function acceptedTandem(options: { startedAt?: string; partner?: boolean } = {}): Promise<Tandem> {
  const store = dynamoMatchingStore(client, table.tableName);
  const partner: Partner | undefined = options.partner
    ? { id: `p-${randomUUID().slice(0, 8)}`, name: 'Cap emploi', kind: 'cap_emploi', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z' }
    : undefined;
  const mentee = menteeProfile(partner ? { partnerId: partner.id } : {});
  const mentor = mentorProfile({ locale: 'en' });
  const now = new Date(options.startedAt ?? START);
  await put([
    personItem(mentee),
    personItem(mentor),
    ...availabilityItems(mentor),
    ...(partner ? [partnerItem(partner)] : []),
    proposalItem({ menteeId: mentee.id, mentorId: mentor.id, attempt: 1, rank: 1, score: 0.5, reasons: [], status: 'pending', createdAt: now.toISOString(), expiresAt: addDays(now.toISOString(), 7) }, { taskToken: 'token' }),
  ]);
  const accept = makeAcceptProposal({ store, clock: { now: () => now }, followUp: FOLLOW_UP_DEFAULTS });
  const result = await accept({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });
  if (result.outcome !== 'tandem_created') throw new Error(result.outcome);
  return (await store.getTandem(result.tandemId!))!;
}

const deps = () => ({ schedule, settings: FOLLOW_UP_DEFAULTS });

describe('check-ins', () => {
  it('mails only the rounds due, once, and chains each with the next round at the right date', async () => {
    const early = await acceptedTandem();
    const late = await acceptedTandem({ startedAt: addDays(START, 10) });
    const sendCheckIns = makeSendCheckIns(deps());

    expect(await sendCheckIns(at(14))).toMatchObject({ due: 1, sent: 1 });
    const mails = await mailsOf(early.id, 'check_in');
    expect(mails.map((m) => [m.to, m.locale, m.template === 'check_in' && m.seq, m.template === 'check_in' && m.reminder])).toEqual([
      [{ role: 'mentee', personId: early.menteeId }, 'fr', 1, false],
      [{ role: 'mentor', personId: early.mentorId }, 'en', 1, false],
    ]);
    // The round not yet due is not sent.
    expect(await mailsOf(late.id)).toEqual(await mailsOf(late.id, 'introduction'));
    expect(await round(late.id, 1)).toMatchObject({ status: 'scheduled' });
    expect(await round(early.id, 1)).toMatchObject({ status: 'sent', sentAt: at(14).toISOString() });
    expect(await round(early.id, 2)).toEqual<CheckInRound>({ tandemId: early.id, seq: 2, kind: 'monthly', dueAt: addDays(START, 44), status: 'scheduled', answers: {} });
    // The round left the mailing queue for the reminder queue, 7 days on.
    expect((await read(keys.checkInRound(early.id, 1)))?.GSI1PK).toBe('DUE#CHECKIN_REMINDER');
    expect((await read(keys.checkInRound(early.id, 1)))?.GSI1SK).toBe(`${addDays(START, 21)}#${early.id}#1`);

    // The same run again: nothing recorded.
    expect(await sendCheckIns(at(14))).toMatchObject({ due: 0, sent: 0 });
    expect(await mailsOf(early.id, 'check_in')).toHaveLength(2);

    // Four days later the late tandem's first round is due, then the early one's second.
    expect(await sendCheckIns(at(24))).toMatchObject({ due: 1, sent: 1 });
    expect(await mailsOf(late.id, 'check_in')).toHaveLength(2);
    expect(await sendCheckIns(at(44))).toMatchObject({ due: 1, sent: 1 });
    expect((await mailsOf(early.id, 'check_in')).filter((m) => m.template === 'check_in' && m.seq === 2)).toHaveLength(2);
    expect(await round(early.id, 3)).toMatchObject({ status: 'scheduled', dueAt: addDays(START, 74) });
  });

  it('a tandem closed meanwhile gets no mail: its round is cancelled', async () => {
    const tandem = await acceptedTandem();
    const close = tandemTransition(tandem, 'ended_early', { endedAt: at(5).toISOString(), endReason: 'no_contact' });
    await client.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: keys.tandem(tandem.id),
        UpdateExpression: `SET ${Object.keys(close.set).map((_, i) => `#a${i} = :v${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(Object.keys(close.set).map((name, i) => [`#a${i}`, name])),
        ExpressionAttributeValues: Object.fromEntries(Object.values(close.set).map((value, i) => [`:v${i}`, value])),
      }),
    );
    const sendCheckIns = makeSendCheckIns(deps());
    expect(await sendCheckIns(at(15))).toMatchObject({ due: 1, sent: 0, cancelled: 1 });
    expect(await mailsOf(tandem.id, 'check_in')).toEqual([]);
    expect(await round(tandem.id, 1)).toMatchObject({ status: 'cancelled' });
    expect((await read(keys.checkInRound(tandem.id, 1)))?.GSI1PK).toBeUndefined();
    expect(await round(tandem.id, 2)).toBeUndefined();
    expect(await sendCheckIns(at(15))).toMatchObject({ due: 0 });
  });

  it('reminds once, only the person who has not answered; the answer stays', async () => {
    const tandem = await acceptedTandem();
    const sendCheckIns = makeSendCheckIns(deps());
    await sendCheckIns(at(14));
    const given = { kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, answeredAt: at(16).toISOString() };
    await answer(keys.checkInRound(tandem.id, 1), 'answers', 'mentee', given);

    expect(await sendCheckIns(at(20))).toMatchObject({ remindersDue: 0 });
    expect(await sendCheckIns(at(21))).toMatchObject({ remindersDue: 1, reminded: 1, reminderMails: 1 });
    const reminders = (await mailsOf(tandem.id, 'check_in')).filter((m) => m.template === 'check_in' && m.reminder);
    expect(reminders.map((m) => m.to)).toEqual([{ role: 'mentor', personId: tandem.mentorId }]);
    expect(await round(tandem.id, 1)).toMatchObject({ status: 'sent', remindedAt: at(21).toISOString(), answers: { mentee: given } });

    expect(await sendCheckIns(at(21))).toMatchObject({ remindersDue: 0, reminded: 0 });
    expect(await sendCheckIns(at(30))).toMatchObject({ remindersDue: 0, reminded: 0 });
    expect((await mailsOf(tandem.id, 'check_in')).filter((m) => m.template === 'check_in' && m.reminder)).toHaveLength(1);
  });

  it('both answered: the round leaves the reminder queue, nobody is mailed', async () => {
    const tandem = await acceptedTandem();
    const sendCheckIns = makeSendCheckIns(deps());
    await sendCheckIns(at(14));
    for (const role of ['mentor', 'mentee']) await answer(keys.checkInRound(tandem.id, 1), 'answers', role, { kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, answeredAt: at(15).toISOString() });
    expect(await sendCheckIns(at(21))).toMatchObject({ remindersDue: 1, reminded: 1, reminderMails: 0 });
    expect((await mailsOf(tandem.id, 'check_in')).filter((m) => m.template === 'check_in' && m.reminder)).toEqual([]);
  });
});

describe('outcome surveys', () => {
  it('asks the mentee and the referring partner at 3 months, once; reminds only the one who has not answered', async () => {
    const tandem = await acceptedTandem({ partner: true });
    const sendOutcomeSurveys = makeSendOutcomeSurveys(deps());
    const threeMonths = new Date(addMonths(START, 3));
    expect(await sendOutcomeSurveys(new Date(threeMonths.getTime() - 60_000))).toMatchObject({ due: 0 });
    expect(await sendOutcomeSurveys(threeMonths)).toMatchObject({ due: 1, sent: 1, mails: 2 });
    const asked = await mailsOf(tandem.id, 'outcome_survey');
    expect(asked.map((m) => [m.to, m.template === 'outcome_survey' && m.milestone, m.template === 'outcome_survey' && m.reminder])).toEqual([
      [{ role: 'mentee', personId: tandem.menteeId }, 3, false],
      [{ partnerId: tandem.partnerId }, 3, false],
    ]);
    expect(await sendOutcomeSurveys(threeMonths)).toMatchObject({ due: 0, sent: 0 });
    expect(await mailsOf(tandem.id, 'outcome_survey')).toHaveLength(2);

    await answer(keys.outcomeSurvey(tandem.id, 3), 'answeredBy', 'partner', addDays(threeMonths.toISOString(), 2));
    const reminderDay = new Date(addDays(threeMonths.toISOString(), 7));
    expect(await sendOutcomeSurveys(reminderDay)).toMatchObject({ remindersDue: 1, reminded: 1, reminderMails: 1 });
    expect((await mailsOf(tandem.id, 'outcome_survey')).filter((m) => m.template === 'outcome_survey' && m.reminder).map((m) => m.to)).toEqual([
      { role: 'mentee', personId: tandem.menteeId },
    ]);
    expect(outcomeSurveyFromItem((await read(keys.outcomeSurvey(tandem.id, 3)))!)).toMatchObject({ status: 'sent', remindedAt: reminderDay.toISOString(), answeredBy: { partner: expect.any(String) } });
    expect(await sendOutcomeSurveys(reminderDay)).toMatchObject({ remindersDue: 0 });
    // The 6-month survey waits for its date.
    expect(outcomeSurveyFromItem((await read(keys.outcomeSurvey(tandem.id, 6)))!)).toMatchObject({ status: 'scheduled' });
  });
});

describe('silence', () => {
  it('flags a silent tandem once: the watch disarmed, an open alert for the console, one mail to the CCI', async () => {
    const tandem = await acceptedTandem();
    const quiet = await acceptedTandem({ startedAt: addDays(START, 5) });
    const flagSilentTandems = makeFlagSilentTandems(deps());
    expect(await flagSilentTandems(at(59))).toMatchObject({ due: 0, flagged: 0 });
    expect(await flagSilentTandems(at(60))).toMatchObject({ due: 1, flagged: 1 });
    expect(await mailsOf(tandem.id, 'follow_up_alert')).toMatchObject([{ to: { programme: true }, alert: 'silent', tandemId: tandem.id }]);
    expect(await mailsOf(quiet.id, 'follow_up_alert')).toEqual([]);
    const open = await client.send(
      new QueryCommand({ TableName: table.tableName, IndexName: 'GSI1', KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.openAlerts().value } }),
    );
    expect(open.Items?.map((i) => [i.tandemId, i.kind, i.status])).toEqual([[tandem.id, 'silent', 'open']]);
    expect(await read(keys.silenceWatch(tandem.id))).toMatchObject({ armed: false });

    // Run again: not flagged again.
    expect(await flagSilentTandems(at(60))).toMatchObject({ due: 0, flagged: 0 });
    expect(await flagSilentTandems(at(62))).toMatchObject({ due: 0, flagged: 0 });
    expect(await mailsOf(tandem.id, 'follow_up_alert')).toHaveLength(1);
  });
});

describe('the scheduled functions, wired on DynamoDB Local', () => {
  it('run at the event’s scheduledTime', async () => {
    const tandem = await acceptedTandem({ partner: true });
    vi.stubEnv(ENV.stage, 'test');
    vi.stubEnv(ENV.tableName, table.tableName);
    vi.stubEnv(ENV.dynamoDbEndpoint, table.endpoint);
    vi.stubEnv('AWS_REGION', LOCAL_AWS.region);
    vi.stubEnv('AWS_ACCESS_KEY_ID', LOCAL_AWS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', LOCAL_AWS.secretAccessKey);
    for (const [name, value] of Object.entries(followUpEnvironment(FOLLOW_UP_DEFAULTS))) vi.stubEnv(name, value);
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    try {
      const checkIns = (await import('../../functions/scheduled/send-check-ins')).handler;
      const outcomes = (await import('../../functions/scheduled/send-outcome-surveys')).handler;
      const silence = (await import('../../functions/scheduled/flag-silent-tandems')).handler;
      // 09:00 in Paris on day 14 (the round is due at 08:00 UTC = 09:00 Paris, winter time).
      expect(await checkIns({ scheduledTime: '2027-01-18T09:00:00+01:00' }, lambdaContext)).toMatchObject({ sent: 1 });
      expect(await mailsOf(tandem.id, 'check_in')).toHaveLength(2);
      expect(await outcomes({ scheduledTime: addMonths(START, 3) }, lambdaContext)).toMatchObject({ sent: 1, mails: 2 });
      expect(await silence({ scheduledTime: addDays(START, 60) }, lambdaContext)).toMatchObject({ flagged: 1 });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
