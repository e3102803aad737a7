/**
 * Seeds of the local runtime. `seedPartners` runs on every start (idempotent: fixed ids) so the
 * referral drop-down is never empty; `seedDemo` (`npm start -- --demo`) adds a realistic
 * programme in the Aix-Marseille-Provence metropolis: 250 mentors and 420 mentees at every
 * status. Items are made by the item builders (shared/db/items.ts), like every other writer's. Both come from the seeded programme generator (shared/synthetic/generator.ts: places
 * weighted by official population, realistic profiles, fixed ids), so re-running rewrites the
 * same partners and people; only the demo's dates follow the real clock.
 *
 * The programme is seeded in states the matching workflow continues from: active mentors are in
 * the availability index (with their dedicated pools), every `in_tandem` mentee has its tandem with
 * an active or paused mentor whose `activeMentees` counts exactly its tandems (never above its
 * capacity), and every mentee who went through matching is at attempt 1 — the hub resumes those
 * `awaiting_match` at start. People get UUIDs derived from the generator's ids (the workflow's
 * inputs and links carry UUIDs).
 */
import { createHash } from 'node:crypto';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient } from './dynamodb-local';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { availabilityItems, emailClaimItem, partnerItem, personItem, tandemItem } from '../../shared/db/items';
import { hashEmail } from '../../shared/domain/fingerprints';
import type { Tandem } from '../../shared/domain/matching';
import { UNVERIFIED_RETENTION_SECONDS, type MenteeProfile, type MentorProfile, type Partner, type Person } from '../../shared/domain/people';
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

/** A stable UUID (version 4 layout) for a generator id: `mentee-0042-demo` is always the same person. */
export function demoUuid(id: string): string {
  const h = createHash('sha256').update(`tandem-demo:${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Mentee statuses reached through a matching attempt (the demo's first). */
const MATCHED_ONCE: ReadonlySet<MenteeProfile['status']> = new Set(['awaiting_match', 'unmatched', 'matching_failed', 'in_tandem', 'closed']);
/** A tandem starts a few days after its mentee confirmed the address (the first attempt's proposal). */
const TANDEM_START_DAYS = 5;

export interface DemoProgramme {
  partners: Partner[];
  mentors: MentorProfile[];
  mentees: MenteeProfile[];
  tandems: Tandem[];
}

/**
 * The demo programme in a state the workflow can continue from. Each `in_tandem` mentee is given,
 * in order, the active or paused mentor offering its track with the most free places (ties by id),
 * or any with a free place; the mentors' loads are the tandems so assigned.
 */
export function demoProgramme(now: Date): DemoProgramme {
  const programme = generateProgramme({ ...DEMO_PROGRAMME, now });
  const pools = new Map<string, string[]>();
  for (const [partnerId, members] of Object.entries(programme.poolMembers)) for (const id of members) pools.set(id, [...(pools.get(id) ?? []), partnerId]);
  const mentors: MentorProfile[] = programme.mentors.map((m) => ({
    ...m,
    id: demoUuid(m.id),
    activeMentees: 0,
    ...(pools.has(m.id) ? { pools: pools.get(m.id) } : {}),
  }));
  const canTake = mentors.filter((m) => m.status === 'active' || m.status === 'paused');
  const tandems: Tandem[] = [];
  const mentees: MenteeProfile[] = programme.mentees.map((generated) => {
    const mentee: MenteeProfile = { ...generated, id: demoUuid(generated.id), ...(MATCHED_ONCE.has(generated.status) ? { matchingAttempt: 1 } : {}) };
    if (mentee.status !== 'in_tandem') return mentee;
    const free = (m: MentorProfile) => m.capacity - m.activeMentees;
    const best = (list: MentorProfile[]) => list.filter((m) => free(m) > 0).sort((a, b) => free(b) - free(a) || (a.id < b.id ? -1 : 1))[0];
    const mentor = best(canTake.filter((m) => m.tracks.includes(mentee.track))) ?? best(canTake);
    if (!mentor) throw new Error('The demo programme has more tandems than places');
    mentor.activeMentees += 1;
    const startedAt = new Date(Math.min(now.getTime(), Date.parse(mentee.verifiedAt ?? mentee.createdAt) + TANDEM_START_DAYS * 86400_000)).toISOString();
    const tandem: Tandem = {
      id: demoUuid(`tandem-${generated.id}`),
      menteeId: mentee.id,
      mentorId: mentor.id,
      ...(mentee.partnerId ? { partnerId: mentee.partnerId } : {}),
      track: mentee.track,
      status: 'active',
      startedAt,
      attempt: 1,
    };
    tandems.push(tandem);
    return { ...mentee, tandemId: tandem.id };
  });
  return { partners: programme.partners, mentors, mentees, tandems };
}

/** Every item of the demo programme (partners aside: seedPartners writes them on every start). */
export function demoItems(programme: DemoProgramme): Record<string, unknown>[] {
  return [
    ...[...programme.mentors, ...programme.mentees].flatMap(personItems),
    ...programme.mentors.flatMap(availabilityItems),
    ...programme.tandems.map(tandemItem),
  ];
}

export async function seedDemo(ctx: SeedContext): Promise<void> {
  const programme = demoProgramme(new Date());
  const { mentors, mentees, tandems } = programme;
  const items = demoItems(programme);

  const db = documentClient(ctx);
  try {
    ctx.log(
      `Demo programme: writing ${items.length} items (${mentors.length} mentors, ${mentees.length} mentees, ${tandems.length} tandems)… / Jeu de démonstration : écriture de ${items.length} éléments…`,
    );
    await writeAll(db, ctx.tableName, items);
    ctx.log('Demo programme ready / Jeu de démonstration prêt');
  } finally {
    db.destroy();
  }
}

/**
 * Version of the demo data's shape, written in `.local/demo-seeded`. 2: the matching workflow
 * (availability entries, tandems, proposal-ready statuses, UUID ids). A folder seeded by an older
 * version lacks them: the hub says so at start instead of leaving every mentee unmatched.
 */
export const DEMO_DATA_VERSION = 2;

/** The marker's contents for this version. */
export function demoMarker(seededAt: Date): string {
  return `${JSON.stringify({ version: DEMO_DATA_VERSION, seededAt: seededAt.toISOString() })}\n`;
}

/** The version a marker names; a marker from before versions (a bare timestamp) is version 1. */
export function demoMarkerVersion(contents: string): number {
  try {
    const parsed = JSON.parse(contents) as { version?: unknown };
    return typeof parsed.version === 'number' ? parsed.version : 1;
  } catch {
    return 1;
  }
}
