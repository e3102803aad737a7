/**
 * Composition root of the CCI's tandem actions (close, record an outcome, resolve an alert): each
 * builds its use case on the DynamoDB TandemLifecycleStore at module scope (configuration parsed
 * once per container; a missing variable fails at start). `closeTandemOn` is the same close for
 * other roots (the erasure).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoTandemLifecycleStore } from '../../shared/adapters/dynamodb/tandem-lifecycle-store';
import type { FollowUpSettings } from '../../shared/domain/follow-up';
import { loadFollowUpConfig, loadTableConfig } from '../../shared/config/runtime-config';
import { systemClock } from '../../shared/ports/clock';
import type { CloseTandem } from '../../shared/ports/tandem-lifecycle';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeRecordTandemOutcome } from '../../shared/use-cases/admin/record-tandem-outcome';
import { makeResolveTandemAlert } from '../../shared/use-cases/admin/resolve-tandem-alert';

function table() {
  const config = loadTableConfig();
  return { db: makeDocumentClient(config), tableName: config.tableName };
}

/** The close on a given client and settings (the erasure's root passes its own). */
export function closeTandemOn(db: DynamoDBDocumentClient, tableName: string, settings: Pick<FollowUpSettings, 'closedTandemRetentionDays'>): CloseTandem {
  return makeCloseTandem({ store: dynamoTandemLifecycleStore(db, tableName), clock: systemClock, settings });
}

export function wireCloseTandem(): CloseTandem {
  const { db, tableName } = table();
  return closeTandemOn(db, tableName, loadFollowUpConfig());
}

export function wireRecordTandemOutcome() {
  const { db, tableName } = table();
  return makeRecordTandemOutcome({ store: dynamoTandemLifecycleStore(db, tableName), clock: systemClock });
}

export function wireResolveTandemAlert() {
  const { db, tableName } = table();
  return makeResolveTandemAlert({ store: dynamoTandemLifecycleStore(db, tableName), clock: systemClock });
}
