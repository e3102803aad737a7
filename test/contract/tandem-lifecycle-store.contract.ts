/**
 * What every TandemLifecycleStore promises (shared/ports/tandem-lifecycle-store.ts), run against
 * each adapter: a close is one all-or-nothing change of the tandem, the mentor (place and
 * availability entries), the mentee (closed or matched again), the follow-up items of the partition
 * (cancelled, out of their queues, answers kept), the retention entry and the jobs; a closed or
 * unknown tandem is reported, nothing written; outcome records are appended (the survey created
 * for an older tandem); an alert is resolved once, idempotently.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  availabilityItems,
  checkInRoundItem,
  ENTITY,
  OUTBOX_JOB_ATTRIBUTE,
  outcomeSurveyItem,
  personItem,
  silenceWatchItem,
  tandemAlertItem,
  tandemItem,
  type Item,
} from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { initialSchedule, FOLLOW_UP_DEFAULTS, type OutcomeRecord } from '../../shared/domain/follow-up';
import type { Tandem } from '../../shared/domain/matching';
import type { OutboxJob } from '../../shared/domain/outbox';
import type { MenteeProfile, MentorProfile } from '../../shared/domain/people';
import type { RecordedJob } from '../../shared/ports/matching-store';
import type { CloseTandemChange, TandemLifecycleStore } from '../../shared/ports/tandem-lifecycle-store';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';

export interface TandemLifecycleStoreSubject {
  store: TandemLifecycleStore;
  /** Writes items as they are (the seed of a test). */
  put(items: Item[]): Promise<void>;
  get(key: Key): Promise<Item | undefined>;
  /** Every item of a partition, by sort key. */
  partition(pk: string): Promise<Item[]>;
  cleanup(): Promise<void>;
}

const { GSI1 } = TABLE.indexes;
const STARTED = '2026-09-01T09:00:00.000Z';
const NOW = new Date('2026-12-01T10:00:00.000Z');

interface Seeded {
  tandem: Tandem;
  mentor: MentorProfile;
  mentee: MenteeProfile;
}

/** An active tandem 3 months in: round 1 answered and sent (waiting for its reminder), round 2 scheduled, surveys, an armed watch, an open alert. */
async function seedTandem(subject: TandemLifecycleStoreSubject): Promise<Seeded> {
  const mentor = mentorProfile({ activeMentees: 2, capacity: 2 });
  const tandem: Tandem = { id: randomUUID(), menteeId: randomUUID(), mentorId: mentor.id, track: 'business_creation', status: 'active', startedAt: STARTED, attempt: 1, lastAnswerAt: '2026-09-16T08:00:00.000Z' };
  const mentee = menteeProfile({ id: tandem.menteeId, status: 'in_tandem', tandemId: tandem.id, matchingAttempt: 1, endedWith: ['earlier-mentor'] });
  const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
  const answer = { kind: 'first' as const, firstMeetingHeld: true, fit: 'good' as const, needsHelp: true, privateNote: 'Confidentiel', answeredAt: '2026-09-16T08:00:00.000Z' };
  await subject.put([
    personItem(mentor),
    ...availabilityItems(mentor),
    personItem(mentee),
    tandemItem(tandem),
    checkInRoundItem({ ...schedule.round, status: 'sent', sentAt: '2026-09-15T07:00:00.000Z', answers: { mentee: answer } }, { remindAt: '2026-09-22T07:00:00.000Z' }),
    checkInRoundItem({ tandemId: tandem.id, seq: 2, kind: 'monthly', dueAt: '2026-12-15T09:00:00.000Z', status: 'scheduled', answers: {} }),
    ...schedule.surveys.map((s) => outcomeSurveyItem(s)),
    silenceWatchItem({ tandemId: tandem.id, dueAt: '2026-11-15T08:00:00.000Z', armed: true }),
    tandemAlertItem({ tandemId: tandem.id, kind: 'help_requested', raisedAt: '2026-09-16T08:00:00.000Z', raisedBy: 'mentee', seq: 1, status: 'open' }),
  ]);
  return { tandem, mentor, mentee };
}

const job = (kind: 'capacity_appeared' | 'start_matching', fields: Record<string, unknown>, dedupKey: string): RecordedJob => ({
  job: { kind, id: randomUUID(), locale: 'fr', recordedAt: NOW.toISOString(), ...fields } as OutboxJob,
  dedupKey,
});

function closing(tandemId: string, overrides: Partial<CloseTandemChange> = {}): CloseTandemChange {
  return {
    tandemId,
    next: 'ended_early',
    fields: { endReason: 'no_contact', endNote: 'Plus de nouvelles' },
    now: NOW,
    retentionDays: 30,
    rematch: () => false,
    cancelSurveys: ({ rematch }) => rematch,
    jobs: ({ tandem, mentorFreed, rematch, rematchAttempt }) => [
      ...(mentorFreed ? [job('capacity_appeared', { mentorId: tandem.mentorId }, `capacity_appeared#${tandem.mentorId}`)] : []),
      ...(rematch ? [job('start_matching', { menteeId: tandem.menteeId, attempt: rematchAttempt }, `start_matching#${tandem.menteeId}#${rematchAttempt}`)] : []),
    ],
    ...overrides,
  };
}

export function tandemLifecycleStoreContract(name: string, makeSubject: () => Promise<TandemLifecycleStoreSubject>) {
  describe(`TandemLifecycleStore contract: ${name}`, () => {
    let subject: TandemLifecycleStoreSubject;
    let store: TandemLifecycleStore;
    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const jobsOf = async (dedupKeys: Array<[string, string]>) => Promise.all(dedupKeys.map(async ([kind, key]) => (await subject.get(keys.outbox(kind, key)))?.[OUTBOX_JOB_ATTRIBUTE] as OutboxJob | undefined));

    it('closes an active tandem: the tandem, the mentor’s place and entries, the mentee, the follow-up, the retention entry and the jobs, in one change', async () => {
      const { tandem, mentor, mentee } = await seedTandem(subject);

      const result = await store.close(closing(tandem.id));

      expect(result).toEqual({ outcome: 'closed', rematch: false, tandem: { ...tandem, status: 'ended_early', endedAt: NOW.toISOString(), endReason: 'no_contact', endNote: 'Plus de nouvelles' } });
      const stored = await subject.get(keys.tandem(tandem.id));
      expect(stored).toMatchObject({ status: 'ended_early', endedAt: NOW.toISOString(), endReason: 'no_contact', endNote: 'Plus de nouvelles', [GSI1.partitionKey]: 'TANDEM#STATUS#ended_early' });
      // The mentor's place, and every availability entry carrying the new load.
      expect((await subject.get(keys.person('mentor', mentor.id)))?.activeMentees).toBe(1);
      for (const entry of availabilityItems(mentor)) {
        const key = { [TABLE.partitionKey]: String(entry[TABLE.partitionKey]), [TABLE.sortKey]: String(entry[TABLE.sortKey]) };
        expect(((await subject.get(key))?.candidate as { activeMentees: number }).activeMentees).toBe(1);
      }
      // The mentee, closed and out of the tandem.
      const menteeRow = await subject.get(keys.person('mentee', mentee.id));
      expect(menteeRow).toMatchObject({ status: 'closed', matchingAttempt: 1, [GSI1.partitionKey]: 'MENTEE#STATUS#closed' });
      expect(menteeRow).not.toHaveProperty('tandemId');
      // The follow-up: nothing more asked, answers kept; the surveys still scheduled.
      const items = new Map((await subject.partition(keys.tandemPartition(tandem.id))).map((i) => [String(i[TABLE.sortKey]), i]));
      expect(items.get('CHECKIN#002')).toMatchObject({ status: 'cancelled' });
      expect(items.get('CHECKIN#001')).toMatchObject({ status: 'sent', answers: { mentee: { privateNote: 'Confidentiel' } } });
      expect(items.get('WATCH#SILENCE')).toMatchObject({ armed: false });
      expect(items.get('ALERT#help_requested')).toMatchObject({ status: 'resolved', resolvedAt: NOW.toISOString() });
      for (const sk of ['CHECKIN#001', 'CHECKIN#002', 'WATCH#SILENCE', 'ALERT#help_requested']) expect(items.get(sk)).not.toHaveProperty(GSI1.partitionKey);
      for (const sk of ['OUTCOME#M03', 'OUTCOME#M06', 'OUTCOME#M12']) expect(items.get(sk)).toMatchObject({ status: 'scheduled', [GSI1.partitionKey]: 'DUE#OUTCOME' });
      expect(items.get('RETENTION')).toMatchObject({ entity: ENTITY.tandemRetention, dueAt: '2026-12-31T10:00:00.000Z', done: false, [GSI1.partitionKey]: 'DUE#TANDEM_RETENTION' });
      const [capacity, start] = await jobsOf([
        ['capacity_appeared', `capacity_appeared#${mentor.id}`],
        ['start_matching', `start_matching#${mentee.id}#2`],
      ]);
      expect(capacity).toMatchObject({ kind: 'capacity_appeared', mentorId: mentor.id });
      expect(start).toBeUndefined();
    });

    it('matches the mentee again: the next attempt, this mentor in endedWith, its start job; the surveys cancelled', async () => {
      const { tandem, mentee, mentor } = await seedTandem(subject);

      const result = await store.close(closing(tandem.id, { fields: { endReason: 'not_a_good_fit' }, rematch: () => true }));

      expect(result).toMatchObject({ outcome: 'closed', rematch: true });
      const menteeRow = await subject.get(keys.person('mentee', mentee.id));
      expect(menteeRow).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, endedWith: ['earlier-mentor', mentor.id], [GSI1.partitionKey]: 'MENTEE#STATUS#awaiting_match' });
      expect(menteeRow).not.toHaveProperty('tandemId');
      const [start] = await jobsOf([['start_matching', `start_matching#${mentee.id}#2`]]);
      expect(start).toMatchObject({ kind: 'start_matching', menteeId: mentee.id, attempt: 2 });
      const surveys = (await subject.partition(keys.tandemPartition(tandem.id))).filter((i) => String(i[TABLE.sortKey]).startsWith('OUTCOME#'));
      expect(surveys.map((s) => [s.status, s[GSI1.partitionKey]])).toEqual([
        ['cancelled', undefined],
        ['cancelled', undefined],
        ['cancelled', undefined],
      ]);
    });

    it('cancels sent surveys too when asked (reminded or not): their links then answer `closed`', async () => {
      const { tandem } = await seedTandem(subject);
      const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
      const [m3, m6] = schedule.surveys;
      await subject.put([
        outcomeSurveyItem({ ...m3!, status: 'sent', sentAt: m3!.dueAt }, { remindAt: '2026-12-08T07:00:00.000Z' }),
        outcomeSurveyItem({ ...m6!, status: 'sent', sentAt: m6!.dueAt, remindedAt: m6!.dueAt }),
      ]);

      expect(await store.close(closing(tandem.id, { cancelSurveys: () => true }))).toMatchObject({ outcome: 'closed' });

      const surveys = (await subject.partition(keys.tandemPartition(tandem.id))).filter((i) => String(i[TABLE.sortKey]).startsWith('OUTCOME#'));
      expect(surveys.map((s) => [s.milestone, s.status, s[GSI1.partitionKey]])).toEqual([
        [3, 'cancelled', undefined],
        [6, 'cancelled', undefined],
        [12, 'cancelled', undefined],
      ]);
    });

    it('records a closing outcome on the milestone’s survey', async () => {
      const { tandem } = await seedTandem(subject);
      const record: OutcomeRecord = { value: { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2026-11-02' }, source: 'cci', recordedAt: NOW.toISOString() };

      await store.close(closing(tandem.id, { next: 'completed', fields: { outcome: record.value }, outcomeRecord: { milestone: () => 3, record } }));

      expect((await subject.get(keys.outcomeSurvey(tandem.id, 3)))?.records).toEqual([record]);
      expect((await subject.get(keys.outcomeSurvey(tandem.id, 6)))?.records).toEqual([]);
      expect(await subject.get(keys.tandem(tandem.id))).toMatchObject({ status: 'completed', outcome: record.value });
    });

    it('reports a closed tandem or an unknown one, and writes nothing', async () => {
      const { tandem, mentor } = await seedTandem(subject);
      await store.close(closing(tandem.id));
      const before = await subject.partition(keys.tandemPartition(tandem.id));

      expect(await store.close(closing(tandem.id, { next: 'completed' }))).toEqual({ outcome: 'not_active', status: 'ended_early' });
      expect(await store.close(closing(randomUUID()))).toEqual({ outcome: 'not_found' });

      expect(await subject.partition(keys.tandemPartition(tandem.id))).toEqual(before);
      expect((await subject.get(keys.person('mentor', mentor.id)))?.activeMentees).toBe(1);
    });

    it('leaves the mentee alone when it is no longer in this tandem (erased), and frees the mentor', async () => {
      const { tandem, mentee, mentor } = await seedTandem(subject);
      const { tandemId: _left, ...rest } = mentee;
      await subject.put([personItem({ ...rest, status: 'erased' })]);

      const result = await store.close(closing(tandem.id, { fields: { endReason: 'person_erased' }, rematch: () => true }));

      expect(result).toMatchObject({ outcome: 'closed', rematch: false });
      expect(await subject.get(keys.person('mentee', mentee.id))).toMatchObject({ status: 'erased' });
      expect((await subject.get(keys.person('mentor', mentor.id)))?.activeMentees).toBe(1);
    });

    it('appends outcome records; creates the survey of an older tandem', async () => {
      const { tandem } = await seedTandem(subject);
      const first: OutcomeRecord = { value: { track: 'business_creation', situation: 'none' }, source: 'mentee', recordedAt: '2026-12-01T09:00:00.000Z' };
      const second: OutcomeRecord = { ...first, source: 'cci', recordedAt: '2026-12-02T09:00:00.000Z' };
      const template = { tandemId: tandem.id, milestone: 6 as const, dueAt: '2027-03-01T09:00:00.000Z', status: 'scheduled' as const, records: [] };

      await store.appendOutcomeRecord({ tandemId: tandem.id, milestone: 6, record: first, template });
      const survey = await store.appendOutcomeRecord({ tandemId: tandem.id, milestone: 6, record: second, template });
      expect(survey).toMatchObject({ tandemId: tandem.id, milestone: 6, status: 'scheduled', records: [first, second] });

      const older = randomUUID();
      const created = await store.appendOutcomeRecord({ tandemId: older, milestone: 3, record: second, template: { ...template, tandemId: older, milestone: 3 } });
      expect(created).toEqual({ tandemId: older, milestone: 3, dueAt: template.dueAt, status: 'scheduled', records: [second] });
      expect(await subject.get(keys.outcomeSurvey(older, 3))).toMatchObject({ entity: ENTITY.outcomeSurvey, [GSI1.partitionKey]: 'DUE#OUTCOME' });
    });

    it('resolves an alert once (its first date kept), out of the attention index; an unknown one is undefined', async () => {
      const { tandem } = await seedTandem(subject);
      const resolved = await store.resolveAlert({ tandemId: tandem.id, kind: 'help_requested', now: NOW });
      const again = await store.resolveAlert({ tandemId: tandem.id, kind: 'help_requested', now: new Date('2026-12-05T00:00:00.000Z') });

      expect(resolved).toEqual({ tandemId: tandem.id, kind: 'help_requested', raisedAt: '2026-09-16T08:00:00.000Z', raisedBy: 'mentee', seq: 1, status: 'resolved', resolvedAt: NOW.toISOString() });
      expect(again).toEqual(resolved);
      expect(await subject.get(keys.tandemAlert(tandem.id, 'help_requested'))).not.toHaveProperty(GSI1.partitionKey);
      expect(await store.resolveAlert({ tandemId: tandem.id, kind: 'silent', now: NOW })).toBeUndefined();
      expect(await subject.get(keys.tandemAlert(tandem.id, 'silent'))).toBeUndefined();
    });

    it('reads a tandem by id', async () => {
      const { tandem } = await seedTandem(subject);
      expect(await store.getTandem(tandem.id)).toEqual(tandem);
      expect(await store.getTandem(randomUUID())).toBeUndefined();
    });
  });
}
