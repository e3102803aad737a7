/**
 * Requests and answers of the proposal pages' routes (a mentor's answer to a proposal, the
 * reactivation of a paused mentor). The token of an e-mailed link is all a request carries; the
 * decision must be the link's own action (checked by the use case).
 */
import { array, enum as enumOf, iso, object, optional, strictObject, string } from 'zod';
import type { z } from 'zod';
import { DECISIONS, DECLINE_REASONS, PROPOSAL_STATUSES } from './matching';

const token = string().min(10).max(2048);

export const viewProposalSchema = strictObject({ token }).meta({ id: 'ViewProposal' });
export type ViewProposalRequest = z.infer<typeof viewProposalSchema>;

export const decideProposalSchema = strictObject({
  token,
  decision: enumOf(DECISIONS).meta({ description: 'The answer; must be the action the link was made for.' }),
  reason: enumOf(DECLINE_REASONS).optional().meta({ description: 'Why the mentor declines (optional; ignored with accept).' }),
}).meta({ id: 'DecideProposal' });
export type DecideProposalRequest = z.infer<typeof decideProposalSchema>;

export const reactivateMentorSchema = strictObject({ token }).meta({ id: 'ReactivateMentor' });
export type ReactivateMentorRequest = z.infer<typeof reactivateMentorSchema>;

const label = object({ fr: string(), en: string() });

export const proposalViewSchema = object({
  action: enumOf(DECISIONS),
  status: enumOf(PROPOSAL_STATUSES),
  decision: optional(enumOf(DECISIONS)),
  declineReason: optional(enumOf(DECLINE_REASONS)),
  expiresAt: iso.datetime(),
  mentee: object({
    firstName: string(),
    track: string(),
    sector: string(),
    needs: array(string()),
    postalCode: string(),
    meetingModes: array(string()),
    languages: array(string()),
  }),
  reasons: array(label),
}).meta({ id: 'ProposalView' });

export const decideProposalResultSchema = object({
  status: enumOf(['recorded', 'already_decided', 'closed']),
  decision: optional(enumOf(DECISIONS)),
  proposalStatus: optional(enumOf(PROPOSAL_STATUSES)),
}).meta({ id: 'DecideProposalResult' });

export const reactivateMentorResultSchema = object({
  status: enumOf(['reactivated', 'already_active', 'not_paused']),
}).meta({ id: 'ReactivateMentorResult' });

