import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { describe, expect, it } from 'vitest';
import { AppFunction } from '../../infra/constructs/app-function';
import { build } from 'esbuild';
import { EXTERNAL_MODULES, UNREACHED_CREDENTIAL_PROVIDERS, esbuildOptions } from '../../infra/constructs/bundling';
import { SingleTable } from '../../infra/constructs/single-table';
import { testContext } from './synth';

const ENTRY = 'functions/http/get-reference.ts';

function stack() {
  const app = new App({ context: testContext() });
  return new Stack(app, 'Test');
}

describe('AppFunction', () => {
  it("merges the caller's environment over the defaults instead of dropping it", () => {
    // Arrange
    const s = stack();
    const table = new SingleTable(s, 'Data');
    // Act
    new AppFunction(s, 'Fn', {
      entry: ENTRY,
      stage: 'test',
      capabilities: ['table'],
      tableAccess: [{ actions: ['GetItem'] }],
      bindings: { table },
      environment: { EXTRA: 'kept', POWERTOOLS_LOG_LEVEL: 'WARN' },
    });
    // Assert
    const fn = Object.values(Template.fromStack(s).findResources('AWS::Lambda::Function'))[0]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      EXTRA: 'kept',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      POWERTOOLS_SERVICE_NAME: 'tandem',
      STAGE: 'test',
      TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
    });
  });

  it('fails the synth when a capability has no binding, instead of deploying a function without it', () => {
    const s = stack();
    expect(() => new AppFunction(s, 'NoTable', { entry: ENTRY, stage: 't', capabilities: ['table'] })).toThrow(
      /NoTable: capability "table" needs bindings.table/,
    );
    const table = new SingleTable(s, 'Data');
    expect(() => new AppFunction(s, 'NoActions', { entry: ENTRY, stage: 't', capabilities: ['table'], bindings: { table } })).toThrow(
      /NoActions: capability "table" needs tableAccess/,
    );
    expect(() => new AppFunction(s, 'NoCapability', { entry: ENTRY, stage: 't', tableAccess: [{ actions: ['GetItem'] }], bindings: { table } })).toThrow(
      /NoCapability: tableAccess needs the "table" capability/,
    );
    expect(() => new AppFunction(s, 'NoSecret', { entry: ENTRY, stage: 't', capabilities: ['signing-key'] })).toThrow(
      /bindings.signingSecret/,
    );
  });

  it('signing-key: env names the secret and the role may read exactly that secret', () => {
    const s = stack();
    const secret = new Secret(s, 'Key');
    new AppFunction(s, 'Fn', { entry: ENTRY, stage: 't', capabilities: ['signing-key'], bindings: { signingSecret: secret } });
    const t = Template.fromStack(s);
    const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0]!;
    expect(fn.Properties.Environment.Variables).toMatchObject({
      SIGNING_KEY_SOURCE: 'secrets-manager',
      SIGNING_SECRET_ARN: { Ref: expect.stringMatching(/^Key/) },
    });
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const read = statements.find((st: { Action: string[] }) => [st.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(read.Resource).toEqual({ Ref: expect.stringMatching(/^Key/) });
  });

  it('needs no AWS managed policy: its role only writes its own log group', () => {
    const s = stack();
    new AppFunction(s, 'Fn', { entry: ENTRY, stage: 't', tracing: false });
    const t = Template.fromStack(s);
    const role = Object.values(t.findResources('AWS::IAM::Role'))[0]!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);
    expect(statements).toEqual([
      {
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [expect.stringMatching(/^FnLogGroup/), 'Arn'] },
      },
    ]);
  });

  it('really bundles a handler: ESM with the require shim, AWS SDK inside, nodemailer and the unreached credential providers left out, as esbuildOptions does', async () => {
    // Arrange: bundling enabled (the other tests skip it), a handler that uses the DynamoDB client.
    const outdir = mkdtempSync(path.join(tmpdir(), 'tandem-bundle-'));
    try {
      const { 'aws:cdk:bundling-stacks': _skipped, ...context } = testContext();
      const app = new App({ outdir, context });
      const s = new Stack(app, 'Bundled');
      const table = new SingleTable(s, 'Data');
      const entry = 'functions/http/list-partners.ts';
      new AppFunction(s, 'Fn', { entry, stage: 't', capabilities: ['table'], tableAccess: [{ index: 'GSI1', actions: ['Query'] }], bindings: { table } });
      // Act
      app.synth();
      // Assert
      const assetDir = readdirSync(outdir).find((d) => d.startsWith('asset.') && existsSync(path.join(outdir, d, 'index.mjs')));
      expect(assetDir).toBeDefined();
      const code = readFileSync(path.join(outdir, assetDir!, 'index.mjs'), 'utf8');
      expect(code.startsWith("import { createRequire as __cr } from 'node:module';")).toBe(true);
      expect(code).not.toMatch(/from\s*["']@aws-sdk\//);
      expect(code).toContain('DynamoDB');
      expect(existsSync(path.join(outdir, assetDir!, 'index.mjs.map'))).toBe(true);
      expect(EXTERNAL_MODULES).toEqual(expect.arrayContaining(['nodemailer', ...UNREACHED_CREDENTIAL_PROVIDERS]));
      // The credential providers Lambda never loads stay as import(), resolved only if ever reached.
      expect(code).toContain('import("@aws-sdk/credential-provider-ini")');
      // Size budget (test/infra/bundles.test.ts): `import { z } from 'zod'` (all locales) or the
      // communes data in a function that does not need them would break it.
      expect(Buffer.byteLength(code)).toBeLessThanOrEqual(400 * 1024);
      expect(code).not.toContain('Marseille');
      // CDK's bundle is the one the bundle tests and the benchmark measure: byte for byte the same
      // code as esbuildOptions gives, but for CDK's source map reference.
      const { outputFiles } = await build({ ...esbuildOptions(entry, path.join(outdir, 'direct.mjs')), write: false });
      expect(code.replace(/\n\/\/# sourceMappingURL=index\.mjs\.map\n?$/, '\n')).toBe(outputFiles[0]!.text);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
