/**
 * After-commit jobs of the matching workflow (see outbox.ts). Each is recorded in the transaction
 * of the change it follows and done by the jobs consumer:
 * - `start_matching`: a mentee entered `awaiting_match` (verified, retried, resumed): start the
 *   attempt's execution (named after mentee and attempt: a replay starts nothing new);
 * - `deliver_decision`: a mentor's decision was recorded on the proposal: hand it to the waiting
 *   workflow task (SendTaskSuccess / SendTaskFailure), so a click is never lost when Step
 *   Functions is briefly unreachable (the record is retried);
 * - `capacity_appeared`: a mentor became available or got a place back: retry the unmatched
 *   mentees this mentor could serve (each at most once a day).
 */
import { int, literal, strictObject, uuid } from 'zod';
import type { z } from 'zod';
import { jobBase } from './outbox';

export const startMatchingJobSchema = strictObject({ ...jobBase, kind: literal('start_matching'), menteeId: uuid(), attempt: int().min(1) });
export type StartMatchingJob = z.infer<typeof startMatchingJobSchema>;

export const deliverDecisionJobSchema = strictObject({ ...jobBase, kind: literal('deliver_decision'), menteeId: uuid(), mentorId: uuid() });
export type DeliverDecisionJob = z.infer<typeof deliverDecisionJobSchema>;

export const capacityAppearedJobSchema = strictObject({ ...jobBase, kind: literal('capacity_appeared'), mentorId: uuid() });
export type CapacityAppearedJob = z.infer<typeof capacityAppearedJobSchema>;
