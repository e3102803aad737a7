/**
 * DynamoDB implementation of CohortStore. A draft is two items in its partition `COHORT#<id>`: the
 * draft (`DRAFT`: solution, edits, publication; in no index, so its size never weighs on an index)
 * and its listing (`LISTING`, in GSI1 `COHORT#ALL`), written in one transaction whenever the
 * listing's fields change. Revisions and the start of a publication are conditioned on the status
 * and version (and lease) read; a refused condition is read back (ALL_OLD) to say why.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cohortDraftFromItem, cohortDraftItem, cohortListingFromItem, cohortListingItem, personFromItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { CohortDraft, CohortListing } from '../../domain/cohort';
import type { MentorProfile } from '../../domain/people';
import type { CohortStore } from '../../ports/cohort-store';
import { queryAll as queryAllPages, type QueryAllInput } from './query-all';
import { transact } from './transactions';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
const PK = TABLE.partitionKey;

export function dynamoCohortStore(db: DynamoDBDocumentClient, tableName: string): CohortStore {
  const get = async (draftId: string) =>
    cohortDraftFromItem((await db.send(new GetCommand({ TableName: tableName, Key: keys.cohortDraft(draftId), ConsistentRead: true }))).Item);

  const queryAll = (input: QueryAllInput, until?: (items: Item[]) => boolean) => queryAllPages(db, tableName, input, until);

  const listingPut = (draft: CohortDraft): TransactItem => ({ Put: { TableName: tableName, Item: cohortListingItem(draft) } });

  /** Why a write conditioned on "a draft at this version" was refused. */
  const refusal = (current: Item | undefined): 'stale_version' | 'already_published' | 'not_found' => {
    const draft = cohortDraftFromItem(current);
    if (!draft) return 'not_found';
    return draft.status !== 'draft' ? 'already_published' : 'stale_version';
  };

  /** Sets `publication.outcomes` (and `phase`) while `lease` holds the publication. */
  async function updateWhileLeased(draftId: string, lease: string, set: Record<string, unknown>): Promise<boolean> {
    const names: Record<string, string> = { '#pub': 'publication', '#lease': 'lease', '#phase': 'phase' };
    const values: Record<string, unknown> = { ':lease': lease, ':publishing': 'publishing' };
    const sets = Object.entries(set).map(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      return `#pub.#s${i} = :s${i}`;
    });
    try {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.cohortDraft(draftId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: '#pub.#lease = :lease AND #pub.#phase = :publishing',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    async menteesOfPartner(partnerId, statuses) {
      const index = keys.menteesOfPartner(partnerId);
      const values = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
      const items = await queryAll({
        IndexName: index.index,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: `#status IN (${Object.keys(values).join(', ')})`,
        ProjectionExpression: '#id',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#status': 'status', '#id': 'id' },
        ExpressionAttributeValues: { ':pk': index.value, ...values },
      });
      return items.map((item) => String(item.id));
    },

    async activeMentors() {
      const index = keys.personsByStatus('mentor', 'active');
      const items = await queryAll({
        IndexName: index.index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': index.partitionKey },
        ExpressionAttributeValues: { ':pk': index.value },
      });
      return items.map((item) => personFromItem(item) as MentorProfile);
    },

    get,

    async list({ partnerId, limit }) {
      const index = keys.cohortListings();
      const items = await queryAll(
        {
          IndexName: index.index,
          KeyConditionExpression: '#pk = :pk',
          ScanIndexForward: false,
          ...(partnerId !== undefined ? { FilterExpression: '#partner = :partner' } : {}),
          ExpressionAttributeNames: { '#pk': index.partitionKey, ...(partnerId !== undefined ? { '#partner': 'partnerId' } : {}) },
          ExpressionAttributeValues: { ':pk': index.value, ...(partnerId !== undefined ? { ':partner': partnerId } : {}) },
        },
        (got) => got.length >= limit,
      );
      return items.slice(0, limit).map((item): CohortListing => cohortListingFromItem(item));
    },

    async create(draft) {
      const result = await transact(db, {
        draft: { Put: { TableName: tableName, Item: cohortDraftItem(draft), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': PK } } },
        listing: listingPut(draft),
      });
      if (!result.ok) throw new Error(`Cohort draft ${draft.id} exists`);
    },

    async saveRevision(draft, expectedVersion) {
      const result = await transact(db, {
        draft: {
          Put: {
            TableName: tableName,
            Item: cohortDraftItem(draft),
            ConditionExpression: '#status = :draft AND #version = :expected',
            ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
            ExpressionAttributeValues: { ':draft': 'draft', ':expected': expectedVersion },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        listing: listingPut(draft),
      });
      return result.ok ? 'saved' : refusal(result.current.draft);
    },

    async beginPublication({ draftId, version, lease, leaseUntil, now }) {
      const current = await get(draftId);
      if (!current) return { outcome: 'not_found' };
      if (current.status === 'draft') {
        if (current.version !== version) return { outcome: 'stale_version' };
        const draft: CohortDraft = { ...current, status: 'published', publishedAt: now, updatedAt: now, publication: { phase: 'publishing', lease, leaseUntil, outcomes: [] } };
        const result = await transact(db, {
          draft: {
            Update: {
              TableName: tableName,
              Key: keys.cohortDraft(draftId),
              UpdateExpression: 'SET #status = :published, publishedAt = :now, updatedAt = :now, #pub = :pub',
              ConditionExpression: '#status = :draft AND #version = :version',
              ExpressionAttributeNames: { '#status': 'status', '#version': 'version', '#pub': 'publication' },
              ExpressionAttributeValues: { ':published': 'published', ':draft': 'draft', ':version': version, ':now': now, ':pub': draft.publication },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          listing: {
            Update: {
              TableName: tableName,
              Key: keys.cohortListing(draftId),
              UpdateExpression: 'SET #status = :published, updatedAt = :now',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':published': 'published', ':now': now },
            },
          },
        });
        if (result.ok) return { outcome: 'started', draft };
        // Published meanwhile by a concurrent call (its publication, not this one), or revised.
        return { outcome: refusal(result.current.draft) };
      }
      const publication = current.publication;
      if (current.version !== version || !publication || publication.phase === 'done') return { outcome: 'already_published' };
      if (publication.leaseUntil >= now) return { outcome: 'busy' };
      // A lapsed lease: taken over on condition that nobody took it (or recorded outcomes) since the read.
      try {
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.cohortDraft(draftId),
            UpdateExpression: 'SET #pub.#lease = :lease, #pub.#until = :until',
            ConditionExpression: '#pub.#lease = :old AND #pub.#phase = :publishing AND size(#pub.#outcomes) = :count',
            ExpressionAttributeNames: { '#pub': 'publication', '#lease': 'lease', '#until': 'leaseUntil', '#phase': 'phase', '#outcomes': 'outcomes' },
            ExpressionAttributeValues: { ':lease': lease, ':until': leaseUntil, ':old': publication.lease, ':publishing': 'publishing', ':count': publication.outcomes.length },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return { outcome: 'busy' };
        throw error;
      }
      return { outcome: 'resumed', draft: { ...current, publication: { ...publication, lease, leaseUntil } } };
    },

    async recordOutcomes({ draftId, lease, outcomes }) {
      return (await updateWhileLeased(draftId, lease, { outcomes })) ? 'recorded' : 'lease_lost';
    },

    async finishPublication({ draftId, lease, outcomes }) {
      return (await updateWhileLeased(draftId, lease, { outcomes, phase: 'done' })) ? 'finished' : 'lease_lost';
    },
  };
}
