import { afterEach, describe, expect, it, vi } from 'vitest';
import { cameThroughSite, expectedOriginValue } from '../../shared/http/origin-check';
import { httpHandler } from '../../shared/http/http-handler';
import { json } from '../../shared/http/responses';
import { apiEvent, lambdaContext } from '../helpers/api-event';

describe('through the site only', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('checks nothing when no value is configured (local runtime, a stage whose API has no domain of its own)', () => {
    expect(expectedOriginValue({})).toBeUndefined();
    expect(expectedOriginValue({ ORIGIN_VERIFY_VALUE: '  ' })).toBeUndefined();
    expect(cameThroughSite({}, undefined)).toBe(true);
  });

  it('wants the exact value: missing, shorter, longer or different is refused', () => {
    const value = 'a'.repeat(48);
    expect(cameThroughSite({ 'x-origin-verify': value }, value)).toBe(true);
    for (const given of [undefined, '', 'a'.repeat(47), 'a'.repeat(49), 'b'.repeat(48)]) {
      expect(cameThroughSite(given === undefined ? {} : { 'x-origin-verify': given }, value)).toBe(false);
    }
  });

  it('makes the HTTP chain answer 403 to a request that went around CloudFront, before anything else is read', async () => {
    vi.stubEnv('ORIGIN_VERIFY_VALUE', 's3cret-value-from-secrets-manager');
    const raw = vi.fn(async () => json(200, { ok: true }));
    const handler = httpHandler({ route: 'GetReference' }, raw);

    const around = await handler(apiEvent({ method: 'GET', path: '/api/reference' }), lambdaContext);
    const through = await handler(apiEvent({ method: 'GET', path: '/api/reference', headers: { 'x-origin-verify': 's3cret-value-from-secrets-manager' } }), lambdaContext);

    expect(around.statusCode).toBe(403);
    expect(JSON.parse(around.body).error.code).toBe('forbidden');
    expect(through.statusCode).toBe(200);
    expect(raw).toHaveBeenCalledTimes(1);
  });
});
