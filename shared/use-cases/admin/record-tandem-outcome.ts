/**
 * The CCI records or corrects a milestone's outcome from the console.
 * Input: the tandem's id, the milestone (3, 6, 12) and an outcome of the tandem's track.
 * Output: the milestone's survey view, every record with the current outcome (the CCI's latest).
 * Course: the tandem read (GetItem; unknown: 404); a track mismatch is 409 `invalid_transition`;
 * then one UpdateItem appends `{ value, source: 'cci', recordedAt }` to the survey's records (the
 * survey exists from the tandem's creation; an older tandem's is created with this record). Works
 * on active and closed tandems.
 */
import { ConflictError, NotFoundError } from '../../domain/errors';
import { addMonths, REMATCH_REASONS, type OutcomeMilestone, type OutcomeValue } from '../../domain/follow-up';
import { logger } from '../../observability/logger';
import type { Clock } from '../../ports/clock';
import type { TandemLifecycleStore } from '../../ports/tandem-lifecycle-store';
import { outcomeSurveyView, type OutcomeSurveyView } from '../follow-up-views';

export interface RecordTandemOutcomeDeps {
  store: Pick<TandemLifecycleStore, 'getTandem' | 'appendOutcomeRecord'>;
  clock: Clock;
}

export function makeRecordTandemOutcome({ store, clock }: RecordTandemOutcomeDeps) {
  return async function recordTandemOutcome(input: { tandemId: string; milestone: OutcomeMilestone; outcome: OutcomeValue }): Promise<OutcomeSurveyView> {
    const tandem = await store.getTandem(input.tandemId);
    if (!tandem) throw new NotFoundError('No such tandem');
    if (input.outcome.track !== tandem.track) throw new ConflictError('invalid_transition', 'The outcome does not fit the tandem’s track', { track: tandem.track });
    const now = clock.now();
    // An older tandem without its surveys: this one is created, asked later as any other unless the tandem was re-matched or erased.
    const cancelled = tandem.endReason !== undefined && (REMATCH_REASONS.has(tandem.endReason) || tandem.endReason === 'person_erased');
    const survey = await store.appendOutcomeRecord({
      tandemId: tandem.id,
      milestone: input.milestone,
      record: { value: input.outcome, source: 'cci', recordedAt: now.toISOString() },
      template: { tandemId: tandem.id, milestone: input.milestone, dueAt: addMonths(tandem.startedAt, input.milestone), status: cancelled ? 'cancelled' : 'scheduled', records: [] },
    });
    logger.info('Outcome recorded by the CCI', { tandemId: tandem.id, milestone: input.milestone, records: survey.records.length });
    return outcomeSurveyView(survey);
  };
}
