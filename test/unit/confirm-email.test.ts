/**
 * Confirming an address while the link-signing keys cannot be read: the person is told to try
 * again (503, Retry-After), never that the link is invalid — through the use case, and through the
 * real route module wired as at a cold start, with a key file that cannot be read.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLocalEnv } from '../../infra/local/local-env';
import { memoryRegistrationStore } from '../../shared/adapters/memory/registration-store';
import { memoryTable } from '../../shared/adapters/memory/table';
import { keys } from '../../shared/db/keys';
import { LinkUsedError, ServiceUnavailableError } from '../../shared/domain/errors';
import { startMatchingJobSchema } from '../../shared/domain/matching-jobs';
import { makeLinkSigner } from '../../shared/links/signed-links';
import type { Clock } from '../../shared/ports/clock';
import { makeConfirmEmail } from '../../shared/use-cases/confirm-email';
import { newPerson, recordedMail } from '../contract/support';
import { apiEvent, lambdaContext } from '../helpers/api-event';

const clock: Clock = { now: () => new Date() };
const workingKeys = { getKeys: async () => ({ current: new Uint8Array(32).fill(7) }) };
const validToken = async () => (await makeLinkSigner({ keys: workingKeys, clock }).sign('verify_email', 'mentor:0f0e0d0c-0b0a-4900-8800-000000000000', 3600)).token;

describe('confirm-email when the key store is unavailable', () => {
  it('the use case surfaces ServiceUnavailableError and touches no registration', async () => {
    const store = memoryRegistrationStore();
    const get = vi.spyOn(store, 'get');
    const outage = new ServiceUnavailableError('secretsmanager unavailable (ThrottlingException)');
    const confirm = makeConfirmEmail({ store, links: makeLinkSigner({ keys: { getKeys: () => Promise.reject(outage) }, clock }), clock });
    await expect(confirm(await validToken())).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(get).not.toHaveBeenCalled();
  });

  describe('POST /api/verifications with an unreadable local key file', () => {
    type Handler = (event: APIGatewayProxyEventV2, context: typeof lambdaContext) => Promise<APIGatewayProxyStructuredResultV2>;
    let handler: Handler;
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'tandem-nokey-'));
      const env = buildLocalEnv({
        // Never reached: the keys are read first.
        dynamoDbEndpoint: 'http://127.0.0.1:9',
        siteUrl: 'http://localhost:3000',
        smtpHost: '127.0.0.1',
        smtpPort: 9,
        signingKeyFile: join(dir, 'missing', 'signing-key'),
      });
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      // The route module reads its configuration at import, as at a Lambda cold start.
      handler = (await import('../../functions/http/confirm-email')).handler as unknown as Handler;
    });
    afterAll(async () => {
      vi.unstubAllEnvs();
      await rm(dir, { recursive: true, force: true });
    });

    const post = async (token: string, headers: Record<string, string> = {}) => {
      const res = await handler(apiEvent({ method: 'POST', path: '/api/verifications', body: JSON.stringify({ token }), headers }), lambdaContext);
      return { status: res.statusCode, headers: res.headers ?? {}, body: JSON.parse(String(res.body)) };
    };

    it('answers 503 service_unavailable with Retry-After, not link_invalid', async () => {
      const res = await post(await validToken());
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.error.code).toBe('service_unavailable');
    });

    it('still refuses a malformed token as link_invalid: its form is checked before any key is read', async () => {
      const res = await post(`${await validToken()}=`);
      expect(res).toMatchObject({ status: 400, body: { error: { code: 'link_invalid' } } });
    });
  });
});

describe('confirm-email starts a mentee’s matching', () => {
  const signer = makeLinkSigner({ keys: workingKeys, clock });
  const setup = async (role: 'mentor' | 'mentee') => {
    const table = memoryTable();
    const store = memoryRegistrationStore(table);
    const { person, emailHash } = newPerson({ role });
    const now = clock.now();
    await store.create({ person, emailHash, now, retentionSeconds: 3600, mail: recordedMail(person, `${person.id}.verification`, undefined, now) });
    const token = (await signer.sign('verify_email', `${role}:${person.id}`, 3600)).token;
    return { table, store, person, token, confirm: makeConfirmEmail({ store, links: signer, clock, newId: () => 'a6a7b8c9-0000-4000-8000-000000000001' }) };
  };

  it('a verified mentee is at matching attempt 1, and the start job is recorded in the same transaction', async () => {
    const { table, store, person, token, confirm } = await setup('mentee');
    expect(await confirm(token)).toEqual({ role: 'mentee', personStatus: 'awaiting_match' });
    expect(await store.get('mentee', person.id)).toMatchObject({ status: 'awaiting_match', matchingAttempt: 1 });
    const item = table.get(keys.outbox('start_matching', `start_matching#${person.id}#1`));
    expect(item?.job).toEqual({ kind: 'start_matching', id: 'a6a7b8c9-0000-4000-8000-000000000001', locale: person.locale, recordedAt: expect.any(String), menteeId: person.id, attempt: 1 });
    expect(startMatchingJobSchema.safeParse(item?.job).success).toBe(true);
    // The link used again: refused, and no second job.
    await expect(confirm(token)).rejects.toBeInstanceOf(LinkUsedError);
    expect(table.scan().filter((i) => i.kind === 'start_matching')).toHaveLength(1);
  });

  it('a verified mentor starts no matching', async () => {
    const { table, store, person, token, confirm } = await setup('mentor');
    expect(await confirm(token)).toEqual({ role: 'mentor', personStatus: 'pending_validation' });
    expect(await store.get('mentor', person.id)).not.toHaveProperty('matchingAttempt');
    expect(table.scan().filter((i) => i.kind === 'start_matching')).toEqual([]);
  });
});
