/**
 * What the cohort use cases share: their dependencies, and the solving of a partner's cohort with
 * the CCI's edits — the partner's waiting mentees (its index, then each mentee's partition: profile
 * and proposal history, read fresh), the active mentors with a free place (only its pool's when the
 * partner keeps a dedicated pool), `assign` with the pins as `fixed` and the forbids as `forbidden`,
 * each pair explained by `explainPair`. Not a use case itself.
 */
import {
  COHORT_MAX_MENTEES,
  COHORT_WAITING_STATUSES,
  REMOVED_TEXT,
  compactSolution,
  editsFor,
  type CohortEdits,
  type CohortSolution,
  type SolvedPair,
  type SolvedUnassigned,
} from '../../domain/cohort';
import { ConflictError, ValidationFailedError } from '../../domain/errors';
import type { Locale } from '../../domain/locale';
import type { MenteeProfile, MentorProfile, Partner } from '../../domain/people';
import { assign } from '../../matching/assign';
import { mentorCandidate } from '../../matching/from-profiles';
import { MatchingInputError } from '../../matching/pool';
import { explainPair } from '../../matching/rank';
import type { MenteeRequest, MentorCandidate } from '../../matching/types';
import type { MatchingStore, MenteeWithProposals } from '../../ports/matching-store';
import { menteeRequestOf } from '../matching-context';
import { mapLimit, type CohortDeps } from './cohort-common';

const TOO_MANY = {
  fr: `Plus de ${COHORT_MAX_MENTEES} personnes attendent un mentor chez ce partenaire\u00a0: une cohorte en compte ${COHORT_MAX_MENTEES} au plus.`,
  en: `More than ${COHORT_MAX_MENTEES} people of this partner are waiting for a mentor: a cohort holds at most ${COHORT_MAX_MENTEES}.`,
} as const;

const isWaiting = (m: MenteeProfile) => (COHORT_WAITING_STATUSES as readonly string[]).includes(m.status);
const freePlaces = (m: MentorProfile) => m.capacity - m.activeMentees;

/** A pin the engine refuses: 409 not_compatible, with ids and the rule (never a name). */
const notCompatible = (menteeId: string, mentorId: string, reason: string) =>
  new ConflictError('not_compatible', `Pinned pair refused: ${reason}`, { menteeId, mentorId, reason });

/**
 * The partner's cohort solved with `requested` edits (those about mentees no longer waiting are
 * dropped). Throws ValidationFailedError past COHORT_MAX_MENTEES, ConflictError(not_compatible)
 * for a pin the engine refuses.
 */
export async function solveCohort(
  { store, cohorts }: Pick<CohortDeps, 'store' | 'cohorts'>,
  partner: Partner,
  requested: CohortEdits,
  locale: Locale,
): Promise<{ edits: CohortEdits; solution: CohortSolution }> {
  const ids = await cohorts.menteesOfPartner(partner.id, COHORT_WAITING_STATUSES);
  if (ids.length > COHORT_MAX_MENTEES) throw new ValidationFailedError('Cohort too large', { partnerId: TOO_MANY[locale] });

  // The index is eventually consistent: each mentee's partition is read (consistently) and kept
  // only while still waiting.
  const found = (await mapLimit(ids, 16, (id) => store.getMentee(id))).filter((f): f is MenteeWithProposals => f !== undefined && isWaiting(f.mentee));
  // menteeRequestOf reads only the partner (the one in hand, read once for the whole cohort).
  const partnerStore = { getPartner: async (id: string) => (id === partner.id ? partner : store.getPartner(id)) } as Pick<MatchingStore, 'getPartner'> as MatchingStore;
  const waiting = new Set(found.map((f) => f.mentee.id));
  const edits = editsFor(requested, waiting);
  const removed = new Set(edits.removed);

  const inPool = (m: MentorProfile) => !partner.dedicatedPool || (m.pools ?? []).includes(partner.id);
  const active = await cohorts.activeMentors();
  const mentors = active.filter((m) => freePlaces(m) > 0 && inPool(m));
  const candidates = new Map<string, MentorCandidate>(mentors.map((m) => [m.id, mentorCandidate(m, { pools: m.pools ?? [] })]));
  const requests = new Map<string, MenteeRequest>();
  for (const f of found) if (!removed.has(f.mentee.id)) requests.set(f.mentee.id, await menteeRequestOf(partnerStore, f));

  // A proposal is one per pair, ever: a mentor this mentee was proposed to before (withdrawn,
  // accepted, or declined — the engine's history counts only declines) is never paired again, as
  // the workflow's RankCandidates and the chosen-mentor attempt decide. A pending proposal is kept.
  const proposedBefore = found.flatMap((f) => f.proposals.filter((p) => p.status !== 'pending').map((p) => ({ menteeId: f.mentee.id, mentorId: p.mentorId })));
  const wasProposed = new Set(proposedBefore.map((p) => `${p.menteeId}#${p.mentorId}`));

  // Pins checked one by one first, so a refusal names its pair and rule.
  const pinsPerMentor = new Map<string, number>();
  for (const pin of edits.pinned) {
    if (wasProposed.has(`${pin.menteeId}#${pin.mentorId}`)) throw notCompatible(pin.menteeId, pin.mentorId, 'declined_before');
    const candidate = candidates.get(pin.mentorId);
    if (!candidate) {
      // Left out before the engine: say which of its rules the mentor breaks.
      const known = active.find((m) => m.id === pin.mentorId);
      throw notCompatible(pin.menteeId, pin.mentorId, !known ? 'mentor_not_active' : !inPool(known) ? 'outside_dedicated_pool' : 'no_capacity');
    }
    const pair = explainPair(requests.get(pin.menteeId)!, candidate);
    if (!pair.compatible) throw notCompatible(pin.menteeId, pin.mentorId, pair.exclusion.code);
    const pins = (pinsPerMentor.get(pin.mentorId) ?? 0) + 1;
    if (pins > candidate.capacity - candidate.activeMentees) throw notCompatible(pin.menteeId, pin.mentorId, 'no_capacity');
    pinsPerMentor.set(pin.mentorId, pins);
  }

  let result;
  try {
    result = assign([...requests.values()], [...candidates.values()], { fixed: edits.pinned, forbidden: [...edits.forbidden, ...proposedBefore] });
  } catch (error) {
    if (error instanceof MatchingInputError) throw new ConflictError('not_compatible', 'The engine refused the pinned pairs');
    throw error;
  }

  const pairs: SolvedPair[] = result.pairs.map((p) => {
    const explained = explainPair(requests.get(p.menteeId)!, candidates.get(p.mentorId)!);
    return { menteeId: p.menteeId, mentorId: p.mentorId, score: p.score, pinned: p.fixed, reasons: explained.compatible ? explained.reasons : [] };
  });
  const unassigned: SolvedUnassigned[] = [
    ...result.unassigned.map((u) => ({ menteeId: u.menteeId, reason: u.reason, compatibleMentors: u.compatibleMentors, text: u.text })),
    ...[...removed].map((menteeId) => ({ menteeId, reason: 'removed', compatibleMentors: 0, text: REMOVED_TEXT })),
  ];

  const names: Record<string, [string, string]> = {};
  for (const { mentee } of found) names[mentee.id] = [mentee.firstName, mentee.lastName];
  const mentorsById = new Map(mentors.map((m) => [m.id, m]));
  for (const p of pairs) {
    const m = mentorsById.get(p.mentorId)!;
    names[m.id] = [m.firstName, m.lastName];
  }

  return {
    edits,
    solution: compactSolution({ menteesConsidered: found.length, mentorsConsidered: candidates.size, pairs, unassigned, names }),
  };
}
