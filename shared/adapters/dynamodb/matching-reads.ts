/**
 * The reads of MatchingStore that the mail consumer makes (proposal, tandem, mentor, mentee with its
 * proposals, partner), with the low-level client and strongly consistent reads. Apart from
 * dynamoMatchingStore so that the mail consumer bundles neither lib-dynamodb nor the availability
 * index code (which reads the communes data, ~900 KB): the same items, read by the same item
 * readers (shared/db/items.ts).
 */
import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { menteeFromPartition, partnerFromItem, personFromItem, proposalFromItem, tandemFromItem, type Item } from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { MentorProfile } from '../../domain/people';
import type { MatchingReads } from '../../use-cases/send-mail';

export function dynamoMatchingReads(db: DynamoDBClient, tableName: string): MatchingReads {
  const get = async (key: Key): Promise<Item | undefined> => {
    const result = await db.send(new GetItemCommand({ TableName: tableName, Key: marshall(key), ConsistentRead: true }));
    return result.Item && unmarshall(result.Item);
  };

  return {
    async getMentee(menteeId) {
      const partition = keys.person('mentee', menteeId)[TABLE.partitionKey]!;
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': TABLE.partitionKey },
            ExpressionAttributeValues: marshall({ ':pk': partition }),
            ConsistentRead: true,
            ...(start ? { ExclusiveStartKey: marshall(start) } : {}),
          }),
        );
        items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
        start = page.LastEvaluatedKey && unmarshall(page.LastEvaluatedKey);
      } while (start);
      return menteeFromPartition(menteeId, items);
    },
    getMentor: async (mentorId) => personFromItem(await get(keys.person('mentor', mentorId))) as MentorProfile | undefined,
    getProposal: async (menteeId, mentorId) => proposalFromItem(await get(keys.proposal(menteeId, mentorId))),
    getTandem: async (tandemId) => tandemFromItem(await get(keys.tandem(tandemId))),
    getPartner: async (partnerId) => partnerFromItem(await get(keys.partner(partnerId))),
  };
}
