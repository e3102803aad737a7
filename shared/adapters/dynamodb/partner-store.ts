/** DynamoDB implementation of PartnerStore: active partners come from GSI1, sorted by name. */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { partnerItem } from '../../db/items';
import { keys } from '../../db/keys';
import type { PartnerStore } from '../../ports/partner-store';
import { indexPartition, queryAll } from './query-all';

export function dynamoPartnerStore(db: DynamoDBDocumentClient, tableName: string): PartnerStore {
  return {
    async listActive() {
      const partition = indexPartition(keys.partnersByStatus('active'));
      const items = await queryAll(db, tableName, {
        ...partition,
        ExpressionAttributeNames: { ...partition.ExpressionAttributeNames, '#id': 'id', '#name': 'name' },
        ProjectionExpression: '#id, #name',
      });
      return items.map((item) => ({ id: String(item.id), name: String(item.name) }));
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
