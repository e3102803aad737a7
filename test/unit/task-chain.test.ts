import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { marshall } from '@aws-sdk/util-dynamodb';
import { matchesFilter, OUTBOX_STREAM_FILTER } from '../../shared/db/outbox-stream';
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

describe('the outbox stream filter', () => {
  it('passes new or replaced outbox items only', () => {
    const outbox = { entity: 'Outbox', job: job() };
    expect(matchesFilter(OUTBOX_STREAM_FILTER, record('1', outbox))).toBe(true);
    expect(matchesFilter(OUTBOX_STREAM_FILTER, record('2', outbox, 'MODIFY'))).toBe(true);
    expect(matchesFilter(OUTBOX_STREAM_FILTER, record('3', outbox, 'REMOVE'))).toBe(false);
    expect(matchesFilter(OUTBOX_STREAM_FILTER, record('4', { entity: 'Mentor' }))).toBe(false);
    expect(matchesFilter(OUTBOX_STREAM_FILTER, record('5', { PK: 'IDEMPOTENCY', status: 'COMPLETED' }))).toBe(false);
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
    const consumer = makeOutboxConsumer({ sign_up: signUp });
    const failing = job({ id: '6f1c0b7e-2f0a-4c5e-9a51-0d3b8c1e0000' });
    const response = await consumer(
      {
        Records: [
          record('10', { entity: 'Outbox', job: job() }),
          record('11', { entity: 'Outbox', job: failing }),
          record('12', { entity: 'Outbox', job: { kind: 'sign_up' } }),
        ],
      },
      lambdaContext,
    );
    expect(seen).toEqual([job().id, failing.id]);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: '11' }, { itemIdentifier: '12' }]);
  });

  it('calls the per-invocation hook with the Lambda context before any record', async () => {
    const onInvoke = vi.fn();
    await makeOutboxConsumer({ sign_up: async () => undefined }, { onInvoke })({ Records: [] }, lambdaContext);
    expect(onInvoke).toHaveBeenCalledWith(lambdaContext);
  });
});
