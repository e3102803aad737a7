/**
 * DynamoDB capacity per business operation, read from DynamoDB Local's consumed-capacity
 * reports. The bounds are the budget: a change that makes a sign-up or a confirmation cost more
 * (an extra read, a bigger item, a Scan) fails here. Print them with `npm run test:integration
 * -- capacity`.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoPartnerStore } from '../../shared/adapters/dynamodb/partner-store';
import { dynamoRegistrationStore } from '../../shared/adapters/dynamodb/registration-store';
import { menteeSignUpSchema, mentorSignUpSchema } from '../../shared/domain/sign-up-schemas';
import { validate } from '../../shared/domain/validation';
import { makeLinkSigner } from '../../shared/links/signed-links';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { makeListPartners } from '../../shared/use-cases/list-partners';
import { makeRegisterPerson } from '../../shared/use-cases/register-person';
import { capturingMailer, tokenFrom } from '../helpers/capturing-mailer';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { validMentee, validMentor } from '../fixtures/sign-ups';

/** Capacity units as DynamoDB Local reports them (table and indexes together), and the calls made. */
interface Usage {
  units: number;
  calls: number;
}

/**
 * Asks every command for its consumed capacity and adds it up. A cancelled transaction reports
 * none to the SDK (DynamoDB still bills it): its call is counted, its units are not.
 */
function meter(client: DynamoDBDocumentClient) {
  const usage: Usage = { units: 0, calls: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
      usage.calls += 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const c of [consumed].flat() as Array<{ CapacityUnits?: number } | undefined>) usage.units += c?.CapacityUnits ?? 0;
      return result;
    },
    { step: 'initialize', name: 'capacityMeter' },
  );
  return {
    async measure(operation: () => Promise<unknown>): Promise<Usage> {
      usage.units = 0;
      usage.calls = 0;
      await operation();
      return { ...usage };
    },
  };
}

let table: TestTable;
const clock = { now: () => new Date('2026-11-26T10:00:00Z') };
const results: Record<string, Usage> = {};

beforeAll(async () => {
  table = await createTestTable('capacity');
});
afterAll(async () => {
  console.table(results);
  await table.drop();
});

describe('capacity units per operation', () => {
  it('stay within the budget', async () => {
    const { measure } = meter(table.client);
    const store = dynamoRegistrationStore(table.client, table.tableName);
    const partners = dynamoPartnerStore(table.client, table.tableName);
    const mailer = capturingMailer();
    const links = makeLinkSigner({ keys: { getKey: async () => new Uint8Array(32).fill(3) }, clock });
    const register = makeRegisterPerson({ store, mailer, links, clock, siteUrl: 'https://tandem.example' });
    const confirm = makeConfirmEmail({ store, links, clock });
    for (let i = 0; i < 34; i++) await partners.put({ id: `p${i}`, name: `Partenaire ${i}`, kind: 'association', status: 'active', dedicatedPool: false, createdAt: clock.now().toISOString() });
    const mentor = validate(mentorSignUpSchema, validMentor(), 'fr');
    const mentee = validate(menteeSignUpSchema, { ...validMentee(), partnerId: 'p1' }, 'fr');

    results['mentor sign-up'] = await measure(() => register({ role: 'mentor', signUp: mentor, locale: 'fr' }));
    results['mentee sign-up (referred)'] = await measure(() => register({ role: 'mentee', signUp: mentee, locale: 'fr' }));
    results['same submission again'] = await measure(() => register({ role: 'mentor', signUp: mentor, locale: 'fr' }));
    results['known address, new submission'] = await measure(() => register({ role: 'mentor', signUp: { ...mentor, capacity: 4 }, locale: 'fr' }));
    results['e-mail confirmation'] = await measure(() => confirm(tokenFrom(mailer.sent[0])));
    results['same link again'] = await measure(() => confirm(tokenFrom(mailer.sent[0])).catch(() => undefined));
    results['partner list (34)'] = await measure(() => makeListPartners({ partners })());

    // Transactional writes cost twice a plain write, and every GSI an item is in is written too:
    // a ~1.5 KB profile in two GSIs is 2 KB × 3 × 2 = 12 units of the sign-up's 16.
    const budget: Record<string, Usage> = {
      'mentor sign-up': { units: 18, calls: 1 },
      'mentee sign-up (referred)': { units: 22, calls: 1 },
      'same submission again': { units: 18, calls: 1 },
      'known address, new submission': { units: 14, calls: 6 },
      'e-mail confirmation': { units: 24, calls: 2 },
      'same link again': { units: 24, calls: 3 },
      'partner list (34)': { units: 2, calls: 1 },
    };
    for (const [operation, limit] of Object.entries(budget)) {
      expect(results[operation]!.units, operation).toBeLessThanOrEqual(limit.units);
      expect(results[operation]!.calls, operation).toBeLessThanOrEqual(limit.calls);
    }
  });
});
