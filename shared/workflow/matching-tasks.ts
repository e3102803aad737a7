/**
 * The Lambda tasks of the matching workflow, in one place for the CDK construct (one function per
 * task, each with only its own grants) and the local runner (which maps each Task state to the
 * same handler module). State names come from MATCHING_STATES (shared/domain/matching.ts).
 */
import { MATCHING_STATES } from '../domain/matching';
import type { TableAccess } from '../db/table-access';

export interface MatchingTaskDefinition {
  /** Handler module relative to the repository root; it exports `handler` (the task chain). */
  readonly entry: string;
  /** Construct id and function name stem. */
  readonly functionName: string;
  /** `.waitForTaskToken`: the task records its token and the state waits for SendTaskSuccess/Failure. */
  readonly waitsForTaskToken: boolean;
  /** What the task reads and writes on the table (table-access.ts); filled by the store's owner. */
  readonly tableAccess: TableAccess;
}

export const MATCHING_TASKS = {
  [MATCHING_STATES.rank]: { entry: 'functions/workflow/rank-candidates.ts', functionName: 'RankCandidates', waitsForTaskToken: false, tableAccess: [] },
  [MATCHING_STATES.propose]: { entry: 'functions/workflow/propose-to-mentor.ts', functionName: 'ProposeToMentor', waitsForTaskToken: true, tableAccess: [] },
  [MATCHING_STATES.accept]: { entry: 'functions/workflow/accept-proposal.ts', functionName: 'AcceptProposal', waitsForTaskToken: false, tableAccess: [] },
  [MATCHING_STATES.recordExpiry]: { entry: 'functions/workflow/record-expiry.ts', functionName: 'RecordExpiry', waitsForTaskToken: false, tableAccess: [] },
  [MATCHING_STATES.markUnmatched]: { entry: 'functions/workflow/mark-unmatched.ts', functionName: 'MarkUnmatched', waitsForTaskToken: false, tableAccess: [] },
  [MATCHING_STATES.markFailed]: { entry: 'functions/workflow/mark-failed.ts', functionName: 'MarkFailed', waitsForTaskToken: false, tableAccess: [] },
} as const satisfies Record<string, MatchingTaskDefinition>;

export type MatchingTaskState = keyof typeof MATCHING_TASKS;
