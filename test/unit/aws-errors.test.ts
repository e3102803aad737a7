import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { isTransientAwsError, translateAwsError, withErrorTranslation } from '../../shared/adapters/aws-errors';
import { makeDynamoDbClient } from '../../shared/adapters/dynamodb/client';
import { ServiceUnavailableError } from '../../shared/domain/errors';
import { findFreePort } from '../../infra/local/free-port';

const sdkError = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('translation of AWS SDK errors (adapters)', () => {
  it.each([
    ['a throttled DynamoDB call', sdkError('ThrottlingException')],
    ['exceeded provisioned throughput', sdkError('ProvisionedThroughputExceededException')],
    ['a retryable SDK error', sdkError('SomethingElse', { $retryable: { throttling: false } })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['a transaction conflict', sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }] })],
  ])('turns %s into ServiceUnavailableError, keeping the original as cause', (_name, error) => {
    const translated = translateAwsError(error, 'DynamoDB');
    expect(translated).toBeInstanceOf(ServiceUnavailableError);
    expect((translated as ServiceUnavailableError).name).toBe('ServiceUnavailableError');
    expect((translated as ServiceUnavailableError).cause).toBe(error);
  });

  it.each([
    ['a failed condition', sdkError('ConditionalCheckFailedException')],
    ['a cancelled transaction with a failed condition', sdkError('TransactionCanceledException', { CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }] })],
    ['a validation error (a bug)', sdkError('ValidationException')],
    ['a plain error', new Error('boom')],
  ])('leaves %s untouched for the adapter to interpret', (_name, error) => {
    expect(isTransientAwsError(error)).toBe(false);
    expect(translateAwsError(error, 'DynamoDB')).toBe(error);
  });

  it('is installed on the clients the adapters create: a refused connection surfaces as ServiceUnavailableError', async () => {
    vi.stubEnv('AWS_REGION', 'eu-west-3');
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'local');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'local');
    const port = await findFreePort();
    const client = makeDynamoDbClient({ endpoint: `http://127.0.0.1:${port}` });
    client.config.maxAttempts = async () => 1;
    await expect(client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'x' } } }))).rejects.toBeInstanceOf(ServiceUnavailableError);
    client.destroy();
    vi.unstubAllEnvs();
  });

  it('runs after the SDK retries, outermost, so a retried success is not translated', async () => {
    const client = withErrorTranslation(new DynamoDBClient({ region: 'eu-west-3', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }), 'DynamoDB');
    let calls = 0;
    client.middlewareStack.add(
      () => async () => {
        calls += 1;
        if (calls === 1) throw sdkError('ThrottlingException', { $retryable: { throttling: true }, $metadata: {} });
        return { output: { $metadata: {} }, response: {} };
      },
      { step: 'finalizeRequest', name: 'fakeTransport', priority: 'low' },
    );
    await expect(client.send(new GetItemCommand({ TableName: 't', Key: { PK: { S: 'x' } } }))).resolves.toBeDefined();
    expect(calls).toBe(2);
    client.destroy();
  });
});
