/**
 * What every FollowUpAnswers promises (shared/ports/follow-up-answers.ts): a check-in answer
 * recorded once per person and round, with the tandem's last answer, the silence watch re-armed,
 * an open silence alert resolved, the raised alerts and their mails, all or nothing; what the jobs
 * wrote on the round (status, sentAt, remindedAt, queue entry) kept; a spent link, a second answer,
 * a closed tandem, a cancelled or unsent round refused with nothing changed; an outcome appended
 * once per respondent and milestone. Each subject starts empty.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInRoundItem, outcomeSurveyItem, silenceWatchItem, tandemAlertItem, tandemItem, type Item } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import type { CheckInAnswer, CheckInRound, OutcomeRecord, OutcomeSurvey, TandemAlert } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Tandem } from '../../shared/domain/matching';
import type { CheckInAnswerInput, FollowUpAnswers } from '../../shared/ports/follow-up-answers';
import type { FollowUpReads } from '../../shared/ports/follow-up-reads';
import type { RecordedJob } from '../../shared/ports/matching-store';
import { T0, later, race } from './support';

export interface FollowUpAnswersSubject {
  answers: FollowUpAnswers;
  reads: FollowUpReads;
  put(items: Item[]): Promise<void>;
  readItem(key: Key): Promise<Item | undefined>;
  /** Every item of a partition (to prove a refused answer changed nothing). */
  partition(pk: string): Promise<Item[]>;
  cleanup(): Promise<void>;
}

const { GSI1 } = TABLE.indexes;
const at = (seconds: number) => later(seconds).toISOString();
const STARTED = '2026-11-01T10:00:00.000Z';
const SENT = '2026-11-15T08:00:00.000Z';
const REMIND_AT = '2026-11-22T08:00:00.000Z';

/** An active tandem as AcceptProposal creates it. */
export function followUpTandem(overrides: Partial<Tandem> = {}): Tandem {
  return { id: randomUUID(), menteeId: randomUUID(), mentorId: randomUUID(), track: 'job_search', status: 'active', startedAt: STARTED, attempt: 1, ...overrides };
}

/** A round as the check-ins job leaves it once mailed: `sent`, in the reminder queue. */
export function sentRound(tandemId: string, overrides: Partial<CheckInRound> = {}): CheckInRound {
  return { tandemId, seq: 1, kind: 'first', dueAt: SENT, status: 'sent', sentAt: SENT, answers: {}, ...overrides };
}

export function sentSurvey(tandemId: string, overrides: Partial<OutcomeSurvey> = {}): OutcomeSurvey {
  return { tandemId, milestone: 3, dueAt: '2027-02-01T10:00:00.000Z', status: 'sent', sentAt: '2027-02-01T09:30:00.000Z', records: [], ...overrides };
}

/** The items of a tandem with a sent first round, its surveys and an armed watch. */
export function followUpItems(tandem: Tandem, options: { round?: Partial<CheckInRound>; survey?: Partial<OutcomeSurvey>; alerts?: TandemAlert[] } = {}): Item[] {
  return [
    tandemItem(tandem),
    checkInRoundItem(sentRound(tandem.id, options.round), { remindAt: REMIND_AT }),
    outcomeSurveyItem(sentSurvey(tandem.id, options.survey), { remindAt: '2027-02-08T09:30:00.000Z' }),
    silenceWatchItem({ tandemId: tandem.id, dueAt: '2026-12-31T10:00:00.000Z', armed: true }),
    ...(options.alerts ?? []).map(tandemAlertItem),
  ];
}

const firstAnswer = (overrides: Partial<CheckInAnswer> = {}): CheckInAnswer =>
  ({ kind: 'first', firstMeetingHeld: true, fit: 'good', needsHelp: false, privateNote: 'Tout va bien.', answeredAt: at(0), ...overrides }) as CheckInAnswer;

const alertMail = (tandemId: string, alert: TandemAlert['kind'], to: { programme: true } | { partnerId: string }, dedupKey: string): RecordedJob => ({
  job: { kind: 'mail', id: randomUUID(), locale: 'fr', recordedAt: at(0), template: 'follow_up_alert', to, tandemId, alert } as MailJob,
  dedupKey,
});

export function followUpAnswersContract(name: string, makeSubject: () => Promise<FollowUpAnswersSubject>) {
  describe(`FollowUpAnswers contract: ${name}`, () => {
    let subject: FollowUpAnswersSubject;
    let tandem: Tandem;
    const link = () => ({ tokenId: randomUUID(), expiresAt: Math.floor(T0.getTime() / 1000) + 30 * 86400 });
    const checkIn = (overrides: Partial<CheckInAnswerInput> = {}): CheckInAnswerInput => ({
      tandemId: tandem.id,
      seq: 1,
      role: 'mentee',
      answer: firstAnswer(),
      link: link(),
      silentAt: at(60 * 86400),
      alerts: [],
      mails: [],
      ...overrides,
    });
    const snapshot = async () => JSON.stringify(await subject.partition(keys.tandemPartition(tandem.id)));

    beforeEach(async () => {
      subject = await makeSubject();
      tandem = followUpTandem({ partnerId: 'p-workup' });
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    describe('a check-in answer', () => {
      it('is recorded with the last answer, the watch re-armed, and what the jobs wrote kept', async () => {
        await subject.put(followUpItems(tandem, { round: { remindedAt: undefined } }));
        const input = checkIn();
        expect(await subject.answers.answerCheckIn(input)).toBe('recorded');
        const followUp = (await subject.reads.getFollowUp(tandem.id))!;
        expect(followUp.rounds[0]).toEqual({ ...sentRound(tandem.id), answers: { mentee: input.answer } });
        expect(followUp.tandem.lastAnswerAt).toBe(input.answer.answeredAt);
        expect(followUp.watch).toEqual({ tandemId: tandem.id, dueAt: input.silentAt, armed: true });
        const round = await subject.readItem(keys.checkInRound(tandem.id, 1));
        expect(round).toMatchObject(keys.dueIndex('CHECKIN_REMINDER', REMIND_AT, tandem.id, '1'));
        expect(await subject.readItem(keys.silenceWatch(tandem.id))).toMatchObject(keys.dueIndex('SILENCE', input.silentAt, tandem.id, 'SILENCE'));
        expect(await subject.readItem(keys.spentLink(input.link.tokenId))).toMatchObject({ entity: 'SpentLink', expiresAt: input.link.expiresAt });
      });

      it('is recorded once per person: a second answer or a replayed link changes nothing', async () => {
        await subject.put(followUpItems(tandem));
        const first = checkIn();
        expect(await subject.answers.answerCheckIn(first)).toBe('recorded');
        const before = await snapshot();
        expect(await subject.answers.answerCheckIn(checkIn({ answer: firstAnswer({ fit: 'not_a_good_fit', answeredAt: at(60) }) }))).toBe('already_answered');
        expect(await subject.answers.answerCheckIn({ ...first, role: 'mentor' })).toBe('already_answered');
        expect(await snapshot()).toBe(before);
      });

      it('keeps each person’s answer apart', async () => {
        await subject.put(followUpItems(tandem));
        const mentee = checkIn();
        const mentor = checkIn({ role: 'mentor', answer: firstAnswer({ fit: 'too_early', answeredAt: at(3600) }) });
        expect(await subject.answers.answerCheckIn(mentee)).toBe('recorded');
        expect(await subject.answers.answerCheckIn(mentor)).toBe('recorded');
        const round = (await subject.reads.getFollowUp(tandem.id))!.rounds[0]!;
        expect(round.answers).toEqual({ mentee: mentee.answer, mentor: mentor.answer });
        expect((await subject.reads.getFollowUp(tandem.id))!.tandem.lastAnswerAt).toBe(at(3600));
      });

      it('records one of racing answers of the same person', async () => {
        await subject.put(followUpItems(tandem));
        const outcomes = await race([1, 2, 3].map((n) => subject.answers.answerCheckIn(checkIn({ answer: firstAnswer({ answeredAt: at(n) }) }))));
        expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(1);
        expect(outcomes.filter((o) => o !== 'recorded' && o !== 'already_answered' && o !== 'retry')).toEqual([]);
      });

      it('is refused on a closed tandem, a cancelled or unsent round, with nothing changed', async () => {
        const closed = followUpTandem({ status: 'ended_early', endReason: 'no_contact', endedAt: at(0) });
        const cancelled = followUpTandem();
        const scheduled = followUpTandem();
        await subject.put([
          ...followUpItems(closed),
          ...followUpItems(cancelled, { round: { status: 'cancelled', sentAt: undefined } }),
          ...followUpItems(scheduled, { round: { status: 'scheduled', sentAt: undefined } }),
        ]);
        for (const t of [closed, cancelled, scheduled]) {
          tandem = t;
          const before = await snapshot();
          expect(await subject.answers.answerCheckIn(checkIn({ tandemId: t.id }))).toBe('closed');
          expect(await snapshot()).toBe(before);
        }
      });

      it('answers not_found for an unknown tandem or round', async () => {
        await subject.put(followUpItems(tandem));
        expect(await subject.answers.answerCheckIn(checkIn({ seq: 2 }))).toBe('not_found');
        expect(await subject.answers.answerCheckIn(checkIn({ tandemId: randomUUID() }))).toBe('not_found');
      });

      it('resolves an open silence alert, out of the attention index', async () => {
        const silent: TandemAlert = { tandemId: tandem.id, kind: 'silent', raisedAt: at(-86400), raisedBy: 'system', status: 'open' };
        await subject.put([...followUpItems(tandem), silenceWatchItem({ tandemId: tandem.id, dueAt: at(-86400), armed: false })]);
        await subject.put([tandemAlertItem(silent)]);
        const input = checkIn();
        expect(await subject.answers.answerCheckIn(input)).toBe('recorded');
        const alert = await subject.readItem(keys.tandemAlert(tandem.id, 'silent'));
        expect(alert).toMatchObject({ status: 'resolved', resolvedAt: input.answer.answeredAt, raisedAt: silent.raisedAt });
        expect(alert?.[GSI1.partitionKey]).toBeUndefined();
        expect(alert?.[GSI1.sortKey]).toBeUndefined();
        expect((await subject.reads.getFollowUp(tandem.id))!.watch).toEqual({ tandemId: tandem.id, dueAt: input.silentAt, armed: true });
      });

      it('raises its alerts and records their mails with it', async () => {
        await subject.put(followUpItems(tandem));
        const help: TandemAlert = { tandemId: tandem.id, kind: 'help_requested', raisedAt: at(0), raisedBy: 'mentee', seq: 1, status: 'open' };
        const fit: TandemAlert = { ...help, kind: 'not_a_good_fit' };
        const mails = [
          alertMail(tandem.id, 'help_requested', { programme: true }, `x#${randomUUID()}`),
          alertMail(tandem.id, 'help_requested', { partnerId: 'p-workup' }, `x#${randomUUID()}`),
          alertMail(tandem.id, 'not_a_good_fit', { programme: true }, `x#${randomUUID()}`),
        ];
        expect(await subject.answers.answerCheckIn(checkIn({ alerts: [help, fit], mails }))).toBe('recorded');
        expect((await subject.reads.getFollowUp(tandem.id))!.alerts.sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([help, fit]);
        expect(await subject.readItem(keys.tandemAlert(tandem.id, 'help_requested'))).toMatchObject(keys.openAlertIndex(help.raisedAt, tandem.id, 'help_requested'));
        for (const mail of mails) expect((await subject.readItem(keys.outbox('mail', mail.dedupKey)))?.job).toEqual(mail.job);
      });

      it('creates the answers of a round stored without any', async () => {
        const items = followUpItems(tandem);
        delete items[1]!.answers;
        await subject.put(items);
        const input = checkIn();
        expect(await subject.answers.answerCheckIn(input)).toBe('recorded');
        expect((await subject.reads.getFollowUp(tandem.id))!.rounds[0]!.answers).toEqual({ mentee: input.answer });
      });
    });

    describe('an outcome answer', () => {
      const record = (overrides: Partial<OutcomeRecord> = {}): OutcomeRecord => ({ value: { track: 'job_search', situation: 'work_study' }, source: 'mentee', recordedAt: at(0), ...overrides });

      it('is appended once per respondent, what the jobs wrote kept', async () => {
        await subject.put(followUpItems(tandem));
        const mentee = record();
        const partner = record({ source: 'partner', value: { track: 'job_search', situation: 'none' }, recordedAt: at(60) });
        const tokenId = randomUUID();
        expect(await subject.answers.answerOutcome({ tandemId: tandem.id, milestone: 3, respondent: 'mentee', record: mentee, link: { tokenId, expiresAt: 2e9 } })).toBe('recorded');
        const before = await snapshot();
        expect(await subject.answers.answerOutcome({ tandemId: tandem.id, milestone: 3, respondent: 'mentee', record: record({ recordedAt: at(30) }), link: { tokenId: randomUUID(), expiresAt: 2e9 } })).toBe('already_answered');
        expect(await subject.answers.answerOutcome({ tandemId: tandem.id, milestone: 3, respondent: 'partner', record: partner, link: { tokenId, expiresAt: 2e9 } })).toBe('already_answered');
        expect(await snapshot()).toBe(before);
        expect(await subject.answers.answerOutcome({ tandemId: tandem.id, milestone: 3, respondent: 'partner', record: partner, link: { tokenId: randomUUID(), expiresAt: 2e9 } })).toBe('recorded');
        const survey = (await subject.reads.getFollowUp(tandem.id))!.surveys[0]!;
        expect(survey).toEqual({ ...sentSurvey(tandem.id), records: [mentee, partner], answeredBy: { mentee: mentee.recordedAt, partner: partner.recordedAt } });
        expect(await subject.readItem(keys.outcomeSurvey(tandem.id, 3))).toMatchObject(keys.dueIndex('OUTCOME_REMINDER', '2027-02-08T09:30:00.000Z', tandem.id, 'M3'));
      });

      it('is refused on a cancelled or unsent survey, and unknown for a missing one', async () => {
        await subject.put(followUpItems(tandem, { survey: { status: 'cancelled' } }));
        const answer = { tandemId: tandem.id, milestone: 3 as const, respondent: 'mentee' as const, record: record(), link: link() };
        const before = await snapshot();
        expect(await subject.answers.answerOutcome(answer)).toBe('closed');
        expect(await snapshot()).toBe(before);
        expect(await subject.answers.answerOutcome({ ...answer, milestone: 6 })).toBe('not_found');
      });

      it('is still taken once the tandem has closed (outcomes are asked after the end)', async () => {
        tandem = followUpTandem({ status: 'completed', endedAt: at(-86400) });
        await subject.put(followUpItems(tandem));
        expect(await subject.answers.answerOutcome({ tandemId: tandem.id, milestone: 3, respondent: 'mentee', record: record(), link: link() })).toBe('recorded');
      });
    });
  });
}
