/**
 * The follow-up's plain terms, without zod: the mail consumer, the link signer and the runtime
 * configuration import these, and bundle no classic zod (the mail consumer's size budget).
 * shared/domain/follow-up.ts re-exports them with the rest of the follow-up.
 */

/** Months after the start when the mentee (and the referring partner) are asked for the outcome. */
export const OUTCOME_MILESTONES = [3, 6, 12] as const;
export type OutcomeMilestone = (typeof OUTCOME_MILESTONES)[number];

export const CHECK_IN_ROLES = ['mentor', 'mentee'] as const;
export type CheckInRole = (typeof CHECK_IN_ROLES)[number];

/** Who answers an outcome survey by link. */
export const OUTCOME_RESPONDENTS = ['mentee', 'partner'] as const;
export type OutcomeRespondent = (typeof OUTCOME_RESPONDENTS)[number];

/** The longest a check-in or outcome link may live (signed-links.ts refuses longer). */
export const MAX_FOLLOW_UP_LINK_DAYS = 45;
