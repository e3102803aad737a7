/** DynamoDB implementation of PartnerStore: active partners come from GSI1, sorted by name. */
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { partnerItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { PartnerStore } from '../../ports/partner-store';

export function dynamoPartnerStore(db: DynamoDBDocumentClient, tableName: string): PartnerStore {
  return {
    async listActive() {
      const index = keys.partnersByStatus('active');
      const partners: Array<{ id: string; name: string }> = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey, '#id': 'id', '#name': 'name' },
            ExpressionAttributeValues: { ':pk': index.value },
            ProjectionExpression: '#id, #name',
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) partners.push({ id: String(item.id), name: String(item.name) });
        start = page.LastEvaluatedKey;
      } while (start);
      return partners;
    },
    async put(partner) {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: partnerItem(partner),
        }),
      );
    },
  };
}
