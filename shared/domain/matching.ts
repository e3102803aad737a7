/**
 * Matching in the programme's life: a proposal to a mentor, the mentor's decision, the tandem it
 * creates. The workflow (docs/matching-workflow.md) runs one attempt per execution: rank, propose
 * to each candidate in turn until one accepts, or report that nobody could be found.
 *
 * A proposal is one per mentee and mentor, ever: a mentor who declined, did not answer in time or
 * had no place left is never asked again for the same mentee. Its item is also the decline record
 * (mentor, mentee, reason, date) the ranking reads back.
 */
import { array, enum as enumOf, int, literal, object, optional, record, strictObject, string, uuid } from 'zod';
import type { z } from 'zod';
import type { EndReason, OutcomeValue } from './follow-up';
import type { DeclineReason, Decision, ProposalStatus } from './matching-terms';

export * from './matching-terms';

/** One line of a match's explanation as stored with the proposal (the mail and the page render it). */
export interface StoredReason {
  code: string;
  params: Record<string, string | number>;
  text: { fr: string; en: string };
}

export interface Proposal {
  menteeId: string;
  mentorId: string;
  /** The matching attempt that last bound it (a resumed attempt re-binds a pending proposal). */
  attempt: number;
  /** 1-based place of the mentor in the attempt's ranking. */
  rank: number;
  /** 0 to 1. */
  score: number;
  reasons: StoredReason[];
  status: ProposalStatus;
  createdAt: string;
  /** When the proposal lapses (ISO); the links expire with it. */
  expiresAt: string;
  /** Set once, by the mentor's click (a conditional write): the decision then reaches the workflow. */
  decision?: Decision;
  declineReason?: DeclineReason;
  decidedAt?: string;
  /** Set when the one reminder was recorded. */
  remindedAt?: string;
  tandemId?: string;
}

export const TANDEM_STATUSES = ['active', 'completed', 'ended_early'] as const;
export type TandemStatus = (typeof TANDEM_STATUSES)[number];

export interface Tandem {
  id: string;
  menteeId: string;
  mentorId: string;
  /** The referring partner of the mentee, if any. */
  partnerId?: string;
  track: string;
  status: TandemStatus;
  startedAt: string;
  /** The proposal's attempt. */
  attempt: number;
  /** Set when the tandem closed (`completed` or `ended_early`): docs/follow-up.md. */
  endedAt?: string;
  /** `ended_early` only. */
  endReason?: EndReason;
  /** `completed` only: the outcome the CCI closed it with (also recorded as a CCI outcome record). */
  outcome?: OutcomeValue;
  /** The CCI's closing note (free text, erased with the tandem's personal fields). */
  endNote?: string;
  /** Last check-in answer from either side (the silence watch counts from it, or from the start). */
  lastAnswerAt?: string;
  /** Set when the retention job erased its personal fields. */
  anonymisedAt?: string;
}


/** The execution of attempt `attempt` for a mentee: a replayed start finds it and starts nothing. */
export function matchingExecutionName(menteeId: string, attempt: number): string {
  return `${menteeId}-${attempt}`;
}

/** States of the matching workflow: the CDK construct and the tests spell them from here. */
export const MATCHING_STATES = {
  rank: 'RankCandidates',
  hasCandidate: 'HasCandidate',
  propose: 'ProposeToMentor',
  accept: 'AcceptProposal',
  tandemCreated: 'TandemCreated',
  recordExpiry: 'RecordExpiry',
  lateDecision: 'LateDecision',
  next: 'NextCandidate',
  markUnmatched: 'MarkUnmatched',
  markFailed: 'MarkFailed',
  matched: 'Matched',
  noMentor: 'NoMentorFound',
  superseded: 'Superseded',
  failed: 'MatchingFailed',
} as const;

/**
 * Error names the workflow branches on (Step Functions matches `Error` by name). A decline and a
 * skipped candidate reach the waiting task through SendTaskFailure; `MatchingSuperseded` ends the
 * execution quietly when the mentee left the attempt (matched, erased, a newer attempt).
 */
export const WORKFLOW_ERRORS = {
  declined: 'ProposalDeclined',
  skipped: 'ProposalSkipped',
  superseded: 'MatchingSuperseded',
  /** Errors worth retrying: a dependency was briefly unavailable (domain/errors.ts). */
  transient: ['ServiceUnavailableError'],
} as const;

// ── Task inputs and outputs (JSONPath state between the tasks) ─────────────────────────────────

const id = uuid();
const attempt = int().min(1);

export const matchingExecutionInput = strictObject({ menteeId: id, attempt });
export type MatchingExecutionInput = z.infer<typeof matchingExecutionInput>;

/** Mentors left out, by the engine's exclusion code (shared/matching/types.ts EXCLUSION_CODES). */
const exclusionCounts = record(string().regex(/^[a-z_]+$/), int().min(0));

/** RankCandidates' output, the state carried through the loop. */
export const rankedState = strictObject({
  menteeId: id,
  attempt,
  /** Mentor ids, best first. */
  candidates: array(id),
  count: int().min(0),
  /** Next candidate to propose to. */
  index: int().min(0),
  /** Mentors considered (offering the track within reach). */
  considered: int().min(0),
  compatible: int().min(0),
  excluded: exclusionCounts,
});
export type RankedState = z.infer<typeof rankedState>;

export const proposeInput = strictObject({ taskToken: string().min(1).max(2048), menteeId: id, attempt, mentorId: id, rank: int().min(1) });
export type ProposeInput = z.infer<typeof proposeInput>;
/** What SendTaskSuccess carries back to a waiting ProposeToMentor: the mentor accepted. */
export const acceptedOutput = strictObject({ decision: literal('accept') });

export const acceptInput = strictObject({ menteeId: id, attempt, mentorId: id });
export const acceptOutput = strictObject({ outcome: enumOf(['tandem_created', 'capacity_gone']), tandemId: optional(id) });
export type AcceptOutput = z.infer<typeof acceptOutput>;

export const recordExpiryInput = strictObject({ menteeId: id, attempt, mentorId: id });
/** `accepted_late`: an accept was recorded but never reached the task (it goes on to AcceptProposal). */
export const recordExpiryOutput = strictObject({ outcome: enumOf(['expired', 'accepted_late', 'declined_late']) });

export const markUnmatchedInput = strictObject({
  menteeId: id,
  attempt,
  considered: int().min(0),
  compatible: int().min(0),
  excluded: exclusionCounts,
  /** Candidates proposed to in this attempt, all without a tandem. */
  proposed: int().min(0),
});
export type MarkUnmatchedInput = z.infer<typeof markUnmatchedInput>;

export const markFailedInput = strictObject({
  menteeId: id,
  attempt,
  /** The caught error, as Step Functions gives it ({Error, Cause}); only the name is kept. */
  error: optional(object({ Error: optional(string()), Cause: optional(string()) })),
});
export type MarkFailedInput = z.infer<typeof markFailedInput>;
