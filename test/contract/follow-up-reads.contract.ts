/**
 * What every FollowUpReads promises (shared/ports/follow-up-reads.ts), run against each adapter:
 * one read of a tandem's partition gives the tandem and its follow-up, rounds by seq and surveys by
 * milestone, without table keys; nothing of another tandem; undefined for an unknown tandem.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInRoundItem, outcomeSurveyItem, silenceWatchItem, tandemAlertItem, tandemItem, tandemRetentionItem, type Item } from '../../shared/db/items';
import { KEY_ATTRIBUTES } from '../../shared/db/keys';
import { FOLLOW_UP_DEFAULTS, initialSchedule, type CheckInRound } from '../../shared/domain/follow-up';
import type { Tandem } from '../../shared/domain/matching';
import type { FollowUpReads } from '../../shared/ports/follow-up-reads';

export interface FollowUpReadsSubject {
  reads: FollowUpReads;
  put(items: Item[]): Promise<void>;
  cleanup(): Promise<void>;
}

const tandemOf = (): Tandem => ({ id: randomUUID(), menteeId: randomUUID(), mentorId: randomUUID(), track: 'job_search', status: 'active', startedAt: '2026-09-01T09:00:00.000Z', attempt: 1 });

export function followUpReadsContract(name: string, makeSubject: () => Promise<FollowUpReadsSubject>) {
  describe(`FollowUpReads contract: ${name}`, () => {
    let subject: FollowUpReadsSubject;
    beforeEach(async () => {
      subject = await makeSubject();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('reads a tandem with its whole follow-up, in order, without keys; nothing of another tandem', async () => {
      const tandem = tandemOf();
      const other = tandemOf();
      const schedule = initialSchedule(tandem, FOLLOW_UP_DEFAULTS);
      const rounds: CheckInRound[] = [3, 1, 2].map((seq) => ({ ...schedule.round, seq, kind: seq === 1 ? 'first' : 'monthly', status: seq === 3 ? 'scheduled' : 'sent' }));
      const alert = { tandemId: tandem.id, kind: 'silent' as const, raisedAt: '2026-11-01T08:00:00.000Z', raisedBy: 'system' as const, status: 'open' as const };
      await subject.put([
        tandemItem(tandem),
        ...rounds.map((r) => checkInRoundItem(r)),
        ...[...schedule.surveys].reverse().map((s) => outcomeSurveyItem(s)),
        silenceWatchItem({ tandemId: tandem.id, dueAt: schedule.silentAt, armed: false }),
        tandemAlertItem(alert),
        tandemRetentionItem({ tandemId: tandem.id, dueAt: '2029-01-01T00:00:00.000Z', done: false }),
        tandemItem(other),
        checkInRoundItem({ ...schedule.round, tandemId: other.id }),
      ]);

      const found = await subject.reads.getFollowUp(tandem.id);

      expect(found).toEqual({
        tandem,
        rounds: [1, 2, 3].map((seq) => rounds.find((r) => r.seq === seq)),
        surveys: schedule.surveys,
        alerts: [alert],
        watch: { tandemId: tandem.id, dueAt: schedule.silentAt, armed: false },
        retention: { tandemId: tandem.id, dueAt: '2029-01-01T00:00:00.000Z', done: false },
      });
      expect(Object.keys(found!.rounds[0]!).some((k) => KEY_ATTRIBUTES.includes(k) || k === 'entity')).toBe(false);
      expect((await subject.reads.getFollowUp(other.id))?.rounds).toHaveLength(1);
    });

    it('undefined for an unknown tandem; a tandem alone has an empty follow-up', async () => {
      const tandem = tandemOf();
      await subject.put([tandemItem(tandem)]);
      expect(await subject.reads.getFollowUp(randomUUID())).toBeUndefined();
      expect(await subject.reads.getFollowUp(tandem.id)).toEqual({ tandem, rounds: [], surveys: [], alerts: [] });
    });
  });
}
