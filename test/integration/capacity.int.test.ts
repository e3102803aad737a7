/**
 * DynamoDB capacity per business operation, read from DynamoDB Local's consumed-capacity
 * reports, the after-commit consumer's share included (a sign-up is its request plus its job). The bounds are the budget: a change that makes a sign-up or a confirmation cost more
 * (an extra read, a bigger item, a Scan) fails here. Print them with `npm run test:integration
 * -- capacity`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toDocumentClient } from '../../shared/adapters/dynamodb/client';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoSignUpInbox } from '../../shared/adapters/dynamodb/sign-up-inbox';
import { makeSubmitSignUp } from '../../shared/use-cases/submit-sign-up';
import { localDynamoDbClient } from '../../infra/local/dynamodb-local';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeListPartners } from '../../shared/use-cases/list-partners';
import { tokenFrom } from '../helpers/capturing-mailer';
import { capacityMeter, type CapacityUsage } from '../helpers/capacity-meter';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { startOutboxHarness, type OutboxHarness } from '../helpers/outbox';
import { validMentee, validMentor } from '../fixtures/sign-ups';


let table: TestTable;
let hub: OutboxHarness;
const clock = { now: () => new Date('2026-11-26T10:00:00Z') };
const results: Record<string, CapacityUsage> = {};

beforeAll(async () => {
  table = await createTestTable('capacity');
  hub = await startOutboxHarness(table, clock);
});
afterAll(async () => {
  console.table(results);
  await hub.stop();
  await table.drop();
});

describe('capacity units per operation', () => {
  it('stay within the budget', async () => {
    const { measure } = capacityMeter(table.raw);
    // The request on a client of its own, metered apart from the consumers that run meanwhile.
    const requestClient = localDynamoDbClient(table.endpoint);
    const request = capacityMeter(requestClient);
    const submit = makeSubmitSignUp({ inbox: dynamoSignUpInbox(toDocumentClient(requestClient), table.tableName), clock });
    const partners = dynamoPartnerStore(table.client, table.tableName);
    for (let i = 0; i < 34; i++) await partners.put({ id: `p${i}`, name: `Partenaire ${i}`, kind: 'association', status: 'active', dedicatedPool: false, createdAt: clock.now().toISOString() });
    const mentor = validate(mentorSignUpSchema, validMentor(), 'fr');
    const mentee = validate(menteeSignUpSchema, { ...validMentee(), partnerId: 'p1' }, 'fr');

    results['mentor sign-up: request'] = await request.measure(() => submit({ role: 'mentor', signUp: mentor, locale: 'fr' }));
    results['mentor sign-up: consumers'] = await measure(() => hub.drain());
    results['known address: request'] = await request.measure(() => submit({ role: 'mentor', signUp: { ...mentor, capacity: 3 }, locale: 'fr' }));
    results['known address: consumers'] = await measure(() => hub.drain());
    results['mentee sign-up (referred): request + consumers'] = await measure(() => hub.register({ role: 'mentee', signUp: mentee, locale: 'fr' }));
    results['same submission again'] = await measure(() => hub.register({ role: 'mentor', signUp: mentor, locale: 'fr' }));
    results['known address again within 15 min (cooldown): request + consumers'] = await measure(() => hub.register({ role: 'mentor', signUp: { ...mentor, capacity: 4 }, locale: 'fr' }));
    results['e-mail confirmation'] = await measure(() => hub.confirm(tokenFrom(hub.mailer.sent[0])));
    results['same link again'] = await measure(() => hub.confirm(tokenFrom(hub.mailer.sent[0])).catch(() => undefined));
    results['partner list (34)'] = await measure(() => makeListPartners({ partners })());

    // The budget. A transactional write costs twice a plain one, and an item is written again in
    // each index it belongs to, at the size of the projection. An unverified profile is in no
    // index; the effect ledger (Powertools idempotency) adds two small writes per e-mail, the
    // per-address daily mail counter one more (the referred mentee went from 10 to 11 with it).
    const writeBudget: Record<string, number> = {
      'mentor sign-up: request + consumers': 10,
      'mentee sign-up (referred): request + consumers': 11,
      'same submission again': 0,
      'known address: consumers': 9,
      'known address again within 15 min (cooldown): request + consumers': 2,
      'e-mail confirmation': 16,
      'same link again': 0,
      'partner list (34)': 0,
    };
    const sum = (a: CapacityUsage, b: CapacityUsage): CapacityUsage => ({ writeUnits: a.writeUnits + b.writeUnits, readUnits: a.readUnits + b.readUnits, calls: a.calls + b.calls });
    results['mentor sign-up: request + consumers'] = sum(results['mentor sign-up: request']!, results['mentor sign-up: consumers']!);
    // The request is one write, whatever the address's history.
    expect(results['mentor sign-up: request']).toEqual(results['known address: request']);
    expect(results['mentor sign-up: request']!.calls).toBe(1);
    requestClient.destroy();
    for (const [operation, limit] of Object.entries(writeBudget)) expect(results[operation]!.writeUnits, operation).toBeLessThanOrEqual(limit);
    expect(results['partner list (34)']!.readUnits).toBeLessThanOrEqual(1);
    expect(results['partner list (34)']!.calls).toBe(1);
  });
});
