/**
 * The sign-up routes as Lambda runs them: the real handler modules (middy chain, wiring from
 * environment variables), DynamoDB Local, the real after-commit consumer modules fed from the
 * table's stream, and SMTP into the local mail catcher. Every bad input of
 * the contract gets its answer here, and none of them leaves an item behind.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiEvent } from '../helpers/api-event';
import { validMentee, validMentor } from '../fixtures/sign-ups';
import { startHandlerStack, type Handler, type HandlerStack } from '../helpers/handler-stack';

let stack: HandlerStack;
let registerMentor: Handler;
let registerMentee: Handler;
let confirmEmail: Handler;

const call = (handler: Handler, event: Parameters<Handler>[0]) => stack.call(handler, event);
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => stack.post(path, body, headers);
const itemCount = () => stack.itemCount();

beforeAll(async () => {
  stack = await startHandlerStack('signup-api');
  // Handlers read their configuration at import, as at a Lambda cold start.
  registerMentor = await stack.handler('functions/http/register-mentor.ts');
  registerMentee = await stack.handler('functions/http/register-mentee.ts');
  confirmEmail = await stack.handler('functions/http/confirm-email.ts');
});

afterAll(async () => {
  await stack?.stop();
});

describe('bad input on POST /api/mentors and /api/mentees', () => {
  const cases: Array<[string, () => APIGatewayProxyEventV2, number, string]> = [
    ['a missing field', () => post('/api/mentors', { ...validMentor(), email: undefined }), 400, 'validation_failed'],
    ['an unknown field', () => post('/api/mentees', { ...validMentee(), role: 'admin' }), 400, 'validation_failed'],
    ['a body that is an array', () => post('/api/mentors', [validMentor()]), 400, 'validation_failed'],
    ['a body that is null', () => post('/api/mentees', 'null'), 400, 'validation_failed'],
    ['a body that is a number', () => post('/api/mentees', '42'), 400, 'validation_failed'],
    ['wrong types everywhere', () => post('/api/mentors', Object.fromEntries(Object.keys(validMentor()).map((k) => [k, { nested: [k] }]))), 400, 'validation_failed'],
    ['a __proto__ key', () => post('/api/mentors', `{"__proto__":{"admin":true},${JSON.stringify(validMentor()).slice(1)}`), 400, 'validation_failed'],
    ['malformed JSON', () => post('/api/mentors', '{"firstName":'), 400, 'malformed_json'],
    ['a body over 16 KB', () => post('/api/mentees', { ...validMentee(), project: 'é'.repeat(9000) }), 413, 'payload_too_large'],
    ['a form-encoded body', () => post('/api/mentors', 'firstName=A', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type'],
    ['no content type', () => apiEvent({ method: 'POST', path: '/api/mentees', body: JSON.stringify(validMentee()), headers: { 'content-type': '' } }), 415, 'unsupported_media_type'],
  ];

  it.each(cases)('%s → %i %s, nothing written, no mail', async (_name, event, status, code) => {
    const before = await itemCount();
    const handler = event().rawPath === '/api/mentors' ? registerMentor : registerMentee;
    const res = await call(handler, event());
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    await stack.poller.drain();
    expect(await itemCount()).toBe(before);
    expect(stack.catcher.list()).toHaveLength(0);
  });

  it.each([
    ['a shared postal code without a commune', () => post('/api/mentees', { ...validMentee(), communeCode: undefined }), ['communeCode']],
    ['a right-to-left override and a zero-width space in names', () => post('/api/mentors', { ...validMentor(), firstName: 'Ca\u202emille', lastName: 'Du\u200brand' }), ['firstName', 'lastName']],
    ['a lone surrogate in a name and a line separator in the bio', () => post('/api/mentors', `{"firstName":"Ca\\ud800mille","bio":"Un\\u2028deux",${JSON.stringify(validMentor()).slice(1).replace(/"firstName":"[^"]*",/, '').replace(/"bio":"[^"]*",/, '')}`), ['bio', 'firstName']],
  ] as const)('%s → 400 naming the fields, nothing written, no mail', async (_name, event, fields) => {
    const before = await itemCount();
    const res = await call(event().rawPath === '/api/mentors' ? registerMentor : registerMentee, event());
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(fields);
    await stack.poller.drain();
    expect(await itemCount()).toBe(before);
    expect(stack.catcher.list()).toHaveLength(0);
  });

  it('says in French which commune to choose', async () => {
    const res = await call(registerMentee, post('/api/mentees', { ...validMentee(), communeCode: undefined }));
    expect(res.body.error.fields).toEqual({ communeCode: 'Choisissez votre commune\u00a0: ce code postal en dessert plusieurs.' });
  });

  it('gives field messages in English after Accept-Language', async () => {
    const res = await call(registerMentee, post('/api/mentees', { ...validMentee(), needs: [] }, { 'accept-language': 'en' }));
    expect(res.body.error).toMatchObject({ code: 'validation_failed', message: 'Some fields need correcting.' });
    expect(res.body.error.fields.needs).toMatch(/[a-z]/);
  });
});

describe('sign-up through the handlers', () => {
  it('answers 202 the same way for a new and a known address, and mails the owner each time', async () => {
    const body = { ...validMentor(), email: 'handler.mentor@example.org' };
    const first = await call(registerMentor, post('/api/mentors', body));
    const again = await call(registerMentor, post('/api/mentors', { ...body, capacity: 3 }));
    expect(first).toEqual({ status: 202, body: { status: 'verification_sent', message: expect.any(String) } });
    expect(again).toEqual(first);

    const mails = await Promise.all([
      stack.catcher.waitFor((m) => m.to.includes('handler.mentor@example.org') && !m.text.includes('déjà commencé')),
      stack.catcher.waitFor((m) => m.to.includes('handler.mentor@example.org') && m.text.includes('déjà commencé')),
    ]);
    const token = mails[0].text.match(/verify\.html#token=([\w.-]+)/)?.[1];
    expect(token).toBeDefined();

    expect(await call(confirmEmail, post('/api/verifications', { token }))).toEqual({
      status: 200,
      body: { status: 'verified', role: 'mentor', personStatus: 'pending_validation' },
    });
    const replay = await call(confirmEmail, post('/api/verifications', { token }));
    expect(replay).toMatchObject({ status: 409, body: { error: { code: 'link_used' } } });
  });

  it('records the only commune of a postal code and NFC names', async () => {
    const { communeCode: _c, ...mentor } = validMentor();
    const res = await call(registerMentor, post('/api/mentors', { ...mentor, email: 'one.commune@example.org', firstName: 'E\u0301lodie' }));
    expect(res.status).toBe(202);
    await stack.poller.drain();
    const items = await stack.table.client.send(new ScanCommand({ TableName: stack.table.tableName }));
    const profile = items.Items?.find((item) => item.email === 'one.commune@example.org' && item.role === 'mentor');
    expect(profile).toMatchObject({ postalCode: '13001', communeCode: '13201', firstName: '\u00c9lodie' });
  });

  it('answers 400 for a forged token and 400 for an unknown partner', async () => {
    expect((await call(confirmEmail, post('/api/verifications', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl' }))).body.error.code).toBe('link_invalid');
    const res = await call(registerMentee, post('/api/mentees', { ...validMentee(), email: 'orphan@example.org', partnerId: 'nobody' }));
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'validation_failed', fields: { partnerId: expect.any(String) } } } });
  });
});
