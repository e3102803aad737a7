/**
 * The one writer of every item: stores, the demo seed, tests and (later) imports build items here,
 * so keys, index attributes, TTL and the `entity` tag are right everywhere. Status changes go
 * through the transition functions, which recompute every index attribute of the new status.
 */
import { listingOf, type CohortDraft, type CohortListing } from '../domain/cohort';
import { hashEmail } from '../domain/fingerprints';
import type { CheckInRound, OutcomeSurvey, TandemAlert, TandemFollowUp } from '../domain/follow-up';

export type { TandemFollowUp } from '../domain/follow-up';
import type { Proposal, Tandem } from '../domain/matching';
import type { OutboxJob } from '../domain/outbox';
import type { MenteeProfile, MentorProfile, Partner, Person, PersonStatus, Role } from '../domain/people';
import { mentorCandidate, placeOf } from '../matching/from-profiles';
import type { MentorCandidate } from '../matching/types';
import { INDEX_KEY_ATTRIBUTES, KEY_ATTRIBUTES, departementBucket, keys, remoteBucket, TIME_INDEX_TAG, type Key } from './keys';
import { TABLE } from './table';

export type Item = Record<string, unknown>;

/** The `entity` tag of each item kind; the stream filter and the adapters read it. */
export const ENTITY = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  partner: 'Partner',
  emailClaim: 'EmailClaim',
  outbox: 'Outbox',
  spentLink: 'SpentLink',
  mailCount: 'MailCount',
  proposal: 'Proposal',
  tandem: 'Tandem',
  availability: 'Availability',
  checkInRound: 'CheckInRound',
  outcomeSurvey: 'OutcomeSurvey',
  silenceWatch: 'SilenceWatch',
  tandemAlert: 'TandemAlert',
  tandemRetention: 'TandemRetention',
} as const;

const TTL = TABLE.ttlAttribute;

/** Item attribute that holds an outbox job (the rest of the item is keys and bookkeeping). */
export const OUTBOX_JOB_ATTRIBUTE = 'job';

/** Statuses that are listed in the indexes. An unverified sign-up is in none: nobody lists it. */
const UNLISTED_STATUSES: ReadonlySet<PersonStatus> = new Set(['pending_verification']);

type Indexed = Pick<Person, 'role' | 'id' | 'createdAt'> & { partnerId?: string | undefined };

/** Every index attribute a person has in a given status. */
export function personIndexAttributes(person: Indexed, status: PersonStatus): Key {
  if (UNLISTED_STATUSES.has(status)) return {};
  return {
    ...keys.personStatusIndex(person.role, person.id, status, person.createdAt),
    ...(person.role === 'mentee' && person.partnerId ? keys.partnerMenteeIndex(person.partnerId, person.id, person.createdAt) : {}),
    ...keys.personCreatedIndex(person.role, person.id, person.createdAt),
  };
}

/** A mentor or mentee profile. `expiresAt` (epoch seconds) only while unverified. */
export function personItem(person: Person, options: { expiresAt?: number } = {}): Item {
  return {
    ...person,
    ...keys.person(person.role, person.id),
    ...personIndexAttributes(person, person.status),
    entity: person.role === 'mentor' ? ENTITY.mentor : ENTITY.mentee,
    emailHash: hashEmail(person.email),
    ...(options.expiresAt !== undefined ? { [TTL]: options.expiresAt } : {}),
  };
}

/**
 * A person's status change as attribute updates: the new status, every index attribute of the new
 * status set, and those it no longer has removed. Adapters turn it into an UpdateExpression.
 */
export function personTransition(person: Indexed, next: PersonStatus): { set: Item; remove: string[] } {
  const indexes = personIndexAttributes(person, next);
  return {
    set: { status: next, ...indexes },
    remove: INDEX_KEY_ATTRIBUTES.filter((name) => !(name in indexes)),
  };
}

/** The claim of an address for a role; `expiresAt` while the person is unverified. */
export function emailClaimItem(input: { role: Role; emailHash: string; personId: string; expiresAt?: number }): Item {
  return {
    ...keys.emailClaim(input.role, input.emailHash),
    entity: ENTITY.emailClaim,
    personId: input.personId,
    ...(input.expiresAt !== undefined ? { [TTL]: input.expiresAt } : {}),
  };
}

export function partnerItem(partner: Partner): Item {
  return { ...partner, ...keys.partner(partner.id), ...keys.partnerIndexes(partner.id, partner.name, partner.status), entity: ENTITY.partner };
}

/**
 * How long a recorded job's item is kept: its stream record carries the job to the consumer (the
 * stream keeps records 24 h, whatever happens to the item), so the item itself is bookkeeping.
 */
export const JOB_ITEM_SECONDS = 24 * 3600;

/** An after-commit job; the stream consumer acts on it once. */
export function outboxItem(job: OutboxJob, options: { dedupKey: string; expiresAt: number }): Item {
  return {
    ...keys.outbox(job.kind, options.dedupKey),
    entity: ENTITY.outbox,
    kind: job.kind,
    [OUTBOX_JOB_ATTRIBUTE]: job,
    [TTL]: options.expiresAt,
  };
}

/** How long a day's mail count is kept after the day starts: past any retry of a job recorded that day (6 h). */
export const MAIL_COUNT_DAYS = 3;

/**
 * A day's mail count for an address: its key, and what every counting update sets. The adapters
 * add `count` (mails counted) and `jobIds` (the jobs counted, at most the cap: a retried job is
 * recognised and not counted again).
 */
export function mailCount(emailHash: string, day: string): { key: Key; set: Item } {
  return { key: keys.mailCount(emailHash, day), set: { entity: ENTITY.mailCount, [TTL]: Date.parse(day) / 1000 + MAIL_COUNT_DAYS * 86400 } };
}

/** The domain object of a stored partner: keys and bookkeeping removed. */
export function partnerFromItem(item: Item | undefined): Partner | undefined {
  if (!item) return undefined;
  const partner: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity']) delete partner[k];
  return partner as unknown as Partner;
}

/** A spent single-use link, kept until `expiresAt`. */
export function spentLinkItem(tokenId: string, expiresAt: number): Item {
  return { ...keys.spentLink(tokenId), entity: ENTITY.spentLink, [TTL]: expiresAt };
}

/** The domain object of a stored profile: keys, TTL and bookkeeping removed. */
export function personFromItem(item: Item | undefined): Person | undefined {
  if (!item) return undefined;
  const person: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, TTL, 'entity', 'emailHash']) delete person[k];
  return person as unknown as Person;
}

// ── Matching ──────────────────────────────────────────────────────────────────────────────────

/** Attribute of an availability entry that holds the engine's view of the mentor. */
export const CANDIDATE_ATTRIBUTE = 'candidate';
/** Attribute of a proposal item that holds the waiting workflow task's token (server-side only, never returned). */
export const TASK_TOKEN_ATTRIBUTE = 'taskToken';

/** The availability partitions a mentor belongs to while active: per track, its département's and, if it meets remotely, its remote shard. */
export function availabilityKeys(mentor: MentorProfile): Key[] {
  const candidate = mentorCandidate(mentor);
  const buckets = [departementBucket(candidate.place.departement), ...(mentor.meetingModes.includes('remote') ? [remoteBucket(mentor.id)] : [])];
  return mentor.tracks.flatMap((track) => buckets.map((bucket) => keys.availability(track, bucket, mentor.id)));
}

/** The entries of an active mentor (none otherwise): what the ranking reads, without the profile's personal data. */
export function availabilityItems(mentor: MentorProfile): Item[] {
  if (mentor.status !== 'active') return [];
  const candidate: MentorCandidate = mentorCandidate(mentor, { pools: mentor.pools ?? [] });
  return availabilityKeys(mentor).map((key) => ({ ...key, entity: ENTITY.availability, mentorId: mentor.id, [CANDIDATE_ATTRIBUTE]: candidate }));
}

/**
 * What changes in the availability index when a mentor goes from `before` to `after` (status,
 * tracks, place, meeting modes, load): entries to put (all of `after`'s, rewritten with the new
 * load) and keys to delete (`before`'s that `after` no longer has). Written in the same
 * transaction as the profile.
 */
export function availabilityChanges(before: MentorProfile | undefined, after: MentorProfile): { puts: Item[]; deletes: Key[] } {
  const puts = availabilityItems(after);
  const kept = new Set(puts.map((p) => `${String(p[TABLE.partitionKey])}|${String(p[TABLE.sortKey])}`));
  const deletes = (before && before.status === 'active' ? availabilityKeys(before) : []).filter((k) => !kept.has(`${k[TABLE.partitionKey]}|${k[TABLE.sortKey]}`));
  return { puts, deletes };
}

/** The engine's view of a mentor from an availability entry. */
export function candidateFromItem(item: Item): MentorCandidate {
  return item[CANDIDATE_ATTRIBUTE] as MentorCandidate;
}

/**
 * A proposal; while pending and not yet reminded it is in the reminder index (due at `remindAt`),
 * and while pending in the pending index (leaving `pending` goes through proposalLeavesPending).
 */
export function proposalItem(proposal: Proposal, options: { taskToken: string; remindAt?: string }): Item {
  const reminderDue = proposal.status === 'pending' && !proposal.remindedAt && !proposal.decision && options.remindAt;
  return {
    ...proposal,
    ...keys.proposal(proposal.menteeId, proposal.mentorId),
    ...(reminderDue ? keys.proposalReminderIndex(options.remindAt!, proposal.menteeId, proposal.mentorId) : {}),
    ...(proposal.status === 'pending' ? keys.proposalPendingIndex(proposal.createdAt, proposal.menteeId, proposal.mentorId) : {}),
    ...keys.proposalMentorIndex(proposal.mentorId, proposal.createdAt, proposal.menteeId),
    ...keys.timeIndex(proposal.createdAt, TIME_INDEX_TAG.proposal, `${proposal.menteeId}#${proposal.mentorId}`),
    entity: ENTITY.proposal,
    [TASK_TOKEN_ATTRIBUTE]: options.taskToken,
  };
}

/** The reminder index attributes (GSI1) a proposal leaves once decided, reminded or closed. */
export const PROPOSAL_REMINDER_INDEX: readonly string[] = [TABLE.indexes.GSI1.partitionKey, TABLE.indexes.GSI1.sortKey];

/**
 * A proposal's status change out of `pending` (accepted, declined, expired, withdrawn,
 * capacity_gone) as attribute updates: the new status (and `also`), out of the reminder index
 * (GSI1) and the pending index (GSI2). Every adapter's transition out of `pending` goes through it.
 */
export function proposalLeavesPending(status: Exclude<Proposal['status'], 'pending'>, also: Item = {}): { set: Item; remove: string[] } {
  return { set: { status, ...also }, remove: [...PROPOSAL_REMINDER_INDEX, TABLE.indexes.GSI2.partitionKey, TABLE.indexes.GSI2.sortKey] };
}

/**
 * The domain object of a stored proposal: keys, token and bookkeeping removed. Its `expiresAt` is
 * the proposal's (an ISO string, which DynamoDB's TTL ignores: proposals are kept), so it stays.
 */
export function proposalFromItem(item: Item | undefined): Proposal | undefined {
  if (!item) return undefined;
  const proposal: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity', TASK_TOKEN_ATTRIBUTE]) delete proposal[k];
  return proposal as unknown as Proposal;
}

/**
 * A mentee's partition as one Query returns it: the profile and its proposals (nothing else lives
 * there). `undefined` without a profile.
 */
export function menteeFromPartition(menteeId: string, items: readonly Item[]): { mentee: MenteeProfile; proposals: Proposal[] } | undefined {
  const profileKey = keys.person('mentee', menteeId)[TABLE.sortKey];
  const mentee = personFromItem(items.find((item) => item[TABLE.sortKey] === profileKey)) as MenteeProfile | undefined;
  if (!mentee) return undefined;
  const proposals = items.filter((item) => String(item[TABLE.sortKey]).startsWith(keys.proposalPrefix)).map((item) => proposalFromItem(item)!);
  return { mentee, proposals };
}

export function tandemItem(tandem: Tandem): Item {
  return { ...tandem, ...keys.tandem(tandem.id), ...keys.tandemIndexes(tandem), entity: ENTITY.tandem };
}

export function tandemFromItem(item: Item | undefined): Tandem | undefined {
  if (!item) return undefined;
  const tandem: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity']) delete tandem[k];
  return tandem as unknown as Tandem;
}

/**
 * A tandem's status change (closing it) as attribute updates: the new status and `also` (endedAt,
 * endReason, outcome…), and every index attribute recomputed for the new status (GSI1 moves to
 * `TANDEM#STATUS#<next>`; GSI2, GSI3, GSI4 stay). The one way a tandem's status changes.
 */
export function tandemTransition(tandem: Tandem, next: Tandem['status'], also: Item = {}): { set: Item; remove: string[] } {
  return { set: { ...also, status: next, ...keys.tandemIndexes({ ...tandem, status: next }) }, remove: [] };
}

// ── Follow-up (docs/follow-up.md) ─────────────────────────────────────────────────────────────

/**
 * A follow-up item leaving its due queue or the attention index (done, reminded, cancelled,
 * resolved) as attribute updates: `set`, and its GSI1 entry removed. Every adapter's "out of the
 * queue" goes through it.
 */
export function followUpLeavesQueue(set: Item): { set: Item; remove: string[] } {
  return { set, remove: [TABLE.indexes.GSI1.partitionKey, TABLE.indexes.GSI1.sortKey] };
}

/** Strips keys and bookkeeping from a follow-up item. */
function fromFollowUpItem<T>(item: Item): T {
  const value: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity']) delete value[k];
  return value as T;
}

/**
 * A check-in round. In the due queue `CHECKIN` at `dueAt` while scheduled; once sent, in
 * `CHECKIN_REMINDER` at `remindAt` until the reminder job has passed (whoever answered or not);
 * in no queue when cancelled or reminded.
 */
export function checkInRoundItem(round: CheckInRound, options: { remindAt?: string } = {}): Item {
  const queue =
    round.status === 'scheduled'
      ? keys.dueIndex('CHECKIN', round.dueAt, round.tandemId, String(round.seq))
      : round.status === 'sent' && !round.remindedAt && options.remindAt
        ? keys.dueIndex('CHECKIN_REMINDER', options.remindAt, round.tandemId, String(round.seq))
        : {};
  return { ...round, ...keys.checkInRound(round.tandemId, round.seq), ...queue, ...keys.timeIndex(round.dueAt, TIME_INDEX_TAG.checkInRound, `${round.tandemId}#${round.seq}`), entity: ENTITY.checkInRound };
}
export const checkInRoundFromItem = (item: Item): CheckInRound => fromFollowUpItem<CheckInRound>(item);

/** An outcome survey: in `OUTCOME` at `dueAt` while scheduled, in `OUTCOME_REMINDER` at `remindAt` once sent and not reminded. */
export function outcomeSurveyItem(survey: OutcomeSurvey, options: { remindAt?: string } = {}): Item {
  const queue =
    survey.status === 'scheduled'
      ? keys.dueIndex('OUTCOME', survey.dueAt, survey.tandemId, `M${survey.milestone}`)
      : survey.status === 'sent' && !survey.remindedAt && options.remindAt
        ? keys.dueIndex('OUTCOME_REMINDER', options.remindAt, survey.tandemId, `M${survey.milestone}`)
        : {};
  return {
    ...survey,
    ...keys.outcomeSurvey(survey.tandemId, survey.milestone),
    ...queue,
    ...keys.timeIndex(survey.dueAt, TIME_INDEX_TAG.outcomeSurvey, `${survey.tandemId}#M${survey.milestone}`),
    entity: ENTITY.outcomeSurvey,
  };
}
export const outcomeSurveyFromItem = (item: Item): OutcomeSurvey => fromFollowUpItem<OutcomeSurvey>(item);

/** The silence watch of an active tandem, due at `dueAt`; `armed: false` takes it out of the queue (flagged, or the tandem closed). */
export function silenceWatchItem(watch: { tandemId: string; dueAt: string; armed: boolean }): Item {
  return {
    ...watch,
    ...keys.silenceWatch(watch.tandemId),
    ...(watch.armed ? keys.dueIndex('SILENCE', watch.dueAt, watch.tandemId, 'SILENCE') : {}),
    entity: ENTITY.silenceWatch,
  };
}

/** An alert; open ones are in the attention index (`ALERT#OPEN`). */
export function tandemAlertItem(alert: TandemAlert): Item {
  return {
    ...alert,
    ...keys.tandemAlert(alert.tandemId, alert.kind),
    ...(alert.status === 'open' ? keys.openAlertIndex(alert.raisedAt, alert.tandemId, alert.kind) : {}),
    entity: ENTITY.tandemAlert,
  };
}
export const tandemAlertFromItem = (item: Item): TandemAlert => fromFollowUpItem<TandemAlert>(item);

/** A closed tandem's retention entry, due `closedTandemRetentionDays` after it ended; `done` once applied. */
export function tandemRetentionItem(entry: { tandemId: string; dueAt: string; done: boolean }): Item {
  return {
    ...entry,
    ...keys.tandemRetention(entry.tandemId),
    ...(entry.done ? {} : keys.dueIndex('TANDEM_RETENTION', entry.dueAt, entry.tandemId, 'RETENTION')),
    entity: ENTITY.tandemRetention,
  };
}

/** A tandem's partition as one Query returns it. `undefined` without the tandem item. */
export function tandemFromPartition(items: readonly Item[]): TandemFollowUp | undefined {
  const bySk = (prefix: string) => items.filter((item) => String(item[TABLE.sortKey]).startsWith(prefix));
  const tandem = tandemFromItem(items.find((item) => keys.tandemIdOf(item) !== undefined));
  if (!tandem) return undefined;
  const watch = items.find((item) => item.entity === ENTITY.silenceWatch);
  const retention = items.find((item) => item.entity === ENTITY.tandemRetention);
  return {
    tandem,
    rounds: bySk(keys.checkInRoundPrefix).map(checkInRoundFromItem).sort((a, b) => a.seq - b.seq),
    surveys: bySk(keys.outcomeSurveyPrefix).map(outcomeSurveyFromItem).sort((a, b) => a.milestone - b.milestone),
    alerts: bySk(keys.tandemAlertPrefix).map(tandemAlertFromItem),
    ...(watch ? { watch: fromFollowUpItem(watch) } : {}),
    ...(retention ? { retention: fromFollowUpItem(retention) } : {}),
  };
}

// ── Personal data (docs/follow-up.md) ─────────────────────────────────────────────────────────

/**
 * Every attribute of a profile that identifies or describes the person rather than what reports
 * count: names, contact details, place, free texts, organisations, the CCI's refusal reason, and
 * the hashes that lead back to the address or the form. The erasure removes them all.
 */
export const PERSONAL_PROFILE_ATTRIBUTES: readonly string[] = [
  'firstName',
  'lastName',
  'phone',
  'postalCode',
  'communeCode',
  'project',
  'bio',
  'company',
  'jobTitle',
  'conflictingOrganisations',
  'refusal',
  'emailHash',
  'signUpKey',
];

/**
 * A profile's erasure as attribute updates: the personal attributes removed, `email` empty, status
 * `erased` with its index attributes (`personTransition`), `erasedAt`, and the département derived
 * from the postal code or commune before they go, so reports still count by département.
 */
export function personErasure(person: Person, erasedAt: string): { set: Item; remove: string[] } {
  const transition = personTransition(person, 'erased');
  const departement = person.departement ?? placeOf(person.postalCode, person.communeCode).departement;
  return {
    set: { ...transition.set, email: '', erasedAt, ...(departement ? { departement } : {}) },
    remove: [...PERSONAL_PROFILE_ATTRIBUTES, ...transition.remove],
  };
}

// ── Administration (CCI) ──────────────────────────────────────────────────────────────────────

/** What differs between two versions of a record, as attribute updates (deep comparison). */
function attributeChanges(before: object, after: object): { set: Item; remove: string[] } {
  const was = before as Item;
  const now = after as Item;
  const set = Object.fromEntries(Object.entries(now).filter(([name, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(was[name])));
  const remove = Object.keys(was).filter((name) => was[name] !== undefined && now[name] === undefined);
  return { set, remove };
}

/**
 * A mentor's profile edited or moved by the CCI, as attribute updates: the attributes that differ,
 * those `after` no longer has, and on a status change every index attribute of the new status
 * (as `personTransition`). Its availability entries follow with `availabilityChanges`.
 */
export function mentorProfileChanges(before: MentorProfile, after: MentorProfile): { set: Item; remove: string[] } {
  const changes = attributeChanges(before, after);
  if (before.status === after.status) return changes;
  const transition = personTransition(before, after.status);
  return { set: { ...changes.set, ...transition.set }, remove: [...changes.remove, ...transition.remove] };
}

/** A partner's change as attribute updates; a rename or a status change moves it in the name index. */
export function partnerChanges(before: Partner, after: Partner): { set: Item; remove: string[] } {
  const changes = attributeChanges(before, after);
  if (before.name === after.name && before.status === after.status) return changes;
  return { set: { ...changes.set, ...keys.partnerIndexes(after.id, after.name, after.status) }, remove: changes.remove };
}

// ── Cohort drafts ─────────────────────────────────────────────────────────────────────────────

/** The `entity` tags of a cohort draft's two items. */
export const COHORT_ENTITY = { draft: 'CohortDraft', listing: 'CohortListing' } as const;

/** A cohort draft: solution, edits and publication, in no index (it may weigh tens of KB). */
export function cohortDraftItem(draft: CohortDraft): Item {
  return { ...draft, ...keys.cohortDraft(draft.id), entity: COHORT_ENTITY.draft };
}

/** The draft's line in the list (GSI1 `COHORT#ALL`, by creation): a few hundred bytes, written with the draft. */
export function cohortListingItem(draft: CohortDraft): Item {
  return { ...listingOf(draft), ...keys.cohortListing(draft.id), ...keys.cohortListingIndex(draft.createdAt, draft.id), entity: COHORT_ENTITY.listing };
}

export function cohortDraftFromItem(item: Item | undefined): CohortDraft | undefined {
  if (!item) return undefined;
  const draft: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity']) delete draft[k];
  return draft as unknown as CohortDraft;
}

export function cohortListingFromItem(item: Item): CohortListing {
  const listing: Item = { ...item };
  for (const k of [...KEY_ATTRIBUTES, 'entity']) delete listing[k];
  return listing as unknown as CohortListing;
}
