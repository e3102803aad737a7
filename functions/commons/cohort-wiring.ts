/**
 * Composition root of the cohort matching functions (functions/http/admin/*-cohort-draft*.ts):
 * each handler module calls its `wireX()` at module scope, so the table configuration is parsed
 * and the client created once per container. The list and the get read only the cohort store.
 */
import { dynamoCohortStore } from '../../shared/adapters/dynamodb/cohort-store';
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import type { CohortDeps } from '../../shared/use-cases/admin/cohort-solve';
import { makeCreateCohortDraft } from '../../shared/use-cases/admin/create-cohort-draft';
import { makeGetCohortDraft } from '../../shared/use-cases/admin/get-cohort-draft';
import { makeListCohortDrafts } from '../../shared/use-cases/admin/list-cohort-drafts';
import { makePublishCohortDraft } from '../../shared/use-cases/admin/publish-cohort-draft';
import { makeReviseCohortDraft } from '../../shared/use-cases/admin/revise-cohort-draft';

function cohortStore() {
  const config = loadTableConfig();
  return dynamoCohortStore(makeDocumentClient(config), config.tableName);
}

function cohortDeps(): CohortDeps {
  const config = loadTableConfig();
  const db = makeDocumentClient(config);
  return { store: dynamoMatchingStore(db, config.tableName), cohorts: dynamoCohortStore(db, config.tableName), clock: systemClock };
}

export const wireListCohortDrafts = () => makeListCohortDrafts({ cohorts: cohortStore() });
export const wireGetCohortDraft = () => makeGetCohortDraft({ cohorts: cohortStore() });
export const wireCreateCohortDraft = () => makeCreateCohortDraft(cohortDeps());
export const wireReviseCohortDraft = () => makeReviseCohortDraft(cohortDeps());
export const wirePublishCohortDraft = () => makePublishCohortDraft(cohortDeps());
