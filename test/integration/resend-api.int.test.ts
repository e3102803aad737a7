/**
 * POST /api/verifications/resend as Lambda runs it: the real handler module (middy chain, wiring
 * from environment variables), DynamoDB Local, the real consumer modules fed from the table's
 * stream, and SMTP into the local mail catcher. Same answer whatever the address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validMentor } from '../fixtures/sign-ups';
import { startHandlerStack, type Handler, type HandlerStack } from '../helpers/handler-stack';

let stack: HandlerStack;
let registerMentor: Handler;
let resend: Handler;
const PATH = '/api/verifications/resend';

const call = (handler: Handler, event: Parameters<Handler>[0]) => stack.call(handler, event);
const post = (path: string, body: unknown, headers: Record<string, string> = {}) => stack.post(path, body, headers);
const itemCount = () => stack.itemCount();

beforeAll(async () => {
  stack = await startHandlerStack('resend-api');
  // Handlers read their configuration at import, as at a Lambda cold start.
  registerMentor = await stack.handler('functions/http/register-mentor.ts');
  resend = await stack.handler('functions/http/resend-verification.ts');
});

afterAll(async () => {
  await stack?.stop();
});

describe('POST /api/verifications/resend', () => {
  it('answers 202 with the same body for a known and an unknown address; only the known one gets a mail', async () => {
    expect((await call(registerMentor, post('/api/mentors', { ...validMentor(), email: 'known.resend@example.org' }))).status).toBe(202);
    await stack.catcher.waitFor((m) => m.to.includes('known.resend@example.org'));

    const known = await call(resend, post(PATH, { role: 'mentor', email: 'Known.Resend@example.org ' }));
    const unknown = await call(resend, post(PATH, { role: 'mentor', email: 'unknown.resend@example.org' }));
    expect(known).toEqual({ status: 202, body: { status: 'verification_resent', message: expect.stringContaining('nouvel e\u2011mail') } });
    expect(unknown).toEqual(known);

    const reminder = await stack.catcher.waitFor((m) => m.to.includes('known.resend@example.org') && m.text.includes('déjà commencé'));
    expect(reminder.text).toMatch(/verify\.html#token=[\w.-]+/);
    await stack.poller.drain();
    expect(stack.catcher.list().filter((m) => m.to.includes('unknown.resend@example.org'))).toEqual([]);
  });

  it('answers in English after Accept-Language', async () => {
    const res = await call(resend, post(PATH, { role: 'mentee', email: 'english@example.org' }, { 'accept-language': 'en' }));
    expect(res).toEqual({ status: 202, body: { status: 'verification_resent', message: expect.stringContaining('new e\u2011mail') } });
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
