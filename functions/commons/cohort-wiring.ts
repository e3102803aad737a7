/**
 * Composition root of the cohort matching functions (functions/http/admin/*-cohort-draft*.ts):
 * each handler module calls its `wireX()` at module scope, so the table configuration is parsed
 * and the clients created once per container. The list and the get read only the cohort store.
 */
import { dynamoCohortStore } from '../../shared/adapters/dynamodb/cohort-store';
import { makeDocumentClient, makeDynamoDbClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeCreateCohortDraft } from '../../shared/use-cases/admin/create-cohort-draft';
import { makeGetCohortDraft } from '../../shared/use-cases/admin/get-cohort-draft';
import { makeListCohortDrafts } from '../../shared/use-cases/admin/list-cohort-drafts';
import { makePublishCohortDraft } from '../../shared/use-cases/admin/publish-cohort-draft';
import { makeReviseCohortDraft } from '../../shared/use-cases/admin/revise-cohort-draft';

function cohortStore() {
  const config = loadTableConfig();
  return dynamoCohortStore(makeDocumentClient(config), config.tableName);
}

/** Solving reads only mentees and partners: the read adapter, without the store's write paths (and their geography). */
function solveDeps() {
  const config = loadTableConfig();
  return { store: dynamoMatchingReads(makeDynamoDbClient(config), config.tableName), cohorts: dynamoCohortStore(makeDocumentClient(config), config.tableName), clock: systemClock };
}

/** Publishing starts attempts: the whole matching store. */
function publishDeps() {
  const config = loadTableConfig();
  const db = makeDocumentClient(config);
  return { store: dynamoMatchingStore(db, config.tableName), cohorts: dynamoCohortStore(db, config.tableName), clock: systemClock };
}

export const wireListCohortDrafts = () => makeListCohortDrafts({ cohorts: cohortStore() });
export const wireGetCohortDraft = () => makeGetCohortDraft({ cohorts: cohortStore() });
export const wireCreateCohortDraft = () => makeCreateCohortDraft(solveDeps());
export const wireReviseCohortDraft = () => makeReviseCohortDraft(solveDeps());
export const wirePublishCohortDraft = () => makePublishCohortDraft(publishDeps());
