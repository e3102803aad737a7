/**
 * The CCI's mentor and partner administration (shared/use-cases/admin) on the in-memory store:
 * the transition table (every action from every status), the refusal's reason (required, kept for
 * the CCI, never in the mail job), places never below the tandems in progress, pools of known
 * partners only, the availability index and the jobs written with each change, concurrent changes
 * refused whole, the list's filters and cursor paging, partners created, renamed and deactivated.
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { memoryMentorAdminStore } from '../../shared/adapters/memory/mentor-admin';
import { memoryTable, type MemoryTable } from '../../shared/adapters/memory/table';
import { availabilityItems, ENTITY, OUTBOX_JOB_ATTRIBUTE, partnerItem, personItem, type Item } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { adminPartnerSchema, MENTOR_ACTIONS, mentorDetailSchema, mentorSummarySchema, type MentorAction } from '../../shared/domain/back-office-schemas';
import { ConflictError, NotFoundError, ValidationFailedError } from '../../shared/domain/errors';
import type { OutboxJob } from '../../shared/domain/outbox';
import { MENTOR_STATUSES, type MentorProfile, type MentorStatus, type Partner } from '../../shared/domain/people';
import type { MentorAdminStore } from '../../shared/ports/mentor-admin';
import { makeChangeMentorStatus, MENTOR_TRANSITIONS } from '../../shared/use-cases/admin/change-mentor-status';
import { makeCreatePartner } from '../../shared/use-cases/admin/create-partner';
import { makeGetMentor } from '../../shared/use-cases/admin/get-mentor';
import { makeListAdminPartners } from '../../shared/use-cases/admin/list-admin-partners';
import { makeListMentors, mentorDepartement } from '../../shared/use-cases/admin/list-mentors';
import { placeOf } from '../../shared/matching/from-profiles';
import { makeUpdateMentor } from '../../shared/use-cases/admin/update-mentor';
import { makeUpdatePartner } from '../../shared/use-cases/admin/update-partner';
import { mentorAt, partnerNamed } from '../contract/mentor-admin.contract';
import { T0 } from '../contract/support';

let table: MemoryTable;
let store: MentorAdminStore;
const clock = { now: () => new Date('2026-12-01T09:00:00.000Z') };
beforeEach(() => {
  table = memoryTable();
  store = memoryMentorAdminStore(table);
});

const seed = (...mentors: MentorProfile[]) => {
  for (const m of mentors) [personItem(m), ...availabilityItems(m)].forEach((item) => table.put(item));
  return mentors;
};
const seedPartner = (p: Partner) => {
  table.put(partnerItem(p));
  return p;
};
const stored = (id: string) => store.getMentor(id);
const entriesOf = (id: string) => table.scan().filter((item) => item.entity === ENTITY.availability && item.mentorId === id);
const jobs = (): OutboxJob[] => table.scan().filter((item: Item) => item.entity === ENTITY.outbox).map((item) => item[OUTBOX_JOB_ATTRIBUTE] as OutboxJob);
/** What a test can compare before and after a refused change: every item of the table. */
const snapshot = () => JSON.stringify(table.scan().sort((a, b) => `${String(a.PK)}${String(a.SK)}`.localeCompare(`${String(b.PK)}${String(b.SK)}`)));

const changeStatus = (s: MentorAdminStore = store) => makeChangeMentorStatus({ store: s, clock });
const update = () => makeUpdateMentor({ store, clock });
const LISTED: MentorStatus[] = MENTOR_STATUSES.filter((s) => s !== 'pending_verification');

describe('ChangeMentorStatus: the transition table', () => {
  const cases = MENTOR_ACTIONS.flatMap((action) => LISTED.map((status) => [action, status] as [MentorAction, MentorStatus]));

  it.each(cases)('%s from %s', async (action, status) => {
    const [mentor] = seed(mentorAt(1, { status }));
    const transition = MENTOR_TRANSITIONS[action];
    const request = { action, ...(action === 'refuse' ? { reason: 'Profil hors du périmètre du programme' } : {}) };
    const before = snapshot();
    const run = changeStatus()({ mentorId: mentor!.id, request, locale: 'fr' });
    if (transition.from === status) {
      const detail = await run;
      expect(detail.status).toBe(transition.to);
      expect(mentorDetailSchema.parse(detail)).toEqual(detail);
      expect((await stored(mentor!.id))?.status).toBe(transition.to);
      expect(entriesOf(mentor!.id).length > 0).toBe(transition.to === 'active');
    } else {
      const error = await run.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).code).toBe('invalid_transition');
      expect((error as ConflictError).detail).toEqual({ action, status });
      expect(snapshot()).toBe(before);
    }
  });

  it('allows exactly the four moves of the contract', () => {
    const allowed = cases.filter(([action, status]) => MENTOR_TRANSITIONS[action].from === status).map(([a, s]) => `${a}:${s}`);
    expect(allowed.sort()).toEqual(['pause:active', 'reactivate:paused', 'refuse:pending_validation', 'validate:pending_validation']);
  });

  it.each(MENTOR_ACTIONS)('%s: an unknown mentor, or a sign-up not confirmed yet, is 404', async (action) => {
    const [unverified] = seed(mentorAt(1, { status: 'pending_verification' }));
    for (const mentorId of [randomUUID(), unverified!.id]) {
      await expect(changeStatus()({ mentorId, request: { action, reason: 'r' }, locale: 'fr' })).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

describe('ChangeMentorStatus: what each move writes', () => {
  it('validate: the availability entries, a capacity_appeared job and the validation mail, with the status', async () => {
    const [mentor] = seed(mentorAt(1));
    await changeStatus()({ mentorId: mentor!.id, request: { action: 'validate' }, locale: 'fr' });
    expect(entriesOf(mentor!.id)).toEqual(availabilityItems({ ...mentor!, status: 'active' }));
    expect(jobs()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'capacity_appeared', mentorId: mentor!.id, recordedAt: clock.now().toISOString() }),
        expect.objectContaining({ kind: 'mail', template: 'mentor_validated', to: { role: 'mentor', personId: mentor!.id }, locale: mentor!.locale }),
      ]),
    );
    expect(jobs()).toHaveLength(2);
  });

  it('refuse: the reason is required (400 on reason, in the caller’s language), and nothing changes without it', async () => {
    const [mentor] = seed(mentorAt(1));
    const before = snapshot();
    for (const reason of [undefined, '', '   ']) {
      const error = await changeStatus()({ mentorId: mentor!.id, request: { action: 'refuse', ...(reason !== undefined ? { reason } : {}) }, locale: 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).fields).toEqual({ reason: 'This field is required.' });
    }
    expect(snapshot()).toBe(before);
  });

  it('refuse: inactive, the reason kept for the CCI with its date, a kind mail recorded that carries no reason', async () => {
    const [mentor] = seed(mentorAt(1, { locale: 'en' }));
    const reason = 'Expérience trop éloignée des parcours proposés';
    const detail = await changeStatus()({ mentorId: mentor!.id, request: { action: 'refuse', reason }, locale: 'fr' });
    expect(detail.refusal).toEqual({ reason, at: clock.now().toISOString() });
    expect(detail.status).toBe('inactive');
    expect(await makeGetMentor({ store })(mentor!.id)).toEqual(detail);
    expect(jobs()).toEqual([expect.objectContaining({ kind: 'mail', template: 'mentor_refused', to: { role: 'mentor', personId: mentor!.id }, locale: 'en' })]);
    expect(JSON.stringify(jobs())).not.toContain('Expérience');
    expect(entriesOf(mentor!.id)).toEqual([]);
  });

  it('pause removes every availability entry and records nothing; reactivate writes them back with a capacity_appeared job', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active' }));
    expect(entriesOf(mentor!.id)).toHaveLength(4);
    await changeStatus()({ mentorId: mentor!.id, request: { action: 'pause' }, locale: 'fr' });
    expect(entriesOf(mentor!.id)).toEqual([]);
    expect(jobs()).toEqual([]);
    expect(table.get(keys.person('mentor', mentor!.id))).toMatchObject(keys.personStatusIndex('mentor', mentor!.id, 'paused', mentor!.createdAt));
    // Marked as the CCI's pause (an old proposal mail's reactivation link cannot undo it); the CCI's reactivation clears the mark.
    expect(table.get(keys.person('mentor', mentor!.id))).toMatchObject({ pausedBy: 'cci' });
    await changeStatus()({ mentorId: mentor!.id, request: { action: 'reactivate' }, locale: 'fr' });
    expect(table.get(keys.person('mentor', mentor!.id))).not.toHaveProperty('pausedBy');
    expect(entriesOf(mentor!.id)).toEqual(availabilityItems(mentor!));
    expect(jobs()).toEqual([expect.objectContaining({ kind: 'capacity_appeared', mentorId: mentor!.id })]);
  });

  it('a status changed by someone else between the read and the write: 409, and no half write', async () => {
    const [mentor] = seed(mentorAt(1));
    // Another officer refuses the mentor while this one validates.
    const racing: MentorAdminStore = {
      ...store,
      async saveMentor(input) {
        table.put(personItem({ ...mentor!, status: 'inactive' }));
        return store.saveMentor(input);
      },
    };
    const error = await changeStatus(racing)({ mentorId: mentor!.id, request: { action: 'validate' }, locale: 'fr' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('invalid_transition');
    expect((await stored(mentor!.id))?.status).toBe('inactive');
    expect(entriesOf(mentor!.id)).toEqual([]);
    expect(jobs()).toEqual([]);
  });

  it('a change of load under it (an accept) is read again and the move made from the fresh profile', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active' }));
    let raced = false;
    const racing: MentorAdminStore = {
      ...store,
      async saveMentor(input) {
        if (!raced) {
          raced = true;
          seed({ ...mentor!, activeMentees: 1 });
        }
        return store.saveMentor(input);
      },
    };
    const detail = await changeStatus(racing)({ mentorId: mentor!.id, request: { action: 'pause' }, locale: 'fr' });
    expect(detail).toMatchObject({ status: 'paused', activeMentees: 1 });
    expect(entriesOf(mentor!.id)).toEqual([]);
  });
});

describe('UpdateMentor', () => {
  it('never sets places below the tandems in progress: 409 invalid_transition, nothing written', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active', capacity: 3, activeMentees: 2 }));
    const before = snapshot();
    const error = await update()({ mentorId: mentor!.id, request: { capacity: 1 }, locale: 'fr' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe('invalid_transition');
    expect(snapshot()).toBe(before);
    expect((await update()({ mentorId: mentor!.id, request: { capacity: 2 }, locale: 'fr' })).capacity).toBe(2);
  });

  it('more places for an active mentor: entries rewritten with them, and a capacity_appeared job', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active', capacity: 1 }));
    await update()({ mentorId: mentor!.id, request: { capacity: 3 }, locale: 'fr' });
    expect(entriesOf(mentor!.id)).toEqual(availabilityItems({ ...mentor!, capacity: 3 }));
    expect(jobs()).toEqual([expect.objectContaining({ kind: 'capacity_appeared', mentorId: mentor!.id })]);
  });

  it('more places for a paused mentor, or fewer for an active one: no job; a paused mentor stays out of the index', async () => {
    const [paused, active] = seed(mentorAt(1, { status: 'paused', capacity: 1 }), mentorAt(2, { status: 'active', capacity: 3 }));
    await update()({ mentorId: paused!.id, request: { capacity: 3 }, locale: 'fr' });
    await update()({ mentorId: active!.id, request: { capacity: 2 }, locale: 'fr' });
    expect(jobs()).toEqual([]);
    expect(entriesOf(paused!.id)).toEqual([]);
    expect(entriesOf(active!.id)).toEqual(availabilityItems({ ...active!, capacity: 2 }));
  });

  it('edits the profile: a dropped track leaves the index, texts cleared by an empty value, the rest kept', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active' }));
    const detail = await update()({ mentorId: mentor!.id, request: { tracks: ['job_search'], company: '', jobTitle: 'Directrice', sectors: ['C'] }, locale: 'fr' });
    const after = (await stored(mentor!.id))!;
    expect(after).not.toHaveProperty('company');
    expect(after).toMatchObject({ tracks: ['job_search'], jobTitle: 'Directrice', sectors: ['C'], bio: mentor!.bio, email: mentor!.email });
    expect(detail).toEqual(await makeGetMentor({ store })(mentor!.id));
    expect(entriesOf(mentor!.id)).toEqual(availabilityItems(after));
    expect(entriesOf(mentor!.id).every((e) => String(e.PK).startsWith('AVAILABLE#job_search#'))).toBe(true);
  });

  it('pools: known active partners only (400 on pools otherwise); the entries carry them', async () => {
    const [mentor] = seed(mentorAt(1, { status: 'active' }));
    const open = seedPartner(partnerNamed('Ouvert'));
    const closed = seedPartner(partnerNamed('Fermé', { status: 'inactive' }));
    for (const pools of [[randomUUID()], [open.id, closed.id]]) {
      const error = await update()({ mentorId: mentor!.id, request: { pools }, locale: 'fr' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationFailedError);
      expect((error as ValidationFailedError).fields).toEqual({ pools: 'Partenaire inconnu ou inactif.' });
    }
    const detail = await update()({ mentorId: mentor!.id, request: { pools: [open.id, open.id] }, locale: 'fr' });
    expect(detail.pools).toEqual([open.id]);
    expect(entriesOf(mentor!.id).every((e) => JSON.stringify((e.candidate as { pools: string[] }).pools) === JSON.stringify([open.id]))).toBe(true);
  });

  it('an unknown mentor is 404', async () => {
    await expect(update()({ mentorId: randomUUID(), request: { capacity: 2 }, locale: 'fr' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('ListMentors', () => {
  const list = () => makeListMentors({ store });

  it('lists active mentors by default, oldest first, as summaries', async () => {
    const [old, young] = seed(mentorAt(1, { status: 'active' }), mentorAt(2, { status: 'active' }), mentorAt(0));
    const page = await list()({});
    expect(page.items.map((m) => m.id)).toEqual([old!.id, young!.id]);
    for (const item of page.items) expect(mentorSummarySchema.strict().parse(item)).toEqual(item);
    expect(page.items[0]).not.toHaveProperty('email');
    expect(page.nextCursor).toBeUndefined();
    expect((await list()({ status: 'pending_validation' })).items).toHaveLength(1);
  });

  it('filters by track, sector, département (from the commune: Corsica, overseas) and places left', async () => {
    const [marseille, ajaccio, bastia, reunion, full] = seed(
      mentorAt(1, { status: 'active', tracks: ['business_creation'], sectors: ['G'] }),
      mentorAt(2, { status: 'active', postalCode: '20000', communeCode: '2A004', tracks: ['job_search'], sectors: ['C'] }),
      mentorAt(3, { status: 'active', postalCode: '20200', communeCode: '2B033', sectors: ['G', 'C'] }),
      mentorAt(4, { status: 'active', postalCode: '97400', communeCode: '97411', sectors: ['M'] }),
      mentorAt(5, { status: 'active', capacity: 2, activeMentees: 2 }),
    );
    const ids = async (query: Parameters<ReturnType<typeof list>>[0]) => (await list()(query)).items.map((m) => m.id);
    expect(await ids({ departement: '2A' })).toEqual([ajaccio!.id]);
    expect(await ids({ departement: '2B' })).toEqual([bastia!.id]);
    expect(await ids({ departement: '974' })).toEqual([reunion!.id]);
    expect(await ids({ departement: '13' })).toEqual([marseille!.id, full!.id]);
    expect(await ids({ track: 'job_search' })).toEqual([ajaccio!.id, bastia!.id, reunion!.id, full!.id]);
    expect(await ids({ sector: 'C' })).toEqual([ajaccio!.id, bastia!.id]);
    expect(await ids({ minCapacityLeft: 1 })).toEqual([marseille!.id, ajaccio!.id, bastia!.id, reunion!.id]);
    expect(await ids({ departement: '13', minCapacityLeft: 1, sector: 'G' })).toEqual([marseille!.id]);
  });

  it('reads the département of every commune as the availability index files it, and of a postal code alone outside Corsica', () => {
    for (const [postalCode, communeCode] of [['13001', '13201'], ['20000', '2A004'], ['20200', '2B033'], ['97400', '97411'], ['75001', '75101'], ['01000', '01053']] as const) {
      expect(mentorDepartement({ postalCode, communeCode })).toBe(placeOf(postalCode, communeCode).departement);
    }
    expect(mentorDepartement({ postalCode: '13001' })).toBe('13');
    expect(mentorDepartement({ postalCode: '97400' })).toBe('974');
    expect(mentorDepartement({ postalCode: '20000' })).toBeNull();
  });

  it('pages through the matching mentors only: up to `limit` a page, the cursor resuming after the last one shown', async () => {
    const mentors = seed(...Array.from({ length: 7 }, (_, i) => mentorAt(i, { status: 'active', sectors: [i % 2 === 0 ? 'G' : 'C'] })));
    const seen: string[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await list()({ sector: 'G', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((m) => m.id));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(sizes).toEqual([2, 2]);
    expect(seen).toEqual(mentors.filter((_, i) => i % 2 === 0).map((m) => m.id));
  });
});

describe('Partners', () => {
  const create = () => makeCreatePartner({ store, clock });
  const list = () => makeListAdminPartners({ store });
  const change = () => makeUpdatePartner({ store });

  it('creates an active partner with a new id, listed by name', async () => {
    const partner = await create()({ name: 'Élan Emploi', kind: 'employment_agency', contactEmail: 'contact@elan.example' });
    expect(adminPartnerSchema.strict().parse(partner)).toEqual(partner);
    expect(partner).toMatchObject({ status: 'active', dedicatedPool: false, createdAt: clock.now().toISOString() });
    expect(partner.id).toMatch(/^[0-9a-f-]{36}$/);
    const other = await create()({ name: 'Atelier', kind: 'association', dedicatedPool: true });
    expect((await list()({})).items).toEqual([other, partner]);
    expect((await store.getPartner(partner.id))?.name).toBe('Élan Emploi');
  });

  it('renames (the list’s order follows), removes the contact address with null, deactivates and reactivates', async () => {
    const a = await create()({ name: 'Azur', kind: 'school', contactEmail: 'a@azur.example' });
    const m = await create()({ name: 'Mistral', kind: 'school' });
    const renamed = await change()({ partnerId: a.id, request: { name: 'Zéphyr', contactEmail: null } });
    expect(renamed).not.toHaveProperty('contactEmail');
    expect((await list()({})).items.map((p) => p.name)).toEqual(['Mistral', 'Zéphyr']);
    const inactive = await change()({ partnerId: m.id, request: { status: 'inactive' } });
    expect((await list()({ status: 'active' })).items).toEqual([renamed]);
    expect((await list()({ status: 'inactive' })).items).toEqual([inactive]);
    expect((await list()({})).items).toEqual([inactive, renamed]);
    expect((await change()({ partnerId: m.id, request: { status: 'active' } })).status).toBe('active');
  });

  it('deactivation keeps its people: pools and referred mentees are left as they were', async () => {
    const partner = seedPartner(partnerNamed('Cap Avenir', { createdAt: T0.toISOString() }));
    const [mentor] = seed(mentorAt(1, { status: 'active', pools: [partner.id] }));
    const people = JSON.stringify([table.get(keys.person('mentor', mentor!.id)), entriesOf(mentor!.id)]);
    await change()({ partnerId: partner.id, request: { status: 'inactive' } });
    expect(JSON.stringify([table.get(keys.person('mentor', mentor!.id)), entriesOf(mentor!.id)])).toBe(people);
  });

  it('an unknown partner is 404', async () => {
    await expect(change()({ partnerId: 'nobody', request: { name: 'X' } })).rejects.toBeInstanceOf(NotFoundError);
  });
});
