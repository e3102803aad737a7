/**
 * DynamoDB implementation of MentorAdminStore on the single table. The mentor list is a Query on
 * the status index (GSI1, ALL projection: whole profiles), filtered while paging; no Scan. A
 * change is one transaction (a mentor: profile, availability entries, jobs) or one conditional
 * write (a partner), conditioned on every attribute of the record as the caller read it, so a
 * concurrent change (another officer, an accept taking a place, a decline that pauses) refuses
 * it whole.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { availabilityChanges, JOB_ITEM_SECONDS, mentorProfileChanges, outboxItem, partnerChanges, partnerFromItem, partnerItem, personFromItem, type Item } from '../../db/items';
import { keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { MentorProfile } from '../../domain/people';
import { MAX_EXAMINED_PER_REQUEST, type MentorAdminStore } from '../../ports/mentor-admin';
import { indexPartition, queryAll } from './query-all';
import { mentorCursorAfter, mentorStartKey } from './mentor-admin-cursor';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const PK = TABLE.partitionKey;
/** Items read per Query page when filters may skip many (a page of the list may need several). */
const FILTERED_PAGE = 100;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * "The record is still as read": it exists, every attribute of `before` has the value read, and
 * the attributes only `after` has are absent (nobody set them meanwhile). Lists and maps compare
 * whole.
 */
export function unchangedSince(before: object, after: object): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const was = before as Item;
  const names: Record<string, string> = { '#pk': PK };
  const values: Record<string, unknown> = {};
  const parts = ['attribute_exists(#pk)'];
  [...new Set([...Object.keys(was), ...Object.keys(after)])].forEach((name, i) => {
    names[`#c${i}`] = name;
    if (was[name] === undefined) parts.push(`attribute_not_exists(#c${i})`);
    else {
      values[`:c${i}`] = was[name];
      parts.push(`#c${i} = :c${i}`);
    }
  });
  return { expression: parts.join(' AND '), names, values };
}

type MentorReads = Pick<MentorAdminStore, 'getMentor' | 'listMentors'>;
type PartnerAdmin = Pick<MentorAdminStore, 'getPartner' | 'listPartners' | 'createPartner' | 'savePartner'>;

/**
 * The whole store. Each function wires only the part it uses (`dynamoMentorReads`,
 * `dynamoMentorWrites`, `dynamoPartnerAdmin`): the availability entries a mentor's change writes
 * resolve places from the geography data, which the other functions need not bundle.
 */
export function dynamoMentorAdminStore(db: DynamoDBDocumentClient, tableName: string): MentorAdminStore {
  return { ...dynamoMentorReads(db, tableName), ...dynamoMentorWrites(db, tableName), ...dynamoPartnerAdmin(db, tableName) };
}

const getter = (db: DynamoDBDocumentClient, tableName: string) => async (key: Key): Promise<Item | undefined> =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

/** An Update of `key` with `changes` if still as read; a ConditionCheck when nothing changes. */
function conditionalWrite(tableName: string, key: Key, changes: { set: Item; remove: string[] }, before: object, after: object): TransactItem {
  const condition = unchangedSince(before, after);
  const base = { TableName: tableName, Key: key, ConditionExpression: condition.expression };
  if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) {
    return { ConditionCheck: { ...base, ExpressionAttributeNames: condition.names, ...(Object.keys(condition.values).length ? { ExpressionAttributeValues: condition.values } : {}) } };
  }
  const update = updateExpression(changes);
  const values = { ...update.values, ...condition.values };
  return {
    Update: {
      ...base,
      UpdateExpression: update.expression,
      ExpressionAttributeNames: { ...update.names, ...condition.names },
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    },
  };
}

export function dynamoMentorReads(db: DynamoDBDocumentClient, tableName: string): MentorReads {
  const get = getter(db, tableName);

  return {
    async getMentor(mentorId) {
      const mentor = personFromItem(await get(keys.person('mentor', mentorId)));
      return mentor?.role === 'mentor' ? mentor : undefined;
    },

    async listMentors({ status, limit, cursor, matches }) {
      const index = keys.personsByStatus('mentor', status);
      let start = mentorStartKey(cursor, status);
      const mentors: MentorProfile[] = [];
      let examined = 0;
      for (;;) {
        const page = await db.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.index,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
            ExpressionAttributeValues: { ':pk': index.value },
            // Unfiltered, one more than needed tells whether anything follows.
            Limit: matches ? FILTERED_PAGE : limit - mentors.length + 1,
            ExclusiveStartKey: start,
          }),
        );
        const items = page.Items ?? [];
        for (let i = 0; i < items.length; i++) {
          const mentor = personFromItem(items[i]) as MentorProfile;
          examined += 1;
          const more = i < items.length - 1 || page.LastEvaluatedKey !== undefined;
          if (!matches || matches(mentor)) {
            mentors.push(mentor);
            if (mentors.length === limit) return more ? { mentors, nextCursor: mentorCursorAfter(mentor) } : { mentors };
          }
          // Enough read for one request: a shorter page, resuming after the last mentor examined.
          if (examined >= MAX_EXAMINED_PER_REQUEST && more) return { mentors, nextCursor: mentorCursorAfter(mentor) };
        }
        if (!page.LastEvaluatedKey) return { mentors };
        start = page.LastEvaluatedKey;
      }
    },
  };
}

export function dynamoMentorWrites(db: DynamoDBDocumentClient, tableName: string): Pick<MentorAdminStore, 'saveMentor'> {
  return {
    async saveMentor({ before, after, now, jobs }) {
      const availability = availabilityChanges(before, after);
      const named = (list: TransactItem[], prefix: string) => Object.fromEntries(list.map((item, i) => [`${prefix}${i}`, item])) as Record<string, TransactItem>;
      const result = await transact(db, {
        profile: conditionalWrite(tableName, keys.person('mentor', before.id), mentorProfileChanges(before, after), before, after),
        ...named(
          availability.puts.map((Item) => ({ Put: { TableName: tableName, Item } })),
          'put',
        ),
        ...named(
          availability.deletes.map((Key) => ({ Delete: { TableName: tableName, Key } })),
          'delete',
        ),
        // Unconditional: each job has its own id and key; the profile's condition makes the change happen once.
        ...named(
          jobs.map((recorded) => ({ Put: { TableName: tableName, Item: outboxItem(recorded.job, { dedupKey: recorded.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }) } })),
          'job',
        ),
      });
      return result.ok ? 'saved' : 'changed';
    },
  };
}

export function dynamoPartnerAdmin(db: DynamoDBDocumentClient, tableName: string): PartnerAdmin {
  const get = getter(db, tableName);
  return {
    async getPartner(partnerId) {
      return partnerFromItem(await get(keys.partner(partnerId)));
    },

    async listPartners(status) {
      return (await queryAll(db, tableName, indexPartition(keys.partnersByStatus(status)))).map((item) => partnerFromItem(item)!);
    },

    async createPartner(partner) {
      try {
        await db.send(new PutCommand({ TableName: tableName, Item: partnerItem(partner), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } }));
        return 'created';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'exists';
        throw error;
      }
    },

    async savePartner({ before, after }) {
      const changes = partnerChanges(before, after);
      // Nothing to change: nothing written.
      if (Object.keys(changes.set).length === 0 && changes.remove.length === 0) return 'saved';
      const write = conditionalWrite(tableName, keys.partner(before.id), changes, before, after).Update!;
      try {
        await db.send(new UpdateCommand(write));
        return 'saved';
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return 'changed';
        throw error;
      }
    },
  };
}
