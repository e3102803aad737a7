/**
 * Browser tests of matching need what a person cannot do through the site: an active mentor (the
 * CCI validates mentors; no page does it yet) and, for the page's states, a proposal recorded as
 * the workflow records it. So these tests start the local hub themselves and write those items
 * into its DynamoDB Local (endpoint read from the hub's output), with the item builders the stores
 * use; the hub's own consumers then send the mails, and the test reads them at `/_local/mail`.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { fileSigningKey } from '../../shared/adapters/secrets/signing-keys';
import { availabilityItems, JOB_ITEM_SECONDS, outboxItem, partnerItem, personItem, proposalItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import type { MailJob } from '../../shared/domain/mail-job';
import type { Proposal } from '../../shared/domain/matching';
import type { Partner } from '../../shared/domain/people';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { systemClock } from '../../shared/ports/clock';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { LOCAL_TABLE_NAME } from '../../infra/local/local-env';
import { menteeProfile, mentorProfile } from '../helpers/matching-hub';
import { startLocalRuntime, type LocalRuntime } from '../helpers/local-runtime';
import { waitForMail, type CaughtMail } from './support';

/** The hub's signing key: `npm start` keeps it under `.local/`, even with `--in-memory`. */
const SIGNING_KEY_FILE = fileURLToPath(new URL('../../.local/signing-key', import.meta.url));

export interface MatchingHubStack {
  readonly baseUrl: string;
  readonly db: DynamoDBDocumentClient;
  put(item: Record<string, unknown>): Promise<void>;
  get(key: Record<string, string>): Promise<Record<string, unknown> | undefined>;
  stop(): Promise<void>;
}

/** Starts the hub (in memory) and connects to its DynamoDB Local. */
export async function startMatchingHub(): Promise<MatchingHubStack> {
  const runtime: LocalRuntime = await startLocalRuntime();
  const endpoint = runtime.output().match(/DynamoDB Local → (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
  if (!endpoint) {
    await runtime.stop();
    throw new Error(`no DynamoDB Local endpoint in the hub's output:\n${runtime.output()}`);
  }
  // The hub says ready once it listens; wait for an answer anyway (a line may say "ready" earlier).
  for (let i = 0; ; i++) {
    const ok = await fetch(`${runtime.baseUrl}/api/reference`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 100) throw new Error(`the hub does not answer:\n${runtime.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const db = toDocumentClient(localDynamoDbClient(endpoint));
  return {
    baseUrl: runtime.baseUrl,
    db,
    put: async (item) => void (await db.send(new PutCommand({ TableName: LOCAL_TABLE_NAME, Item: item }))),
    get: async (key) => (await db.send(new GetCommand({ TableName: LOCAL_TABLE_NAME, Key: key, ConsistentRead: true }))).Item,
    async stop() {
      db.destroy();
      await runtime.stop();
    },
  };
}

const unique = () => Math.random().toString(36).slice(2, 8);
/** Letters only, so a first name passes the sign-up's checks and finds its mail by subject. */
export const uniqueFirstName = (base: string) => `${base}${unique().replace(/\d/g, 'x')}`;

/** An active, validated mentor with its availability entries (as the CCI's validation will write them). */
export async function seedActiveMentor(hub: MatchingHubStack, overrides: Parameters<typeof mentorProfile>[0] = {}) {
  const mentor = mentorProfile({ email: `mentor-${unique()}@example.org`, ...overrides });
  await hub.put(personItem(mentor));
  for (const entry of availabilityItems(mentor)) await hub.put(entry);
  return mentor;
}

export async function seedPartner(hub: MatchingHubStack, contactEmail: string): Promise<Partner> {
  const partner: Partner = { id: `e2e-${unique()}`, name: `Mission locale E2E ${unique()}`, kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: new Date().toISOString(), contactEmail };
  await hub.put(partnerItem(partner));
  return partner;
}

/**
 * A pending proposal from a fresh mentee to a fresh mentor, recorded as ProposeToMentor records it,
 * with its mail job: resolves the proposal mail the hub sends and its links, by answer.
 */
export async function seedProposal(hub: MatchingHubStack, overrides: Partial<Proposal> = {}) {
  const mentor = await seedActiveMentor(hub);
  const mentee = menteeProfile({ firstName: uniqueFirstName('Yanis'), email: `mentee-${unique()}@example.org` });
  await hub.put(personItem(mentee));
  const now = new Date();
  const proposal: Proposal = {
    menteeId: mentee.id,
    mentorId: mentor.id,
    attempt: 1,
    rank: 1,
    score: 0.82,
    status: 'pending',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 7 * 86400_000).toISOString(),
    reasons: [
      { code: 'same_sector', params: { sector: 'I' }, text: { fr: 'Même secteur : hébergement et restauration', en: 'Same sector: accommodation and food service activities' } },
      { code: 'need_covered', params: { need: 'funding' }, text: { fr: 'Besoin ↔ expertise : financement', en: 'Need ↔ expertise: funding' } },
    ],
    ...overrides,
  };
  // A token no workflow task waits on: the decision is recorded, its delivery finds no task (as after a restart).
  await hub.put(proposalItem(proposal, { taskToken: `e2e-${randomUUID()}`, remindAt: new Date(now.getTime() + 3 * 86400_000).toISOString() }));
  const job: MailJob = { id: randomUUID(), kind: 'mail', locale: 'fr', recordedAt: now.toISOString(), template: 'proposal', to: { role: 'mentor', personId: mentor.id }, menteeId: mentee.id, reminder: false };
  await hub.put(outboxItem(job, { dedupKey: `proposal#${mentee.id}#${mentor.id}`, expiresAt: Math.floor(now.getTime() / 1000) + JOB_ITEM_SECONDS }));
  const mail = await waitForMail(hub.baseUrl, mentor.email);
  return { mentor, mentee, proposal, mail, links: proposalLinksOf(mail) };
}

/** The links of a proposal mail, by answer (from its text version). */
export function proposalLinksOf(mail: CaughtMail) {
  const all = (page: string) => [...new Set([...mail.text.matchAll(new RegExp(`https?://\\S+/${page}\\.html#token=[\\w.-]+`, 'g'))].map((m) => m[0]))];
  const [accept, decline, declineAndPause] = all('proposal');
  const [reactivate] = all('reactivate');
  if (!accept || !decline || !declineAndPause || !reactivate) throw new Error(`not a proposal mail: "${mail.subject}"`);
  return { accept, decline, declineAndPause, reactivate };
}

/** The stored proposal, as the decision left it. */
export async function storedProposal(hub: MatchingHubStack, menteeId: string, mentorId: string) {
  return hub.get(keys.proposal(menteeId, mentorId));
}

/** Signs a link with the hub's key (for links the tests forge on purpose: expired ones). */
export const hubSigner = (clock = systemClock) => makeLinkSigner({ keys: fileSigningKey(SIGNING_KEY_FILE), clock });
