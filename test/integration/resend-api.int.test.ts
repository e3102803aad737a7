/**
 * POST /api/verifications/resend as Lambda runs it: the real handler module (middy chain, wiring
 * from environment variables), DynamoDB Local, the real consumer modules fed from the table's
 * stream, and SMTP into the local mail catcher. Same answer whatever the address.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLocalEnv, ensureSigningKey } from '../../infra/local/local-env';
import { startMailCatcher, type MailCatcher } from '../../infra/local/mail-catcher';
import { startOutboxPollers, type StreamPoller } from '../../infra/local/stream-poller';
import { apiEvent, lambdaContext } from '../helpers/api-event';
import { createTestTable, type TestTable } from '../helpers/dynamodb';
import { validMentor } from '../fixtures/sign-ups';

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let table: TestTable;
let catcher: MailCatcher;
let registerMentor: Handler;
let resend: Handler;
let poller: StreamPoller;

async function call(handler: Handler, event: APIGatewayProxyEventV2) {
  const res = await handler(event, lambdaContext);
  return { status: res.statusCode, body: JSON.parse(String(res.body)) };
}
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  apiEvent({ method: 'POST', path, body: typeof body === 'string' ? body : JSON.stringify(body), headers });
const PATH = '/api/verifications/resend';

async function itemCount() {
  const all = await table.client.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }));
  return all.Count ?? 0;
}

beforeAll(async () => {
  table = await createTestTable('resend-api');
  catcher = await startMailCatcher();
  const keyFile = join(await mkdtemp(join(tmpdir(), 'tandem-key-')), 'signing-key');
  await ensureSigningKey(keyFile);
  Object.assign(
    process.env,
    buildLocalEnv({
      dynamoDbEndpoint: table.endpoint,
      siteUrl: 'http://localhost:3000',
      smtpHost: catcher.smtpHost,
      smtpPort: catcher.smtpPort,
      signingKeyFile: keyFile,
      tableName: table.tableName,
    }),
  );
  // Handlers read their configuration at import, as at a Lambda cold start.
  registerMentor = (await import('../../functions/http/register-mentor')).handler as unknown as Handler;
  resend = (await import('../../functions/http/resend-verification')).handler as unknown as Handler;
  poller = await startOutboxPollers({ endpoint: table.endpoint, tableName: table.tableName, rootDir: fileURLToPath(new URL('../..', import.meta.url)), idleMs: 20, log: () => undefined });
});

afterAll(async () => {
  await poller?.stop();
  await catcher?.stop();
  await table?.drop();
});

describe('POST /api/verifications/resend', () => {
  it('answers 202 with the same body for a known and an unknown address; only the known one gets a mail', async () => {
    expect((await call(registerMentor, post('/api/mentors', { ...validMentor(), email: 'known.resend@example.org' }))).status).toBe(202);
    await catcher.waitFor((m) => m.to.includes('known.resend@example.org'));

    const known = await call(resend, post(PATH, { role: 'mentor', email: 'Known.Resend@example.org ' }));
    const unknown = await call(resend, post(PATH, { role: 'mentor', email: 'unknown.resend@example.org' }));
    expect(known).toEqual({ status: 202, body: { status: 'verification_resent', message: expect.stringContaining('nouvel e-mail') } });
    expect(unknown).toEqual(known);

    const reminder = await catcher.waitFor((m) => m.to.includes('known.resend@example.org') && m.text.includes('déjà commencé'));
    expect(reminder.text).toMatch(/verify\.html#token=[\w.-]+/);
    await poller.drain();
    expect(catcher.list().filter((m) => m.to.includes('unknown.resend@example.org'))).toEqual([]);
  });

  it('answers in English after Accept-Language', async () => {
    const res = await call(resend, post(PATH, { role: 'mentee', email: 'english@example.org' }, { 'accept-language': 'en' }));
    expect(res).toEqual({ status: 202, body: { status: 'verification_resent', message: expect.stringContaining('new e-mail') } });
  });

  it.each([
    ['a missing address', { role: 'mentor' }, 'validation_failed'],
    ['an invalid address', { role: 'mentor', email: 'not-an-address' }, 'validation_failed'],
    ['an unknown role', { role: 'admin', email: 'a@example.org' }, 'validation_failed'],
    ['an unknown field', { role: 'mentor', email: 'a@example.org', extra: 1 }, 'validation_failed'],
    ['malformed JSON', '{"role":', 'malformed_json'],
  ])('answers 400 to %s and writes nothing', async (_name, body, code) => {
    const before = await itemCount();
    const res = await call(resend, post(PATH, body));
    expect(res).toMatchObject({ status: 400, body: { error: { code } } });
    expect(await itemCount()).toBe(before);
  });
});
