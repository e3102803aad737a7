/**
 * Seeds of the local runtime. `seedPartners` runs on every start (idempotent: fixed ids) so the
 * referral drop-down is never empty; `seedDemo` (`npm start -- --demo`) adds a realistic
 * programme in the Aix-Marseille-Provence metropolis: 250 mentors and 420 mentees at every
 * status. Items are made by the item builders (shared/db/items.ts), like every other writer's. Both come from the seeded programme generator (shared/synthetic/generator.ts: places
 * weighted by official population, realistic profiles, fixed ids), so re-running rewrites the
 * same partners and people; only the demo's dates follow the real clock.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from './dynamodb-local';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { emailClaimItem, partnerItem, personItem } from '../../shared/db/items';
import { hashEmail } from '../../shared/domain/fingerprints';
import { UNVERIFIED_RETENTION_SECONDS, type Person } from '../../shared/domain/people';
import { generateProgramme, type ProgrammeSpec } from '../../shared/synthetic/generator';

export interface SeedContext {
  endpoint: string;
  tableName: string;
  log: (line: string) => void;
}

/** The demo programme: same seed, same people (dates aside, which follow the real clock). */
const DEMO_PROGRAMME: ProgrammeSpec = { seed: 20261126, mentors: 250, mentees: 420, lifecycle: 'demo' };

function documentClient(ctx: SeedContext): DynamoDBDocumentClient {
  return toDocumentClient(localDynamoDbClient(ctx.endpoint));
}

async function writeAll(db: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[]) {
  for (let i = 0; i < items.length; i += 25) {
    let requests: Array<{ PutRequest: { Item: Record<string, unknown> } }> | undefined = items
      .slice(i, i + 25)
      .map((Item) => ({ PutRequest: { Item } }));
    while (requests && requests.length > 0) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
      requests = result.UnprocessedItems?.[tableName] as typeof requests;
    }
  }
}

export async function seedPartners(ctx: SeedContext): Promise<number> {
  const db = documentClient(ctx);
  try {
    // Without `now`: partners keep their fixed dates (from 2026-11-01), whatever the day.
    const list = generateProgramme({ ...DEMO_PROGRAMME, mentors: 0, mentees: 0 }).partners;
    await writeAll(db, ctx.tableName, list.map(partnerItem));
    return list.length;
  } finally {
    db.destroy();
  }
}

/** A demo person as the consumer would have stored it: claim and profile, an unverified one expiring. */
function personItems(person: Person) {
  const unverified = person.status === 'pending_verification';
  const expiresAt = unverified ? Math.floor(Date.parse(person.createdAt) / 1000) + UNVERIFIED_RETENTION_SECONDS : undefined;
  const options = expiresAt !== undefined ? { expiresAt } : {};
  return [
    emailClaimItem({ role: person.role, emailHash: hashEmail(person.email), personId: person.id, ...options }),
    personItem(person, options),
  ];
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const { mentors, mentees } = generateProgramme({ ...DEMO_PROGRAMME, now: new Date() });
  const items: Record<string, unknown>[] = [...mentors, ...mentees].flatMap(personItems);

  const db = documentClient(ctx);
  try {
    ctx.log(`Demo programme: writing ${items.length} items (${mentors.length} mentors, ${mentees.length} mentees)… / Jeu de démonstration : écriture de ${items.length} éléments…`);
    await writeAll(db, ctx.tableName, items);
    ctx.log('Demo programme ready / Jeu de démonstration prêt');
  } finally {
    db.destroy();
  }
}
