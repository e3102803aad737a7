/**
 * Error names must survive bundling: minifiers rename classes (`new LinkExpiredError().name` was
 * 's' in the bundle), and Step Functions Retry/Catch, the logs and the alarms match on names.
 * These tests bundle functions with the very esbuild options CDK uses, load the bundles in a
 * fresh Node process and look at the names that come out.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions } from '../../infra/constructs/bundling';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tandem-bundled-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `script` as an ES module in a fresh Node process with only `env`; returns its output lines (stdout, then stderr). */
function runNode(script: string, env: Record<string, string>): string[] {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
  if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`);
  return `${result.stdout}\n${result.stderr}`.split('\n').filter(Boolean);
}

async function bundle(entry: string): Promise<string> {
  const outfile = path.join(dir, `${path.basename(entry, '.ts')}.mjs`);
  await build(esbuildOptions(entry, outfile));
  return pathToFileURL(outfile).href;
}

describe('error names in bundled functions', () => {
  it('a task function throws domain errors under their own names, minified or not', async () => {
    const url = await bundle('test/fixtures/failing-task.ts');
    const lines = runNode(
      `const { handler } = await import(${JSON.stringify(url)});
       const context = { functionName: 'f', awsRequestId: 'r', getRemainingTimeInMillis: () => 1000 };
       for (const fail of ['link_expired', 'unavailable', 'superseded', 'nonsense']) {
         try { await handler({ fail }, context); } catch (e) { console.log('NAME ' + e.name + ' ' + e.code); }
       }`,
      { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    );
    expect(lines.filter((l) => l.startsWith('NAME '))).toEqual([
      'NAME LinkExpiredError link_expired',
      'NAME ServiceUnavailableError service_unavailable',
      // The name the matching workflow's Catch matches (WORKFLOW_ERRORS.superseded).
      'NAME MatchingSuperseded matching_superseded',
      'NAME InvalidTaskInputError invalid_task_input',
    ]);
  });

  it('the bundled stream consumer reports a malformed job by its error name and fails only that record', async () => {
    const url = await bundle('functions/stream/consume-outbox.ts');
    const event = {
      Records: [
        {
          eventID: '1',
          eventName: 'INSERT',
          eventSource: 'aws:dynamodb',
          dynamodb: { SequenceNumber: '42', NewImage: { entity: { S: 'Outbox' }, kind: { S: 'sign_up' }, job: { M: { kind: { S: 'sign_up' } } } } },
        },
      ],
    };
    const lines = runNode(
      `const { handler } = await import(${JSON.stringify(url)});
       const context = { functionName: 'ConsumeOutbox', awsRequestId: 'r', getRemainingTimeInMillis: () => 60000 };
       const response = await handler(${JSON.stringify(event)}, context);
       console.log('RESPONSE ' + JSON.stringify(response));`,
      {
        AWS_REGION: 'eu-west-3',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'x',
        STAGE: 'test',
        TABLE_NAME: 'tandem-test',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
        MAIL_TRANSPORT: 'ses',
        MAIL_FROM: 'no-reply@example.org',
        SES_CONFIGURATION_SET: 'tandem',
        SITE_URL: 'https://tandem.example.org',
        SIGNING_KEY_SOURCE: 'secrets-manager',
        SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:000000000000:secret:x',
        STATE_MACHINE_ARN: 'arn:aws:states:eu-west-3:000000000000:stateMachine:tandem-test-matching',
      },
    );
    const failure = lines.map((l) => (l.startsWith('{') ? (JSON.parse(l) as { message?: string; error?: { name?: string } }) : undefined)).find((l) => l?.message === 'Outbox job failed');
    expect(failure?.error?.name).toBe('InvalidTaskInputError');
    expect(lines.find((l) => l.startsWith('RESPONSE '))).toBe('RESPONSE {"batchItemFailures":[{"itemIdentifier":"42"}]}');
  });
});
