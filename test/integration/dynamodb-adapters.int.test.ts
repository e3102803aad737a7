/**
 * The DynamoDB adapters against the port contracts (test/contract), on DynamoDB Local: the same
 * describe blocks the in-memory adapters pass (test/unit/memory-adapters.test.ts), so a use case
 * unit-tested on the doubles behaves the same on the table. Each subject gets a fresh table; its
 * client carries the production error translation, so a contended transaction surfaces as
 * ServiceUnavailableError as it would in AWS.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoEffectLedger } from '../../shared/adapters/dynamodb/effect-ledger';
import { dynamoMailQuota } from '../../shared/adapters/dynamodb/mail-quota';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { effectLedgerContract } from '../contract/effect-ledger.contract';
import { mailQuotaContract } from '../contract/mail-quota.contract';
import { matchingStoreContract } from '../contract/matching-store.contract';
import { partnerStoreContract } from '../contract/partner-store.contract';
import { registrationStoreContract } from '../contract/registration-store.contract';
import { signUpInboxContract } from '../contract/sign-up-inbox.contract';
import { lambdaContext } from '../helpers/api-event';
import { createTestTable } from '../helpers/dynamodb';

/** A fresh table, and production-like clients on it. */
async function freshTable() {
  const table = await createTestTable('contract');
  const raw = withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB');
  const client = toDocumentClient(raw);
  return {
    raw,
    client,
    tableName: table.tableName,
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
}

registrationStoreContract('DynamoDB', async () => {
  const t = await freshTable();
  return {
    store: dynamoRegistrationStore(t.client, t.tableName),
    async readItem(key) {
      const result = await t.client.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
      return result.Item;
    },
    cleanup: t.cleanup,
  };
});
matchingStoreContract('DynamoDB', async () => {
  const t = await freshTable();
  return {
    store: dynamoMatchingStore(t.client, t.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => t.client.send(new PutCommand({ TableName: t.tableName, Item }))));
    },
    async readItem(key) {
      const result = await t.client.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
      return result.Item;
    },
    cleanup: t.cleanup,
  };
});
partnerStoreContract('DynamoDB', async () => {
  const t = await freshTable();
  return { partners: dynamoPartnerStore(t.client, t.tableName), cleanup: t.cleanup };
});
signUpInboxContract('DynamoDB', async () => {
  const t = await freshTable();
  return { inbox: dynamoSignUpInbox(t.client, t.tableName), partners: dynamoPartnerStore(t.client, t.tableName), cleanup: t.cleanup };
});
effectLedgerContract('DynamoDB', async () => {
  const t = await freshTable();
  const ledger = dynamoEffectLedger(t.raw, t.tableName);
  ledger.useLambdaContext(lambdaContext); // as the consumer does on every invocation
  return { ledger, cleanup: t.cleanup };
});
mailQuotaContract('DynamoDB', async () => {
  const t = await freshTable();
  return {
    quota: dynamoMailQuota(t.raw, t.tableName),
    async readItem(key) {
      const result = await t.client.send(new GetCommand({ TableName: t.tableName, Key: key, ConsistentRead: true }));
      return result.Item;
    },
    cleanup: t.cleanup,
  };
});
