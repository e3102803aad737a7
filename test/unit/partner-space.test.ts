/**
 * The partners' space use cases on the in-memory adapters: an adviser refers a mentee through the
 * public sign-up path with its own partner forced, and lists only its own partner's mentees and
 * tandems, without contact details.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryBackOfficeReads } from '../../shared/adapters/memory/back-office-reads';
import { memorySignUpInbox } from '../../shared/adapters/memory/sign-up-inbox';
import { tandemItem } from '../../shared/db/items';
import { InvalidCursorError, ValidationFailedError } from '../../shared/domain/errors';
import { menteeSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeListPartnerMentees } from '../../shared/use-cases/partner/list-partner-mentees';
import { makeListPartnerTandems } from '../../shared/use-cases/partner/list-partner-tandems';
import { makeReferMentee } from '../../shared/use-cases/partner/refer-mentee';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { validMentee } from '../fixtures/sign-ups';
import { DAY, makeMatchingHub } from '../helpers/matching-hub';

function partnerSpace() {
  const hub = makeMatchingHub();
  const reads = memoryBackOfficeReads(hub.table);
  const inbox = memorySignUpInbox(hub.table);
  const [a, b] = [hub.seedPartner({ name: 'Mission locale A' }), hub.seedPartner({ name: 'Association B' })];
  return {
    hub,
    a,
    b,
    inbox,
    referMentee: makeReferMentee({ submitSignUp: makeSubmitSignUp({ inbox, clock: hub.clock }) }),
    listMentees: makeListPartnerMentees({ reads, clock: hub.clock }),
    listTandems: makeListPartnerTandems({ reads }),
  };
}

const signUp = (overrides: Record<string, unknown> = {}) => validate(menteeSignUpSchema, { ...validMentee(), email: `p-${randomUUID()}@example.org`, ...overrides }, 'fr');

describe('ReferMentee', () => {
  it("records the sign-up job with the adviser's partner, even when the body names another one", async () => {
    const s = partnerSpace();
    await s.referMentee({ partnerId: s.a.id, signUp: signUp({ partnerId: s.b.id }), locale: 'fr' });
    await s.referMentee({ partnerId: s.a.id, signUp: signUp(), locale: 'en' });
    const jobs = s.inbox.jobs();
    expect(jobs.map((j) => [j.role, j.role === 'mentee' ? j.signUp.partnerId : undefined, j.locale])).toEqual([
      ['mentee', s.a.id, 'fr'],
      ['mentee', s.a.id, 'en'],
    ]);
    // Like the public form: the person is created unverified by the jobs consumer and confirms the address.
    expect(jobs[0]!.kind).toBe('sign_up');
  });

  it('refuses the referral of an inactive partner’s adviser as the form refuses an unknown partner', async () => {
    const s = partnerSpace();
    const closed = s.hub.seedPartner({ status: 'inactive' });
    const error = await s.referMentee({ partnerId: closed.id, signUp: signUp(), locale: 'fr' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationFailedError);
    expect(Object.keys((error as ValidationFailedError).fields)).toEqual(['partnerId']);
    expect(s.inbox.jobs()).toEqual([]);
  });
});

describe('ListPartnerMentees', () => {
  it("shows partner A only A's beneficiaries, newest first, with days waiting and no contact details", async () => {
    const s = partnerSpace();
    const now = s.hub.clock.now().getTime();
    const older = s.hub.seedMentee({ partnerId: s.a.id, createdAt: new Date(now - 10 * DAY).toISOString(), verifiedAt: new Date(now - 8 * DAY).toISOString(), phone: '+33 6 11 22 33 44' });
    const inTandem = s.hub.seedMentee({ partnerId: s.a.id, status: 'in_tandem', createdAt: new Date(now - 2 * DAY).toISOString() });
    const ofB = s.hub.seedMentee({ partnerId: s.b.id });
    s.hub.seedMentee();

    const ofA = await s.listMentees({ partnerId: s.a.id, limit: 25 });
    expect(ofA.items.map((m) => m.id)).toEqual([inTandem.id, older.id]);
    expect(ofA.items[1]).toEqual({ id: older.id, firstName: 'Yanis', lastName: 'Benali', status: 'awaiting_match', track: 'business_creation', createdAt: older.createdAt, verifiedAt: older.verifiedAt, daysWaiting: 8 });
    expect(ofA.items[0]!.daysWaiting).toBeUndefined();
    expect(JSON.stringify(ofA)).not.toMatch(/@|\+33|restaurant|conflicting|endedWith/);
    expect((await s.listMentees({ partnerId: s.b.id, limit: 25 })).items.map((m) => m.id)).toEqual([ofB.id]);
  });

  it("refuses a cursor of partner A's list in partner B's", async () => {
    const s = partnerSpace();
    for (let i = 0; i < 3; i++) s.hub.seedMentee({ partnerId: s.a.id, createdAt: new Date(Date.UTC(2026, 10, i + 1)).toISOString() });
    const first = await s.listMentees({ partnerId: s.a.id, limit: 2 });
    expect(first.nextCursor).toEqual(expect.any(String));
    expect((await s.listMentees({ partnerId: s.a.id, limit: 2, cursor: first.nextCursor })).items).toHaveLength(1);
    await expect(s.listMentees({ partnerId: s.b.id, limit: 25, cursor: first.nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('ListPartnerTandems', () => {
  it("shows partner A only A's tandems, newest first, the mentor by name only", async () => {
    const s = partnerSpace();
    const mentee = s.hub.seedMentee({ partnerId: s.a.id, status: 'in_tandem' });
    const mentor = s.hub.seedMentor({ firstName: 'Aline' });
    const tandem = { id: randomUUID(), menteeId: mentee.id, mentorId: mentor.id, partnerId: s.a.id, track: 'business_creation', status: 'active' as const, startedAt: '2026-11-20T10:00:00.000Z', attempt: 1 };
    const older = { ...tandem, id: randomUUID(), status: 'completed' as const, startedAt: '2026-05-20T10:00:00.000Z' };
    s.hub.table.put(tandemItem(tandem));
    s.hub.table.put(tandemItem(older));
    s.hub.table.put(tandemItem({ ...tandem, id: randomUUID(), partnerId: s.b.id }));
    s.hub.table.put(tandemItem({ ...tandem, id: randomUUID(), partnerId: undefined }));

    const ofA = await s.listTandems({ partnerId: s.a.id, limit: 25 });
    expect(ofA.items).toEqual([
      { id: tandem.id, status: 'active', track: 'business_creation', startedAt: tandem.startedAt, mentee: { id: mentee.id, firstName: 'Yanis', lastName: 'Benali' }, mentor: { firstName: 'Aline', lastName: 'Durand' } },
      { id: older.id, status: 'completed', track: 'business_creation', startedAt: older.startedAt, mentee: { id: mentee.id, firstName: 'Yanis', lastName: 'Benali' }, mentor: { firstName: 'Aline', lastName: 'Durand' } },
    ]);
    expect(JSON.stringify(ofA)).not.toContain(mentor.id);
    expect((await s.listTandems({ partnerId: s.b.id, limit: 25 })).items).toHaveLength(1);
  });
});
