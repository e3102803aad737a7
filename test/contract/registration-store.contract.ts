/**
 * What every RegistrationStore promises (shared/ports/registration-store.ts), run against each
 * adapter: outcomes of each method, expiry compared with the given `now`, all-or-nothing
 * transactions (a mail job is recorded with its change, or neither is), replays recognised, and
 * races settled by the store rather than by the caller.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JOB_ITEM_SECONDS, outboxItem, type Item } from '../../shared/db/items';
import { keys, type Key } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import type { StartMatchingJob } from '../../shared/domain/matching-jobs';
import type { Person } from '../../shared/domain/people';
import type { RecordedMail, RegistrationStore } from '../../shared/ports/registration-store';
import { expectOneWinner, later, newPerson, race, recordedMail, T0 } from './support';

export interface RegistrationStoreSubject {
  store: RegistrationStore;
  /** The stored item under a key (the table's view), to observe what a transaction recorded: mail jobs, expiries. */
  readItem(key: Key): Promise<Item | undefined>;
  cleanup(): Promise<void>;
}

type Registration = { person: Person; emailHash: string };

const RETENTION = 7 * 24 * 3600;
const COOLDOWN = 15 * 60;
const LINK_TTL = 48 * 3600;
const TTL = TABLE.ttlAttribute;
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const linkExpiresAt = (now: Date) => epoch(now) + LINK_TTL;

/** The verification mail of a registration, under its sign-up's dedup key (the same for a replayed sign-up). */
const verification = (p: Registration, now = T0) => recordedMail(p.person, `${p.person.id}.verification`, { template: 'verify_email', reminder: false }, now);
/** The mail of a repeat notice: a reminder while the owner is unverified (with `extend`), else a note. */
const noticeMail = (p: Registration, noticeId: string, now = T0, reminder = false) =>
  recordedMail(p.person, `${noticeId}.notice`, reminder ? { template: 'verify_email', reminder: true } : { template: 'already_registered' }, now);

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

    const create = (p: Registration, now = T0, mail: RecordedMail = verification(p, now)) => store.create({ ...p, now, retentionSeconds: RETENTION, mail });
    const confirm = (p: Registration, now = T0, tokenId: string = randomUUID(), startMatching?: { job: StartMatchingJob; dedupKey: string }) =>
      store.confirmEmail({
        ...p,
        nextStatus: p.person.role === 'mentor' ? 'pending_validation' : 'awaiting_match',
        tokenId,
        linkExpiresAt: linkExpiresAt(now),
        now,
        ...(startMatching ? { startMatching } : {}),
      });
    /** The job that starts a mentee's first matching attempt, as confirm-email records it. */
    const startMatching = (p: Registration, now: Date) => ({
      job: { kind: 'start_matching' as const, id: randomUUID(), locale: 'fr' as const, recordedAt: now.toISOString(), menteeId: p.person.id, attempt: 1 },
      dedupKey: `start_matching#${p.person.id}#1`,
    });
    /** A second person of the same role signing up with the same address. */
    const rival = (p: Registration) => ({ ...newPerson({ role: p.person.role, email: p.person.email }) });

    const mailItem = (dedupKey: string) => subject.readItem(keys.outbox('mail', dedupKey));
    /** The mail job is recorded, as the outbox item the mail consumer's stream filter picks. */
    const expectMailRecorded = async (mail: RecordedMail, now: Date) =>
      expect(await mailItem(mail.dedupKey)).toEqual(outboxItem(mail.job, { dedupKey: mail.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }));
    const claimItem = (p: Registration) => subject.readItem(keys.emailClaim(p.person.role, p.emailHash));
    const profileItem = (p: Registration) => subject.readItem(keys.person(p.person.role, p.person.id));
    /** Every item a notice may touch (claim, profile, the given mail jobs), to show that nothing changed. */
    const snapshot = (p: Registration, ...dedupKeys: string[]) => Promise.all([claimItem(p), profileItem(p), ...dedupKeys.map(mailItem)]);

    describe('create', () => {
      it('claims a free address, writes the unverified profile and records its verification mail', async () => {
        const a = newPerson();
        const mail = verification(a);
        expect(await create(a, T0, mail)).toBe('created');
        expect(await store.get('mentor', a.person.id)).toEqual(a.person);
        expect(await store.findByEmail('mentor', a.emailHash, T0)).toEqual(a.person);
        await expectMailRecorded(mail, T0);
      });

      it('recognises its own sign-up replayed: already_created, nothing changed, no second mail', async () => {
        const a = newPerson();
        const first = verification(a);
        await create(a, T0, first);
        const before = await snapshot(a, first.dedupKey);
        const replayed = verification(a, later(60)); // a new mail job id, the same dedup key
        expect(await create(a, later(60), replayed)).toBe('already_created');
        expect(await store.get('mentor', a.person.id)).toEqual(a.person);
        expect(await snapshot(a, first.dedupKey)).toEqual(before);
        await expectMailRecorded(first, T0);
      });

      it('refuses an address another person of the role holds, and writes nothing: no profile, no mail', async () => {
        const a = newPerson();
        const b = rival(a);
        await create(a);
        const mail = verification(b);
        expect(await create(b, T0, mail)).toBe('email_taken');
        expect(await store.get('mentor', b.person.id)).toBeUndefined();
        expect(await mailItem(mail.dedupKey)).toBeUndefined();
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

      it('still recognises a replay once its own claim expired, and records no second mail', async () => {
        const a = newPerson();
        const first = verification(a);
        await create(a, T0, first);
        expect(await create(a, later(RETENTION + 1))).toBe('already_created');
        await expectMailRecorded(first, T0);
      });

      it('lets one of two people racing for an address win, with its mail; the loser records nothing', async () => {
        const a = newPerson();
        const b = rival(a);
        const [mailA, mailB] = [verification(a), verification(b)];
        const outcomes = await race([create(a, T0, mailA), create(b, T0, mailB)]);
        expectOneWinner(outcomes, 'created', 'email_taken');
        const owner = await store.findByEmail('mentor', a.emailHash, T0);
        const [winner, loser] = owner?.id === a.person.id ? [mailA, b] : [mailB, a];
        await expectMailRecorded(winner, T0);
        expect(await store.get('mentor', loser.person.id)).toBeUndefined();
        expect(await mailItem(`${loser.person.id}.verification`)).toBeUndefined();
      });

      it('creates once, with one mail, when the same sign-up is processed twice at the same time', async () => {
        const a = newPerson();
        const mails = [verification(a), verification(a)];
        const outcomes = await race(mails.map((mail) => create(a, T0, mail)));
        expectOneWinner(outcomes, 'created', 'already_created');
        const recorded = await mailItem(mails[0]!.dedupKey);
        expect(mails.map((m) => m.job.id)).toContain((recorded?.job as { id: string } | undefined)?.id);
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

    describe('notifyOwner', () => {
      /** A notice for the owner of `p`'s address; `extend` keeps the registration of `extendId` (by default `p`'s) alive. */
      const notify = (p: Registration, noticeId: string, options: { now?: Date; extend?: boolean; extendId?: string; mail?: RecordedMail } = {}) => {
        const now = options.now ?? T0;
        return store.notifyOwner({
          role: p.person.role,
          emailHash: p.emailHash,
          now,
          cooldownSeconds: COOLDOWN,
          noticeId,
          ...(options.extend ? { extend: { personId: options.extendId ?? p.person.id, retentionSeconds: RETENTION } } : {}),
          mail: options.mail ?? noticeMail(p, noticeId, now, options.extend),
        });
      };

      it('notifies a confirmed owner: reserves the notice and records its mail, expiries untouched', async () => {
        const a = newPerson();
        await create(a);
        await confirm(a);
        const profile = await profileItem(a);
        const now = later(60);
        const mail = noticeMail(a, 'job-1', now);
        expect(await notify(a, 'job-1', { now, mail })).toBe('notified');
        await expectMailRecorded(mail, now);
        expect((await claimItem(a))?.[TTL]).toBeUndefined();
        expect(await profileItem(a)).toEqual(profile);
        // The reservation stands: another notice is refused within the cooldown.
        expect(await notify(a, 'job-2', { now: later(120) })).toBe('cooldown');
      });

      it('with extend, also pushes back the expiry of the profile and of the claim', async () => {
        const a = newPerson();
        await create(a);
        const now = later(3600);
        const mail = noticeMail(a, 'job-1', now, true);
        expect(await notify(a, 'job-1', { now, extend: true, mail })).toBe('notified');
        await expectMailRecorded(mail, now);
        expect((await claimItem(a))?.[TTL]).toBe(epoch(now) + RETENTION);
        expect((await profileItem(a))?.[TTL]).toBe(epoch(now) + RETENTION);
        const afterFirstExpiry = later(RETENTION + 60);
        expect((await store.findByEmail('mentor', a.emailHash, afterFirstExpiry))?.id).toBe(a.person.id);
        expect(await confirm(a, afterFirstExpiry)).toBe('verified');
      });

      it('answers already_notified to a replayed notice (same noticeId and dedup key) and changes nothing', async () => {
        const a = newPerson();
        await create(a);
        const first = noticeMail(a, 'job-1', T0, true);
        expect(await notify(a, 'job-1', { extend: true, mail: first })).toBe('notified');
        const before = await snapshot(a, first.dedupKey);
        // The replayed job builds a new mail job (new id) under the same dedup key, a minute later.
        expect(await notify(a, 'job-1', { now: later(60), extend: true })).toBe('already_notified');
        expect(await notify(a, 'job-1', { now: later(60) })).toBe('already_notified');
        expect(await snapshot(a, first.dedupKey)).toEqual(before);
        await expectMailRecorded(first, T0);
        // Still so once another notice holds the reservation.
        expect(await notify(a, 'job-2', { now: later(COOLDOWN), extend: true })).toBe('notified');
        const held = await snapshot(a, first.dedupKey, 'job-2.notice');
        expect(await notify(a, 'job-1', { now: later(COOLDOWN + 60), extend: true })).toBe('already_notified');
        expect(await snapshot(a, first.dedupKey, 'job-2.notice')).toEqual(held);
      });

      it('answers cooldown to another notice within the cooldown, and writes nothing: no reservation, no expiry, no mail', async () => {
        const a = newPerson();
        await create(a);
        expect(await notify(a, 'job-1', { extend: true })).toBe('notified');
        const before = await snapshot(a, 'job-2.notice', 'job-3.notice');
        expect(await notify(a, 'job-2', { now: later(60), extend: true })).toBe('cooldown');
        expect(await notify(a, 'job-3', { now: later(60) })).toBe('cooldown');
        expect(await snapshot(a, 'job-2.notice', 'job-3.notice')).toEqual(before);
        expect(before.slice(2)).toEqual([undefined, undefined]);
      });

      it('frees the address for another notice once the cooldown is over (still held at its last second)', async () => {
        const a = newPerson();
        await create(a);
        expect(await notify(a, 'job-1')).toBe('notified');
        expect(await notify(a, 'job-2', { now: later(COOLDOWN - 1) })).toBe('cooldown');
        const now = later(COOLDOWN);
        const mail = noticeMail(a, 'job-2', now);
        expect(await notify(a, 'job-2', { now, mail })).toBe('notified');
        await expectMailRecorded(mail, now);
        expect(await notify(a, 'job-3', { now: later(COOLDOWN + 60) })).toBe('cooldown');
      });

      it('counts the cooldown per role', async () => {
        const mentor = newPerson({ role: 'mentor' });
        const mentee = newPerson({ role: 'mentee', email: mentor.person.email });
        await create(mentor);
        await create(mentee);
        expect(await notify(mentor, 'job-1')).toBe('notified');
        expect(await notify(mentee, 'job-2')).toBe('notified');
      });

      it('answers changed when the claim is gone or expired, and writes nothing', async () => {
        const unknown = newPerson();
        expect(await notify(unknown, 'job-1')).toBe('changed');
        expect(await notify(unknown, 'job-2', { extend: true })).toBe('changed');
        expect(await snapshot(unknown, 'job-1.notice', 'job-2.notice')).toEqual([undefined, undefined, undefined, undefined]);

        const expired = newPerson();
        await create(expired);
        const before = await snapshot(expired, 'job-3.notice', 'job-4.notice');
        expect(await notify(expired, 'job-3', { now: later(RETENTION + 1) })).toBe('changed');
        expect(await notify(expired, 'job-4', { now: later(RETENTION + 1), extend: true })).toBe('changed');
        expect(await snapshot(expired, 'job-3.notice', 'job-4.notice')).toEqual(before);
        // At its last second the claim still holds.
        expect(await notify(expired, 'job-5', { now: later(RETENTION), extend: true })).toBe('notified');
      });

      it('with extend, answers changed when the person is no longer unverified, and writes nothing (even within the cooldown)', async () => {
        const a = newPerson();
        await create(a);
        expect(await notify(a, 'job-1', { extend: true })).toBe('notified');
        await confirm(a, later(30));
        const before = await snapshot(a, 'job-2.notice', 'job-3.notice');
        expect(await notify(a, 'job-2', { now: later(60), extend: true })).toBe('changed'); // verified meanwhile: decide again
        expect(await notify(a, 'job-3', { now: later(COOLDOWN + 60), extend: true })).toBe('changed');
        expect(await snapshot(a, 'job-2.notice', 'job-3.notice')).toEqual(before);
        // Decided again, without extend: the cooldown of the first notice still counts.
        expect(await notify(a, 'job-2', { now: later(60) })).toBe('cooldown');
      });

      it('with extend, answers changed when the claim names another person, and writes nothing', async () => {
        const a = newPerson();
        const b = newPerson();
        await create(a);
        await create(b);
        const before = [await snapshot(a, 'job-1.notice'), await snapshot(b)];
        expect(await notify(a, 'job-1', { now: later(3600), extend: true, extendId: b.person.id })).toBe('changed');
        expect([await snapshot(a, 'job-1.notice'), await snapshot(b)]).toEqual(before);
        // Nothing was extended: both registrations expire on time.
        const afterExpiry = later(RETENTION + 60);
        expect(await store.findByEmail('mentor', a.emailHash, afterExpiry)).toBeUndefined();
        expect(await confirm(b, afterExpiry)).toBe('gone');
      });

      it('gives one of two racing notices for an address the reservation, and records one mail', async () => {
        const a = newPerson();
        await create(a);
        expectOneWinner(await race([notify(a, 'job-1', { extend: true }), notify(a, 'job-2', { extend: true })]), 'notified', 'cooldown');
        const recorded = (await Promise.all([mailItem('job-1.notice'), mailItem('job-2.notice')])).filter(Boolean);
        expect(recorded).toHaveLength(1);
      });

      it('notifies once when the same notice is processed twice at the same time', async () => {
        const a = newPerson();
        await create(a);
        const mails = [noticeMail(a, 'job-1', T0, true), noticeMail(a, 'job-1', T0, true)];
        expectOneWinner(await race(mails.map((mail) => notify(a, 'job-1', { extend: true, mail }))), 'notified', 'already_notified');
        expect(mails.map((m) => m.job.id)).toContain(((await mailItem('job-1.notice'))?.job as { id: string } | undefined)?.id);
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

      it("a mentee's confirmation starts its first matching attempt in the same transaction: matchingAttempt 1 and the start job", async () => {
        const mentee = newPerson({ role: 'mentee' });
        await create(mentee);
        const now = later(3600);
        const start = startMatching(mentee, now);
        const tokenId = randomUUID();
        expect(await confirm(mentee, now, tokenId, start)).toBe('verified');
        expect(await store.get('mentee', mentee.person.id)).toEqual({ ...mentee.person, status: 'awaiting_match', matchingAttempt: 1, verifiedAt: now.toISOString() });
        expect(await subject.readItem(keys.outbox('start_matching', start.dedupKey))).toEqual(
          outboxItem(start.job, { dedupKey: start.dedupKey, expiresAt: epoch(now) + JOB_ITEM_SECONDS }),
        );
        // A replayed link records no second job and changes nothing.
        const replay = startMatching(mentee, later(60, now));
        expect(await confirm(mentee, later(60, now), tokenId, replay)).toBe('link_used');
        expect((await subject.readItem(keys.outbox('start_matching', start.dedupKey)))?.job).toEqual(start.job);
      });

      it('a refused confirmation records no start job', async () => {
        const a = newPerson({ role: 'mentee' });
        const b = newPerson({ role: 'mentee' });
        await create(a);
        await create(b);
        const start = startMatching(a, T0);
        expect(await confirm({ person: a.person, emailHash: b.emailHash }, T0, randomUUID(), start)).toBe('gone');
        expect(await subject.readItem(keys.outbox('start_matching', start.dedupKey))).toBeUndefined();
        expect((await store.get('mentee', a.person.id))?.status).toBe('pending_verification');
        expect(await store.get('mentee', a.person.id)).not.toHaveProperty('matchingAttempt');
        expect(await confirm(a, later(RETENTION + 1), randomUUID(), start)).toBe('gone');
        expect(await subject.readItem(keys.outbox('start_matching', start.dedupKey))).toBeUndefined();
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
