/**
 * The mail consumer decides whether a follow-up mail is still due from the tandem's partition,
 * written in the same transaction as the mail's job: a read from a lagging replica would see the
 * state before (a round still scheduled, an alert not yet open) and drop the mail for good. So the
 * DynamoDB adapter's Query is strongly consistent (DynamoDB Local is always consistent, so the
 * request itself is what a test can check).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';

describe('FollowUpReads on DynamoDB', () => {
  it('reads the tandem’s partition with a strongly consistent Query', async () => {
    const inputs: Array<Record<string, unknown>> = [];
    const client = { send: async (command: { input: Record<string, unknown> }) => (inputs.push(command.input), { Items: [] }) } as unknown as DynamoDBDocumentClient;
    expect(await dynamoFollowUpReads(client, 'table').getFollowUp('7d0f6f0e-4a4e-4c43-9d6f-3c1f1d2b8a10')).toBeUndefined();
    expect(inputs).toHaveLength(1);
    expect(inputs[0]).toMatchObject({ TableName: 'table', ConsistentRead: true, ExpressionAttributeValues: { ':pk': 'TANDEM#7d0f6f0e-4a4e-4c43-9d6f-3c1f1d2b8a10' } });
  });
});
