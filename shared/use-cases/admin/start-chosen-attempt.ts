/**
 * The CCI starts a new matching attempt for a mentee: "run matching again", "propose this mentor"
 * (console) and the publication of a cohort draft (one per pair) all come here, so they behave
 * the same.
 * Input: the mentee, optionally the mentor the CCI chose. Output: the attempt started, or why not.
 * Course: the mentee must be waiting (`awaiting_match`, `unmatched`, `matching_failed`); a chosen
 * mentor must be active and compatible for the engine (same hard rules as the workflow: capacity,
 * languages, distance, history, conflicts, dedicated pool) and never proposed this mentee before
 * (a proposal is one per pair, ever), unless that proposal is still pending: it is then kept and
 * the new attempt re-binds it. Other pending proposals of the earlier attempt are withdrawn (the
 * mentor's links then say the proposal is closed), then
 * store.startAttempt moves the mentee to `awaiting_match` at `matchingAttempt + 1` with the chosen
 * mentor recorded and the start job in the same transaction; the running execution of the earlier
 * attempt ends quietly at its next step (MatchingSuperseded). A lost race (another attempt started
 * meanwhile) answers `not_waiting`.
 */
import type { Exclusion } from '../../matching/types';
import { EXCLUSION_TEXT } from '../../matching/exclusion-text';
import { explainPair } from '../../matching/rank';
import { mentorCandidate } from '../../matching/from-profiles';
import type { MenteeProfile } from '../../domain/people';
import { logger } from '../../observability/logger';
import { defaultNewId, menteeRequestOf, startMatchingJob, type MatchingDeps } from '../matching-context';

/** Statuses from which the CCI may start a new attempt. */
export const RESTARTABLE: readonly MenteeProfile['status'][] = ['awaiting_match', 'unmatched', 'matching_failed'];

export type ChosenAttemptOutcome =
  | { outcome: 'started'; attempt: number }
  | { outcome: 'mentee_not_found' }
  | { outcome: 'not_waiting'; status: MenteeProfile['status'] }
  | { outcome: 'mentor_not_found' }
  | { outcome: 'not_compatible'; exclusion: Exclusion };

export function makeStartChosenAttempt({ store, clock, newId = defaultNewId }: Pick<MatchingDeps, 'store' | 'clock' | 'newId'>) {
  return async function startChosenAttempt({ menteeId, mentorId }: { menteeId: string; mentorId?: string | undefined }): Promise<ChosenAttemptOutcome> {
    const found = await store.getMentee(menteeId);
    if (!found) return { outcome: 'mentee_not_found' };
    const { mentee } = found;
    if (!RESTARTABLE.includes(mentee.status)) return { outcome: 'not_waiting', status: mentee.status };

    if (mentorId !== undefined) {
      const mentor = await store.getMentor(mentorId);
      if (!mentor || mentor.status === 'pending_verification') return { outcome: 'mentor_not_found' };
      const earlier = found.proposals.find((p) => p.mentorId === mentorId);
      if (earlier && earlier.status !== 'pending') return { outcome: 'not_compatible', exclusion: { code: 'declined_before', text: EXCLUSION_TEXT.declined_before } };
      const pair = explainPair(await menteeRequestOf(store, found), mentorCandidate(mentor, { pools: mentor.pools ?? [] }));
      if (!pair.compatible) return { outcome: 'not_compatible', exclusion: pair.exclusion };
    }

    const now = clock.now();
    for (const proposal of found.proposals.filter((p) => p.status === 'pending' && p.mentorId !== mentorId)) {
      // A decision recorded meanwhile wins (the condition requires an undecided proposal).
      await store.closeProposal({ menteeId, mentorId: proposal.mentorId, status: 'withdrawn', now });
    }
    const attempt = (mentee.matchingAttempt ?? 0) + 1;
    const outcome = await store.startAttempt({
      menteeId,
      from: RESTARTABLE,
      attempt,
      ...(mentorId !== undefined ? { preferredMentorId: mentorId } : {}),
      now,
      start: startMatchingJob({ now, id: newId(), mentee, attempt }),
    });
    logger.info('Matching attempt started by the CCI', { menteeId, attempt, chosenMentor: mentorId !== undefined, outcome });
    return outcome === 'started' ? { outcome: 'started', attempt } : { outcome: 'not_waiting', status: mentee.status };
  };
}
