/**
 * The single place where key shapes are spelled. The item builders (items.ts) and the adapters
 * call these; nothing else writes `PK`/`SK` strings. The layout is documented in docs/data-model.md.
 */
import { TABLE } from './table';
import type { Role, PersonStatus } from '../domain/people';

const { partitionKey: PK, sortKey: SK } = TABLE;
const { GSI1, GSI2, GSI3, GSI4 } = TABLE.indexes;

export type Key = Record<string, string>;

const entity = (role: Role) => (role === 'mentor' ? 'MENTOR' : 'MENTEE');

/** Month bucket of an ISO timestamp, for the time index (reports by period). */
const month = (iso: string) => iso.slice(0, 7);

/** The tags of the time index's sort key `<iso>#<TAG>#<id>` (GSI3): what kind of item an entry is. */
export const TIME_INDEX_TAG = {
  mentor: 'MENTOR',
  mentee: 'MENTEE',
  tandem: 'TANDEM',
  proposal: 'PROPOSAL',
  checkInRound: 'CHECKIN',
  outcomeSurvey: 'OUTCOME',
} as const;
export type TimeIndexTag = (typeof TIME_INDEX_TAG)[keyof typeof TIME_INDEX_TAG];

export const keys = {
  person: (role: Role, id: string): Key => ({ [PK]: `${entity(role)}#${id}`, [SK]: 'PROFILE' }),
  /** A person in the status index (GSI1). */
  personStatusIndex: (role: Role, id: string, status: PersonStatus, createdAt: string): Key => ({
    [GSI1.partitionKey]: `${entity(role)}#STATUS#${status}`,
    [GSI1.sortKey]: `${createdAt}#${id}`,
  }),
  /** A referred mentee in its partner's index (GSI2). */
  partnerMenteeIndex: (partnerId: string, id: string, createdAt: string): Key => ({
    [GSI2.partitionKey]: `PARTNER#${partnerId}#MENTEES`,
    [GSI2.sortKey]: `${createdAt}#${id}`,
  }),
  /** A person in the time index (GSI3), by month of creation. */
  personCreatedIndex: (role: Role, id: string, createdAt: string): Key => ({
    [GSI3.partitionKey]: `CREATED#${month(createdAt)}`,
    [GSI3.sortKey]: `${createdAt}#${TIME_INDEX_TAG[role]}#${id}`,
  }),
  personsByStatus: (role: Role, status: PersonStatus) => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: `${entity(role)}#STATUS#${status}` }),
  menteesOfPartner: (partnerId: string) => ({ index: 'GSI2' as const, partitionKey: GSI2.partitionKey, value: `PARTNER#${partnerId}#MENTEES` }),
  createdInMonth: (yyyyMm: string) => ({ index: 'GSI3' as const, partitionKey: GSI3.partitionKey, sortKey: GSI3.sortKey, value: `CREATED#${yyyyMm}` }),
  /**
   * An item in the time index (GSI3) by the UTC month of `at`: `CREATED#<yyyy-mm>`, sorted by `at`.
   * Reports read it month by month (docs/reports.md): people by sign-up, tandems by start,
   * proposals by creation, check-in rounds and outcome surveys by due date.
   */
  timeIndex: (at: string, tag: TimeIndexTag, id: string): Key => ({
    [GSI3.partitionKey]: `CREATED#${month(at)}`,
    [GSI3.sortKey]: `${at}#${tag}#${id}`,
  }),
  /**
   * A time-index sort key read back: its date, its tag (`MENTOR`, `MENTEE`, `TANDEM`, `PROPOSAL`,
   * `CHECKIN`, `OUTCOME`) and its id. The key carries what GSI3 need not project (DynamoDB projects
   * at most 20 attributes into an index): the item's kind, id and dated field.
   */
  timeIndexEntryOf: (sortKey: string): { at: string; tag: string; id: string } | undefined => {
    const first = sortKey.indexOf('#');
    const second = first < 0 ? -1 : sortKey.indexOf('#', first + 1);
    if (second < 0) return undefined;
    return { at: sortKey.slice(0, first), tag: sortKey.slice(first + 1, second), id: sortKey.slice(second + 1) };
  },

  /** One address registers once per role; the key holds a hash of the address, never the address. */
  emailClaim: (role: Role, emailHash: string): Key => ({ [PK]: `EMAIL#${entity(role)}#${emailHash}`, [SK]: 'EMAIL' }),
  /**
   * An after-commit job (outbox). `dedupKey` makes a repeat of the same job a conditional-write
   * failure: for a sign-up, the submission's fingerprint.
   */
  outbox: (kind: string, dedupKey: string): Key => ({ [PK]: `OUTBOX#${kind.toUpperCase()}#${dedupKey}`, [SK]: 'JOB' }),
  /** The count of mails sent to an address (its hash, never the address) on a UTC day `yyyy-mm-dd`. */
  mailCount: (emailHash: string, day: string): Key => ({ [PK]: `MAILS#${emailHash}`, [SK]: `DAY#${day}` }),
  /** A spent single-use link, by its token id. */
  spentLink: (tokenId: string): Key => ({ [PK]: `LINK#${tokenId}`, [SK]: 'SPENT' }),
  /**
   * Idempotency records of effects (Powertools idempotency, persisted in this table): one partition,
   * sorted by the hashed effect key. Records expire through the TTL attribute.
   */
  idempotency: { partitionValue: 'IDEMPOTENCY', partitionKey: PK, sortKey: SK },

  /**
   * A proposal to a mentor, in its mentee's partition (one query reads the profile and every
   * proposal: the ranking's history). One per mentee and mentor, ever.
   */
  proposal: (menteeId: string, mentorId: string): Key => ({ [PK]: `MENTEE#${menteeId}`, [SK]: `PROPOSAL#${mentorId}` }),
  /** Sort key prefix of a mentee's proposals. */
  proposalPrefix: 'PROPOSAL#',
  /** A pending, not yet reminded proposal in the reminder index (GSI1, sparse), by when its reminder is due. */
  proposalReminderIndex: (remindAt: string, menteeId: string, mentorId: string): Key => ({
    [GSI1.partitionKey]: 'PROPOSAL#REMINDER_DUE',
    [GSI1.sortKey]: `${remindAt}#${menteeId}#${mentorId}`,
  }),
  proposalsDueForReminder: () => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, sortKey: GSI1.sortKey, value: 'PROPOSAL#REMINDER_DUE' }),
  /** A pending proposal (decided or not) in the pending index (GSI2, sparse), oldest first: the console's "proposals unanswered". */
  proposalPendingIndex: (createdAt: string, menteeId: string, mentorId: string): Key => ({
    [GSI2.partitionKey]: 'PROPOSAL#PENDING',
    [GSI2.sortKey]: `${createdAt}#${menteeId}#${mentorId}`,
  }),
  pendingProposals: () => ({ index: 'GSI2' as const, partitionKey: GSI2.partitionKey, sortKey: GSI2.sortKey, value: 'PROPOSAL#PENDING' }),

  /** A proposal in its mentor's history (GSI4): the mentor's export and erasure find it there. */
  proposalMentorIndex: (mentorId: string, createdAt: string, menteeId: string): Key => ({
    [GSI4.partitionKey]: `MENTOR#${mentorId}#HISTORY`,
    [GSI4.sortKey]: `PROPOSAL#${createdAt}#${menteeId}`,
  }),
  /** A mentor's proposals and tandems (GSI4, keys only), oldest first. */
  mentorHistory: (mentorId: string) => ({ index: 'GSI4' as const, partitionKey: GSI4.partitionKey, sortKey: GSI4.sortKey, value: `MENTOR#${mentorId}#HISTORY` }),

  tandem: (id: string): Key => ({ [PK]: `TANDEM#${id}`, [SK]: 'TANDEM' }),
  /** The tandem id of a tandem item's key (`TANDEM#<id>` / `TANDEM`); undefined for any other item (a follow-up item, a proposal). */
  tandemIdOf: (key: Record<string, unknown>): string | undefined => {
    const pk = String(key[PK]);
    return key[SK] === 'TANDEM' && pk.startsWith('TANDEM#') ? pk.slice('TANDEM#'.length) : undefined;
  },
  /** The tandem's partition: the tandem and its follow-up (check-in rounds, outcome surveys, watch, alerts, retention). */
  tandemPartition: (id: string): string => `TANDEM#${id}`,
  /** A tandem in the status index (GSI1), the partner's index (GSI2), the time index (GSI3) and its mentor's history (GSI4). */
  tandemIndexes: (t: { id: string; status: string; startedAt: string; mentorId: string; partnerId?: string | undefined }): Key => ({
    [GSI1.partitionKey]: `TANDEM#STATUS#${t.status}`,
    [GSI1.sortKey]: `${t.startedAt}#${t.id}`,
    ...(t.partnerId ? { [GSI2.partitionKey]: `PARTNER#${t.partnerId}#TANDEMS`, [GSI2.sortKey]: `${t.startedAt}#${t.id}` } : {}),
    [GSI3.partitionKey]: `CREATED#${month(t.startedAt)}`,
    [GSI3.sortKey]: `${t.startedAt}#${TIME_INDEX_TAG.tandem}#${t.id}`,
    [GSI4.partitionKey]: `MENTOR#${t.mentorId}#HISTORY`,
    [GSI4.sortKey]: `TANDEM#${t.startedAt}#${t.id}`,
  }),

  // ── Follow-up, in the tandem's partition (docs/follow-up.md) ──
  /** Check-in round `seq` (both answers on it). */
  checkInRound: (tandemId: string, seq: number): Key => ({ [PK]: `TANDEM#${tandemId}`, [SK]: `CHECKIN#${String(seq).padStart(3, '0')}` }),
  checkInRoundPrefix: 'CHECKIN#',
  /** The outcome survey of a milestone (3, 6, 12 months). */
  outcomeSurvey: (tandemId: string, milestone: number): Key => ({ [PK]: `TANDEM#${tandemId}`, [SK]: `OUTCOME#M${String(milestone).padStart(2, '0')}` }),
  outcomeSurveyPrefix: 'OUTCOME#',
  /** The silence watch: due `silentAfterDays` after the last answer (or the start). */
  silenceWatch: (tandemId: string): Key => ({ [PK]: `TANDEM#${tandemId}`, [SK]: 'WATCH#SILENCE' }),
  /** An alert of a kind (one per kind: raised again, it is rewritten). */
  tandemAlert: (tandemId: string, kind: string): Key => ({ [PK]: `TANDEM#${tandemId}`, [SK]: `ALERT#${kind}` }),
  tandemAlertPrefix: 'ALERT#',
  /** A closed tandem's retention entry: its personal fields are erased when it is due. */
  tandemRetention: (tandemId: string): Key => ({ [PK]: `TANDEM#${tandemId}`, [SK]: 'RETENTION' }),
  /**
   * A follow-up item in a due queue (GSI1, sparse): `DUE#<queue>`, sorted by due date. A job reads
   * its queue up to now (`GSI1SK <= <now>#~`), acts, and moves or removes the entry in the same
   * conditional write: a job run twice finds nothing the second time.
   */
  dueIndex: (queue: DueQueue, dueAt: string, tandemId: string, suffix: string): Key => ({
    [GSI1.partitionKey]: `DUE#${queue}`,
    [GSI1.sortKey]: `${dueAt}#${tandemId}#${suffix}`,
  }),
  dueQueue: (queue: DueQueue) => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, sortKey: GSI1.sortKey, value: `DUE#${queue}` }),
  /** An open alert in the CCI's attention index (GSI1, sparse), newest last. */
  openAlertIndex: (raisedAt: string, tandemId: string, kind: string): Key => ({ [GSI1.partitionKey]: 'ALERT#OPEN', [GSI1.sortKey]: `${raisedAt}#${tandemId}#${kind}` }),
  openAlerts: () => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, sortKey: GSI1.sortKey, value: 'ALERT#OPEN' }),
  tandemsByStatus: (status: string) => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: `TANDEM#STATUS#${status}` }),
  tandemsOfPartner: (partnerId: string) => ({ index: 'GSI2' as const, partitionKey: GSI2.partitionKey, value: `PARTNER#${partnerId}#TANDEMS` }),

  /**
   * The availability index: one entry per active mentor and track, in the partition of the
   * mentor's département (`bucket` = `DEPT#13`; `DEPT#NONE` when unknown), and for mentors who meet
   * remotely one more in one of REMOTE_SHARDS partitions (`bucket` = `REMOTE#3`). A mentee's
   * candidates are one Query per partition in reach: its département's, plus every remote shard
   * when it accepts remote meetings (in parallel). No Scan, no GSI: a GSI holds one entry per item,
   * and a mentor offering two tracks needs two.
   */
  availability: (track: string, bucket: string, mentorId: string): Key => ({ [PK]: `AVAILABLE#${track}#${bucket}`, [SK]: `MENTOR#${mentorId}` }),
  availabilityPartition: (track: string, bucket: string): string => `AVAILABLE#${track}#${bucket}`,

  partner: (id: string): Key => ({ [PK]: `PARTNER#${id}`, [SK]: 'PROFILE' }),
  partnerIndexes: (id: string, name: string, status: 'active' | 'inactive'): Key => ({
    [GSI1.partitionKey]: `PARTNER#STATUS#${status}`,
    [GSI1.sortKey]: `${name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}#${id}`,
  }),
  partnersByStatus: (status: 'active' | 'inactive') => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: `PARTNER#STATUS#${status}` }),

  /** A cohort draft (solution, edits, publication), and its small listing line in the same partition. */
  cohortDraft: (id: string): Key => ({ [PK]: `COHORT#${id}`, [SK]: 'DRAFT' }),
  cohortListing: (id: string): Key => ({ [PK]: `COHORT#${id}`, [SK]: 'LISTING' }),
  /** Every cohort listing in one GSI1 partition, by creation (drafts are few: tens a year). */
  cohortListingIndex: (createdAt: string, id: string): Key => ({ [GSI1.partitionKey]: 'COHORT#ALL', [GSI1.sortKey]: `${createdAt}#${id}` }),
  cohortListings: () => ({ index: 'GSI1' as const, partitionKey: GSI1.partitionKey, value: 'COHORT#ALL' }),
} as const;

/**
 * The follow-up jobs' queues (GSI1 `DUE#<queue>`): check-in rounds to mail, their reminders,
 * outcome surveys to mail, their reminders, silence watches, closed tandems to anonymise.
 */
export const DUE_QUEUES = ['CHECKIN', 'CHECKIN_REMINDER', 'OUTCOME', 'OUTCOME_REMINDER', 'SILENCE', 'TANDEM_RETENTION'] as const;
export type DueQueue = (typeof DUE_QUEUES)[number];
/** The upper bound of a due queue's sort key for `now`: every entry due at or before it. */
export const dueUpTo = (now: Date): string => `${now.toISOString()}#~`;


/** Remote-capable mentors of a track are spread over this many partitions, read in parallel. */
export const REMOTE_SHARDS = 8;

/** Availability partitions (`bucket`s) of a place: its département's, `DEPT#NONE` when unknown. */
export const departementBucket = (departement: string | null | undefined): string => `DEPT#${departement ?? 'NONE'}`;
/** The remote shard of a mentor: stable, from its id. */
export function remoteBucket(mentorId: string): string {
  let h = 0;
  for (let i = 0; i < mentorId.length; i++) h = (h * 31 + mentorId.charCodeAt(i)) >>> 0;
  return `REMOTE#${h % REMOTE_SHARDS}`;
}
export const ALL_REMOTE_BUCKETS: readonly string[] = Array.from({ length: REMOTE_SHARDS }, (_, i) => `REMOTE#${i}`);

export const INDEX_KEY_ATTRIBUTES: readonly string[] = Object.values(TABLE.indexes).flatMap((i) => [i.partitionKey, i.sortKey]);
/** Attribute names the adapters strip before handing items to the domain. */
export const KEY_ATTRIBUTES: readonly string[] = [PK, SK, ...INDEX_KEY_ATTRIBUTES];
