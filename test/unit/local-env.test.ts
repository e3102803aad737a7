import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLocalEnv, ensureSigningKey } from '../../infra/local/local-env';
import { loadMailConfig, loadSigningConfig, loadTableConfig } from '../../shared/config/runtime-config';

describe('buildLocalEnv', () => {
  const input = {
    dynamoDbEndpoint: 'http://127.0.0.1:45678',
    siteUrl: 'http://localhost:3000',
    smtpHost: '127.0.0.1',
    smtpPort: 2525,
    signingKeyFile: '/repo/.local/signing-key',
  };

  it('satisfies every configuration group the handlers parse at cold start', () => {
    // Act
    const env = buildLocalEnv(input, {});

    // Assert: the same loaders the functions use accept it.
    expect(loadTableConfig(env)).toEqual({ stage: 'local', tableName: 'tandem-local', endpoint: 'http://127.0.0.1:45678' });
    expect(loadMailConfig(env)).toEqual({
      transport: 'smtp',
      from: 'Tandem CCI <no-reply@tandem.local>',
      host: '127.0.0.1',
      port: 2525,
      siteUrl: 'http://localhost:3000',
      operator: { name: 'CCI Aix-Marseille-Provence', contactEmail: 'contact@cciamp.example', postalAddress: '9 La Canebière, 13001 Marseille', programmeEmail: 'tandem@cciamp.example' },
    });
    expect(loadSigningConfig(env)).toEqual({ source: 'file', file: '/repo/.local/signing-key' });
    expect(env).toMatchObject({ AWS_REGION: 'eu-west-3', AWS_ACCESS_KEY_ID: 'local', POWERTOOLS_SERVICE_NAME: 'tandem' });
  });

  it("keeps the user's own AWS region and credentials", () => {
    const env = buildLocalEnv(input, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'mine', AWS_SECRET_ACCESS_KEY: 'own' });
    expect(env).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'mine', AWS_SECRET_ACCESS_KEY: 'own' });
  });
});

describe('ensureSigningKey', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-key-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a 32-byte base64 key readable by its owner only, once', async () => {
    const file = join(dir, 'nested', 'signing-key');

    expect(await ensureSigningKey(file)).toBe(true);
    const first = await readFile(file, 'utf8');
    expect(Buffer.from(first, 'base64')).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    expect(await ensureSigningKey(file)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(first);
  });
});
