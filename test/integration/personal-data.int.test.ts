/**
 * Personal data on DynamoDB Local: the PersonalDataStore contract; an erasure (mentee, then mentor)
 * that leaves no personal value anywhere in the table — profile, proposals, check-ins, the outbox
 * (the sign-up item that carried the form), index attributes — while the counts stay (the erased
 * profile with what reports count, the tandem ended early with its outcomes), checked by scanning
 * the whole test table; and the retention job's selection and idempotence with an explicit `now`.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withErrorTranslation } from '../../shared/adapters/aws-errors';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoFollowUpReads } from '../../shared/adapters/dynamodb/follow-up-reads';
import { dynamoMatchingStore } from '../../shared/adapters/dynamodb/matching-store';
import { dynamoPersonalDataStore } from '../../shared/adapters/dynamodb/personal-data';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { dynamoTandemLifecycleStore } from '../../shared/adapters/dynamodb/tandem-lifecycle-store';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import {
  availabilityItems,
  checkInRoundItem,
  outcomeSurveyItem,
  outboxItem,
  OUTBOX_JOB_ATTRIBUTE,
  personItem,
  proposalItem,
  silenceWatchItem,
  tandemAlertItem,
  tandemItem,
  tandemRetentionItem,
  type Item,
} from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { FOLLOW_UP_DEFAULTS, addDays, type CheckInAnswer } from '../../shared/domain/follow-up';
import type { Proposal, Tandem } from '../../shared/domain/matching';
import type { MenteeProfile, MentorProfile, Person } from '../../shared/domain/people';
import type { RecordedJob } from '../../shared/ports/matching-store';
import type { PersonalDataStore } from '../../shared/ports/personal-data';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeErasePerson, type ErasePerson } from '../../shared/use-cases/admin/erase-person';
import { makeCloseTandem } from '../../shared/use-cases/admin/close-tandem';
import { makeApplyRetention } from '../../shared/use-cases/apply-retention';
import { makeProcessSignUp } from '../../shared/use-cases/process-sign-up';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { answeredRound, personalDataContract } from '../contract/personal-data.contract';
import { activeMentor, proposalOf, waitingMentee } from '../contract/matching-store.contract';
import { T0 } from '../contract/support';
import { validMentee, validMentor } from '../fixtures/sign-ups';
import { createTestTable, type TestTable } from '../helpers/dynamodb';

personalDataContract('DynamoDB', async () => {
  const table = await createTestTable('personal-data');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  return {
    store: dynamoPersonalDataStore(client, table.tableName),
    async put(items) {
      await Promise.all(items.map((Item) => client.send(new PutCommand({ TableName: table.tableName, Item }))));
    },
    async readItem(key) {
      return (await client.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async cleanup() {
      client.destroy();
      await table.drop();
    },
  };
});

const clockAt = (d: Date) => ({ now: () => d });

/** Every string in an item, at any depth, map keys included. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...strings(v)]);
  return [];
}

interface World {
  table: TestTable;
  client: ReturnType<typeof toDocumentClient>;
  erase: ErasePerson;
  put(items: Item[]): Promise<void>;
  read(key: Key): Promise<Item | undefined>;
  /** Every item of the table (a test may scan; the code never does). */
  scan(): Promise<Item[]>;
}

async function world(): Promise<World> {
  const table = await createTestTable('erasure');
  const client = toDocumentClient(withErrorTranslation(localDynamoDbClient(table.endpoint), 'DynamoDB'));
  const { tableName } = table;
  const now = new Date('2027-03-01T10:00:00Z');
  const erase = makeErasePerson({
    store: dynamoPersonalDataStore(client, tableName),
    reads: dynamoFollowUpReads(client, tableName),
    matching: dynamoMatchingStore(client, tableName),
    closeTandem: makeCloseTandem({ store: dynamoTandemLifecycleStore(client, tableName), clock: clockAt(now), settings: FOLLOW_UP_DEFAULTS }),
    clock: clockAt(now),
  });
  return {
    table,
    client,
    erase,
    async put(items) {
      for (const Item of items) await client.send(new PutCommand({ TableName: tableName, Item }));
    },
    async read(key) {
      return (await client.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    },
    async scan() {
      const items: Item[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: start }));
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
      } while (start);
      return items;
    },
  };
}

/** A person signed up through the real path (the inbox's outbox item with the whole form, then the consumer's profile and claim). */
async function signedUp<R extends 'mentor' | 'mentee'>(w: World, role: R, form: Record<string, unknown>): Promise<R extends 'mentor' ? MentorProfile : MenteeProfile> {
  const ids = [randomUUID(), randomUUID()];
  const submit = makeSubmitSignUp({ inbox: dynamoSignUpInbox(w.client, w.table.tableName), clock: clockAt(T0), newId: () => ids.shift() ?? randomUUID() });
  const jobId = ids[0]!;
  const personId = ids[1]!;
  if (role === 'mentor') await submit({ role: 'mentor', signUp: validate(mentorSignUpSchema, form, 'fr'), locale: 'fr' });
  else await submit({ role: 'mentee', signUp: validate(menteeSignUpSchema, form, 'fr'), locale: 'fr' });
  const recorded = (await w.scan()).find((i) => (i[OUTBOX_JOB_ATTRIBUTE] as { id?: string } | undefined)?.id === jobId);
  expect(recorded, 'the sign-up item').toBeDefined();
  const process = makeProcessSignUp({ store: dynamoRegistrationStore(w.client, w.table.tableName), clock: clockAt(T0) });
  expect(await process(recorded![OUTBOX_JOB_ATTRIBUTE] as never)).toBe('created');
  const person = (await w.read(keys.person(role, personId)))!;
  // The profile names its sign-up item: the erasure deletes it by this key.
  expect(await w.read(keys.outbox('sign_up', String(person.signUpKey)))).toBeDefined();
  const { PK: _pk, SK: _sk, entity: _e, emailHash: _h, expiresAt: _x, ...profile } = person;
  return profile as never;
}

/** SIRENs of sole traders (they name the person): none may survive the mentee's erasure. */
const ACTIVE_SIREN = '913572468';
const ENDED_SIREN = '824613579';

/** The mentee's earlier tandem, completed with a company (and its SIREN); the 6-month survey sent, the 12-month one scheduled. */
function endedTandem(mentee: MenteeProfile, mentor: MentorProfile): { tandem: Tandem; items: Item[] } {
  const tandemId = randomUUID();
  const value = { track: 'business_creation' as const, situation: 'company_created' as const, companyCreatedOn: '2026-06-01', siren: ENDED_SIREN };
  const startedAt = addDays(T0.toISOString(), -400);
  const tandem: Tandem = { id: tandemId, menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'completed', startedAt, endedAt: addDays(startedAt, 120), attempt: 1, outcome: value };
  const proposal = proposalOf(mentee, mentor, { status: 'accepted', tandemId, decision: 'accept', decidedAt: startedAt, createdAt: addDays(startedAt, -2) });
  return {
    tandem,
    items: [
      tandemItem(tandem),
      proposalItem(proposal, { taskToken: 'token' }),
      outcomeSurveyItem({ tandemId, milestone: 3, dueAt: addDays(startedAt, 90), status: 'sent', sentAt: addDays(startedAt, 90), records: [{ value, source: 'cci', recordedAt: addDays(startedAt, 120) }] }),
      outcomeSurveyItem({ tandemId, milestone: 6, dueAt: addDays(startedAt, 180), status: 'sent', sentAt: addDays(startedAt, 180), records: [{ value, source: 'mentee', recordedAt: addDays(startedAt, 181) }] }, { remindAt: addDays(startedAt, 187) }),
      outcomeSurveyItem({ tandemId, milestone: 12, dueAt: addDays(startedAt, 365), status: 'scheduled', records: [] }),
    ],
  };
}

/** A tandem in its second month: both answered the check-ins with free texts, an outcome recorded, a help alert, the silence watch. */
function activeTandem(mentee: MenteeProfile, mentor: MentorProfile): { tandem: Tandem; proposal: Proposal; items: Item[] } {
  const tandemId = randomUUID();
  const proposal = proposalOf(mentee, mentor, { status: 'accepted', tandemId, decision: 'accept', decidedAt: T0.toISOString() });
  const tandem: Tandem = { id: tandemId, menteeId: mentee.id, mentorId: mentor.id, track: 'business_creation', status: 'active', startedAt: T0.toISOString(), attempt: 1, lastAnswerAt: T0.toISOString(), ...(mentee.partnerId ? { partnerId: mentee.partnerId } : {}) };
  const round = answeredRound(tandemId, 2);
  round.answers.mentor = { ...(round.answers.mentor as Extract<CheckInAnswer, { kind: 'monthly' }>), progress: `Progrès vu par ${mentor.firstName}` };
  round.answers.mentee = { ...round.answers.mentee!, privateNote: `Note privée de ${mentee.firstName} ${mentee.lastName}` };
  return {
    tandem,
    proposal,
    items: [
      tandemItem(tandem),
      proposalItem(proposal, { taskToken: 'token' }),
      checkInRoundItem({ ...answeredRound(tandemId, 1), kind: 'monthly' }),
      checkInRoundItem(round),
      checkInRoundItem({ tandemId, seq: 3, kind: 'monthly', dueAt: addDays(T0.toISOString(), 74), status: 'scheduled', answers: {} }),
      outcomeSurveyItem({
        tandemId,
        milestone: 3,
        dueAt: addDays(T0.toISOString(), 90),
        status: 'sent',
        records: [{ value: { track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10', siren: ACTIVE_SIREN }, source: 'mentee', recordedAt: T0.toISOString() }],
      }),
      outcomeSurveyItem({ tandemId, milestone: 6, dueAt: addDays(T0.toISOString(), 180), status: 'scheduled', records: [] }),
      tandemAlertItem({ tandemId, kind: 'help_requested', raisedAt: T0.toISOString(), raisedBy: 'mentee', seq: 2, status: 'open' }),
      silenceWatchItem({ tandemId, dueAt: addDays(T0.toISOString(), 60), armed: true }),
      outboxItem(
        { kind: 'mail', template: 'check_in', id: randomUUID(), locale: 'fr', recordedAt: T0.toISOString(), to: { role: 'mentee', personId: mentee.id }, tandemId, seq: 2, reminder: false },
        { dedupKey: `check_in#${tandemId}#2#mentee`, expiresAt: Math.floor(T0.getTime() / 1000) + 86400 },
      ),
    ],
  };
}

/** The personal values of a person: none may remain anywhere after its erasure. */
function personalValues(p: Person): { contained: string[]; exact: string[] } {
  const texts = [p.firstName, p.lastName, p.email, 'project' in p ? p.project : undefined, 'bio' in p ? p.bio : undefined, 'company' in p ? p.company : undefined, 'jobTitle' in p ? p.jobTitle : undefined];
  return { contained: texts.filter((t): t is string => typeof t === 'string' && t.length > 0), exact: [p.phone, p.postalCode, p.communeCode].filter((t): t is string => typeof t === 'string') };
}

async function expectNowhere(w: World, person: Person, extraTexts: string[]) {
  const { contained, exact } = personalValues(person);
  const all = await w.scan();
  const leaves = all.flatMap((item) => strings(item).map((s) => ({ s, at: `${String(item.PK)} ${String(item.SK)}` })));
  for (const value of [...contained, ...extraTexts]) {
    const lower = value.toLowerCase();
    expect(
      leaves.filter(({ s }) => s.toLowerCase().includes(lower)).map(({ at }) => at),
      `"${value}" still in`,
    ).toEqual([]);
  }
  for (const value of exact) expect(leaves.filter(({ s }) => s === value).map(({ at }) => at), `"${value}" still in`).toEqual([]);
}

describe('an erasure leaves no personal value anywhere and keeps the counts (DynamoDB Local, whole-table scan)', () => {
  let w: World;
  let mentee: MenteeProfile;
  let mentor: MentorProfile;
  let other: MentorProfile;
  let tandem: Tandem;
  let ended: Tandem;

  beforeEach(async () => {
    w = await world();
    await w.put([
      { ...keys.partner('partner-erasure'), entity: 'Partner', id: 'partner-erasure', name: 'Partenaire', kind: 'association', status: 'active', dedicatedPool: false, createdAt: T0.toISOString() },
    ]);
    mentee = await signedUp(w, 'mentee', {
      ...validMentee(),
      firstName: 'Zéphyrine',
      lastName: 'Quillebœuf',
      email: `zephyrine.${randomUUID().slice(0, 8)}@example.org`,
      phone: '+33 6 91 82 73 64',
      // Gardanne: codes no fixture uses, so that finding one after the erasure means it was left behind.
      postalCode: '13120',
      communeCode: '13041',
      partnerId: 'partner-erasure',
      project: 'Une brûlerie de café torréfié à la demande',
    });
    mentor = await signedUp(w, 'mentor', {
      ...validMentor(),
      firstName: 'Barthélémy',
      lastName: 'Ozanam',
      email: `barthelemy.${randomUUID().slice(0, 8)}@example.org`,
      phone: '+33 6 55 44 33 22',
      company: 'Ozanam Torréfaction',
      jobTitle: 'Maître torréfacteur',
      postalCode: '13008',
      communeCode: '13208',
      bio: 'Trente ans de négoce de grains verts.',
    });
    other = activeMentor();
    const made = activeTandem({ ...mentee, status: 'in_tandem' }, { ...mentor, status: 'active', activeMentees: 1 });
    tandem = made.tandem;
    mentee = { ...mentee, status: 'in_tandem', verifiedAt: T0.toISOString(), matchingAttempt: 1, tandemId: tandem.id, conflictingOrganisations: ['Cafés Quillebœuf'] };
    mentor = { ...mentor, status: 'active', verifiedAt: T0.toISOString(), activeMentees: 1 };
    const pendingOfMentor = proposalOf(waitingMentee(), mentor, { createdAt: addDays(T0.toISOString(), 1) });
    const earlierMentor = activeMentor();
    const earlier = endedTandem(mentee, earlierMentor);
    ended = earlier.tandem;
    await w.put([
      personItem(mentee),
      personItem(mentor),
      ...availabilityItems(mentor),
      personItem(other),
      ...availabilityItems(other),
      proposalItem(proposalOf(mentee, other, { status: 'declined', declineReason: 'no_time', reasons: [{ code: 'same_commune', params: { commune: mentee.communeCode! }, text: { fr: 'Même commune', en: 'Same commune' } }] }), { taskToken: 'token' }),
      proposalItem(pendingOfMentor, { taskToken: 'token' }),
      personItem(waitingMentee({ id: pendingOfMentor.menteeId })),
      ...made.items,
      personItem(earlierMentor),
      ...earlier.items,
    ]);
  });

  afterEach(async () => {
    w.client.destroy();
    await w.table.drop();
  });

  it('erases the mentee: ends its tandem early, removes its texts, anonymises its profile; the mentor and the counts stay', async () => {
    const result = await w.erase({ role: 'mentee', personId: mentee.id });

    expect(result).toMatchObject({ status: 'erased', tandemsEnded: 1, proposalsClosed: 0 });
    await expectNowhere(w, mentee, [`Note privée de ${mentee.firstName}`, 'Mon dossier est prêt', 'Note de la personne', 'Cafés Quillebœuf', ACTIVE_SIREN, ENDED_SIREN]);
    // Counts stay: the profile with what reports count, the tandem ended early with its outcomes.
    const profile = (await w.read(keys.person('mentee', mentee.id)))!;
    expect(profile).toMatchObject({ status: 'erased', track: mentee.track, sector: mentee.sector, departement: '13', partnerId: 'partner-erasure', createdAt: mentee.createdAt });
    expect(profile.GSI1PK).toBe('MENTEE#STATUS#erased');
    expect(profile.GSI2PK).toBe('PARTNER#partner-erasure#MENTEES');
    expect(await w.read(keys.tandem(tandem.id))).toMatchObject({ status: 'ended_early', endReason: 'person_erased' });
    const survey = (await w.read(keys.outcomeSurvey(tandem.id, 3)))!;
    expect(survey.records).toHaveLength(1);
    expect((survey.records as { value: unknown }[])[0]!.value).toEqual({ track: 'business_creation', situation: 'company_created', companyCreatedOn: '2027-01-10' });
    // The earlier, completed tandem: its outcome kept without the SIREN, nothing more asked (its sent survey's link answers `closed`).
    expect((await w.read(keys.tandem(ended.id)))!.outcome).toEqual({ track: 'business_creation', situation: 'company_created', companyCreatedOn: '2026-06-01' });
    for (const milestone of [3, 6, 12]) {
      const s = (await w.read(keys.outcomeSurvey(ended.id, milestone)))!;
      expect([s.status, s.GSI1PK], `M${milestone}`).toEqual(['cancelled', undefined]);
    }
    expect((await w.read(keys.outcomeSurvey(ended.id, 6)))!.records).toHaveLength(1);
    // The mentor's own texts are not the mentee's: they stay.
    const round = (await w.read(keys.checkInRound(tandem.id, 2)))!;
    expect((round.answers as Record<string, Item>).mentor).toMatchObject({ progress: `Progrès vu par ${mentor.firstName}` });
    expect((round.answers as Record<string, Item>).mentee).toMatchObject({ satisfaction: 5, needsHelp: true });
    // The scan sees the other person: the assertion above is not vacuous.
    expect((await w.scan()).some((i) => i.firstName === mentor.firstName)).toBe(true);

    expect(await w.erase({ role: 'mentee', personId: mentee.id })).toMatchObject({ status: 'already_erased', erasedAt: result.erasedAt, tandemsEnded: 0, proposalsClosed: 0 });
  });

  it('erases the mentor: declines its pending proposal on its behalf, ends its tandem, removes its texts, availability and profile', async () => {
    const result = await w.erase({ role: 'mentor', personId: mentor.id });

    expect(result).toMatchObject({ status: 'erased', tandemsEnded: 1, proposalsClosed: 1 });
    await expectNowhere(w, mentor, [`Progrès vu par ${mentor.firstName}`, 'Le plan avance bien', 'Note du mentor']);
    const profile = (await w.read(keys.person('mentor', mentor.id)))!;
    expect(profile).toMatchObject({ status: 'erased', tracks: mentor.tracks, sectors: mentor.sectors, departement: '13', activeMentees: 0 });
    expect(await w.read(keys.tandem(tandem.id))).toMatchObject({ status: 'ended_early', endReason: 'person_erased' });
    const all = await w.scan();
    expect(all.filter((i) => i.entity === 'Availability' && i.mentorId === mentor.id)).toEqual([]);
    // The declined proposal's decision goes to the waiting workflow.
    expect(all.some((i) => i.kind === 'deliver_decision' && (i[OUTBOX_JOB_ATTRIBUTE] as { mentorId: string }).mentorId === mentor.id)).toBe(true);
    expect(all.find((i) => i.entity === 'Proposal' && i.mentorId === mentor.id && i.status === 'pending')?.decision).toBe('decline');
    // The mentee's texts stay (only the mentor was erased).
    expect(all.some((i) => i.firstName === mentee.firstName)).toBe(true);
    // The erased mentor's place is no capacity, and it is not told its tandem ended; its mentee is, and matched again.
    const jobs = all.map((i) => i[OUTBOX_JOB_ATTRIBUTE] as { kind?: string; template?: string; mentorId?: string; to?: { personId: string } } | undefined);
    expect(jobs.filter((j) => j?.kind === 'capacity_appeared' && j.mentorId === mentor.id)).toEqual([]);
    expect(jobs.filter((j) => j?.template === 'tandem_closed').map((j) => j!.to!.personId)).toEqual([mentee.id]);
    expect(await w.read(keys.person('mentee', mentee.id))).toMatchObject({ status: 'awaiting_match', matchingAttempt: 2 });
  });
});

describe('the retention job on DynamoDB Local, with an explicit now', () => {
  let w: World;
  const settings = { unmatchedRetentionDays: 365, retentionNoticeDays: 30 };
  const NOW = new Date('2028-01-01T03:00:00Z');
  const ago = (n: number) => addDays(NOW.toISOString(), -n);

  beforeEach(async () => {
    w = await world();
  });
  afterEach(async () => {
    w.client.destroy();
    await w.table.drop();
  });

  const retention = (now: Date) =>
    makeApplyRetention({
      store: dynamoPersonalDataStore(w.client, w.table.tableName),
      reads: dynamoFollowUpReads(w.client, w.table.tableName),
      erasePerson: w.erase,
      settings,
      clock: clockAt(now),
    });

  it('notices once, erases only after the notice period, leaves the recent and the recently noticed alone', async () => {
    const unmatched = (createdDaysAgo: number, notice?: number) =>
      waitingMentee({ status: 'unmatched', createdAt: ago(createdDaysAgo), ...(notice !== undefined ? { retentionNoticeAt: ago(notice) } : {}) });
    const fresh = unmatched(100);
    const dueForNotice = unmatched(340);
    const overdueWithoutNotice = unmatched(400);
    const noticedLongAgo = unmatched(400, 31);
    const noticedRecently = unmatched(400, 10);
    await w.put([fresh, dueForNotice, overdueWithoutNotice, noticedLongAgo, noticedRecently].map((m) => personItem(m)));
    const input = { scheduledTime: NOW.toISOString() };

    const first = await retention(new Date(0))(input);

    expect(first).toMatchObject({ noticed: 2, erased: 1 });
    const status = async (m: MenteeProfile) => (await w.read(keys.person('mentee', m.id)))!;
    expect(await status(noticedLongAgo)).toMatchObject({ status: 'erased', email: '' });
    expect(await status(noticedRecently)).toMatchObject({ status: 'unmatched', retentionNoticeAt: ago(10) });
    expect((await status(fresh)).retentionNoticeAt).toBeUndefined();
    expect((await status(dueForNotice)).retentionNoticeAt).toBe(NOW.toISOString());
    const notices = (await w.scan()).filter((i) => (i[OUTBOX_JOB_ATTRIBUTE] as { template?: string } | undefined)?.template === 'retention_notice').map((i) => i[OUTBOX_JOB_ATTRIBUTE] as { to: { personId: string }; erasesOn: string });
    expect(Object.fromEntries(notices.map((n) => [n.to.personId, n.erasesOn]))).toEqual({
      // Never sooner than a full notice period from tonight, whatever the sign-up date.
      [dueForNotice.id]: addDays(NOW.toISOString(), 30).slice(0, 10),
      [overdueWithoutNotice.id]: addDays(NOW.toISOString(), 30).slice(0, 10),
    });

    // The same run again: nothing more.
    expect(await retention(new Date(0))(input)).toMatchObject({ noticed: 0, erased: 0, tandemsAnonymised: 0 });
    // 29 days later: the notices of tonight are still too recent; only the one noticed 39 days before is erased.
    expect(await retention(new Date(0))({ scheduledTime: addDays(NOW.toISOString(), 29) })).toMatchObject({ noticed: 0, erased: 1 });
    expect((await status(noticedRecently)).status).toBe('erased');
    expect((await status(overdueWithoutNotice)).status).toBe('unmatched');
    // 31 days later (past the date their notices announced), both noticed tonight are erased; the fresh one is untouched.
    const later = await retention(new Date(0))({ scheduledTime: addDays(NOW.toISOString(), 31) });
    expect(later).toMatchObject({ noticed: 0, erased: 2 });
    for (const m of [overdueWithoutNotice, noticedRecently, dueForNotice]) expect((await status(m)).status).toBe('erased');
    expect(await status(fresh)).toMatchObject({ status: 'unmatched', firstName: fresh.firstName });
    expect((await status(fresh)).retentionNoticeAt).toBeUndefined();
  });

  const startJob = (menteeId: string, attempt: number, now: Date): RecordedJob => ({
    job: { kind: 'start_matching', id: randomUUID(), locale: 'fr', recordedAt: now.toISOString(), menteeId, attempt },
    dedupKey: `${menteeId}#${attempt}`,
  });

  it('a mentee matched after its notice, then unmatched again, is noticed anew and erased only a full notice period later', async () => {
    const matching = dynamoMatchingStore(w.client, w.table.tableName);
    const signedUp = ago(336);
    const day = (n: number) => new Date(addDays(signedUp, n));
    const mentee = waitingMentee({ status: 'unmatched', createdAt: signedUp, matchingAttempt: 1 });
    await w.put([personItem(mentee)]);
    const profile = async () => (await w.read(keys.person('mentee', mentee.id)))!;

    expect(await retention(new Date(0))({ scheduledTime: day(336).toISOString() })).toMatchObject({ noticed: 1, erased: 0 });
    // Matched: leaving `unmatched` voids the notice in the same write.
    expect(await matching.startAttempt({ menteeId: mentee.id, from: ['unmatched'], attempt: 2, now: day(340), start: startJob(mentee.id, 2, day(340)) })).toBe('started');
    expect(await profile()).not.toHaveProperty('retentionNoticeAt');
    // Its tandem ended, the re-match found nobody: unmatched again.
    expect(await matching.endAttempt({ menteeId: mentee.id, attempt: 2, status: 'unmatched', now: day(400), mails: [] })).toBe('ended');

    expect(await retention(new Date(0))({ scheduledTime: day(400).toISOString() })).toMatchObject({ noticed: 1, erased: 0 });
    expect(await profile()).toMatchObject({ status: 'unmatched', retentionNoticeAt: day(400).toISOString(), firstName: mentee.firstName });
    const notices = (await w.scan()).filter((i) => (i[OUTBOX_JOB_ATTRIBUTE] as { template?: string; to?: { personId: string } } | undefined)?.template === 'retention_notice');
    expect(notices).toHaveLength(2);
    expect(await retention(new Date(0))({ scheduledTime: day(429).toISOString() })).toMatchObject({ erased: 0 });
    expect((await profile()).status).toBe('unmatched');
    expect(await retention(new Date(0))({ scheduledTime: day(430).toISOString() })).toMatchObject({ erased: 1 });
    expect((await profile()).status).toBe('erased');
  });

  it('decides an unmatched erasure on the profile read again: a mentee matched since the page read, or noticed anew, stays', async () => {
    const matching = dynamoMatchingStore(w.client, w.table.tableName);
    const store = dynamoPersonalDataStore(w.client, w.table.tableName);
    const old = { status: 'unmatched' as const, createdAt: ago(400), retentionNoticeAt: ago(40), matchingAttempt: 1 };
    const [matched, noticedAnew] = [waitingMentee(old), waitingMentee(old)];
    await w.put([personItem(matched), personItem(noticedAnew)]);
    const racing: PersonalDataStore = {
      ...store,
      async unmatchedMentees(input) {
        const page = await store.unmatchedMentees(input);
        expect(page.items.map((m) => m.id).sort()).toEqual([matched.id, noticedAnew.id].sort());
        // Between the page read and the erasure: one matched; the other matched, unmatched again and noticed anew.
        await matching.startAttempt({ menteeId: matched.id, from: ['unmatched'], attempt: 2, now: NOW, start: startJob(matched.id, 2, NOW) });
        await matching.startAttempt({ menteeId: noticedAnew.id, from: ['unmatched'], attempt: 2, now: NOW, start: startJob(noticedAnew.id, 2, NOW) });
        await matching.endAttempt({ menteeId: noticedAnew.id, attempt: 2, status: 'unmatched', now: NOW, mails: [] });
        const job = { kind: 'mail' as const, template: 'retention_notice' as const, id: randomUUID(), locale: 'fr' as const, recordedAt: NOW.toISOString(), to: { role: 'mentee' as const, personId: noticedAnew.id }, erasesOn: '2028-01-31' };
        expect(await store.recordRetentionNotice({ menteeId: noticedAnew.id, now: NOW, mail: { job, dedupKey: `retention_notice#${noticedAnew.id}#2` } })).toBe('recorded');
        return page;
      },
    };
    const run = makeApplyRetention({ store: racing, reads: dynamoFollowUpReads(w.client, w.table.tableName), erasePerson: w.erase, settings, clock: clockAt(NOW) });

    expect(await run()).toMatchObject({ noticed: 0, erased: 0, skipped: 2 });
    expect(await w.read(keys.person('mentee', matched.id))).toMatchObject({ status: 'awaiting_match', firstName: matched.firstName });
    expect(await w.read(keys.person('mentee', noticedAnew.id))).toMatchObject({ status: 'unmatched', retentionNoticeAt: NOW.toISOString(), firstName: noticedAnew.firstName });
  });

  it('a closed tandem followed by a later one: its retention leaves the mentee and the later tandem’s texts to the later tandem’s own date', async () => {
    const mentee = waitingMentee({ status: 'closed', matchingAttempt: 2, firstName: 'Léontine' });
    const [mentorA, mentorB] = [activeMentor(), activeMentor()];
    const a: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentorA.id, track: 'business_creation', status: 'ended_early', endReason: 'not_a_good_fit', startedAt: ago(1400), endedAt: ago(1300), attempt: 1 };
    const b: Tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentorB.id, track: 'business_creation', status: 'completed', startedAt: ago(1200), endedAt: ago(500), attempt: 2 };
    const bDue = addDays(NOW.toISOString(), 600);
    await w.put([
      personItem(mentee),
      personItem(mentorA),
      personItem(mentorB),
      ...[a, b].flatMap((t) => [
        tandemItem(t),
        checkInRoundItem(answeredRound(t.id)),
        proposalItem(proposalOf(mentee, t.mentorId === mentorA.id ? mentorA : mentorB, { attempt: t.attempt, status: 'accepted', decision: 'accept', tandemId: t.id }), { taskToken: 'token' }),
      ]),
      tandemRetentionItem({ tandemId: a.id, dueAt: ago(5), done: false }),
      tandemRetentionItem({ tandemId: b.id, dueAt: bDue, done: false }),
    ]);
    const menteeAnswer = async (t: Tandem) => ((await w.read(keys.checkInRound(t.id, 1)))!.answers as Record<string, Item>).mentee;

    expect(await retention(NOW)()).toMatchObject({ tandemsAnonymised: 1, erased: 0 });
    expect((await w.read(keys.tandem(a.id)))!.anonymisedAt).toBe(NOW.toISOString());
    expect(await menteeAnswer(a)).not.toHaveProperty('privateNote');
    expect(await w.read(keys.person('mentee', mentee.id))).toMatchObject({ status: 'closed', firstName: 'Léontine' });
    expect(await menteeAnswer(b)).toMatchObject({ privateNote: 'Note de la personne', progress: 'Mon dossier est prêt' });

    const atB = new Date(addDays(bDue, 1));
    expect(await retention(atB)()).toMatchObject({ tandemsAnonymised: 1, erased: 1 });
    expect((await w.read(keys.person('mentee', mentee.id)))!.status).toBe('erased');
    expect(await menteeAnswer(b)).not.toHaveProperty('privateNote');
  });

  it('anonymises a closed tandem once and erases its mentee unless matching again', async () => {
    const closedMentee = waitingMentee({ status: 'closed', firstName: 'Octavie' });
    const rematched = waitingMentee({ status: 'awaiting_match', matchingAttempt: 2 });
    const mentorA = activeMentor();
    const tandems = [closedMentee, rematched].map((m) => {
      const t: Tandem = { id: randomUUID(), menteeId: m.id, mentorId: mentorA.id, track: 'business_creation', status: 'completed', startedAt: ago(1400), endedAt: ago(1100), attempt: 1, endNote: 'Note de clôture de la CCI' };
      return t;
    });
    await w.put([
      personItem({ ...closedMentee, tandemId: tandems[0]!.id }),
      personItem(rematched),
      personItem(mentorA),
      ...tandems.flatMap((t) => [tandemItem(t), checkInRoundItem(answeredRound(t.id)), tandemRetentionItem({ tandemId: t.id, dueAt: ago(5), done: false })]),
    ]);

    const first = await retention(NOW)();

    expect(first).toMatchObject({ tandemsAnonymised: 2, erased: 1 });
    for (const t of tandems) {
      const tandemRow = (await w.read(keys.tandem(t.id)))!;
      expect(tandemRow).not.toHaveProperty('endNote');
      expect(tandemRow.anonymisedAt).toBe(NOW.toISOString());
      const answers = (await w.read(keys.checkInRound(t.id, 1)))!.answers as Record<string, Item>;
      for (const role of ['mentor', 'mentee']) expect(answers[role]).not.toHaveProperty('progress');
      for (const role of ['mentor', 'mentee']) expect(answers[role]).not.toHaveProperty('privateNote');
      expect(await w.read(keys.tandemRetention(t.id))).toMatchObject({ done: true });
    }
    expect((await w.read(keys.person('mentee', closedMentee.id)))!.status).toBe('erased');
    expect((await w.read(keys.person('mentee', rematched.id)))!.status).toBe('awaiting_match');

    expect(await retention(NOW)()).toMatchObject({ tandemsAnonymised: 0, erased: 0 });
  });
});
