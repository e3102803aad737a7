/**
 * The workflow's first task: who to propose to, in which order.
 * Input: the execution's `{menteeId, attempt}`. Output: the RankedState the loop carries
 * (candidate ids best first, the next index, and the counts the "no mentor found" report gives).
 * Course: the mentee must still be `awaiting_match` at this attempt (else MatchingSupersededError,
 * which ends the execution quietly). Candidates are read through the availability index (the
 * mentee's département, plus the remote shards when the mentee accepts remote meetings) and
 * ranked by the engine against the mentee's history, conflicts and the referring partner's
 * dedicated pool, at most `candidatesPerAttempt`. Mentors of proposals still pending (a resumed
 * attempt: the hub restarted while a mentor had the mail) come first, so they are re-bound rather
 * than left waiting; mentors with another final proposal (withdrawn) are left out, since a
 * proposal is one per mentee and mentor, ever. A mentor the CCI chose for this attempt
 * (`preferredMentor`: proposed from the console, a published cohort pair) comes next, if the
 * engine still finds the pair compatible; otherwise the attempt goes on with the ranking alone.
 */
import { MatchingSupersededError } from '../domain/errors';
import type { MatchingExecutionInput, RankedState } from '../domain/matching';
import { rankOrder } from '../matching/rank';
import { logger } from '../observability/logger';
import { isInAttempt, menteeRequestOf, type MatchingDeps } from './matching-context';

export function makeRankCandidates({ store, config }: Pick<MatchingDeps, 'store' | 'config'>) {
  return async function rankCandidates({ menteeId, attempt }: MatchingExecutionInput): Promise<RankedState> {
    const found = await store.getMentee(menteeId);
    if (!found || !isInAttempt(found.mentee, attempt)) throw new MatchingSupersededError('The mentee is no longer awaiting a match at this attempt');
    const { mentee, proposals } = found;
    const request = await menteeRequestOf(store, found);
    const mentors = await store.loadCandidates({ track: mentee.track, departement: request.place.departement, remote: mentee.meetingModes.includes('remote') });

    // Pending first, in the order they were ranked when proposed.
    const pending = proposals
      .filter((p) => p.status === 'pending')
      .sort((a, b) => a.attempt - b.attempt || a.rank - b.rank)
      .map((p) => p.mentorId);
    // Final but not a decline the engine counts (withdrawn, accepted): cannot be proposed again.
    const unproposable = new Set(proposals.filter((p) => p.status !== 'pending').map((p) => p.mentorId));
    const limit = config.candidatesPerAttempt;
    const chosen = mentee.preferredMentor?.attempt === attempt ? mentee.preferredMentor.mentorId : undefined;
    const ranked = rankOrder(request, mentors, { limit: chosen ? Infinity : limit + unproposable.size + pending.length });
    const preferred = chosen && !unproposable.has(chosen) && ranked.candidates.some((c) => c.mentorId === chosen) ? [chosen] : [];
    if (chosen && preferred.length === 0) logger.warn('The mentor chosen by the CCI is no longer compatible', { menteeId, attempt, mentorId: chosen });
    const candidates = [...new Set([...pending, ...preferred, ...ranked.candidates.map((c) => c.mentorId).filter((id) => !unproposable.has(id))])].slice(
      0,
      Math.max(limit, pending.length),
    );
    const excluded = Object.fromEntries(Object.entries(ranked.excluded).filter(([, n]) => n > 0));
    logger.info('Candidates ranked', { menteeId, attempt, considered: mentors.length, compatible: ranked.compatible, count: candidates.length, pending: pending.length });
    return { menteeId, attempt, candidates, count: candidates.length, index: 0, considered: mentors.length, compatible: ranked.compatible, excluded };
  };
}
