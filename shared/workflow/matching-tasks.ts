/**
 * The Lambda tasks of the matching workflow, in one place for the CDK construct (one function per
 * task, each with only its own grants) and the local runner (which maps each Task state to the
 * same handler module). State names come from MATCHING_STATES (shared/domain/matching.ts).
 */
import { MATCHING_STATES } from '../domain/matching';
import { LEADING_KEYS, type TableAccess } from '../db/table-access';

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

/**
 * The writes of the store's transactions (recordProposal, createTandem, endAttempt): each item needs
 * its kind's action, without `dynamodb:LeadingKeys` (see table-access.ts).
 */
const TRANSACTION_WRITES = ['PutItem', 'UpdateItem'] as const;

/*
 * tableAccess, per task, from the MatchingStore calls of its use case and what the DynamoDB adapter
 * (shared/adapters/dynamodb/matching-store.ts) sends for each:
 * - getMentee: Query on the mentee's partition (profile and proposals); getProposal: GetItem there;
 * - getMentor / getPartner: GetItem; loadCandidates: Query on the availability partitions;
 * - recordProposal: a transaction of ConditionCheck (mentee), Put (proposal, mail job), Update
 *   (re-bound proposal), and a GetItem of the proposal when it already exists;
 * - createTandem: GetItem of proposal, mentee, mentor (and the tandem on a replay), then a
 *   transaction of Put (tandem, availability entries, mail jobs), Update (mentor, mentee, proposal)
 *   or, with no place left, Update (proposal) and ConditionCheck (mentor);
 * - closeProposal: one conditional UpdateItem; endAttempt: GetItem of the mentee, then a
 *   transaction of Update (mentee) and Put (mail jobs).
 */
export const MATCHING_TASKS = {
  [MATCHING_STATES.rank]: {
    entry: 'functions/workflow/rank-candidates.ts',
    functionName: 'RankCandidates',
    waitsForTaskToken: false,
    // getMentee, loadCandidates; getPartner (the referring partner's dedicated pool).
    tableAccess: [
      { actions: ['Query'], leadingKeys: [...LEADING_KEYS.mentees, ...LEADING_KEYS.availability] },
      { actions: ['GetItem'], leadingKeys: LEADING_KEYS.partners },
    ],
  },
  [MATCHING_STATES.propose]: {
    entry: 'functions/workflow/propose-to-mentor.ts',
    functionName: 'ProposeToMentor',
    waitsForTaskToken: true,
    // getMentee, getMentor, getPartner, recordProposal, closeProposal (a candidate that can no longer be asked).
    tableAccess: [
      { actions: ['Query'], leadingKeys: LEADING_KEYS.mentees },
      { actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.mentees, ...LEADING_KEYS.mentors, ...LEADING_KEYS.partners] },
      { actions: ['ConditionCheckItem', ...TRANSACTION_WRITES] },
    ],
  },
  [MATCHING_STATES.accept]: {
    entry: 'functions/workflow/accept-proposal.ts',
    functionName: 'AcceptProposal',
    waitsForTaskToken: false,
    // getMentee, getMentor, createTandem.
    tableAccess: [
      { actions: ['Query'], leadingKeys: LEADING_KEYS.mentees },
      { actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.mentees, ...LEADING_KEYS.mentors, ...LEADING_KEYS.tandems] },
      { actions: ['ConditionCheckItem', ...TRANSACTION_WRITES] },
    ],
  },
  [MATCHING_STATES.recordExpiry]: {
    entry: 'functions/workflow/record-expiry.ts',
    functionName: 'RecordExpiry',
    waitsForTaskToken: false,
    // getProposal, closeProposal: plain item calls on the mentee's partition.
    tableAccess: [{ actions: ['GetItem', 'UpdateItem'], leadingKeys: LEADING_KEYS.mentees }],
  },
  [MATCHING_STATES.markUnmatched]: {
    entry: 'functions/workflow/mark-unmatched.ts',
    functionName: 'MarkUnmatched',
    waitsForTaskToken: false,
    // getMentee (the referring partner of the report), endAttempt.
    tableAccess: [{ actions: ['Query', 'GetItem'], leadingKeys: LEADING_KEYS.mentees }, { actions: TRANSACTION_WRITES }],
  },
  [MATCHING_STATES.markFailed]: {
    entry: 'functions/workflow/mark-failed.ts',
    functionName: 'MarkFailed',
    waitsForTaskToken: false,
    // endAttempt.
    tableAccess: [{ actions: ['GetItem'], leadingKeys: LEADING_KEYS.mentees }, { actions: TRANSACTION_WRITES }],
  },
} as const satisfies Record<string, MatchingTaskDefinition>;

export type MatchingTaskState = keyof typeof MATCHING_TASKS;
