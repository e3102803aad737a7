/**
 * EffectLedger on Powertools idempotency, persisted in the single table (partition `IDEMPOTENCY`,
 * sort key = hashed effect key, expiry in the table's TTL attribute). An effect that throws leaves
 * no record, so the consumer's retry runs it again; one that succeeded is skipped for
 * `EFFECT_MEMORY_SECONDS`, longer than the stream keeps a record (24 h).
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { Context } from 'aws-lambda';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { EffectLedger } from '../../ports/effect-ledger';

/** How long a done effect is remembered: two days, beyond the stream's 24-hour retention. */
export const EFFECT_MEMORY_SECONDS = 48 * 3600;

export interface PowertoolsEffectLedger extends EffectLedger {
  /** Lets an effect in progress expire with the invocation, so a crash does not block its retry. */
  useLambdaContext(context: Context): void;
}

export function dynamoEffectLedger(client: DynamoDBClient, tableName: string): PowertoolsEffectLedger {
  const persistenceStore = new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: client,
    keyAttr: keys.idempotency.partitionKey,
    sortKeyAttr: keys.idempotency.sortKey,
    staticPkValue: keys.idempotency.partitionValue,
    expiryAttr: TABLE.ttlAttribute,
  });
  const config = new IdempotencyConfig({ eventKeyJmesPath: 'key', expiresAfterSeconds: EFFECT_MEMORY_SECONDS, throwOnNoIdempotencyKey: true });
  const run = makeIdempotent(
    async (_input: { key: string }, effect: () => Promise<void>) => {
      await effect();
      return true;
    },
    { persistenceStore, config, keyPrefix: 'effect', dataIndexArgument: 0 },
  );
  return {
    async once(key, effect) {
      await run({ key }, effect);
    },
    useLambdaContext(context) {
      config.registerLambdaContext(context);
    },
  };
}
