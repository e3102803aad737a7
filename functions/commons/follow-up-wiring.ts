/**
 * Composition root of the follow-up page's HTTP functions (check-in and outcome links): the view
 * reads the tandem's partition and the people (table and signing key only); the answer also
 * writes (FollowUpAnswers) and needs the stage's follow-up settings (the silence delay).
 */
import { makeDocumentClient, toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpAnswers } from '../../shared/adapters/dynamodb/follow-up-answers';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { makeDynamoDbClient } from '../../shared/adapters/dynamodb/low-level-client';
import { dynamoPersonDirectory } from '../../shared/adapters/dynamodb/person-directory';
import { loadFollowUpConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeAnswerFollowUp } from '../../shared/use-cases/answer-follow-up';
import { makeViewFollowUp } from '../../shared/use-cases/view-follow-up';
import { linkSigner } from './wiring';

export function wireViewFollowUp() {
  const config = loadTableConfig();
  const client = makeDynamoDbClient(config);
  return makeViewFollowUp({ reads: dynamoFollowUpReads(toDocumentClient(client), config.tableName), people: dynamoPersonDirectory(client, config.tableName), links: linkSigner() });
}

export function wireAnswerFollowUp() {
  const config = loadTableConfig();
  const settings = loadFollowUpConfig();
  const db = makeDocumentClient(config);
  return makeAnswerFollowUp({
    reads: dynamoFollowUpReads(db, config.tableName),
    answers: dynamoFollowUpAnswers(db, config.tableName),
    links: linkSigner(),
    clock: systemClock,
    settings,
  });
}
