/**
 * PersonalDataStore on DynamoDB. Reads: a mentee's partition (one Query), a mentor's history
 * (GSI4, keys only) then its proposals by key (BatchGetItem), the status index and the retention
 * queue by bounded range (`GSI1SK < :before`), never a Scan. Writes are conditional UpdateItems
 * and DeleteItems, or one transaction where two items must change together. A page's cursor is
 * the last entry's GSI1 sort key (ids and dates only).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  availabilityChanges,
  JOB_ITEM_SECONDS,
  menteeFromPartition,
  outboxItem,
  personErasure,
  personFromItem,
  proposalFromItem,
  type Item,
  followUpLeavesQueue,
} from '../../db/items';
import { dueUpTo, keys, type Key } from '../../db/keys';
import { TABLE } from '../../db/table';
import { InvalidCursorError, ServiceUnavailableError } from '../../domain/errors';
import { fingerprintSubmission, hashEmail } from '../../domain/fingerprints';
import type { MenteeProfile, MentorProfile, Person } from '../../domain/people';
import type { PersonalDataStore } from '../../ports/personal-data';
import { queryAll } from './query-all';
import { transact } from './transactions';
import { updateExpression } from './update-expression';

const PK = TABLE.partitionKey;
const SK = TABLE.sortKey;
const { GSI1 } = TABLE.indexes;
const BATCH = 100;
const BATCH_ROUNDS = 5;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

/** The parts of a cursor (a GSI1 sort key `<date>#<id>` or `<date>#<id>#<suffix>`), checked. */
function cursorParts(cursor: string, parts: number): string[] {
  const split = cursor.split('#');
  if (split.length !== parts || split.some((p) => p.length === 0 || p.length > 100)) throw new InvalidCursorError('Cursor is not a key');
  return split;
}

export function dynamoPersonalDataStore(db: DynamoDBDocumentClient, tableName: string): PersonalDataStore {
  const get = async (key: Key) => (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

  async function batchGet(wanted: Key[], projection?: readonly string[]): Promise<Item[]> {
    const found: Item[] = [];
    const names = projection ? Object.fromEntries(projection.map((name, i) => [`#a${i}`, name])) : undefined;
    for (let i = 0; i < wanted.length; i += BATCH) {
      let pending: Record<string, unknown>[] = wanted.slice(i, i + BATCH);
      for (let round = 0; pending.length > 0; round++) {
        if (round === BATCH_ROUNDS) throw new ServiceUnavailableError('Items could not be read; retry');
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
        const out = await db.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true, ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}) } },
          }),
        );
        found.push(...(out.Responses?.[tableName] ?? []));
        pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
    }
    return found;
  }

  /** A conditional UpdateItem; false when its condition failed. */
  async function updateIf(key: Key, changes: { set: Item; remove?: readonly string[] }, condition: string, extraNames: Record<string, string> = {}, extraValues: Item = {}) {
    const u = updateExpression(changes);
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: u.expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: { ...u.names, ...extraNames },
          ...(Object.keys({ ...u.values, ...extraValues }).length ? { ExpressionAttributeValues: { ...u.values, ...extraValues } } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** An UpdateItem written as an expression (nested paths); false when its condition failed. */
  async function rawUpdateIf(key: Key, expression: string, condition: string, names: Record<string, string>) {
    try {
      await db.send(new UpdateCommand({ TableName: tableName, Key: key, UpdateExpression: expression, ConditionExpression: condition, ExpressionAttributeNames: names }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** A DeleteItem, conditional when asked; an unmet condition deletes nothing. */
  async function deleteIf(key: Key, condition?: { expression: string; names: Record<string, string>; values: Item }) {
    try {
      await db.send(
        new DeleteCommand({
          TableName: tableName,
          Key: key,
          ...(condition ? { ConditionExpression: condition.expression, ExpressionAttributeNames: condition.names, ExpressionAttributeValues: condition.values } : {}),
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Every item a person's data may have left outside its profile, removed before the profile itself. */
  async function eraseTraces(person: Person) {
    const role = person.role;
    if (person.email) {
      // The claim, only while it is this person's (an expired one may already be another's).
      await deleteIf(keys.emailClaim(role, hashEmail(person.email)), { expression: '#personId = :id', names: { '#personId': 'personId' }, values: { ':id': person.id } });
      await deleteIf(keys.outbox('resend', fingerprintSubmission('resend', { role, email: person.email })));
    }
    if (person.signUpKey) await deleteIf(keys.outbox('sign_up', person.signUpKey));
    // The person's name in cohort drafts (tens a year: every listing, then a conditional REMOVE each).
    const listings = await queryAll(db, tableName, {
      IndexName: 'GSI1',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': GSI1.partitionKey, '#id': 'id' },
      ExpressionAttributeValues: { ':pk': keys.cohortListings().value },
      ProjectionExpression: '#id',
    });
    for (const listing of listings) {
      const names = { '#solution': 'solution', '#names': 'names', '#person': person.id };
      await rawUpdateIf(keys.cohortDraft(String(listing.id)), 'REMOVE #solution.#names.#person', 'attribute_exists(#solution.#names.#person)', names);
    }
  }

  /** A tandem's outcome surveys (one consistent Query of its partition's `OUTCOME#` items). */
  async function outcomeSurveys(tandemId: string): Promise<Item[]> {
    return queryAll(db, tableName, {
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :outcome)',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: { ':pk': keys.tandemPartition(tandemId), ':outcome': keys.outcomeSurveyPrefix },
      ConsistentRead: true,
    });
  }

  /** The SIREN out of the tandem's outcome and of each survey record (by index: records are only appended). */
  async function eraseSirens(tandemId: string) {
    const names = { '#outcome': 'outcome', '#siren': 'siren' };
    await rawUpdateIf(keys.tandem(tandemId), 'REMOVE #outcome.#siren', 'attribute_exists(#outcome.#siren)', names);
    for (const survey of await outcomeSurveys(tandemId)) {
      const records = (survey.records as { value?: { siren?: unknown } }[] | undefined) ?? [];
      const at = records.flatMap((record, i) => (record.value?.siren !== undefined ? [i] : []));
      if (at.length === 0) continue;
      await rawUpdateIf(
        keys.outcomeSurvey(tandemId, Number(survey.milestone)),
        `REMOVE ${at.map((i) => `#records[${i}].#value.#siren`).join(', ')}`,
        'attribute_exists(#pk)',
        { '#pk': PK, '#records': 'records', '#value': 'value', '#siren': 'siren' },
      );
    }
  }

  return {
    async readPerson(role, personId) {
      if (role === 'mentee') {
        const items = await queryAll(db, tableName, {
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': PK },
          ExpressionAttributeValues: { ':pk': keys.person('mentee', personId)[PK] },
          ConsistentRead: true,
        });
        const found = menteeFromPartition(personId, items);
        if (!found) return undefined;
        const tandemIds = [...new Set([...found.proposals.map((p) => p.tandemId), found.mentee.tandemId].filter((id): id is string => id !== undefined))];
        return { person: found.mentee, proposals: found.proposals, tandemIds };
      }
      const mentor = personFromItem(await get(keys.person('mentor', personId)));
      if (!mentor) return undefined;
      const history = keys.mentorHistory(personId);
      const entries = await queryAll(db, tableName, {
        IndexName: history.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': history.partitionKey },
        ExpressionAttributeValues: { ':pk': history.value },
      });
      const proposalKeys = entries.filter((e) => String(e[SK]).startsWith(keys.proposalPrefix)).map((e) => ({ [PK]: String(e[PK]), [SK]: String(e[SK]) }));
      const proposals = (await batchGet(proposalKeys)).map((item) => proposalFromItem(item)!).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const tandemIds = entries.map((e) => keys.tandemIdOf(e)).filter((id): id is string => id !== undefined);
      return { person: mentor, proposals, tandemIds: [...new Set(tandemIds)] };
    },

    async firstNames(role, ids) {
      const unique = [...new Set(ids)];
      const items = await batchGet(
        unique.map((id) => keys.person(role, id)),
        ['id', 'firstName'],
      );
      return new Map(items.filter((i) => typeof i.firstName === 'string').map((i) => [String(i.id), String(i.firstName)]));
    },

    async anonymise({ role, personId, now, expect }) {
      const erasedAt = now.toISOString();
      for (let round = 0; round < 3; round++) {
        const person = personFromItem(await get(keys.person(role, personId)));
        if (!person) return { outcome: 'not_found' };
        if (person.status === 'erased') return { outcome: 'already_erased', erasedAt: person.erasedAt ?? erasedAt };
        if (expect && (person.status !== expect.status || person.retentionNoticeAt !== expect.retentionNoticeAt)) return { outcome: 'not_eligible' };
        await eraseTraces(person);
        const changes = personErasure(person, erasedAt);
        const u = updateExpression(changes);
        const availability = role === 'mentor' ? availabilityChanges(person as MentorProfile, { ...(person as MentorProfile), status: 'erased' }).deletes : [];
        const result = await transact(db, {
          profile: {
            Update: {
              TableName: tableName,
              Key: keys.person(role, personId),
              UpdateExpression: u.expression,
              // As read (and, for the retention, as decided on: the notice is removed when the mentee is matched).
              ConditionExpression: `attribute_exists(#pk) AND #cur = :cur${expect ? ' AND #notice = :notice' : ''}`,
              ExpressionAttributeNames: { ...u.names, '#pk': PK, '#cur': 'status', ...(expect ? { '#notice': 'retentionNoticeAt' } : {}) },
              ExpressionAttributeValues: { ...u.values, ':cur': person.status, ...(expect ? { ':notice': expect.retentionNoticeAt } : {}) },
            },
          },
          ...Object.fromEntries(availability.map((key, i) => [`availability${i}`, { Delete: { TableName: tableName, Key: key } }])),
        });
        if (result.ok) return { outcome: 'erased', erasedAt };
        // The profile changed between the read and the write (a status move): read it again.
      }
      throw new ServiceUnavailableError('The profile kept changing; retry');
    },

    async eraseAnswerTexts({ tandemId, seq, role }) {
      const names = { '#answers': 'answers', '#role': role, '#progress': 'progress', '#note': 'privateNote' };
      const erased = await rawUpdateIf(keys.checkInRound(tandemId, seq), 'REMOVE #answers.#role.#progress, #answers.#role.#note', 'attribute_exists(#answers.#role)', names);
      return erased ? 'erased' : 'no_answer';
    },

    async eraseProposalReasons({ menteeId, mentorId }) {
      await updateIf(keys.proposal(menteeId, mentorId), { set: { reasons: [] } }, 'attribute_exists(#pk)', { '#pk': PK });
    },

    async eraseTandemNote(tandemId) {
      await updateIf(keys.tandem(tandemId), { set: {}, remove: ['endNote'] }, 'attribute_exists(#pk)', { '#pk': PK });
    },

    async cancelOutcomeSurveys(tandemId) {
      let cancelled = 0;
      for (const survey of await outcomeSurveys(tandemId)) {
        if (survey.status !== 'scheduled' && survey.status !== 'sent') continue;
        const done = await updateIf(
          keys.outcomeSurvey(tandemId, Number(survey.milestone)),
          followUpLeavesQueue({ status: 'cancelled' }),
          '#was IN (:scheduled, :sent)',
          { '#was': 'status' },
          { ':scheduled': 'scheduled', ':sent': 'sent' },
        );
        if (done) cancelled++;
      }
      return cancelled;
    },

    async eraseOutcomeSirens(tandemId) {
      await eraseSirens(tandemId);
    },

    async unmatchedMentees({ createdBefore, limit, cursor }) {
      const list = keys.personsByStatus('mentee', 'unmatched');
      const start = cursor ? cursorParts(cursor, 2) : undefined;
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: list.index,
          KeyConditionExpression: '#pk = :pk AND #sk < :before',
          ExpressionAttributeNames: { '#pk': list.partitionKey, '#sk': GSI1.sortKey },
          ExpressionAttributeValues: { ':pk': list.value, ':before': createdBefore.toISOString() },
          Limit: limit,
          ...(start ? { ExclusiveStartKey: { ...keys.person('mentee', start[1]!), [GSI1.partitionKey]: list.value, [GSI1.sortKey]: cursor } } : {}),
        }),
      );
      const items = (out.Items ?? []).map((item) => personFromItem(item) as MenteeProfile);
      const last = out.LastEvaluatedKey?.[GSI1.sortKey];
      return { items, ...(typeof last === 'string' ? { cursor: last } : {}) };
    },

    async recordRetentionNotice({ menteeId, now, mail }) {
      const u = updateExpression({ set: { retentionNoticeAt: now.toISOString() } });
      const result = await transact(db, {
        profile: {
          Update: {
            TableName: tableName,
            Key: keys.person('mentee', menteeId),
            UpdateExpression: u.expression,
            ConditionExpression: 'attribute_exists(#pk) AND #status = :unmatched AND attribute_not_exists(#notice)',
            ExpressionAttributeNames: { ...u.names, '#pk': PK, '#status': 'status', '#notice': 'retentionNoticeAt' },
            ExpressionAttributeValues: { ...u.values, ':unmatched': 'unmatched' },
          },
        },
        mail: {
          Put: {
            TableName: tableName,
            Item: outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }),
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#pk': PK },
          },
        },
      });
      return result.ok ? 'recorded' : 'not_eligible';
    },

    async dueTandemRetentions({ now, limit, cursor }) {
      const queue = keys.dueQueue('TANDEM_RETENTION');
      const start = cursor ? cursorParts(cursor, 3) : undefined;
      const out = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: queue.index,
          KeyConditionExpression: '#pk = :pk AND #sk <= :upTo',
          ExpressionAttributeNames: { '#pk': queue.partitionKey, '#sk': queue.sortKey },
          ExpressionAttributeValues: { ':pk': queue.value, ':upTo': dueUpTo(now) },
          Limit: limit,
          ...(start ? { ExclusiveStartKey: { ...keys.tandemRetention(start[1]!), [GSI1.partitionKey]: queue.value, [GSI1.sortKey]: cursor } } : {}),
        }),
      );
      const items = (out.Items ?? []).map((item) => ({ tandemId: String(item.tandemId), dueAt: String(item.dueAt) }));
      const last = out.LastEvaluatedKey?.[GSI1.sortKey];
      return { items, ...(typeof last === 'string' ? { cursor: last } : {}) };
    },

    async completeTandemRetention({ tandemId, now }) {
      // First, idempotent: a run interrupted after it finds the entry again.
      await eraseSirens(tandemId);
      const tandem = updateExpression({ set: { anonymisedAt: now.toISOString() }, remove: ['endNote'] });
      const entry = updateExpression(followUpLeavesQueue({ done: true }));
      const result = await transact(db, {
        tandem: {
          Update: {
            TableName: tableName,
            Key: keys.tandem(tandemId),
            UpdateExpression: tandem.expression,
            ConditionExpression: 'attribute_exists(#pk)',
            ExpressionAttributeNames: { ...tandem.names, '#pk': PK },
            ExpressionAttributeValues: tandem.values,
          },
        },
        entry: {
          Update: {
            TableName: tableName,
            Key: keys.tandemRetention(tandemId),
            UpdateExpression: entry.expression,
            ConditionExpression: 'attribute_exists(#pk) AND #done = :false',
            ExpressionAttributeNames: { ...entry.names, '#pk': PK, '#done': 'done' },
            ExpressionAttributeValues: { ...entry.values, ':false': false },
          },
        },
      });
      if (result.ok) return 'done';
      const stored = await get(keys.tandemRetention(tandemId));
      if (stored?.done === true && (await get(keys.tandem(tandemId)))) return 'already_done';
      return 'not_found';
    },
  };
}
