/**
 * In-memory CohortStore on the shared memory table, with the DynamoDB adapter's items (item
 * builders) and conditions: each method checks its condition and writes with no `await` in
 * between, so racing calls are serial and a refused change writes nothing.
 */
import { cohortDraftFromItem, cohortDraftItem, cohortListingFromItem, cohortListingItem, personFromItem, type Item } from '../../db/items';
import { keys } from '../../db/keys';
import { TABLE } from '../../db/table';
import type { CohortDraft } from '../../domain/cohort';
import type { MentorProfile } from '../../domain/people';
import type { CohortStore } from '../../ports/cohort-store';
import type { MemoryTable } from './table';

const { GSI1, GSI2 } = TABLE.indexes;
const byKey = (attribute: string) => (a: Item, b: Item) => Buffer.compare(Buffer.from(String(a[attribute])), Buffer.from(String(b[attribute])));

export function memoryCohortStore(table: MemoryTable): CohortStore {
  const read = (draftId: string) => cohortDraftFromItem(table.get(keys.cohortDraft(draftId)));
  const write = (draft: CohortDraft) => {
    table.put(cohortDraftItem(draft));
    table.put(cohortListingItem(draft));
  };

  return {
    async menteesOfPartner(partnerId, statuses) {
      const index = keys.menteesOfPartner(partnerId);
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value && statuses.includes(String(item.status)))
        .sort(byKey(GSI2.sortKey))
        .map((item) => String(item.id));
    },

    async activeMentors() {
      const index = keys.personsByStatus('mentor', 'active');
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value)
        .sort(byKey(GSI1.sortKey))
        .map((item) => personFromItem(item) as MentorProfile);
    },

    async get(draftId) {
      return read(draftId);
    },

    async list({ partnerId, limit }) {
      const index = keys.cohortListings();
      return table
        .scan()
        .filter((item) => item[index.partitionKey] === index.value && (partnerId === undefined || item.partnerId === partnerId))
        .sort(byKey(GSI1.sortKey))
        .reverse()
        .slice(0, limit)
        .map(cohortListingFromItem);
    },

    async create(draft) {
      if (table.get(keys.cohortDraft(draft.id))) throw new Error(`Cohort draft ${draft.id} exists`);
      write(draft);
    },

    async saveRevision(draft, expectedVersion) {
      const current = read(draft.id);
      if (!current) return 'not_found';
      if (current.status !== 'draft') return 'already_published';
      if (current.version !== expectedVersion) return 'stale_version';
      write(draft);
      return 'saved';
    },

    async beginPublication({ draftId, version, lease, leaseUntil, now }) {
      const current = read(draftId);
      if (!current) return { outcome: 'not_found' };
      if (current.status === 'draft') {
        if (current.version !== version) return { outcome: 'stale_version' };
        const draft: CohortDraft = { ...current, status: 'published', publishedAt: now, updatedAt: now, publication: { phase: 'publishing', lease, leaseUntil, outcomes: [] } };
        write(draft);
        return { outcome: 'started', draft };
      }
      const publication = current.publication;
      if (current.version !== version || !publication || publication.phase === 'done') return { outcome: 'already_published' };
      if (publication.leaseUntil >= now) return { outcome: 'busy' };
      const draft: CohortDraft = { ...current, publication: { ...publication, lease, leaseUntil } };
      table.put(cohortDraftItem(draft));
      return { outcome: 'resumed', draft };
    },

    async recordOutcomes({ draftId, lease, outcomes }) {
      const current = read(draftId);
      if (current?.publication?.lease !== lease || current.publication.phase !== 'publishing') return 'lease_lost';
      table.put(cohortDraftItem({ ...current, publication: { ...current.publication, outcomes } }));
      return 'recorded';
    },

    async finishPublication({ draftId, lease, outcomes }) {
      const current = read(draftId);
      if (current?.publication?.lease !== lease || current.publication.phase !== 'publishing') return 'lease_lost';
      table.put(cohortDraftItem({ ...current, publication: { ...current.publication, phase: 'done', outcomes } }));
      return 'finished';
    },
  };
}
