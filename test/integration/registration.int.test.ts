/**
 * Registration and e-mail verification against DynamoDB Local, through the after-commit path:
 * the request records the sign-up, the stream delivers it to the consumer, which claims the
 * address, writes the profile and sends the mail. The invariants are enforced by the table's
 * conditions and transactions, so they are tested on the real thing.
 */
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { keys } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { LinkExpiredError, LinkUsedError, ValidationFailedError } from '../../shared/domain/errors';
import { hashEmail } from '../../shared/domain/fingerprints';
import { menteeSignUpSchema, mentorSignUpSchema, type MenteeSignUp, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { tokenFrom } from '../helpers/capturing-mailer';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { startOutboxHarness, type OutboxHarness } from '../helpers/outbox';
import { validMentee, validMentor } from '../fixtures/sign-ups';

let table: TestTable;
let hub: OutboxHarness;
const clock = { current: new Date('2026-11-26T10:00:00Z'), now() { return this.current; } };

const mentor = (overrides: Partial<Record<keyof MentorSignUp, unknown>> = {}): MentorSignUp =>
  validate(mentorSignUpSchema, { ...validMentor(), ...overrides }, 'fr');
const mentee = (overrides: Partial<Record<keyof MenteeSignUp, unknown>> = {}): MenteeSignUp =>
  validate(menteeSignUpSchema, { ...validMentee(), ...overrides }, 'fr');

async function profiles(role: 'MENTOR' | 'MENTEE') {
  const all = await table.client.send(new ScanCommand({ TableName: table.tableName }));
  return (all.Items ?? []).filter((i) => String(i[TABLE.partitionKey]).startsWith(`${role}#`));
}

beforeAll(async () => {
  table = await createTestTable('registration');
  hub = await startOutboxHarness(table, clock);
});
afterAll(async () => {
  await hub.stop();
  await table.drop();
});
beforeEach(() => {
  clock.current = new Date(clock.current.getTime() + 3 * 24 * 3600 * 1000); // keep tests apart in time
});

describe('sign-up', () => {
  it('answers the request after one write, and the consumer writes an unverified mentor and e-mails a link without personal data', async () => {
    await hub.submit({ role: 'mentor', signUp: mentor({ email: 'first.mentor@example.org' }), locale: 'fr' });
    // Nothing but the recorded job exists until the consumer runs.
    expect(await hub.store.findByEmail('mentor', hashEmail('first.mentor@example.org'), clock.now())).toBeUndefined();
    await hub.drain();

    const sent = hub.mailsTo('first.mentor@example.org');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe('Confirmez votre adresse e\u2011mail');
    const link = sent[0]!.text.match(/https:\/\/tandem\.example\/verify\.html#token=\S+/)?.[0];
    expect(link).toBeDefined();
    expect(link).not.toMatch(/first|mentor@|Camille|Durand/i);

    const claim = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.emailClaim('mentor', hashEmail('first.mentor@example.org')) }));
    expect(claim.Item?.personId).toBeDefined();
    expect(JSON.stringify(claim.Item)).not.toContain('first.mentor');
    const person = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.person('mentor', String(claim.Item!.personId)) }));
    expect(person.Item).toMatchObject({ status: 'pending_verification', capacity: 2, activeMentees: 0, consentVersion: expect.any(String) });
    expect(person.Item?.consent).toBeUndefined();
    expect(person.Item?.[TABLE.ttlAttribute]).toBeGreaterThan(clock.now().getTime() / 1000);
    // An unverified sign-up is in no index: nobody lists it.
    expect(Object.keys(person.Item!).filter((k) => k.startsWith('GSI'))).toEqual([]);
  });

  it('gives the same submission sent twice one effect (double click, retry)', async () => {
    const signUp = mentor({ email: 'double.click@example.org' });
    await hub.register({ role: 'mentor', signUp, locale: 'fr' });
    await hub.register({ role: 'mentor', signUp, locale: 'fr' });
    expect(hub.mailsTo('double.click@example.org')).toHaveLength(1);
    expect((await profiles('MENTOR')).filter((p) => p.email === 'double.click@example.org')).toHaveLength(1);
  });

  it('keeps one registration when identical submissions race', async () => {
    const signUp = mentor({ email: 'racer@example.org' });
    await Promise.all(Array.from({ length: 6 }, () => hub.submit({ role: 'mentor', signUp, locale: 'fr' })));
    await hub.drain();
    expect((await profiles('MENTOR')).filter((p) => p.email === 'racer@example.org')).toHaveLength(1);
    expect(hub.mailsTo('racer@example.org')).toHaveLength(1);
  });

  it('remembers a submission for minutes only: the same form sent again later re-sends the link', async () => {
    const signUp = mentor({ email: 'no-mail-received@example.org' });
    await hub.register({ role: 'mentor', signUp, locale: 'fr' });
    clock.current = new Date(clock.current.getTime() + 11 * 60 * 1000);
    await hub.register({ role: 'mentor', signUp, locale: 'fr' });
    const sent = hub.mailsTo('no-mail-received@example.org');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain('Vous avez déjà commencé votre inscription');
  });

  it('registers an address once per role, and a second sign-up of an unverified address re-sends the link', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'twice@example.org' }), locale: 'fr' });
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'twice@example.org', firstName: 'Autre' }), locale: 'en' });
    expect((await profiles('MENTOR')).filter((p) => p.email === 'twice@example.org')).toHaveLength(1);
    const sent = hub.mailsTo('twice@example.org');
    expect(sent).toHaveLength(2);
    expect(sent[1]!.text).toContain('Vous avez déjà commencé votre inscription');
    expect(sent[1]!.text).toContain('Camille'); // the stored person, not the new submission
  });

  it('tells the owner of a confirmed address, and changes nothing', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'known@example.org' }), locale: 'fr' });
    await hub.confirm(tokenFrom(hub.mailsTo('known@example.org')[0]));
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'known@example.org', capacity: 5 }), locale: 'fr' });
    expect(hub.mailsTo('known@example.org').at(-1)!.subject).toContain('déjà inscrit');
    const stored = (await profiles('MENTOR')).filter((p) => p.email === 'known@example.org');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ capacity: 2, status: 'pending_validation' });
  });

  it('sends at most one repeated-sign-up e-mail per address every 15 minutes', async () => {
    const base = mentor({ email: 'flooded@example.org' });
    await hub.register({ role: 'mentor', signUp: base, locale: 'fr' });
    for (const capacity of [2, 3, 4, 5]) await hub.register({ role: 'mentor', signUp: { ...base, capacity, bio: `v${capacity}` }, locale: 'fr' });
    expect(hub.mailsTo('flooded@example.org')).toHaveLength(2); // the verification, then one reminder
    clock.current = new Date(clock.current.getTime() + 16 * 60 * 1000);
    await hub.register({ role: 'mentor', signUp: { ...base, bio: 'later' }, locale: 'fr' });
    expect(hub.mailsTo('flooded@example.org')).toHaveLength(3);
  });

  it('lets the same address be a mentor and a mentee', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'both@example.org' }), locale: 'fr' });
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'both@example.org' }), locale: 'fr' });
    expect(hub.mailsTo('both@example.org').map((m) => m.category)).toEqual(['verify-email', 'verify-email']);
  });

  it('frees an address whose registration expired unverified', async () => {
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'late@example.org' }), locale: 'fr' });
    clock.current = new Date(clock.current.getTime() + 8 * 24 * 3600 * 1000);
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'late@example.org', project: 'Nouveau projet' }), locale: 'fr' });
    const sent = hub.mailsTo('late@example.org');
    expect(sent.map((m) => m.category)).toEqual(['verify-email', 'verify-email']);
    expect(sent[1]!.text).not.toContain('déjà commencé');
  });

  it('rejects an unknown or inactive partner in the request, and records nothing', async () => {
    await dynamoPartnerStore(table.client, table.tableName).put({ id: 'sleepy', name: 'Dormant', kind: 'association', status: 'inactive', dedicatedPool: false, createdAt: clock.now().toISOString() });
    for (const partnerId of ['nobody', 'sleepy']) {
      await expect(hub.submit({ role: 'mentee', signUp: mentee({ email: `ref-${partnerId}@example.org`, partnerId }), locale: 'fr' })).rejects.toMatchObject({
        constructor: ValidationFailedError,
        fields: { partnerId: 'Partenaire inconnu ou inactif.' },
      });
    }
    await hub.drain();
    expect(hub.mailer.sent.filter((m) => m.to.startsWith('ref-'))).toHaveLength(0);
    expect((await profiles('MENTEE')).filter((p) => String(p.email).startsWith('ref-'))).toHaveLength(0);
  });

  it('lists a referred mentee under its partner once verified, with the listing fields only', async () => {
    await dynamoPartnerStore(table.client, table.tableName).put({ id: 'mission-locale', name: 'Mission locale', kind: 'youth', status: 'active', dedicatedPool: false, createdAt: clock.now().toISOString() });
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'referred@example.org', partnerId: 'mission-locale' }), locale: 'fr' });
    const index = keys.menteesOfPartner('mission-locale');
    const query = () =>
      table.client.send(
        new QueryCommand({ TableName: table.tableName, IndexName: index.index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': index.value } }),
      );
    expect((await query()).Items).toEqual([]);
    await hub.confirm(tokenFrom(hub.mailsTo('referred@example.org')[0]));
    const listed = (await query()).Items ?? [];
    expect(listed.map((i) => i.status)).toEqual(['awaiting_match']);
    expect(listed[0]).toMatchObject({ firstName: 'Yanis', lastName: 'Benali', track: 'business_creation' });
    expect(listed[0]?.email).toBeUndefined(); // INCLUDE projection: not the whole profile
  });

  it('lists verified people by creation month for reports', async () => {
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'monthly@example.org' }), locale: 'fr' });
    await hub.confirm(tokenFrom(hub.mailsTo('monthly@example.org')[0]));
    const person = await hub.store.findByEmail('mentee', hashEmail('monthly@example.org'), clock.now());
    const index = keys.createdInMonth(person!.createdAt.slice(0, 7));
    const created = await table.client.send(
      new QueryCommand({ TableName: table.tableName, IndexName: index.index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': index.value } }),
    );
    // The index projects no id nor entity: the sort key `<createdAt>#MENTEE#<id>` carries them.
    const entries = (created.Items ?? []).map((i) => keys.timeIndexEntryOf(String(i[index.sortKey])));
    expect(entries).toContainEqual({ at: person!.createdAt, tag: 'MENTEE', id: person!.id });
  });
});

describe('logs', () => {
  it('never carry personal data through a sign-up, a repeat, a failed mail and a confirmation', async () => {
    const lines: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        lines.push(String(chunk));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      }) as typeof stream.write;
      return () => void (stream.write = original);
    };
    const restore = [capture(process.stdout), capture(process.stderr)];
    try {
      const signUp = mentor({ email: 'private.person@example.org', firstName: 'Zéphyrine', lastName: 'Quintavalle', phone: '06 99 88 77 66' });
      await hub.register({ role: 'mentor', signUp, locale: 'fr' });
      await hub.register({ role: 'mentor', signUp: { ...signUp, capacity: 4 }, locale: 'fr' });
      hub.mailer.failNext();
      clock.current = new Date(clock.current.getTime() + 16 * 60 * 1000);
      await hub.register({ role: 'mentor', signUp: { ...signUp, capacity: 5 }, locale: 'fr' });
      await hub.confirm(tokenFrom(hub.mailsTo('private.person@example.org')[0]));
    } finally {
      restore.forEach((r) => r());
    }
    const logged = lines.join('');
    expect(logged).toContain('Sign-up submitted'); // the capture works
    expect(logged).toContain('Outbox job failed'); // the failed mail was logged (and retried)
    for (const secret of ['private.person', 'example.org', 'Zéphyrine', 'Quintavalle', '06 99 88']) expect(logged).not.toContain(secret);
  });
});

describe('e-mail verification', () => {
  it('moves a mentor to pending_validation and a mentee to awaiting_match, indexed by their new status', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'v-mentor@example.org' }), locale: 'fr' });
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'v-mentee@example.org' }), locale: 'fr' });
    expect(await hub.confirm(tokenFrom(hub.mailsTo('v-mentor@example.org')[0]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
    expect(await hub.confirm(tokenFrom(hub.mailsTo('v-mentee@example.org')[0]))).toEqual({ role: 'mentee', personStatus: 'awaiting_match' });

    const verified = await hub.store.findByEmail('mentee', hashEmail('v-mentee@example.org'), clock.now());
    expect(verified).toMatchObject({ status: 'awaiting_match', verifiedAt: clock.now().toISOString() });
    const index = keys.personsByStatus('mentee', 'awaiting_match');
    const waiting = await table.client.send(
      new QueryCommand({ TableName: table.tableName, IndexName: index.index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': index.value } }),
    );
    expect(waiting.Items?.map((i) => i.id)).toContain(verified!.id);
    const raw = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.person('mentee', verified!.id) }));
    expect(raw.Item?.[TABLE.ttlAttribute]).toBeUndefined();
  });

  it('uses a link once', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'once@example.org' }), locale: 'fr' });
    const token = tokenFrom(hub.mailsTo('once@example.org')[0]);
    await hub.confirm(token);
    await expect(hub.confirm(token)).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('lets only one of two racing confirmations win', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'race-confirm@example.org' }), locale: 'fr' });
    const token = tokenFrom(hub.mailsTo('race-confirm@example.org')[0]);
    const results = await Promise.allSettled([hub.confirm(token), hub.confirm(token), hub.confirm(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('treats an old link as used once the address is confirmed through a newer one', async () => {
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'two-links@example.org' }), locale: 'fr' });
    await hub.register({ role: 'mentor', signUp: mentor({ email: 'two-links@example.org', capacity: 3 }), locale: 'fr' });
    const sent = hub.mailsTo('two-links@example.org');
    await hub.confirm(tokenFrom(sent[1]));
    await expect(hub.confirm(tokenFrom(sent[0]))).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('refuses an expired link', async () => {
    await hub.register({ role: 'mentee', signUp: mentee({ email: 'expired@example.org' }), locale: 'fr' });
    clock.current = new Date(clock.current.getTime() + 49 * 3600 * 1000);
    await expect(hub.confirm(tokenFrom(hub.mailsTo('expired@example.org')[0]))).rejects.toBeInstanceOf(LinkExpiredError);
  });
});
