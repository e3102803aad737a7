import { describe, expect, it } from 'vitest';
import { LinkExpiredError, LinkInvalidError } from '../../shared/domain/errors';
import { makeLinkSigner } from '../../shared/links/signed-links';
import type { Clock } from '../../shared/ports/clock';

const key = (byte: number) => ({ getKey: async () => new Uint8Array(32).fill(byte) });
const clockAt = (iso: string): Clock & { set(iso: string): void } => {
  let now = new Date(iso);
  return { now: () => now, set: (v) => (now = new Date(v)) };
};

describe('signed links', () => {
  it('round-trips purpose, subject and token id', async () => {
    const signer = makeLinkSigner({ keys: key(1), clock: clockAt('2026-11-26T10:00:00Z') });
    const { token, claims } = await signer.sign('verify_email', 'mentor:abc', 3600);
    expect(await signer.verify(token, 'verify_email')).toEqual(claims);
    expect(claims.expiresAt).toBe(Date.parse('2026-11-26T11:00:00Z') / 1000);
  });

  it('gives each link its own token id', async () => {
    const signer = makeLinkSigner({ keys: key(1), clock: clockAt('2026-11-26T10:00:00Z') });
    const a = await signer.sign('verify_email', 'mentor:abc', 3600);
    const b = await signer.sign('verify_email', 'mentor:abc', 3600);
    expect(a.claims.tokenId).not.toBe(b.claims.tokenId);
  });

  it('carries no personal data: only purpose, subject, ids and times', async () => {
    const signer = makeLinkSigner({ keys: key(1), clock: clockAt('2026-11-26T10:00:00Z') });
    const { token } = await signer.sign('verify_email', 'mentee:0f0e', 60);
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(Object.keys(payload).sort()).toEqual(['exp', 'iat', 'iss', 'jti', 'pur', 'sub']);
  });

  it('rejects a link after its expiry', async () => {
    const clock = clockAt('2026-11-26T10:00:00Z');
    const signer = makeLinkSigner({ keys: key(1), clock });
    const { token } = await signer.sign('verify_email', 'mentor:abc', 60);
    clock.set('2026-11-26T10:01:01Z');
    await expect(signer.verify(token, 'verify_email')).rejects.toBeInstanceOf(LinkExpiredError);
  });

  it('rejects a link signed with another key', async () => {
    const clock = clockAt('2026-11-26T10:00:00Z');
    const { token } = await makeLinkSigner({ keys: key(1), clock }).sign('verify_email', 'mentor:abc', 60);
    await expect(makeLinkSigner({ keys: key(2), clock }).verify(token, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
  });

  it('rejects a tampered payload', async () => {
    const signer = makeLinkSigner({ keys: key(1), clock: clockAt('2026-11-26T10:00:00Z') });
    const { token } = await signer.sign('verify_email', 'mentor:abc', 60);
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'mentor:other' })).toString('base64url');
    await expect(signer.verify(`${h}.${forged}.${s}`, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
  });

  it('rejects garbage and unsigned tokens', async () => {
    const signer = makeLinkSigner({ keys: key(1), clock: clockAt('2026-11-26T10:00:00Z') });
    await expect(signer.verify('not-a-token', 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"mentor:a","jti":"x","exp":9999999999,"pur":"verify_email","iss":"tandem"}').toString('base64url')}.`;
    await expect(signer.verify(none, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
  });
});
