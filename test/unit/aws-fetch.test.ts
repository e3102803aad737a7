/**
 * The signed-fetch adapters (SES SendEmail, Secrets Manager GetSecretValue) against a local
 * stand-in of the AWS endpoints: what they send, how they are signed, how failures translate; and
 * the local key files.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../shared/adapters/mail/mailers';
import { fileSigningKey, NEW_KEY_DELAY_SECONDS, SECRET_CACHE_SECONDS, secretsManagerSigningKey } from '../../shared/adapters/secrets/signing-keys';
import { DependencyRejectedError, ServiceUnavailableError } from '../../shared/domain/errors';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}
let server: Server;
let endpoint: string;
const seen: Seen[] = [];
type Reply = { status: number; body: unknown };
/** The answer to every request, or one chosen from the request's body. */
let reply: Reply | ((body: Record<string, unknown>) => Reply) = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const body = raw ? JSON.parse(raw) : undefined;
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const answer = typeof reply === 'function' ? reply(body ?? {}) : reply;
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  reply = { status: 200, body: {} };
});

const env = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'session', AWS_REGION: 'eu-west-3' };
const key32 = (byte: number) => Buffer.alloc(32, byte).toString('base64');
const mail = { to: 'a@example.org', subject: 'S', text: 'T', html: '<p>H</p>', category: 'verify-email' };

describe('SES mailer', () => {
  it('sends SendEmail v2 through the configuration set with a category tag, signed for ses in the region', async () => {
    const mailer = sesMailer({ from: 'Tandem <no-reply@cci.example>', configurationSet: 'tandem-prod' }, { endpoint, env });
    await mailer.send(mail);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/v2/email/outbound-emails' });
    expect(seen[0]!.body).toEqual({
      FromEmailAddress: 'Tandem <no-reply@cci.example>',
      Destination: { ToAddresses: ['a@example.org'] },
      ConfigurationSetName: 'tandem-prod',
      EmailTags: [{ Name: 'category', Value: 'verify-email' }],
      Content: { Simple: { Subject: { Data: 'S', Charset: 'UTF-8' }, Body: { Text: { Data: 'T', Charset: 'UTF-8' }, Html: { Data: '<p>H</p>', Charset: 'UTF-8' } } } },
    });
    expect(seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-3\/ses\/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/);
    expect(seen[0]!.headers['x-amz-security-token']).toBe('session');
  });

  it('reports throttling as ServiceUnavailableError (retry later) after its own quick retries', async () => {
    reply = { status: 429, body: { __type: 'TooManyRequestsException', message: 'slow down' } };
    const mailer = sesMailer({ from: 'x@cci.example', configurationSet: 'c' }, { endpoint, env });
    await expect(mailer.send(mail)).rejects.toBeInstanceOf(ServiceUnavailableError);
    expect(seen.length).toBe(3);
  });

  it('reports a rejected message as DependencyRejectedError naming the SES error type only', async () => {
    reply = { status: 400, body: { __type: 'MessageRejected', message: 'Email address is not verified: a@example.org' } };
    const mailer = sesMailer({ from: 'x@cci.example', configurationSet: 'c' }, { endpoint, env });
    const error = await mailer.send(mail).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyRejectedError);
    expect(error).toMatchObject({ name: 'DependencyRejectedError', reason: 'MessageRejected' });
    expect((error as Error).message).not.toContain('a@example.org');
  });

  it('reports an unreachable endpoint as ServiceUnavailableError', async () => {
    const mailer = sesMailer({ from: 'x@cci.example', configurationSet: 'c' }, { endpoint: 'http://127.0.0.1:9', env });
    await expect(mailer.send(mail)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});

describe('Secrets Manager signing keys', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:signing';
  const key = Buffer.alloc(48, 5).toString('base64');
  const oldKey = Buffer.alloc(48, 4).toString('base64');
  /** Secrets Manager's answer when no version carries the AWSPREVIOUS label (a secret never rotated). */
  const noPrevious = { status: 400, body: { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS" } };
  /** AWSCURRENT (created at `createdAt`, epoch seconds) and, when given, AWSPREVIOUS. */
  const versions =
    (current: { value: string; createdAt?: number }, previous?: string) =>
    (body: Record<string, unknown>): Reply => {
      if (body.VersionStage === 'AWSPREVIOUS') return previous ? { status: 200, body: { SecretString: previous, VersionStages: ['AWSPREVIOUS'] } } : noPrevious;
      return { status: 200, body: { SecretString: current.value, VersionStages: ['AWSCURRENT'], ...(current.createdAt !== undefined ? { CreatedDate: current.createdAt } : {}) } };
    };

  it('reads AWSCURRENT and AWSPREVIOUS with GetSecretValue and reuses them for five minutes', async () => {
    reply = versions({ value: key }, oldKey);
    let clock = 0;
    const provider = secretsManagerSigningKey(arn, { endpoint, env }, () => clock);
    const keys = await provider.getKeys();
    expect(Buffer.from(keys.current)).toEqual(Buffer.alloc(48, 5));
    expect(Buffer.from(keys.previous!)).toEqual(Buffer.alloc(48, 4));
    await provider.getKeys();
    expect(seen).toHaveLength(2);
    expect(seen.map((s) => s.body)).toEqual(expect.arrayContaining([{ SecretId: arn }, { SecretId: arn, VersionStage: 'AWSPREVIOUS' }]));
    for (const request of seen) {
      expect(request.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
      expect(request.headers['content-type']).toBe('application/x-amz-json-1.1');
      expect(request.headers.authorization).toContain('/secretsmanager/aws4_request');
    }
    clock = 301_000;
    await provider.getKeys();
    expect(seen).toHaveLength(4);
  });

  it('has no previous key when the secret has no AWSPREVIOUS version', async () => {
    reply = versions({ value: key });
    const keys = await secretsManagerSigningKey(arn, { endpoint, env }, () => 0).getKeys();
    expect(keys.current.byteLength).toBe(48);
    expect(keys.previous).toBeUndefined();
  });

  it('keeps signing with the previous key until a new AWSCURRENT is older than every cached copy', async () => {
    const rotatedAt = 1_800_000_000;
    reply = versions({ value: key, createdAt: rotatedAt }, oldKey);
    const at = (seconds: number) => secretsManagerSigningKey(arn, { endpoint, env }, () => seconds * 1000).getKeys();
    const fresh = await at(rotatedAt + 10);
    expect(Buffer.from(fresh.current)).toEqual(Buffer.alloc(48, 4));
    expect(Buffer.from(fresh.previous!)).toEqual(Buffer.alloc(48, 5));
    const settled = await at(rotatedAt + NEW_KEY_DELAY_SECONDS);
    expect(Buffer.from(settled.current)).toEqual(Buffer.alloc(48, 5));
    expect(Buffer.from(settled.previous!)).toEqual(Buffer.alloc(48, 4));
    expect(NEW_KEY_DELAY_SECONDS).toBeGreaterThan(SECRET_CACHE_SECONDS);
  });

  it('reports a failed AWSPREVIOUS read other than "no such version" instead of dropping the previous key', async () => {
    reply = (body) => (body.VersionStage === 'AWSPREVIOUS' ? { status: 503, body: { __type: 'ServiceUnavailable' } } : { status: 200, body: { SecretString: key } });
    await expect(secretsManagerSigningKey(arn, { endpoint, env }, () => 0).getKeys()).rejects.toBeInstanceOf(ServiceUnavailableError);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    reply = { status: 400, body: { __type: 'AccessDeniedException' } };
    const provider = secretsManagerSigningKey(arn, { endpoint, env }, () => 0);
    await expect(provider.getKeys()).rejects.toBeInstanceOf(DependencyRejectedError);
    reply = versions({ value: key });
    expect((await provider.getKeys()).current.byteLength).toBe(48);
  });

  it('refuses a key shorter than 32 bytes', async () => {
    reply = versions({ value: Buffer.alloc(8).toString('base64') });
    await expect(secretsManagerSigningKey(arn, { endpoint, env }, () => 0).getKeys()).rejects.toThrow('shorter than 32 bytes');
  });
});

describe('local signing key files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tandem-keys-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('signs with signing-key and also verifies with signing-key.previous when it exists', async () => {
    await writeFile(join(dir, 'signing-key'), key32(1));
    expect(await fileSigningKey(join(dir, 'signing-key')).getKeys()).toEqual({ current: new Uint8Array(32).fill(1) });
    await writeFile(join(dir, 'signing-key.previous'), key32(2));
    expect(await fileSigningKey(join(dir, 'signing-key')).getKeys()).toEqual({ current: new Uint8Array(32).fill(1), previous: new Uint8Array(32).fill(2) });
  });

  it('reports an unreadable key file as ServiceUnavailableError and reads again on the next call', async () => {
    const provider = fileSigningKey(join(dir, 'signing-key'));
    await expect(provider.getKeys()).rejects.toBeInstanceOf(ServiceUnavailableError);
    await writeFile(join(dir, 'signing-key'), key32(1));
    expect((await provider.getKeys()).current).toEqual(new Uint8Array(32).fill(1));
  });
});
