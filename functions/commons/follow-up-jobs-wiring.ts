/**
 * Composition root of the follow-up jobs (functions/scheduled/: check-ins, outcomes, silence):
 * each function's module calls its own `wireX()` at module scope, so its use case is built once
 * per container and only the configuration groups it reads are parsed at cold start — the table,
 * and the `followUp` settings for the jobs that schedule (reminder and next check-in dates).
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpSchedule } from '../../shared/adapters/dynamodb/follow-up-schedule';
import { loadFollowUpConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { makeFlagSilentTandems } from '../../shared/use-cases/flag-silent-tandems';
import { makeSendCheckIns } from '../../shared/use-cases/send-check-ins';
import { makeSendOutcomeSurveys } from '../../shared/use-cases/send-outcome-surveys';

function followUpSchedule() {
  const config = loadTableConfig();
  return dynamoFollowUpSchedule(makeDocumentClient(config), config.tableName);
}

export function wireSendCheckIns() {
  return makeSendCheckIns({ schedule: followUpSchedule(), settings: loadFollowUpConfig() });
}

export function wireSendOutcomeSurveys() {
  return makeSendOutcomeSurveys({ schedule: followUpSchedule(), settings: loadFollowUpConfig() });
}

export function wireFlagSilentTandems() {
  return makeFlagSilentTandems({ schedule: followUpSchedule() });
}
