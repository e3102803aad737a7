/**
 * What every RegistrationStore promises (shared/ports/registration-store.ts), run against each
 * adapter: outcomes of each method, expiry compared with the given `now`, all-or-nothing
 * transactions, and races settled by the store rather than by the caller.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Person } from '../../shared/domain/people';
import type { RegistrationStore } from '../../shared/ports/registration-store';
import { expectOneWinner, later, newPerson, race, T0 } from './support';

export interface RegistrationStoreSubject {
  store: RegistrationStore;
  cleanup(): Promise<void>;
}

const RETENTION = 7 * 24 * 3600;
const COOLDOWN = 15 * 60;
const LINK_TTL = 48 * 3600;
const linkExpiresAt = (now: Date) => Math.floor(now.getTime() / 1000) + LINK_TTL;

export function registrationStoreContract(name: string, makeSubject: () => Promise<RegistrationStoreSubject>) {
  describe(`RegistrationStore contract: ${name}`, () => {
    let subject: RegistrationStoreSubject;
    let store: RegistrationStore;
    beforeEach(async () => {
      subject = await makeSubject();
      store = subject.store;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const create = (p: { person: Person; emailHash: string }, now = T0) => store.create({ ...p, now, retentionSeconds: RETENTION });
    const confirm = (p: { person: Person; emailHash: string }, now = T0, tokenId: string = randomUUID()) =>
      store.confirmEmail({ ...p, nextStatus: p.person.role === 'mentor' ? 'pending_validation' : 'awaiting_match', tokenId, linkExpiresAt: linkExpiresAt(now), now });
    /** A second person of the same role signing up with the same address. */
    const rival = (p: { person: Person; emailHash: string }) => ({ ...newPerson({ role: p.person.role, email: p.person.email }) });

    describe('create', () => {
      it('claims a free address and writes the unverified profile', async () => {
        const a = newPerson();
        expect(await create(a)).toBe('created');
        expect(await store.get('mentor', a.person.id)).toEqual(a.person);
        expect(await store.findByEmail('mentor', a.emailHash, T0)).toEqual(a.person);
      });

      it('recognises its own sign-up replayed: already_created, nothing changed', async () => {
        const a = newPerson();
        await create(a);
        expect(await create(a, later(60))).toBe('already_created');
        expect(await store.get('mentor', a.person.id)).toEqual(a.person);
      });

      it('refuses an address another person of the role holds, and writes nothing', async () => {
        const a = newPerson();
        const b = rival(a);
        await create(a);
        expect(await create(b)).toBe('email_taken');
        expect(await store.get('mentor', b.person.id)).toBeUndefined();
        expect((await store.findByEmail('mentor', a.emailHash, T0))?.id).toBe(a.person.id);
      });

      it('keeps roles apart: the same address may be a mentor and a mentee', async () => {
        const mentor = newPerson({ role: 'mentor' });
        const mentee = newPerson({ role: 'mentee', email: mentor.person.email });
        expect(await create(mentor)).toBe('created');
        expect(await create(mentee)).toBe('created');
        expect((await store.findByEmail('mentee', mentee.emailHash, T0))?.id).toBe(mentee.person.id);
      });

      it('frees an address whose unverified registration expired (still held at its last second)', async () => {
        const a = newPerson();
        const b = rival(a);
        await create(a);
        expect(await create(b, later(RETENTION))).toBe('email_taken');
        expect(await create(b, later(RETENTION + 1))).toBe('created');
        expect((await store.findByEmail('mentor', a.emailHash, later(RETENTION + 1)))?.id).toBe(b.person.id);
      });

      it('still recognises a replay once its own claim expired', async () => {
        const a = newPerson();
        await create(a);
        expect(await create(a, later(RETENTION + 1))).toBe('already_created');
      });

      it('lets one of two people racing for an address win', async () => {
        const a = newPerson();
        const b = rival(a);
        const outcomes = await race([create(a), create(b)]);
        expectOneWinner(outcomes, 'created', 'email_taken');
        const owner = await store.findByEmail('mentor', a.emailHash, T0);
        const loser = owner?.id === a.person.id ? b : a;
        expect(await store.get('mentor', loser.person.id)).toBeUndefined();
      });

      it('creates once when the same sign-up is processed twice at the same time', async () => {
        const a = newPerson();
        const outcomes = await race([create(a), create(a)]);
        expectOneWinner(outcomes, 'created', 'already_created');
      });
    });

    describe('findByEmail and get', () => {
      it('find nobody for an unknown address or id', async () => {
        expect(await store.findByEmail('mentor', newPerson().emailHash, T0)).toBeUndefined();
        expect(await store.get('mentee', randomUUID())).toBeUndefined();
      });

      it('treat an expired claim as absent', async () => {
        const a = newPerson();
        await create(a);
        expect(await store.findByEmail('mentor', a.emailHash, later(RETENTION))).toBeDefined();
        expect(await store.findByEmail('mentor', a.emailHash, later(RETENTION + 1))).toBeUndefined();
      });
    });

    describe('takeRepeatNotice and releaseRepeatNotice', () => {
      const notice = (p: { person: Person; emailHash: string }, noticeId: string, now = T0) =>
        store.takeRepeatNotice({ role: p.person.role, emailHash: p.emailHash, now, cooldownSeconds: COOLDOWN, noticeId });

      it('refuses an address nobody claimed', async () => {
        expect(await notice(newPerson(), 'job-1')).toBe(false);
      });

      it('allows one notice per address and role within the cooldown, again to the same noticeId, and again after it', async () => {
        const a = newPerson();
        await create(a);
        expect(await notice(a, 'job-1')).toBe(true);
        expect(await notice(a, 'job-2', later(60))).toBe(false);
        expect(await notice(a, 'job-1', later(120))).toBe(true); // a retried job keeps its reservation
        expect(await notice(a, 'job-3', later(120 + COOLDOWN - 1))).toBe(false);
        expect(await notice(a, 'job-3', later(120 + COOLDOWN))).toBe(true);
      });

      it('counts the cooldown per role', async () => {
        const mentor = newPerson({ role: 'mentor' });
        const mentee = newPerson({ role: 'mentee', email: mentor.person.email });
        await create(mentor);
        await create(mentee);
        expect(await notice(mentor, 'job-1')).toBe(true);
        expect(await notice(mentee, 'job-2')).toBe(true);
      });

      it('gives one of two racing notices the reservation', async () => {
        const a = newPerson();
        await create(a);
        expectOneWinner(await race([notice(a, 'job-1'), notice(a, 'job-2')]), true, false);
      });

      it('gives back a reservation to the same noticeId only', async () => {
        const a = newPerson();
        await create(a);
        await notice(a, 'job-1');
        await store.releaseRepeatNotice({ role: 'mentor', emailHash: a.emailHash, noticeId: 'job-2' });
        expect(await notice(a, 'job-3', later(60))).toBe(false);
        await store.releaseRepeatNotice({ role: 'mentor', emailHash: a.emailHash, noticeId: 'job-1' });
        expect(await notice(a, 'job-3', later(60))).toBe(true);
      });

      it('releases quietly when there is nothing to release', async () => {
        const a = newPerson();
        await expect(store.releaseRepeatNotice({ role: 'mentor', emailHash: a.emailHash, noticeId: 'job-1' })).resolves.toBeUndefined();
        await create(a);
        await expect(store.releaseRepeatNotice({ role: 'mentor', emailHash: a.emailHash, noticeId: 'job-1' })).resolves.toBeUndefined();
      });
    });

    describe('extendUnverified', () => {
      const extend = (p: { person: Person; emailHash: string }, now: Date) =>
        store.extendUnverified({ role: p.person.role, id: p.person.id, emailHash: p.emailHash, now, retentionSeconds: RETENTION });

      it('pushes back the expiry of the profile and of the claim', async () => {
        const a = newPerson();
        await create(a);
        expect(await extend(a, later(3600))).toBe(true);
        const afterFirstExpiry = later(RETENTION + 60);
        expect((await store.findByEmail('mentor', a.emailHash, afterFirstExpiry))?.id).toBe(a.person.id);
        expect(await confirm(a, afterFirstExpiry)).toBe('verified');
      });

      it('refuses a verified, an expired or an unknown registration', async () => {
        const verified = newPerson();
        await create(verified);
        await confirm(verified);
        expect(await extend(verified, later(60))).toBe(false);

        const expired = newPerson();
        await create(expired);
        expect(await extend(expired, later(RETENTION + 1))).toBe(false);

        expect(await extend(newPerson(), T0)).toBe(false);
      });

      it('changes nothing when the claim does not name the person (all or nothing)', async () => {
        const a = newPerson();
        const b = newPerson();
        await create(a);
        await create(b);
        expect(await extend({ person: a.person, emailHash: b.emailHash }, later(3600))).toBe(false);
        const afterExpiry = later(RETENTION + 60);
        expect(await store.findByEmail('mentor', b.emailHash, afterExpiry)).toBeUndefined();
        expect(await confirm(a, afterExpiry)).toBe('gone');
      });
    });

    describe('confirmEmail', () => {
      it('moves the person out of pending_verification, stamps verifiedAt and keeps the address for good', async () => {
        const mentor = newPerson({ role: 'mentor' });
        const mentee = newPerson({ role: 'mentee' });
        await create(mentor);
        await create(mentee);
        const now = later(3600);
        expect(await confirm(mentor, now)).toBe('verified');
        expect(await confirm(mentee, now)).toBe('verified');
        expect(await store.get('mentor', mentor.person.id)).toEqual({ ...mentor.person, status: 'pending_validation', verifiedAt: now.toISOString() });
        expect(await store.get('mentee', mentee.person.id)).toMatchObject({ status: 'awaiting_match', verifiedAt: now.toISOString() });
        const muchLater = later(10 * RETENTION);
        expect((await store.findByEmail('mentor', mentor.emailHash, muchLater))?.id).toBe(mentor.person.id);
        expect(await create(rival(mentor), muchLater)).toBe('email_taken');
      });

      it('uses a link once, and answers already_verified to another link', async () => {
        const a = newPerson();
        await create(a);
        const tokenId = randomUUID();
        expect(await confirm(a, T0, tokenId)).toBe('verified');
        expect(await confirm(a, later(60), tokenId)).toBe('link_used');
        expect(await confirm(a, later(60))).toBe('already_verified');
      });

      it('answers gone for an expired or unknown registration', async () => {
        const a = newPerson();
        await create(a);
        expect(await confirm(a, later(RETENTION + 1))).toBe('gone');
        expect(await confirm(newPerson())).toBe('gone');
      });

      it('spends nothing when it fails (all or nothing)', async () => {
        const a = newPerson();
        const b = newPerson();
        await create(a);
        await create(b);
        const tokenId = randomUUID();
        expect(await confirm({ person: a.person, emailHash: b.emailHash }, T0, tokenId)).toBe('gone');
        expect(await store.get('mentor', a.person.id)).toMatchObject({ status: 'pending_verification' });
        expect(await confirm(a, T0, tokenId)).toBe('verified');
      });

      it('lets one of racing confirmations win, with the same link or different ones', async () => {
        const a = newPerson();
        await create(a);
        const tokenId = randomUUID();
        const sameLink = await race([confirm(a, T0, tokenId), confirm(a, T0, tokenId), confirm(a, T0, tokenId)]);
        expectOneWinner(sameLink, 'verified', 'link_used');
        const b = newPerson();
        await create(b);
        const twoLinks = await race([confirm(b), confirm(b)]);
        expectOneWinner(twoLinks, 'verified', 'already_verified');
      });
    });
  });
}
