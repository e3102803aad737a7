/**
 * Composition root of the matching workflow's task functions (functions/workflow/) and the
 * reminder sweep (functions/scheduled/): each function's module calls its own `wireX()` at module
 * scope, so its use case is built once per container and only the configuration groups it reads
 * are parsed at cold start — the table for every one, the `matching` settings for the ranking and
 * the proposal, the `workflow` (Step Functions) only for the proposal, the one task that answers
 * a task token itself (a skipped candidate, a decision recorded while no task waited), and the
 * `followUp` settings only for the accept (the new tandem's first check-in and silence watch).
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { stepFunctionsWorkflow } from '../../shared/adapters/stepfunctions/matching-workflow';
import { loadFollowUpConfig, loadMatchingConfig, loadTableConfig, loadWorkflowConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeAcceptProposal } from '../../shared/use-cases/accept-proposal';
import { makeMarkFailed } from '../../shared/use-cases/mark-failed';
import { makeMarkUnmatched } from '../../shared/use-cases/mark-unmatched';
import { makeProposeToMentor } from '../../shared/use-cases/propose-to-mentor';
import { makeRankCandidates } from '../../shared/use-cases/rank-candidates';
import { makeRecordExpiry } from '../../shared/use-cases/record-expiry';
import { makeSendReminders } from '../../shared/use-cases/send-reminders';

export function matchingStore() {
  const config = loadTableConfig();
  return dynamoMatchingStore(makeDocumentClient(config), config.tableName);
}

export function wireRankCandidates() {
  return makeRankCandidates({ store: matchingStore(), config: loadMatchingConfig() });
}

export function wireProposeToMentor() {
  return makeProposeToMentor({ store: matchingStore(), workflow: stepFunctionsWorkflow(loadWorkflowConfig()), clock: systemClock, config: loadMatchingConfig() });
}

export function wireAcceptProposal() {
  return makeAcceptProposal({ store: matchingStore(), clock: systemClock, followUp: loadFollowUpConfig() });
}

export function wireRecordExpiry() {
  return makeRecordExpiry({ store: matchingStore(), clock: systemClock });
}

export function wireMarkUnmatched() {
  return makeMarkUnmatched({ store: matchingStore(), clock: systemClock });
}

export function wireMarkFailed() {
  return makeMarkFailed({ store: matchingStore(), clock: systemClock });
}

export function wireSendReminders() {
  return makeSendReminders({ store: matchingStore(), clock: systemClock });
}
