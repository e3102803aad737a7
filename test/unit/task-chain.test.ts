import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { marshall } from '@aws-sdk/util-dynamodb';
import { matchesFilter, OUTBOX_CONSUMERS, outboxStreamFilter } from '../../shared/db/outbox-stream';
import { OUTBOX_JOB_KINDS } from '../../shared/domain/outbox';
import { signUpJobSchema } from '../../shared/domain/sign-up-job';
import { InvalidTaskInputError, LinkExpiredError } from '../../shared/domain/errors';
import { makeOutboxConsumer } from '../../shared/tasks/stream-handler';
import { taskHandler } from '../../shared/tasks/task-handler';
import { lambdaContext } from '../helpers/api-event';
import { validMentor } from '../fixtures/sign-ups';

const job = (overrides: Record<string, unknown> = {}) => ({
  kind: 'sign_up',
  id: '6f1c0b7e-2f0a-4c5e-9a51-0d3b8c1e2f44',
  personId: '0b0c5e2a-7d4f-4f6a-8a43-2c1d5e6f7a8b',
  locale: 'fr',
  recordedAt: '2026-11-26T10:00:00.000Z',
  role: 'mentor',
  signUp: { ...validMentor(), email: 'camille.durand@example.org' },
  ...overrides,
});
const record = (sequence: string, item: Record<string, unknown>, eventName: DynamoDBRecord['eventName'] = 'INSERT'): DynamoDBRecord => ({
  eventID: sequence,
  eventName,
  eventSource: 'aws:dynamodb',
  dynamodb: { SequenceNumber: sequence, NewImage: marshall(item, { removeUndefinedValues: true }) as never },
});

describe('the task chain', () => {
  const handler = taskHandler({ input: z.strictObject({ menteeId: z.string().min(1) }), correlationId: (i) => i.menteeId }, async ({ menteeId }) => {
    if (menteeId === 'expired') throw new LinkExpiredError('expired');
    return { ok: menteeId };
  });

  it('hands the validated input to the task and returns its result', async () => {
    expect(await handler({ menteeId: 'm1' }, lambdaContext)).toEqual({ ok: 'm1' });
  });

  it('refuses an input that fails its schema with InvalidTaskInputError naming the paths, not the values', async () => {
    const error = await handler({ menteeId: '', secret: 'jean@example.org' }, lambdaContext).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTaskInputError);
    expect((error as InvalidTaskInputError).paths.sort()).toEqual(['(root)', 'menteeId']);
    expect((error as Error).message).not.toContain('jean@example.org');
  });

  it('lets domain errors leave with their stable names', async () => {
    await expect(handler({ menteeId: 'expired' }, lambdaContext)).rejects.toMatchObject({ name: 'LinkExpiredError', code: 'link_expired' });
  });
});

describe('the outbox stream filters', () => {
  const jobs = outboxStreamFilter(OUTBOX_CONSUMERS.jobs.kinds);
  const mail = outboxStreamFilter(OUTBOX_CONSUMERS.mail.kinds);

  it("pass a consumer's new or replaced outbox items of its kinds only", () => {
    const signUp = { entity: 'Outbox', kind: 'sign_up', job: job() };
    expect(matchesFilter(jobs, record('1', signUp))).toBe(true);
    expect(matchesFilter(jobs, record('2', signUp, 'MODIFY'))).toBe(true);
    expect(matchesFilter(jobs, record('3', signUp, 'REMOVE'))).toBe(false);
    expect(matchesFilter(mail, record('4', signUp))).toBe(false);
    expect(matchesFilter(mail, record('5', { entity: 'Outbox', kind: 'mail' }))).toBe(true);
    expect(matchesFilter(jobs, record('6', { entity: 'Mentor' }))).toBe(false);
    expect(matchesFilter(jobs, record('7', { PK: 'IDEMPOTENCY', status: 'COMPLETED' }))).toBe(false);
  });

  it('route every job kind to exactly one consumer', () => {
    const routed = Object.values(OUTBOX_CONSUMERS).flatMap((c) => [...c.kinds]);
    expect(routed.sort()).toEqual([...OUTBOX_JOB_KINDS].sort());
  });
});

describe('the outbox consumer', () => {
  it('dispatches each job to the handler of its kind, in order, and reports only the records that failed', async () => {
    const seen: string[] = [];
    const signUp = vi.fn(async (j: { id: string }) => {
      seen.push(j.id);
      if (j.id.endsWith('0000')) throw new Error('mail down');
      return 'created';
    });
    const consumer = makeOutboxConsumer({ sign_up: { schema: signUpJobSchema, handle: signUp } });
    const failing = job({ id: '6f1c0b7e-2f0a-4c5e-9a51-0d3b8c1e0000' });
    const response = await consumer(
      {
        Records: [
          record('10', { entity: 'Outbox', kind: 'sign_up', job: job() }),
          record('11', { entity: 'Outbox', kind: 'sign_up', job: failing }),
          record('12', { entity: 'Outbox', kind: 'sign_up', job: { kind: 'sign_up' } }),
          record('13', { entity: 'Outbox', kind: 'mail', job: { kind: 'mail' } }),
        ],
      },
      lambdaContext,
    );
    expect(seen).toEqual([job().id, failing.id]);
    // 12 is malformed, 13 is a kind this consumer does not do: both refused, neither handled.
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '11' }, { itemIdentifier: '12' }, { itemIdentifier: '13' }]);
  });

  it('calls the per-invocation hook with the Lambda context before any record', async () => {
    const onInvoke = vi.fn();
    await makeOutboxConsumer({ sign_up: { schema: signUpJobSchema, handle: async () => undefined } }, { onInvoke })({ Records: [] }, lambdaContext);
    expect(onInvoke).toHaveBeenCalledWith(lambdaContext);
  });
});
