/**
 * Closes a tandem (docs/follow-up.md, "Lifecycle"): the CCI from the console, an erasure for a
 * person in an active tandem.
 * Input: CloseTandemRequest — `completed` with an outcome of the tandem's track, or `ended_early`
 * with a reason (`person_erased` by an erasure only).
 * Output: CloseTandemResult — `closed` (with `rematch` when the mentee went back to matching),
 * `not_active` (the caller answers 409 `invalid_transition`), `not_found`.
 * Course: the tandem read (GetItem); the transition checked against TANDEM_TRANSITIONS and the
 * outcome's track against the tandem's (else ConflictError `invalid_transition`); then one
 * transaction (TandemLifecycleStore.close): the mentor's place freed with a `capacity_appeared`
 * job (none for an erased mentor), the mentee closed or — after `not_a_good_fit`, `mentor_unavailable` or an erased mentor —
 * matched again at the next attempt with a `start_matching` job, the follow-up's pending items
 * cancelled, the retention entry, `tandem_closed` mails to mentor and mentee (never to the person
 * erased: `erased`, or a profile already `erased`).
 */
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import { addMonths, canTransition, OUTCOME_MILESTONES, REMATCH_REASONS, type FollowUpSettings, type OutcomeMilestone } from '../../domain/follow-up';
import type { Tandem } from '../../domain/matching';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { RecordedJob } from '../../ports/matching-store';
import type { CloseTandem, CloseTandemRequest } from '../../ports/tandem-lifecycle';
import type { CloseTandemChange, TandemLifecycleStore } from '../../ports/tandem-lifecycle-store';
import { mailJob, startMatchingJob } from '../matching-context';
import { capacityAppeared } from './change-mentor-status';

export interface CloseTandemDeps {
  store: TandemLifecycleStore;
  clock: Clock;
  settings: Pick<FollowUpSettings, 'closedTandemRetentionDays'>;
  newId?: () => string;
}

/**
 * The milestone a closing outcome is recorded on: the latest one reached by the end (its survey
 * asks what the situation is then), the first one when the tandem ends before it.
 */
export function closingMilestone(tandem: Pick<Tandem, 'startedAt'>, endedAt: Date): OutcomeMilestone {
  const reached = OUTCOME_MILESTONES.filter((m) => Date.parse(addMonths(tandem.startedAt, m)) <= endedAt.getTime());
  return reached.at(-1) ?? OUTCOME_MILESTONES[0];
}

export function makeCloseTandem({ store, clock, settings, newId = randomUUID }: CloseTandemDeps): CloseTandem {
  return async function closeTandem(request: CloseTandemRequest) {
    const tandem = await store.getTandem(request.tandemId);
    if (!tandem) return { outcome: 'not_found' };
    if (!canTransition(tandem.status, request.status)) return { outcome: 'not_active', status: tandem.status };
    if (request.status === 'completed' && request.outcome.track !== tandem.track) {
      throw new ConflictError('invalid_transition', 'The outcome does not fit the tandem’s track', { track: tandem.track });
    }
    const now = clock.now();
    const reason = request.status === 'ended_early' ? request.reason : undefined;
    const erased = request.status === 'ended_early' ? request.erased : undefined;
    const note = request.note?.trim();

    const change: CloseTandemChange = {
      tandemId: tandem.id,
      next: request.status,
      fields: {
        ...(reason ? { endReason: reason } : {}),
        ...(request.status === 'completed' ? { outcome: request.outcome } : {}),
        ...(note ? { endNote: note } : {}),
      },
      now,
      retentionDays: settings.closedTandemRetentionDays,
      rematch: ({ mentor }) =>
        reason !== undefined && (REMATCH_REASONS.has(reason) || (reason === 'person_erased' && erased !== 'mentee' && (erased === 'mentor' || mentor?.status === 'erased'))),
      // The 6- and 12-month outcomes are still asked after a plain end; not after a re-match (a new
      // tandem will have its own) nor an erasure.
      cancelSurveys: ({ rematch }) => rematch || reason === 'person_erased',
      ...(request.status === 'completed'
        ? { outcomeRecord: { milestone: (t: Tandem) => closingMilestone(t, now), record: { value: request.outcome, source: 'cci' as const, recordedAt: now.toISOString() } } }
        : {}),
      jobs: ({ tandem: t, mentor, mentee, rematch, rematchAttempt, mentorFreed }) => {
        const jobs: RecordedJob[] = [];
        // An erased mentor's freed place is no capacity: retries must not propose to it.
        if (mentor && mentorFreed && mentor.status !== 'erased' && erased !== 'mentor') jobs.push(capacityAppeared(mentor, now, newId()));
        if (mentee && rematch && rematchAttempt !== undefined) jobs.push(startMatchingJob({ now, id: newId(), mentee, attempt: rematchAttempt }));
        for (const person of [mentor, mentee]) {
          // Nobody erased, nor being erased, is mailed (the consumer would drop it as `recipient_gone` anyway).
          if (!person || person.status === 'erased' || person.role === erased) continue;
          jobs.push({
            job: mailJob(now, newId(), person.locale, { template: 'tandem_closed', to: { role: person.role, personId: person.id }, tandemId: t.id, rematch: person.role === 'mentee' && rematch }),
            dedupKey: `tandem_closed#${t.id}#${person.role}`,
          });
        }
        return jobs;
      },
    };

    const result = await store.close(change);
    if (result.outcome === 'closed') {
      logger.info('Tandem closed', { tandemId: tandem.id, status: request.status, ...(reason ? { reason } : {}), rematch: result.rematch, by: request.by });
    }
    return result;
  };
}
