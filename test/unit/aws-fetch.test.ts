/**
 * The signed-fetch adapters (SES SendEmail, Secrets Manager GetSecretValue) against a local
 * stand-in of the AWS endpoints: what they send, how they are signed, how failures translate.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sesMailer } from '../../shared/adapters/mail/mailers';
import { secretsManagerSigningKey } from '../../shared/adapters/secrets/signing-keys';
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
let reply: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: raw ? JSON.parse(raw) : undefined });
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
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

describe('Secrets Manager signing key', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:signing';
  const key = Buffer.alloc(48, 5).toString('base64');

  it('reads the secret with GetSecretValue and reuses it for five minutes', async () => {
    reply = { status: 200, body: { SecretString: key } };
    let clock = 0;
    const provider = secretsManagerSigningKey(arn, { endpoint, env }, () => clock);
    expect((await provider.getKey()).byteLength).toBe(48);
    await provider.getKey();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(seen[0]!.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(seen[0]!.body).toEqual({ SecretId: arn });
    expect(seen[0]!.headers.authorization).toContain('/secretsmanager/aws4_request');
    clock = 301_000;
    await provider.getKey();
    expect(seen).toHaveLength(2);
  });

  it('does not keep a failed read: the next call asks again', async () => {
    reply = { status: 400, body: { __type: 'AccessDeniedException' } };
    const provider = secretsManagerSigningKey(arn, { endpoint, env }, () => 0);
    await expect(provider.getKey()).rejects.toBeInstanceOf(DependencyRejectedError);
    reply = { status: 200, body: { SecretString: key } };
    expect((await provider.getKey()).byteLength).toBe(48);
  });

  it('refuses a key shorter than 32 bytes', async () => {
    reply = { status: 200, body: { SecretString: Buffer.alloc(8).toString('base64') } };
    await expect(secretsManagerSigningKey(arn, { endpoint, env }, () => 0).getKey()).rejects.toThrow('shorter than 32 bytes');
  });
});
