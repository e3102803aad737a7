/**
 * The CCI publishes a cohort draft: each pair's proposal goes through the matching workflow.
 * Input: the draft and the version seen. Output: the draft, `published`, with each pair's outcome
 * (`proposal_started`, `not_waiting`, `not_compatible`).
 * Course (see docs/cohort-matching.md, "Publication"): one conditional write takes the draft from
 * `draft` to `published` at that version with a lease on the publication (a second or concurrent
 * publish: 409 already_published, an older version: 409 stale_version); then, for each pair not
 * yet in the recorded outcomes, the CCI's chosen-mentor attempt (start-chosen-attempt.ts) with the
 * pair's mentor, outcomes recorded every OUTCOME_BATCH pairs while the lease holds, and the
 * publication marked `done`. A run that crashed leaves the publication `publishing`: once its lease
 * lapses, the same publish takes it over and finishes the remaining pairs; a pair whose attempt
 * had started without its outcome being recorded is recognised (the mentee's current attempt
 * already prefers that mentor) and not proposed again.
 */
import type { CohortDraftView } from '../../domain/back-office-schemas';
import { cohortView, type CohortPair, type PairOutcome, type PublicationOutcome } from '../../domain/cohort';
import { ConflictError, NotFoundError } from '../../domain/errors';
import { logger } from '../../observability/logger';
import { makeStartChosenAttempt } from './start-chosen-attempt';
import type { MatchingStore } from '../../ports/matching-store';
import { defaultCohortId, mapLimit, type CohortDeps } from './cohort-common';

/** How long a publish run holds the publication: well past the function's timeout (10 s). */
export const PUBLICATION_LEASE_SECONDS = 60;
/** Outcomes are recorded on the draft every this many pairs (each write rewrites the item). */
export const OUTCOME_BATCH = 25;
/** Pairs sent at once. */
const CONCURRENCY = 8;

export function makePublishCohortDraft(deps: CohortDeps<MatchingStore> & { leaseSeconds?: number }) {
  const { store, cohorts, clock, newId = defaultCohortId, leaseSeconds = PUBLICATION_LEASE_SECONDS } = deps;
  const startChosenAttempt = makeStartChosenAttempt({ store, clock, newId });

  /** One pair: its proposal started through the workflow, or why not. */
  async function publishPair({ menteeId, mentorId }: CohortPair): Promise<PublicationOutcome> {
    const found = await store.getMentee(menteeId);
    const preferred = found?.mentee.preferredMentor;
    // Already under way with this mentor (an earlier run of this publication that crashed before
    // recording it, or the CCI's own choice): proposing again would restart the attempt.
    if (found?.mentee.status === 'awaiting_match' && preferred?.mentorId === mentorId && preferred.attempt === found.mentee.matchingAttempt) return 'proposal_started';
    const started = await startChosenAttempt({ menteeId, mentorId });
    switch (started.outcome) {
      case 'started':
        return 'proposal_started';
      case 'not_waiting':
      case 'mentee_not_found':
        return 'not_waiting';
      case 'not_compatible':
      case 'mentor_not_found':
        return 'not_compatible';
    }
  }

  return async function publishCohortDraft({ draftId, version }: { draftId: string; version: number }): Promise<CohortDraftView> {
    const now = clock.now();
    const lease = newId();
    const begun = await cohorts.beginPublication({
      draftId,
      version,
      lease,
      leaseUntil: new Date(now.getTime() + leaseSeconds * 1000).toISOString(),
      now: now.toISOString(),
    });
    switch (begun.outcome) {
      case 'not_found':
        throw new NotFoundError('Unknown cohort draft');
      case 'stale_version':
        throw new ConflictError('stale_version', 'Cohort draft changed meanwhile');
      case 'already_published':
        throw new ConflictError('already_published', 'Cohort draft already published');
      case 'busy':
        throw new ConflictError('already_published', 'Cohort draft being published', { phase: 'publishing', retryAfterSeconds: leaseSeconds });
    }
    const { draft } = begun;
    const outcomes: PairOutcome[] = [...(draft.publication?.outcomes ?? [])];
    const done = new Set(outcomes.map((o) => o.menteeId));
    const todo = draft.solution.pairs.filter((p) => !done.has(p.menteeId));
    const lost = () => new ConflictError('already_published', 'Cohort publication taken over', { phase: 'publishing' });

    for (let i = 0; i < todo.length; i += OUTCOME_BATCH) {
      const batch = todo.slice(i, i + OUTCOME_BATCH);
      const results = await mapLimit(batch, CONCURRENCY, async (p) => ({ menteeId: p.menteeId, mentorId: p.mentorId, outcome: await publishPair(p) }));
      outcomes.push(...results);
      if (i + OUTCOME_BATCH < todo.length && (await cohorts.recordOutcomes({ draftId, lease, outcomes })) === 'lease_lost') throw lost();
    }
    if ((await cohorts.finishPublication({ draftId, lease, outcomes })) === 'lease_lost') throw lost();

    const count = (o: PublicationOutcome) => outcomes.filter((x) => x.outcome === o).length;
    logger.info('Cohort draft published', {
      draftId,
      version,
      resumed: begun.outcome === 'resumed',
      started: count('proposal_started'),
      notWaiting: count('not_waiting'),
      notCompatible: count('not_compatible'),
    });
    return cohortView({ ...draft, publication: { ...draft.publication!, phase: 'done', outcomes } });
  };
}
