/**
 * Cohort matching on DynamoDB Local with the adapters the functions are wired with
 * (functions/commons/cohort-wiring.ts): the read adapter to solve, the matching store to publish.
 * A partner's draft is created, revised (a pin kept, a forbid honoured) and published once: each
 * pair's mentee starts a new attempt with its mentor, with its start job in the outbox; a second
 * publish is refused and sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoCohortStore } from '../../shared/adapters/dynamodb/cohort-store';
import { dynamoMatchingReads } from '../../shared/adapters/dynamodb/matching-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { availabilityItems, partnerItem, personItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { ConflictError } from '../../shared/domain/errors';
import type { Partner } from '../../shared/domain/people';
import { makeCreateCohortDraft } from '../../shared/use-cases/admin/create-cohort-draft';
import { makePublishCohortDraft } from '../../shared/use-cases/admin/publish-cohort-draft';
import { makeReviseCohortDraft } from '../../shared/use-cases/admin/revise-cohort-draft';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

let table: TestTable;
let db: ReturnType<typeof toDocumentClient>;
const clock = { now: () => new Date('2026-12-01T10:00:00.000Z') };
const partner: Partner = { id: 'workup-massilia', name: 'Work’Up Massilia', kind: 'business_incubator', status: 'active', dedicatedPool: true, createdAt: '2026-09-01T08:00:00.000Z' };

beforeAll(async () => {
  table = await createTestTable('cohort-flow');
  db = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
});
afterAll(async () => {
  db.destroy();
  await table.drop();
});

const put = (items: Item[]) => Promise.all(items.map((Item) => db.send(new PutCommand({ TableName: table.tableName, Item }))));
const read = async (key: Record<string, string>) => (await db.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;

function wired() {
  const raw = withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB');
  const cohorts = dynamoCohortStore(db, table.tableName);
  const solve = { store: dynamoMatchingReads(raw, table.tableName), cohorts, clock };
  return {
    create: makeCreateCohortDraft(solve),
    revise: makeReviseCohortDraft(solve),
    publish: makePublishCohortDraft({ store: dynamoMatchingStore(db, table.tableName), cohorts, clock }),
  };
}

describe('cohort matching on DynamoDB Local', () => {
  it('creates, revises with a pin and a forbid kept, and publishes once through the workflow', async () => {
    const mentees = ['Inès', 'Lucas', 'Léa'].map((firstName) => menteeProfile({ firstName, status: 'unmatched', partnerId: partner.id, matchingAttempt: 1 }));
    const mentors = ['Camille', 'Marc', 'Zoé'].map((firstName) => mentorProfile({ firstName, capacity: 1, pools: [partner.id] }));
    const outsider = mentorProfile({ capacity: 2 });
    await put([partnerItem(partner), ...mentees.map((m) => personItem(m)), ...[...mentors, outsider].flatMap((m) => [personItem(m), ...availabilityItems(m)])]);
    const { create, revise, publish } = wired();

    const v1 = await create({ partnerId: partner.id, locale: 'fr' });
    expect(v1).toMatchObject({ version: 1, menteesConsidered: 3, mentorsConsidered: 3, matched: 3 });
    expect(v1.pairs.every((p) => p.mentor.id !== outsider.id)).toBe(true);

    const [a, b] = mentees;
    const mentorOf = (d: typeof v1, id: string) => d.pairs.find((p) => p.mentee.id === id)?.mentor.id;
    const other = mentors.find((m) => m.id !== mentorOf(v1, a!.id))!;
    const v2 = await revise({ draftId: v1.id, version: 1, edits: [{ op: 'pin', menteeId: a!.id, mentorId: other.id }], locale: 'fr' });
    const forbidden = mentorOf(v2, b!.id)!;
    const v3 = await revise({ draftId: v1.id, version: 2, edits: [{ op: 'forbid', menteeId: b!.id, mentorId: forbidden }], locale: 'fr' });
    expect(v3.version).toBe(3);
    expect(mentorOf(v3, a!.id)).toBe(other.id);
    expect(mentorOf(v3, b!.id)).not.toBe(forbidden);
    await expect(revise({ draftId: v1.id, version: 2, edits: [{ op: 'unpin', menteeId: a!.id }], locale: 'fr' })).rejects.toMatchObject({ code: 'stale_version' });

    const published = await publish({ draftId: v1.id, version: 3 });
    expect(published.status).toBe('published');
    expect(published.publication).toHaveLength(v3.pairs.length);
    expect(published.publication!.every((o) => o.outcome === 'proposal_started')).toBe(true);
    for (const pair of v3.pairs) {
      expect(await read(keys.person('mentee', pair.mentee.id))).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2, preferredMentor: { attempt: 2, mentorId: pair.mentor.id } });
      expect(await read(keys.outbox('start_matching', `start_matching#${pair.mentee.id}#2`))).toBeDefined();
    }
    expect(await read(keys.cohortDraft(v1.id))).toMatchObject({ status: 'published', publication: { phase: 'done' } });
    expect(await read(keys.cohortListing(v1.id))).toMatchObject({ status: 'published', version: 3 });

    const again = await publish({ draftId: v1.id, version: 3 }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({ code: 'already_published' });
    for (const pair of v3.pairs) expect(await read(keys.person('mentee', pair.mentee.id))).toMatchObject({ matchingAttempt: 2 });
  });
});
