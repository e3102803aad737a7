/**
 * The follow-up jobs' use cases (send-check-ins, send-outcome-surveys, flag-silent-tandems) on the
 * in-memory adapters, from a tandem created by AcceptProposal: what each run mails, to whom, once;
 * and the functions' raw handlers taking the run's time from the event.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { memoryFollowUpSchedule } from '../../shared/adapters/memory/follow-up-schedule';
import { checkInRoundFromItem, checkInRoundItem, outcomeSurveyItem, silenceWatchItem, tandemAlertFromItem, tandemItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { addDays, FOLLOW_UP_DEFAULTS, initialSchedule, type CheckInRound } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import { mailJobSchema } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import { makeFlagSilentTandems } from '../../shared/use-cases/flag-silent-tandems';
import { DUE_PAGE } from '../../shared/use-cases/follow-up-jobs';
import { makeSendCheckIns, nextCheckInDueAt } from '../../shared/use-cases/send-check-ins';
import { makeSendOutcomeSurveys } from '../../shared/use-cases/send-outcome-surveys';
import { ENV } from '../../shared/config/env';
import { followUpEnvironment } from '../../shared/config/runtime-config';
import { lambdaContext } from '../helpers/api-event';
import { makeMatchingHub } from '../helpers/matching-hub';
import { safeParse } from 'zod/mini';

const START = '2027-01-04T08:00:00.000Z';
const at = (days: number) => new Date(addDays(START, days));

/** A hub at START with a tandem accepted by the workflow's use case (its follow-up scheduled by it). */
async function hubWithTandem(options: { partner?: boolean } = {}) {
  const hub = makeMatchingHub({ now: START });
  const partner = options.partner ? hub.seedPartner() : undefined;
  const mentee = hub.seedMentee(partner ? { partnerId: partner.id } : {});
  const mentor = hub.seedMentor({ locale: 'en' });
  hub.seedProposal({ menteeId: mentee.id, mentorId: mentor.id });
  const accepted = await hub.acceptProposal({ menteeId: mentee.id, attempt: 1, mentorId: mentor.id });
  if (accepted.outcome !== 'tandem_created') throw new Error('no tandem');
  const tandem = (await hub.store.getTandem(accepted.tandemId!))!;
  const schedule = memoryFollowUpSchedule(hub.table);
  const deps = { schedule, settings: FOLLOW_UP_DEFAULTS };
  const followUpMails = (template: MailJob['template']) => hub.mails().filter((m) => m.template === template);
  return {
    hub,
    tandem,
    partner,
    schedule,
    sendCheckIns: makeSendCheckIns(deps),
    sendOutcomeSurveys: makeSendOutcomeSurveys(deps),
    flagSilentTandems: makeFlagSilentTandems(deps),
    followUpMails,
    round: (seq: number) => {
      const item = hub.table.get(keys.checkInRound(tandem.id, seq));
      return item && checkInRoundFromItem(item);
    },
    /** Another writer's change to an item (an answer): the item's attributes merged. */
    write: (key: Record<string, string>, change: Item) => hub.table.put({ ...hub.table.get(key)!, ...change }),
  };
}

describe('AcceptProposal schedules the follow-up', () => {
  it('the new tandem has its first round, its three surveys and its armed watch, in their due queues', async () => {
    const { hub, tandem } = await hubWithTandem();
    const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
    expect(hub.table.get(keys.checkInRound(tandem.id, 1))).toEqual(checkInRoundItem(schedule.round));
    for (const survey of schedule.surveys) expect(hub.table.get(keys.outcomeSurvey(tandem.id, survey.milestone))).toEqual(outcomeSurveyItem(survey));
    expect(hub.table.get(keys.silenceWatch(tandem.id))).toEqual(silenceWatchItem({ tandemId: tandem.id, dueAt: addDays(START, 60), armed: true }));
    expect(schedule.round.dueAt).toBe(addDays(START, 14));
  });
});

describe('send-check-ins', () => {
  it('mails a due round to mentor and mentee once, and chains the next round', async () => {
    const { sendCheckIns, followUpMails, round, tandem } = await hubWithTandem();
    expect(await sendCheckIns(at(13.9))).toMatchObject({ due: 0, sent: 0 });
    expect(followUpMails('check_in')).toEqual([]);

    expect(await sendCheckIns(at(14))).toMatchObject({ due: 1, sent: 1, cancelled: 0 });
    const mails = followUpMails('check_in');
    expect(mails.map((m) => [m.to, m.locale])).toEqual([
      [{ role: 'mentor', personId: tandem.mentorId }, 'en'],
      [{ role: 'mentee', personId: tandem.menteeId }, 'fr'],
    ]);
    expect(mails.every((m) => m.template === 'check_in' && m.seq === 1 && !m.reminder && m.tandemId === tandem.id)).toBe(true);
    for (const mail of mails) expect(safeParse(mailJobSchema, mail).success).toBe(true);
    expect(round(1)).toMatchObject({ status: 'sent', sentAt: at(14).toISOString() });
    expect(round(2)).toEqual<CheckInRound>({ tandemId: tandem.id, seq: 2, kind: 'monthly', dueAt: addDays(START, 44), status: 'scheduled', answers: {} });

    // The same run again, or a later one before the next round: nothing more.
    expect(await sendCheckIns(at(14))).toMatchObject({ due: 0, sent: 0 });
    expect(await sendCheckIns(at(20))).toMatchObject({ due: 0, sent: 0, remindersDue: 0 });
    expect(followUpMails('check_in')).toHaveLength(2);

    // The next round comes at its date.
    expect(await sendCheckIns(at(44))).toMatchObject({ sent: 1 });
    expect(followUpMails('check_in').filter((m) => m.template === 'check_in' && m.seq === 2)).toHaveLength(2);
  });

  it('reminds once, only the person who has not answered', async () => {
    const { sendCheckIns, followUpMails, round, tandem, write } = await hubWithTandem();
    await sendCheckIns(at(14));
    write(keys.checkInRound(tandem.id, 1), { answers: { mentor: { kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, answeredAt: at(15).toISOString() } } });
    expect(await sendCheckIns(at(20.9))).toMatchObject({ remindersDue: 0 });
    expect(await sendCheckIns(at(21))).toMatchObject({ remindersDue: 1, reminded: 1, reminderMails: 1 });
    const reminders = followUpMails('check_in').filter((m) => m.template === 'check_in' && m.reminder);
    expect(reminders.map((m) => m.to)).toEqual([{ role: 'mentee', personId: tandem.menteeId }]);
    expect(round(1)).toMatchObject({ remindedAt: at(21).toISOString(), answers: { mentor: { fit: 'good' } } });
    expect(await sendCheckIns(at(21))).toMatchObject({ remindersDue: 0, reminded: 0 });
    expect(followUpMails('check_in').filter((m) => m.template === 'check_in' && m.reminder)).toHaveLength(1);
  });

  it('a tandem closed meanwhile: no mail, its round cancelled', async () => {
    const { hub, sendCheckIns, followUpMails, round, tandem } = await hubWithTandem();
    hub.table.put({ ...hub.table.get(keys.tandem(tandem.id))!, ...tandemItem({ ...tandem, status: 'ended_early', endReason: 'no_contact' } as Tandem) });
    expect(await sendCheckIns(at(15))).toMatchObject({ due: 1, sent: 0, cancelled: 1 });
    expect(followUpMails('check_in')).toEqual([]);
    expect(round(1)?.status).toBe('cancelled');
    expect(round(2)).toBeUndefined();
    expect(await sendCheckIns(at(15))).toMatchObject({ due: 0 });
  });

  it('reads page after page: every due round of a busy day is sent in one run', async () => {
    const hub = makeMatchingHub({ now: START });
    const schedule = memoryFollowUpSchedule(hub.table);
    const count = DUE_PAGE + 20;
    for (let i = 0; i < count; i++) {
      const tandem: Tandem = { id: crypto.randomUUID(), menteeId: crypto.randomUUID(), mentorId: crypto.randomUUID(), track: 'job_search', status: 'active', startedAt: START, attempt: 1 };
      hub.table.put(tandemItem(tandem));
      hub.table.put(checkInRoundItem(initialSchedule(tandem, FOLLOW_UP_DEFAULTS).round));
    }
    expect(await makeSendCheckIns({ schedule, settings: FOLLOW_UP_DEFAULTS })(at(14))).toMatchObject({ due: count, sent: count });
    expect(hub.mails()).toHaveLength(2 * count);
  });

  it('the next round is never due before this one’s reminder (a run days late)', () => {
    expect(nextCheckInDueAt(START, 1, at(14), FOLLOW_UP_DEFAULTS)).toBe(addDays(START, 44));
    expect(nextCheckInDueAt(START, 1, at(40), FOLLOW_UP_DEFAULTS)).toBe(addDays(START, 48));
  });
});

describe('send-outcome-surveys', () => {
  it('asks the mentee and the referring partner at 3 months, once; reminds whoever has not answered', async () => {
    const { sendOutcomeSurveys, followUpMails, tandem, partner, write } = await hubWithTandem({ partner: true });
    const threeMonths = new Date(addDays(initialSchedule(tandem, FOLLOW_UP_DEFAULTS).surveys[0]!.dueAt, 0));
    expect(await sendOutcomeSurveys(new Date(threeMonths.getTime() - 1000))).toMatchObject({ due: 0 });
    expect(await sendOutcomeSurveys(threeMonths)).toMatchObject({ due: 1, sent: 1, mails: 2 });
    const mails = followUpMails('outcome_survey');
    expect(mails.map((m) => m.to)).toEqual([{ role: 'mentee', personId: tandem.menteeId }, { partnerId: partner!.id }]);
    expect(mails.every((m) => m.template === 'outcome_survey' && m.milestone === 3 && !m.reminder)).toBe(true);
    for (const mail of mails) expect(safeParse(mailJobSchema, mail).success).toBe(true);
    expect(await sendOutcomeSurveys(threeMonths)).toMatchObject({ due: 0, sent: 0 });

    write(keys.outcomeSurvey(tandem.id, 3), { answeredBy: { mentee: threeMonths.toISOString() } });
    const reminderDay = new Date(addDays(threeMonths.toISOString(), 7));
    expect(await sendOutcomeSurveys(reminderDay)).toMatchObject({ remindersDue: 1, reminded: 1, reminderMails: 1 });
    expect(followUpMails('outcome_survey').filter((m) => m.template === 'outcome_survey' && m.reminder).map((m) => m.to)).toEqual([{ partnerId: partner!.id }]);
    expect(await sendOutcomeSurveys(reminderDay)).toMatchObject({ remindersDue: 0 });
  });

  it('a mentee without a partner: the mentee only; asked after the tandem ended too', async () => {
    const { hub, sendOutcomeSurveys, followUpMails, tandem } = await hubWithTandem();
    hub.table.put({ ...hub.table.get(keys.tandem(tandem.id))!, ...tandemItem({ ...tandem, status: 'completed' }) });
    const sixMonths = new Date(initialSchedule(tandem, FOLLOW_UP_DEFAULTS).surveys[1]!.dueAt);
    expect(await sendOutcomeSurveys(sixMonths)).toMatchObject({ due: 2, sent: 2, mails: 2 });
    expect(followUpMails('outcome_survey').map((m) => m.template === 'outcome_survey' && [m.milestone, m.to])).toEqual([
      [3, { role: 'mentee', personId: tandem.menteeId }],
      [6, { role: 'mentee', personId: tandem.menteeId }],
    ]);
  });
});

describe('flag-silent-tandems', () => {
  it('flags a silent tandem once: an open alert and one mail to the CCI; again only after a new silence', async () => {
    const { hub, flagSilentTandems, followUpMails, tandem, write } = await hubWithTandem();
    expect(await flagSilentTandems(at(59))).toMatchObject({ due: 0, flagged: 0 });
    expect(await flagSilentTandems(at(60))).toMatchObject({ due: 1, flagged: 1 });
    expect(tandemAlertFromItem(hub.table.get(keys.tandemAlert(tandem.id, 'silent'))!)).toMatchObject({ status: 'open', raisedBy: 'system', raisedAt: at(60).toISOString() });
    expect(followUpMails('follow_up_alert')).toMatchObject([{ to: { programme: true }, tandemId: tandem.id, alert: 'silent' }]);
    expect(await flagSilentTandems(at(61))).toMatchObject({ due: 0, flagged: 0 });
    expect(followUpMails('follow_up_alert')).toHaveLength(1);

    // An answer resolves the alert and re-arms the watch (the answer's writer); silent again later: flagged again.
    write(keys.tandemAlert(tandem.id, 'silent'), { status: 'resolved', resolvedAt: at(70).toISOString(), GSI1PK: undefined, GSI1SK: undefined });
    hub.table.put({ ...hub.table.get(keys.silenceWatch(tandem.id))!, ...silenceWatchItem({ tandemId: tandem.id, dueAt: addDays(START, 130), armed: true }) });
    expect(await flagSilentTandems(at(129))).toMatchObject({ due: 0 });
    expect(await flagSilentTandems(at(130))).toMatchObject({ flagged: 1 });
    expect(followUpMails('follow_up_alert')).toHaveLength(2);
  });

  it('a closed tandem is not flagged: its watch is disarmed', async () => {
    const { hub, flagSilentTandems, followUpMails, tandem } = await hubWithTandem();
    hub.table.put({ ...hub.table.get(keys.tandem(tandem.id))!, ...tandemItem({ ...tandem, status: 'completed' }) });
    expect(await flagSilentTandems(at(60))).toMatchObject({ due: 1, flagged: 0, disarmed: 1 });
    expect(followUpMails('follow_up_alert')).toEqual([]);
    expect(hub.table.get(keys.tandemAlert(tandem.id, 'silent'))).toBeUndefined();
  });
});

describe('the functions take the run’s time from the event', () => {
  beforeAll(() => {
    // What CDK sets on these functions: each module wires its use case at import (nothing here reaches the table).
    vi.stubEnv(ENV.stage, 'test');
    vi.stubEnv(ENV.tableName, 'tandem-test');
    vi.stubEnv(ENV.dynamoDbEndpoint, 'http://127.0.0.1:9');
    for (const [name, value] of Object.entries(followUpEnvironment(FOLLOW_UP_DEFAULTS))) vi.stubEnv(name, value);
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  });
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it('each module exports the task chain handler, which refuses a malformed scheduled time before any I/O', async () => {
    for (const entry of ['send-check-ins', 'send-outcome-surveys', 'flag-silent-tandems']) {
      const { handler } = (await import(`../../functions/scheduled/${entry}.ts`)) as { handler: (event: unknown, context: typeof lambdaContext) => Promise<unknown> };
      await expect(handler({ scheduledTime: 'yesterday' }, lambdaContext)).rejects.toMatchObject({ name: 'InvalidTaskInputError' });
    }
  });

  it('scheduledTime when given, else the clock', async () => {
    const { makeSendCheckInsTask } = await import('../../functions/scheduled/send-check-ins');
    const { makeSendOutcomeSurveysTask } = await import('../../functions/scheduled/send-outcome-surveys');
    const { makeFlagSilentTandemsTask } = await import('../../functions/scheduled/flag-silent-tandems');
    const { sendCheckIns, sendOutcomeSurveys, flagSilentTandems, followUpMails } = await hubWithTandem();
    const clock = { now: () => at(1) };
    expect(await makeSendCheckInsTask(sendCheckIns, clock)({}, lambdaContext)).toMatchObject({ due: 0 });
    expect(await makeSendCheckInsTask(sendCheckIns, clock)({ scheduledTime: '2027-01-18T09:00:00+01:00' }, lambdaContext)).toMatchObject({ due: 1, sent: 1 });
    expect(followUpMails('check_in')[0]?.recordedAt).toBe('2027-01-18T08:00:00.000Z');
    expect(await makeSendOutcomeSurveysTask(sendOutcomeSurveys, clock)({ scheduledTime: at(91).toISOString() }, lambdaContext)).toMatchObject({ sent: 1 });
    expect(await makeFlagSilentTandemsTask(flagSilentTandems, clock)({ scheduledTime: at(61).toISOString() }, lambdaContext)).toMatchObject({ flagged: 1 });
  });
});
