/**
 * Registration and e-mail verification against DynamoDB Local: the invariants are enforced by
 * the table's conditions and transactions, so they are tested on the real thing.
 */
import { GetCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { keys } from '../../shared/db/keys';
import { TABLE } from '../../shared/db/table';
import { LinkExpiredError, LinkUsedError, ServiceUnavailableError, ValidationFailedError } from '../../shared/domain/errors';
import { hashEmail } from '../../shared/domain/fingerprints';
import { menteeSignUpSchema, mentorSignUpSchema, type MenteeSignUp, type MentorSignUp } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeRegisterPerson } from '../../shared/use-cases/register-person';
import { capturingMailer, tokenFrom } from '../helpers/capturing-mailer';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { validMentee, validMentor } from '../fixtures/sign-ups';

let table: TestTable;
const clock = { current: new Date('2026-11-26T10:00:00Z'), now() { return this.current; } };
const signingKeys = { getKey: async () => new Uint8Array(32).fill(7) };

function setup() {
  const store = dynamoRegistrationStore(table.client, table.tableName);
  const mailer = capturingMailer();
  const links = makeLinkSigner({ keys: signingKeys, clock });
  return {
    store,
    mailer,
    register: makeRegisterPerson({ store, mailer, links, clock, siteUrl: 'https://tandem.example' }),
    confirm: makeConfirmEmail({ store, links, clock }),
  };
}

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
});
afterAll(async () => {
  await table.drop();
});
beforeEach(() => {
  clock.current = new Date(clock.current.getTime() + 3 * 24 * 3600 * 1000); // keep tests apart in time
});

describe('sign-up', () => {
  it('writes an unverified mentor and e-mails a verification link without personal data in it', async () => {
    const { register, mailer } = setup();
    const signUp = mentor({ email: 'first.mentor@example.org' });
    await register({ role: 'mentor', signUp, locale: 'fr' });

    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail.to).toBe('first.mentor@example.org');
    expect(mail.subject).toContain('Confirmez votre adresse e-mail');
    const link = mail.text.match(/https:\/\/tandem\.example\/verify\.html#token=\S+/)?.[0];
    expect(link).toBeDefined();
    expect(link).not.toMatch(/first|mentor@|Camille|Durand/i);

    const claim = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.emailClaim('mentor', hashEmail('first.mentor@example.org')) }));
    expect(claim.Item?.personId).toBeDefined();
    expect(JSON.stringify(claim.Item)).not.toContain('first.mentor');
    const person = await table.client.send(new GetCommand({ TableName: table.tableName, Key: keys.person('mentor', String(claim.Item!.personId)) }));
    expect(person.Item).toMatchObject({ status: 'pending_verification', capacity: 2, activeMentees: 0, consentVersion: expect.any(String) });
    expect(person.Item?.consent).toBeUndefined();
    expect(person.Item?.[TABLE.ttlAttribute]).toBeGreaterThan(clock.now().getTime() / 1000);
  });

  it('gives the same submission sent twice one effect (double click, retry)', async () => {
    const { register, mailer } = setup();
    const signUp = mentor({ email: 'double.click@example.org' });
    await register({ role: 'mentor', signUp, locale: 'fr' });
    await register({ role: 'mentor', signUp, locale: 'fr' });
    expect(mailer.sent).toHaveLength(1);
    expect((await profiles('MENTOR')).filter((p) => p.email === 'double.click@example.org')).toHaveLength(1);
  });

  it('keeps one registration when identical submissions race', async () => {
    const { register, mailer } = setup();
    const signUp = mentor({ email: 'racer@example.org' });
    await Promise.all(Array.from({ length: 6 }, () => register({ role: 'mentor', signUp, locale: 'fr' })));
    expect((await profiles('MENTOR')).filter((p) => p.email === 'racer@example.org')).toHaveLength(1);
    expect(mailer.sent).toHaveLength(1);
  });

  it('registers an address once per role, and a second sign-up of an unverified address re-sends the link', async () => {
    const { register, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'twice@example.org' }), locale: 'fr' });
    await register({ role: 'mentor', signUp: mentor({ email: 'twice@example.org', firstName: 'Autre' }), locale: 'en' });
    expect((await profiles('MENTOR')).filter((p) => p.email === 'twice@example.org')).toHaveLength(1);
    expect(mailer.sent).toHaveLength(2);
    expect(mailer.sent[1]!.text).toContain('Vous avez déjà commencé votre inscription');
    expect(mailer.sent[1]!.text).toContain('Camille'); // the stored person, not the new submission
  });

  it('tells the owner of a confirmed address, and changes nothing', async () => {
    const { register, confirm, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'known@example.org' }), locale: 'fr' });
    await confirm(tokenFrom(mailer.sent[0]));
    await register({ role: 'mentor', signUp: mentor({ email: 'known@example.org', capacity: 5 }), locale: 'fr' });
    expect(mailer.sent.at(-1)!.subject).toContain('déjà inscrit');
    const stored = (await profiles('MENTOR')).filter((p) => p.email === 'known@example.org');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ capacity: 2, status: 'pending_validation' });
  });

  it('sends at most one repeated-sign-up e-mail per address every 15 minutes', async () => {
    const { register, mailer } = setup();
    const base = mentor({ email: 'flooded@example.org' });
    await register({ role: 'mentor', signUp: base, locale: 'fr' });
    for (const capacity of [2, 3, 4, 5]) await register({ role: 'mentor', signUp: { ...base, capacity, bio: `v${capacity}` }, locale: 'fr' });
    expect(mailer.sent).toHaveLength(2); // the verification, then one reminder
    clock.current = new Date(clock.current.getTime() + 16 * 60 * 1000);
    await register({ role: 'mentor', signUp: { ...base, bio: 'later' }, locale: 'fr' });
    expect(mailer.sent).toHaveLength(3);
  });

  it('lets the same address be a mentor and a mentee', async () => {
    const { register, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'both@example.org' }), locale: 'fr' });
    await register({ role: 'mentee', signUp: mentee({ email: 'both@example.org' }), locale: 'fr' });
    expect(mailer.sent.map((m) => m.category)).toEqual(['verify-email', 'verify-email']);
  });

  it('frees an address whose registration expired unverified', async () => {
    const { register, mailer } = setup();
    await register({ role: 'mentee', signUp: mentee({ email: 'late@example.org' }), locale: 'fr' });
    clock.current = new Date(clock.current.getTime() + 8 * 24 * 3600 * 1000);
    await register({ role: 'mentee', signUp: mentee({ email: 'late@example.org', project: 'Nouveau projet' }), locale: 'fr' });
    expect(mailer.sent.map((m) => m.category)).toEqual(['verify-email', 'verify-email']);
    expect(mailer.sent[1]!.text).not.toContain('déjà commencé');
  });

  it('rejects an unknown or inactive partner and writes nothing', async () => {
    const { register, mailer } = setup();
    await dynamoPartnerStore(table.client, table.tableName).put({ id: 'sleepy', name: 'Dormant', kind: 'association', status: 'inactive', dedicatedPool: false, createdAt: clock.now().toISOString() });
    for (const partnerId of ['nobody', 'sleepy']) {
      await expect(register({ role: 'mentee', signUp: mentee({ email: `ref-${partnerId}@example.org`, partnerId }), locale: 'fr' })).rejects.toMatchObject({
        constructor: ValidationFailedError,
        fields: { partnerId: 'Partenaire inconnu ou inactif.' },
      });
    }
    expect(mailer.sent).toHaveLength(0);
    expect((await profiles('MENTEE')).filter((p) => String(p.email).startsWith('ref-'))).toHaveLength(0);
  });

  it("lists a referred mentee under its partner", async () => {
    const { register } = setup();
    await dynamoPartnerStore(table.client, table.tableName).put({ id: 'mission-locale', name: 'Mission locale', kind: 'youth', status: 'active', dedicatedPool: false, createdAt: clock.now().toISOString() });
    await register({ role: 'mentee', signUp: mentee({ email: 'referred@example.org', partnerId: 'mission-locale' }), locale: 'fr' });
    const index = keys.menteesOfPartner('mission-locale');
    const listed = await table.client.send(
      new QueryCommand({ TableName: table.tableName, IndexName: index.index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': index.value } }),
    );
    expect(listed.Items?.map((i) => i.email)).toEqual(['referred@example.org']);
  });

  it('lists sign-ups by creation month for reports', async () => {
    const { register } = setup();
    await register({ role: 'mentee', signUp: mentee({ email: 'monthly@example.org' }), locale: 'fr' });
    const index = keys.createdInMonth(clock.now().toISOString().slice(0, 7));
    const created = await table.client.send(
      new QueryCommand({ TableName: table.tableName, IndexName: index.index, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': index.partitionKey }, ExpressionAttributeValues: { ':pk': index.value } }),
    );
    expect(created.Items?.filter((i) => i.entity === 'Mentee').map((i) => i.email)).toContain('monthly@example.org');
  });

  it('answers 503-worthy errors when the mail fails, and a retry then sends it', async () => {
    const { register, mailer } = setup();
    const signUp = mentor({ email: 'mail-down@example.org' });
    mailer.failNext();
    await expect(register({ role: 'mentor', signUp, locale: 'fr' })).rejects.toBeInstanceOf(ServiceUnavailableError);
    await register({ role: 'mentor', signUp, locale: 'fr' });
    expect(mailer.sent).toHaveLength(1);
    expect((await profiles('MENTOR')).filter((p) => p.email === 'mail-down@example.org')).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never carry personal data through a sign-up, a repeat and a confirmation', async () => {
    const { register, confirm, mailer } = setup();
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
      await register({ role: 'mentor', signUp, locale: 'fr' });
      await register({ role: 'mentor', signUp: { ...signUp, capacity: 4 }, locale: 'fr' });
      mailer.failNext();
      await register({ role: 'mentor', signUp: { ...signUp, capacity: 5 }, locale: 'fr' }).catch(() => undefined);
      await confirm(tokenFrom(mailer.sent[0]));
    } finally {
      restore.forEach((r) => r());
    }
    const logged = lines.join('');
    expect(logged).toContain('Sign-up received'); // the capture works
    for (const secret of ['private.person', 'example.org', 'Zéphyrine', 'Quintavalle', '06 99 88']) expect(logged).not.toContain(secret);
  });
});

describe('e-mail verification', () => {
  it('moves a mentor to pending_validation and a mentee to awaiting_match', async () => {
    const { register, confirm, mailer, store } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'v-mentor@example.org' }), locale: 'fr' });
    await register({ role: 'mentee', signUp: mentee({ email: 'v-mentee@example.org' }), locale: 'fr' });
    expect(await confirm(tokenFrom(mailer.sent[0]))).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
    expect(await confirm(tokenFrom(mailer.sent[1]))).toEqual({ role: 'mentee', personStatus: 'awaiting_match' });

    const verified = await store.findByEmail('mentee', hashEmail('v-mentee@example.org'), clock.now());
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
    const { register, confirm, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'once@example.org' }), locale: 'fr' });
    const token = tokenFrom(mailer.sent[0]);
    await confirm(token);
    await expect(confirm(token)).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('lets only one of two racing confirmations win', async () => {
    const { register, confirm, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'race-confirm@example.org' }), locale: 'fr' });
    const token = tokenFrom(mailer.sent[0]);
    const results = await Promise.allSettled([confirm(token), confirm(token), confirm(token)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('treats an old link as used once the address is confirmed through a newer one', async () => {
    const { register, confirm, mailer } = setup();
    await register({ role: 'mentor', signUp: mentor({ email: 'two-links@example.org' }), locale: 'fr' });
    await register({ role: 'mentor', signUp: mentor({ email: 'two-links@example.org', capacity: 3 }), locale: 'fr' });
    await confirm(tokenFrom(mailer.sent[1]));
    await expect(confirm(tokenFrom(mailer.sent[0]))).rejects.toBeInstanceOf(LinkUsedError);
  });

  it('refuses an expired link', async () => {
    const { register, confirm, mailer } = setup();
    await register({ role: 'mentee', signUp: mentee({ email: 'expired@example.org' }), locale: 'fr' });
    clock.current = new Date(clock.current.getTime() + 49 * 3600 * 1000);
    await expect(confirm(tokenFrom(mailer.sent[0]))).rejects.toBeInstanceOf(LinkExpiredError);
  });
});
