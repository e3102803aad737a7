/**
 * The words and limits of matching, without a schema: statuses, answers, decline reasons, the
 * stage's defaults and the links' longest lives. Apart from matching.ts (whose task schemas are
 * zod objects built at import) so that the functions that only need these — the mail consumer,
 * the link signer, the configuration — do not bundle the schema library's classic API.
 * matching.ts re-exports all of it: import from either.
 */

export const PROPOSAL_STATUSES = [
  /** Sent to the mentor; no decision reached the workflow yet. */
  'pending',
  /** The mentor accepted and the tandem exists. */
  'accepted',
  'declined',
  /** No answer within the proposal's lifetime. */
  'expired',
  /** The mentor accepted but had no place left by then (another tandem took it). */
  'capacity_gone',
  /** The mentee left the workflow (matched otherwise, erased) before the mentor decided. */
  'withdrawn',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** What a mentor can answer; each has its own link in the proposal mail. */
export const DECISIONS = ['accept', 'decline', 'decline_and_pause'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Optional reasons offered with a decline (kept for the CCI; never shown to the mentee). */
export const DECLINE_REASONS = ['no_time', 'not_my_field', 'too_far', 'know_the_person', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** Defaults of the stage configuration (infra/config/stages.ts). */
export const MATCHING_DEFAULTS = {
  /** Candidates proposed in turn per attempt. */
  candidatesPerAttempt: 5,
  /** How long a mentor has to answer. */
  proposalLifetimeSeconds: 7 * 24 * 3600,
  /** When a mentor who has not answered gets the one reminder. */
  reminderAfterSeconds: 3 * 24 * 3600,
} as const;
/** Longest proposal lifetime a stage may configure (and the longest a proposal link may live). */
export const MAX_PROPOSAL_LIFETIME_SECONDS = 14 * 24 * 3600;
/** How long a "reactivate my availability" link lives. */
export const REACTIVATION_LINK_TTL_SECONDS = 90 * 24 * 3600;
