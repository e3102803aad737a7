/**
 * The HTTP handler modules as Lambda runs them, for integration tests: a DynamoDB Local table, the
 * local mail catcher, a signing key, the environment the handlers parse at import (a cold start),
 * and the real outbox consumer modules fed from the table's stream. `handler(path)` imports a
 * module after the environment is set.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildLocalEnv, ensureSigningKey } from '../../infra/local/local-env';
import { startMailCatcher } from '../../infra/local/mail-catcher';
import { startOutboxPollers } from '../../infra/local/stream-poller';
import { apiEvent, lambdaContext } from './api-event';
import { createTestTable } from './dynamodb';

export type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function startHandlerStack(prefix: string) {
  const table = await createTestTable(prefix);
  const catcher = await startMailCatcher();
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
  const poller = await startOutboxPollers({ endpoint: table.endpoint, tableName: table.tableName, rootDir: ROOT, idleMs: 20, log: () => undefined });
  return {
    table,
    catcher,
    poller,
    /** The `handler` export of a module under functions/ (path relative to the repository root). */
    handler: async (path: string) => ((await import(join(ROOT, path))) as { handler: unknown }).handler as Handler,
    async call(handler: Handler, event: APIGatewayProxyEventV2) {
      const res = await handler(event, lambdaContext);
      return { status: res.statusCode, body: JSON.parse(String(res.body)) };
    },
    post: (path: string, body: unknown, headers: Record<string, string> = {}) =>
      apiEvent({ method: 'POST', path, body: typeof body === 'string' ? body : JSON.stringify(body), headers }),
    async itemCount() {
      const all = await table.client.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }));
      return all.Count ?? 0;
    },
    async stop() {
      await poller.stop();
      await catcher.stop();
      await table.drop();
    },
  };
}

export type HandlerStack = Awaited<ReturnType<typeof startHandlerStack>>;
