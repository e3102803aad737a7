/**
 * What every FollowUpSchedule promises (shared/ports/follow-up-schedule.ts), run against each
 * adapter: the due queues read up to `now` in due order, a page at a time; each act done once
 * (its item moved out of its queue with it), all or nothing; attributes written by others (answers)
 * kept; reminders only to whoever has not answered. Each subject starts empty.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInRoundItem, outboxItem, outcomeSurveyItem, personItem, silenceWatchItem, tandemAlertItem, tandemItem, type Item } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { addDays, type CheckInAnswer, type CheckInRole, type CheckInRound, type OutcomeMilestone, type OutcomeRespondent, type OutcomeSurvey } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import type { FollowUpSchedule, RecordedJob } from '../../shared/ports/follow-up-schedule';
import { newPerson, race } from './support';

export interface FollowUpScheduleSubject {
  schedule: FollowUpSchedule;
  /** Writes items as they are (the seed of a test, or another writer's change). */
  put(items: Item[]): Promise<void>;
  /** The stored item under a key. */
  readItem(key: Key): Promise<Item | undefined>;
  cleanup(): Promise<void>;
}

const START = '2027-01-04T08:00:00.000Z';
const at = (days: number) => new Date(addDays(START, days));
const GSI1 = { pk: 'GSI1PK', sk: 'GSI1SK' };

export const tandemFixture = (overrides: Partial<Tandem> = {}): Tandem => ({
  id: randomUUID(),
  menteeId: randomUUID(),
  mentorId: randomUUID(),
  track: 'job_search',
  status: 'active',
  startedAt: START,
  attempt: 1,
  ...overrides,
});
const round = (t: Tandem, seq: number, overrides: Partial<CheckInRound> = {}): CheckInRound => ({
  tandemId: t.id,
  seq,
  kind: seq === 1 ? 'first' : 'monthly',
  dueAt: addDays(START, 14 + (seq - 1) * 30),
  status: 'scheduled',
  answers: {},
  ...overrides,
});
const survey = (t: Tandem, milestone: OutcomeMilestone, overrides: Partial<OutcomeSurvey> = {}): OutcomeSurvey => ({
  tandemId: t.id,
  milestone,
  dueAt: addDays(START, milestone * 30),
  status: 'scheduled',
  records: [],
  ...overrides,
});
const answer = (now: Date): CheckInAnswer => ({ kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, answeredAt: now.toISOString() });

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
const job = (now: Date, fields: OmitEach<MailJob, 'kind' | 'id' | 'locale' | 'recordedAt'>, dedupKey: string): RecordedJob => ({
  job: { kind: 'mail', id: randomUUID(), locale: 'fr', recordedAt: now.toISOString(), ...fields } as MailJob,
  dedupKey,
});
const checkInMail = (t: Tandem, seq: number, role: CheckInRole, now: Date, reminder = false) =>
  job(now, { template: 'check_in', to: { role, personId: role === 'mentor' ? t.mentorId : t.menteeId }, tandemId: t.id, seq, reminder }, `checkin${reminder ? '_reminder' : ''}#${t.id}#${seq}#${role}`);
const surveyMail = (t: Tandem, milestone: OutcomeMilestone, respondent: OutcomeRespondent, now: Date, reminder = false) =>
  job(
    now,
    { template: 'outcome_survey', to: respondent === 'partner' ? { partnerId: t.partnerId! } : { role: 'mentee', personId: t.menteeId }, tandemId: t.id, milestone, reminder },
    `outcome${reminder ? '_reminder' : ''}#${t.id}#${milestone}#${respondent}`,
  );
const alertMail = (t: Tandem, dueAt: string, now: Date) => job(now, { template: 'follow_up_alert', to: { programme: true }, tandemId: t.id, alert: 'silent' }, `follow_up_alert#${t.id}#silent#${dueAt}`);

export function followUpScheduleContract(name: string, makeSubject: () => Promise<FollowUpScheduleSubject>) {
  describe(`FollowUpSchedule contract: ${name}`, () => {
    let subject: FollowUpScheduleSubject;
    let schedule: FollowUpSchedule;
    beforeEach(async () => {
      subject = await makeSubject();
      schedule = subject.schedule;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const jobOf = async (recorded: RecordedJob) => (await subject.readItem(keys.outbox('mail', recorded.dedupKey)))?.job as MailJob | undefined;
    const seedTandem = async (overrides: Partial<Tandem> = {}) => {
      const t = tandemFixture(overrides);
      await subject.put([tandemItem(t)]);
      return t;
    };
    const next = (t: Tandem, seq: number) => round(t, seq + 1);

    describe('due queues', () => {
      it('reads only what is due at now, oldest first, a page at a time', async () => {
        const tandems = await Promise.all([0, 1, 2, 3].map(() => seedTandem()));
        // Due on days 14, 15, 16; the fourth on day 40 (not due).
        await subject.put(tandems.map((t, i) => checkInRoundItem(round(t, 1, { dueAt: addDays(START, i < 3 ? 14 + i : 40) }))));
        const now = at(20);
        const first = await schedule.dueRounds('CHECKIN', now, { limit: 2 });
        expect(first.items.map((r) => r.tandemId)).toEqual([tandems[0]!.id, tandems[1]!.id]);
        expect(first.items[0]).toEqual(round(tandems[0]!, 1, { dueAt: addDays(START, 14) }));
        expect(first.next).toBeDefined();
        const second = await schedule.dueRounds('CHECKIN', now, { limit: 2, after: first.next });
        expect(second.items.map((r) => r.tandemId)).toEqual([tandems[2]!.id]);
        expect(second.next).toBeUndefined();
        expect((await schedule.dueRounds('CHECKIN', at(13), { limit: 10 })).items).toEqual([]);
        expect((await schedule.dueRounds('CHECKIN', at(14), { limit: 10 })).items.map((r) => r.tandemId)).toEqual([tandems[0]!.id]);
        expect((await schedule.dueRounds('CHECKIN_REMINDER', now, { limit: 10 })).items).toEqual([]);
      });

      it('surveys and watches each in their own queue', async () => {
        const t = await seedTandem();
        await subject.put([outcomeSurveyItem(survey(t, 3)), outcomeSurveyItem(survey(t, 6)), silenceWatchItem({ tandemId: t.id, dueAt: addDays(START, 60), armed: true })]);
        expect((await schedule.dueSurveys('OUTCOME', at(100), { limit: 10 })).items.map((s) => s.milestone)).toEqual([3]);
        expect((await schedule.dueWatches(at(59), { limit: 10 })).items).toEqual([]);
        expect((await schedule.dueWatches(at(61), { limit: 10 })).items).toEqual([{ tandemId: t.id, dueAt: addDays(START, 60), armed: true }]);
      });
    });

    it('getTandem and localeOf read by key', async () => {
      const { person } = newPerson({ role: 'mentor' });
      const t = await seedTandem({ mentorId: person.id });
      await subject.put([personItem({ ...person, locale: 'en' })]);
      expect(await schedule.getTandem(t.id)).toEqual(t);
      expect(await schedule.getTandem(randomUUID())).toBeUndefined();
      expect(await schedule.localeOf('mentor', person.id)).toBe('en');
      expect(await schedule.localeOf('mentee', person.id)).toBeUndefined();
    });

    describe('sendRound', () => {
      it('sends a due round once: moved to the reminder queue, the next round put, the mails recorded', async () => {
        const t = await seedTandem();
        await subject.put([checkInRoundItem(round(t, 1))]);
        const now = at(14.1);
        const remindAt = addDays(now.toISOString(), 7);
        const mails = [checkInMail(t, 1, 'mentor', now), checkInMail(t, 1, 'mentee', now)];
        expect(await schedule.sendRound({ tandemId: t.id, seq: 1, now, remindAt, next: next(t, 1), mails })).toBe('sent');
        expect(await subject.readItem(keys.checkInRound(t.id, 1))).toEqual(checkInRoundItem({ ...round(t, 1), status: 'sent', sentAt: now.toISOString() }, { remindAt }));
        expect(await subject.readItem(keys.checkInRound(t.id, 2))).toEqual(checkInRoundItem(next(t, 1)));
        for (const mail of mails) expect(await jobOf(mail)).toEqual(mail.job);
        expect((await schedule.dueRounds('CHECKIN', now, { limit: 10 })).items).toEqual([]);
        expect((await schedule.dueRounds('CHECKIN_REMINDER', new Date(remindAt), { limit: 10 })).items.map((r) => r.seq)).toEqual([1]);

        // Again (a second run): nothing more.
        const again = [checkInMail(t, 1, 'mentor', at(14.2))];
        expect(await schedule.sendRound({ tandemId: t.id, seq: 1, now: at(14.2), remindAt, next: next(t, 1), mails: again })).toBe('not_due');
        expect((await jobOf(again[0]!))?.id).toBe(mails[0]!.job.id);
      });

      it('two runs at once: the round is sent by one, its mails recorded once', async () => {
        const t = await seedTandem();
        await subject.put([checkInRoundItem(round(t, 1))]);
        const now = at(15);
        const send = () => schedule.sendRound({ tandemId: t.id, seq: 1, now, remindAt: addDays(START, 22), next: next(t, 1), mails: [checkInMail(t, 1, 'mentor', now)] });
        const outcomes = await race([send(), send(), send()]);
        expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
        expect(outcomes.filter((o) => o !== 'sent' && o !== 'not_due' && o !== 'retry')).toEqual([]);
        expect(await subject.readItem(keys.checkInRound(t.id, 1))).toMatchObject({ status: 'sent', sentAt: now.toISOString() });
      });

      it('a round not yet due is not sent', async () => {
        const t = await seedTandem();
        await subject.put([checkInRoundItem(round(t, 1))]);
        expect(await schedule.sendRound({ tandemId: t.id, seq: 1, now: at(13), remindAt: addDays(START, 20), next: next(t, 1), mails: [checkInMail(t, 1, 'mentor', at(13))] })).toBe('not_due');
        expect(await subject.readItem(keys.checkInRound(t.id, 1))).toEqual(checkInRoundItem(round(t, 1)));
        expect(await subject.readItem(keys.checkInRound(t.id, 2))).toBeUndefined();
      });

      it('a closed tandem: nothing written (tandem_closed), then cancelRound takes the round out of its queue', async () => {
        const t = await seedTandem({ status: 'ended_early' });
        await subject.put([checkInRoundItem(round(t, 1))]);
        const mail = checkInMail(t, 1, 'mentor', at(15));
        expect(await schedule.sendRound({ tandemId: t.id, seq: 1, now: at(15), remindAt: addDays(START, 22), next: next(t, 1), mails: [mail] })).toBe('tandem_closed');
        expect(await subject.readItem(keys.checkInRound(t.id, 2))).toBeUndefined();
        expect(await jobOf(mail)).toBeUndefined();
        expect(await schedule.cancelRound({ tandemId: t.id, seq: 1 })).toBe('cancelled');
        expect(await subject.readItem(keys.checkInRound(t.id, 1))).toEqual(checkInRoundItem({ ...round(t, 1), status: 'cancelled' }));
        expect((await schedule.dueRounds('CHECKIN', at(15), { limit: 10 })).items).toEqual([]);
        expect(await schedule.cancelRound({ tandemId: t.id, seq: 1 })).toBe('not_scheduled');
      });

      it('keeps what others wrote on the round (it updates, never replaces)', async () => {
        const t = await seedTandem();
        await subject.put([{ ...checkInRoundItem(round(t, 1)), note: 'kept' }]);
        expect(await schedule.sendRound({ tandemId: t.id, seq: 1, now: at(15), remindAt: addDays(START, 22), next: next(t, 1), mails: [] })).toBe('sent');
        expect((await subject.readItem(keys.checkInRound(t.id, 1)))?.note).toBe('kept');
      });
    });

    describe('remindRound', () => {
      const sentRound = async (t: Tandem, answers: CheckInRound['answers'] = {}) => {
        await subject.put([checkInRoundItem(round(t, 1, { status: 'sent', sentAt: at(14).toISOString(), answers }), { remindAt: addDays(START, 21) })]);
      };
      const mailsFor = (t: Tandem, now: Date) => (roles: CheckInRole[]) => roles.map((role) => checkInMail(t, 1, role, now, true));

      it('reminds once, only whoever has not answered; the answer stays', async () => {
        const t = await seedTandem();
        await sentRound(t, { mentor: answer(at(16)) });
        const now = at(21.5);
        expect(await schedule.remindRound({ tandemId: t.id, seq: 1, now, mails: mailsFor(t, now) })).toEqual({ outcome: 'reminded', mailed: ['mentee'] });
        const stored = await subject.readItem(keys.checkInRound(t.id, 1));
        expect(stored).toMatchObject({ remindedAt: now.toISOString(), answers: { mentor: answer(at(16)) } });
        expect(stored?.[GSI1.pk]).toBeUndefined();
        expect((await jobOf(checkInMail(t, 1, 'mentee', now, true)))?.to).toEqual({ role: 'mentee', personId: t.menteeId });
        expect(await jobOf(checkInMail(t, 1, 'mentor', now, true))).toBeUndefined();
        expect(await schedule.remindRound({ tandemId: t.id, seq: 1, now: at(22), mails: mailsFor(t, at(22)) })).toEqual({ outcome: 'not_due' });
      });

      it('nobody when both answered, or when the tandem closed; not before it is due', async () => {
        const both = await seedTandem();
        await sentRound(both, { mentor: answer(at(16)), mentee: answer(at(17)) });
        expect(await schedule.remindRound({ tandemId: both.id, seq: 1, now: at(20), mails: mailsFor(both, at(20)) })).toEqual({ outcome: 'not_due' });
        expect(await schedule.remindRound({ tandemId: both.id, seq: 1, now: at(21.5), mails: mailsFor(both, at(21.5)) })).toEqual({ outcome: 'reminded', mailed: [] });
        const closed = await seedTandem({ status: 'completed' });
        await sentRound(closed);
        expect(await schedule.remindRound({ tandemId: closed.id, seq: 1, now: at(21.5), mails: mailsFor(closed, at(21.5)) })).toEqual({ outcome: 'reminded', mailed: [] });
        expect(await jobOf(checkInMail(closed, 1, 'mentor', at(21.5), true))).toBeUndefined();
        expect((await schedule.dueRounds('CHECKIN_REMINDER', at(30), { limit: 10 })).items).toEqual([]);
      });
    });

    describe('outcome surveys', () => {
      it('sendSurvey: once, to the reminder queue, whatever the tandem status', async () => {
        const t = await seedTandem({ status: 'completed', partnerId: 'mission-locale' });
        await subject.put([outcomeSurveyItem(survey(t, 3))]);
        const now = at(90.1);
        const remindAt = addDays(now.toISOString(), 7);
        const mails = [surveyMail(t, 3, 'mentee', now), surveyMail(t, 3, 'partner', now)];
        expect(await schedule.sendSurvey({ tandemId: t.id, milestone: 3, now, remindAt, mails })).toBe('sent');
        expect(await subject.readItem(keys.outcomeSurvey(t.id, 3))).toEqual(outcomeSurveyItem({ ...survey(t, 3), status: 'sent', sentAt: now.toISOString() }, { remindAt }));
        expect((await jobOf(mails[1]!))?.to).toEqual({ partnerId: 'mission-locale' });
        expect(await schedule.sendSurvey({ tandemId: t.id, milestone: 3, now, remindAt, mails })).toBe('not_due');
        // Not yet due.
        await subject.put([outcomeSurveyItem(survey(t, 6))]);
        expect(await schedule.sendSurvey({ tandemId: t.id, milestone: 6, now, remindAt, mails: [] })).toBe('not_due');
      });

      it('remindSurvey: the respondents not in answeredBy (mentee, and the partner of a referred mentee)', async () => {
        const referred = await seedTandem({ partnerId: 'mission-locale' });
        const alone = await seedTandem();
        const sent = (t: Tandem, answeredBy?: OutcomeSurvey['answeredBy']) =>
          outcomeSurveyItem(survey(t, 3, { status: 'sent', sentAt: at(90).toISOString(), ...(answeredBy ? { answeredBy } : {}) }), { remindAt: addDays(START, 97) });
        await subject.put([sent(referred, { mentee: at(91).toISOString() }), sent(alone)]);
        const now = at(98);
        const mails = (t: Tandem) => (respondents: OutcomeRespondent[]) => respondents.map((r) => surveyMail(t, 3, r, now, true));
        expect(await schedule.remindSurvey({ tandemId: referred.id, milestone: 3, now, mails: mails(referred) })).toEqual({ outcome: 'reminded', mailed: ['partner'] });
        expect(await schedule.remindSurvey({ tandemId: alone.id, milestone: 3, now, mails: mails(alone) })).toEqual({ outcome: 'reminded', mailed: ['mentee'] });
        expect((await subject.readItem(keys.outcomeSurvey(referred.id, 3)))?.answeredBy).toEqual({ mentee: at(91).toISOString() });
        expect(await schedule.remindSurvey({ tandemId: alone.id, milestone: 3, now, mails: mails(alone) })).toEqual({ outcome: 'not_due' });
        expect((await schedule.dueSurveys('OUTCOME_REMINDER', now, { limit: 10 })).items).toEqual([]);
      });

      it('cancelSurvey takes a scheduled survey out of its queue', async () => {
        const t = tandemFixture();
        await subject.put([outcomeSurveyItem(survey(t, 3))]);
        expect(await schedule.cancelSurvey({ tandemId: t.id, milestone: 3 })).toBe('cancelled');
        expect((await schedule.dueSurveys('OUTCOME', at(100), { limit: 10 })).items).toEqual([]);
      });
    });

    describe('flagSilent', () => {
      const DUE = addDays(START, 60);
      it('flags once: watch disarmed, alert open in the attention index, the CCI mailed', async () => {
        const t = await seedTandem();
        await subject.put([silenceWatchItem({ tandemId: t.id, dueAt: DUE, armed: true })]);
        const now = at(61);
        const mail = alertMail(t, DUE, now);
        expect(await schedule.flagSilent({ tandemId: t.id, dueAt: DUE, now, mail })).toBe('flagged');
        expect(await subject.readItem(keys.silenceWatch(t.id))).toEqual(silenceWatchItem({ tandemId: t.id, dueAt: DUE, armed: false }));
        expect(await subject.readItem(keys.tandemAlert(t.id, 'silent'))).toEqual(tandemAlertItem({ tandemId: t.id, kind: 'silent', raisedAt: now.toISOString(), raisedBy: 'system', status: 'open' }));
        expect(await jobOf(mail)).toEqual(mail.job);
        expect(await schedule.flagSilent({ tandemId: t.id, dueAt: DUE, now: at(62), mail: alertMail(t, DUE, at(62)) })).toBe('not_due');
        expect((await schedule.dueWatches(at(62), { limit: 10 })).items).toEqual([]);
      });

      it('a watch re-armed since the read, or not yet due: not_due, nothing written', async () => {
        const t = await seedTandem();
        await subject.put([silenceWatchItem({ tandemId: t.id, dueAt: addDays(START, 80), armed: true })]);
        expect(await schedule.flagSilent({ tandemId: t.id, dueAt: DUE, now: at(61), mail: alertMail(t, DUE, at(61)) })).toBe('not_due');
        const later = addDays(START, 80);
        expect(await schedule.flagSilent({ tandemId: t.id, dueAt: later, now: at(61), mail: alertMail(t, later, at(61)) })).toBe('not_due');
        expect(await subject.readItem(keys.tandemAlert(t.id, 'silent'))).toBeUndefined();
        expect((await subject.readItem(keys.silenceWatch(t.id)))?.armed).toBe(true);
      });

      it('a closed tandem: the watch disarmed, no alert, no mail', async () => {
        const t = await seedTandem({ status: 'completed' });
        await subject.put([silenceWatchItem({ tandemId: t.id, dueAt: DUE, armed: true })]);
        const mail = alertMail(t, DUE, at(61));
        expect(await schedule.flagSilent({ tandemId: t.id, dueAt: DUE, now: at(61), mail })).toBe('tandem_closed');
        expect(await subject.readItem(keys.silenceWatch(t.id))).toEqual(silenceWatchItem({ tandemId: t.id, dueAt: DUE, armed: false }));
        expect(await subject.readItem(keys.tandemAlert(t.id, 'silent'))).toBeUndefined();
        expect(await jobOf(mail)).toBeUndefined();
      });

      it('a resolved silent alert is raised again; an open one is left as it is', async () => {
        const resolved = await seedTandem();
        const open = await seedTandem();
        const old = { kind: 'silent' as const, raisedAt: at(10).toISOString(), raisedBy: 'system' as const };
        await subject.put([
          silenceWatchItem({ tandemId: resolved.id, dueAt: DUE, armed: true }),
          tandemAlertItem({ tandemId: resolved.id, ...old, status: 'resolved', resolvedAt: at(20).toISOString() }),
          silenceWatchItem({ tandemId: open.id, dueAt: DUE, armed: true }),
          tandemAlertItem({ tandemId: open.id, ...old, status: 'open' }),
        ]);
        expect(await schedule.flagSilent({ tandemId: resolved.id, dueAt: DUE, now: at(61), mail: alertMail(resolved, DUE, at(61)) })).toBe('flagged');
        expect(await subject.readItem(keys.tandemAlert(resolved.id, 'silent'))).toMatchObject({ status: 'open', raisedAt: at(61).toISOString() });
        const mail = alertMail(open, DUE, at(61));
        expect(await schedule.flagSilent({ tandemId: open.id, dueAt: DUE, now: at(61), mail })).toBe('already_open');
        expect(await subject.readItem(keys.tandemAlert(open.id, 'silent'))).toEqual(tandemAlertItem({ tandemId: open.id, ...old, status: 'open' }));
        expect(await jobOf(mail)).toBeUndefined();
        expect((await subject.readItem(keys.silenceWatch(open.id)))?.armed).toBe(false);
      });
    });

    it('records mail jobs as outbox items (the stream consumer reads them)', async () => {
      const t = await seedTandem();
      await subject.put([checkInRoundItem(round(t, 1))]);
      const now = at(15);
      const mail = checkInMail(t, 1, 'mentor', now);
      await schedule.sendRound({ tandemId: t.id, seq: 1, now, remindAt: addDays(START, 22), next: next(t, 1), mails: [mail] });
      const stored = await subject.readItem(keys.outbox('mail', mail.dedupKey));
      expect(stored).toMatchObject({ ...outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: Number(stored?.expiresAt) }) });
    });
  });
}
