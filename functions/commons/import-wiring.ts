/**
 * Composition root of the programme import (POST /api/admin/imports): the use case on the
 * DynamoDB ImportStore, built once per container with the table configuration parsed at start.
 * Kept apart so the function's bundle carries only this adapter.
 */
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoImportStore } from '../../shared/adapters/dynamodb/import-store';
import { loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import { makeImportProgramme } from '../../shared/use-cases/admin/import-programme';

export function wireImportProgramme() {
  const config = loadTableConfig();
  return makeImportProgramme({ store: dynamoImportStore(makeDocumentClient(config), config.tableName), clock: systemClock });
}
