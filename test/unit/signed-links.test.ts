import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { LinkExpiredError, LinkInvalidError, ServiceUnavailableError } from '../../shared/domain/errors';
import { LINK_MAX_LIFETIME_SECONDS, makeLinkSigner } from '../../shared/links/signed-links';
import type { Clock } from '../../shared/ports/clock';
import type { SigningKeyProvider } from '../../shared/ports/signing-key';

const bytes = (byte: number) => new Uint8Array(32).fill(byte);
const key = (byte: number, previous?: number): SigningKeyProvider => ({
  getKeys: async () => ({ current: bytes(byte), ...(previous !== undefined ? { previous: bytes(previous) } : {}) }),
});
/** Keys that count their reads, to prove a malformed token is refused before any key is read. */
const countingKey = (byte: number) => {
  const provider = { reads: 0, getKeys: async () => (provider.reads++, { current: bytes(byte) }) };
  return provider;
};
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

  describe('one canonical form, checked before any key is read', () => {
    const at = '2026-11-26T10:00:00Z';
    const signed = async () => (await makeLinkSigner({ keys: key(1), clock: clockAt(at) }).sign('verify_email', 'mentor:abc', 3600)).token;

    it('emits exactly its header, unpadded segments and a 43-character signature', async () => {
      const [header, payload, signature] = (await signed()).split('.');
      expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refuses a padded token (`<token>=`), which lenient decoding used to accept', async () => {
      const token = await signed();
      const keys = countingKey(1);
      const signer = makeLinkSigner({ keys, clock: clockAt(at) });
      expect(await signer.verify(token, 'verify_email')).toMatchObject({ subject: 'mentor:abc' });
      const readsBefore = keys.reads;
      await expect(signer.verify(`${token}=`, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
      await expect(signer.verify(`${token}==`, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
      expect(keys.reads).toBe(readsBefore);
    });

    it('refuses a signature whose last character differs only in its unused bits (same decoded bytes)', async () => {
      const token = await signed();
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const last = alphabet.indexOf(token.at(-1)!);
      // 43 characters carry 258 bits for a 256-bit MAC: the last character's two low bits are unused.
      const twins = [1, 2, 3].map((low) => alphabet[(last & ~3) | low]!).filter((c) => c !== token.at(-1));
      expect(twins).toHaveLength(3);
      const keys = countingKey(1);
      const signer = makeLinkSigner({ keys, clock: clockAt(at) });
      for (const twin of twins) {
        const altered = `${token.slice(0, -1)}${twin}`;
        expect(Buffer.from(altered.split('.')[2]!, 'base64url')).toEqual(Buffer.from(token.split('.')[2]!, 'base64url'));
        await expect(signer.verify(altered, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
      }
      expect(keys.reads).toBe(0);
    });

    it('refuses other spellings without reading the key: segments, header, signature length, alphabet', async () => {
      const token = await signed();
      const [h, p, s] = token.split('.') as [string, string, string];
      const otherHeader = (header: object) => Buffer.from(JSON.stringify(header)).toString('base64url');
      const keys = countingKey(1);
      const signer = makeLinkSigner({ keys, clock: clockAt(at) });
      for (const variant of [
        `${h}.${p}`,
        `${h}.${p}.${s}.${s}`,
        `${otherHeader({ typ: 'JWT', alg: 'HS256' })}.${p}.${s}`,
        `${otherHeader({ alg: 'HS256' })}.${p}.${s}`,
        `${otherHeader({ alg: 'HS512', typ: 'JWT' })}.${p}.${s}`,
        `${otherHeader({ alg: 'HS256', typ: 'JWT', kid: 'x' })}.${p}.${s}`,
        `${h}.${p}.${s}A`,
        `${h}.${p}.${s.slice(0, -1)}`,
        `${h}.${p}.${s.slice(0, -1)}+`,
        `${h}.${p}=.${s}`,
        `${h}.${p}.+${s.slice(1)}`,
        `${h}.${p}.${s.slice(0, 20)}/${s.slice(21)}`,
        ` ${token}`,
        `${token}\n`,
      ]) {
        await expect(signer.verify(variant, 'verify_email'), variant).rejects.toBeInstanceOf(LinkInvalidError);
      }
      expect(keys.reads).toBe(0);
    });
  });

  describe('lifetime', () => {
    const at = '2026-11-26T10:00:00Z';
    const forge = (lifetimeSeconds: number) => {
      const iat = Date.parse(at) / 1000;
      return new SignJWT({ pur: 'verify_email' })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer('tandem')
        .setSubject('mentor:abc')
        .setJti('0f0e0d0c-0b0a-4900-8800-000000000000')
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetimeSeconds)
        .sign(bytes(1));
    };

    it('accepts a link whose exp − iat is the purpose’s maximum (48 h for verify_email)', async () => {
      expect(LINK_MAX_LIFETIME_SECONDS.verify_email).toBe(48 * 3600);
      const signer = makeLinkSigner({ keys: key(1), clock: clockAt(at) });
      expect(await signer.verify(await forge(48 * 3600), 'verify_email')).toMatchObject({ subject: 'mentor:abc' });
    });

    it('refuses a correctly signed link whose exp − iat exceeds the maximum', async () => {
      const signer = makeLinkSigner({ keys: key(1), clock: clockAt(at) });
      await expect(signer.verify(await forge(48 * 3600 + 1), 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
      await expect(signer.verify(await forge(365 * 24 * 3600), 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
    });

    it('never signs a link longer than the maximum', async () => {
      const signer = makeLinkSigner({ keys: key(1), clock: clockAt(at) });
      await expect(signer.sign('verify_email', 'mentor:abc', 48 * 3600 + 1)).rejects.toBeInstanceOf(RangeError);
      await expect(signer.sign('verify_email', 'mentor:abc', 0)).rejects.toBeInstanceOf(RangeError);
    });
  });

  describe('key rotation: the current key signs, the previous one still verifies', () => {
    const clock = clockAt('2026-11-26T10:00:00Z');

    it('accepts a link signed with the previous key, and signs new links with the current one', async () => {
      const before = await makeLinkSigner({ keys: key(1), clock }).sign('verify_email', 'mentor:abc', 60);
      const rotated = makeLinkSigner({ keys: key(2, 1), clock });
      expect(await rotated.verify(before.token, 'verify_email')).toEqual(before.claims);
      const after = await rotated.sign('verify_email', 'mentor:def', 60);
      expect(await makeLinkSigner({ keys: key(2), clock }).verify(after.token, 'verify_email')).toEqual(after.claims);
      await expect(makeLinkSigner({ keys: key(1), clock }).verify(after.token, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
    });

    it('refuses a link signed with neither key', async () => {
      const { token } = await makeLinkSigner({ keys: key(3), clock }).sign('verify_email', 'mentor:abc', 60);
      await expect(makeLinkSigner({ keys: key(2, 1), clock }).verify(token, 'verify_email')).rejects.toBeInstanceOf(LinkInvalidError);
    });

    it('says expired, not invalid, for an expired link signed with the previous key', async () => {
      const local = clockAt('2026-11-26T10:00:00Z');
      const { token } = await makeLinkSigner({ keys: key(1), clock: local }).sign('verify_email', 'mentor:abc', 60);
      local.set('2026-11-26T10:05:00Z');
      await expect(makeLinkSigner({ keys: key(2, 1), clock: local }).verify(token, 'verify_email')).rejects.toBeInstanceOf(LinkExpiredError);
    });
  });

  describe('a key store that cannot be read', () => {
    const clock = clockAt('2026-11-26T10:00:00Z');

    it('is a ServiceUnavailableError, never an invalid link, whatever the adapter threw', async () => {
      const { token } = await makeLinkSigner({ keys: key(1), clock }).sign('verify_email', 'mentor:abc', 60);
      const unavailable = new ServiceUnavailableError('secretsmanager unavailable (ThrottlingException)');
      const down = makeLinkSigner({ keys: { getKeys: () => Promise.reject(unavailable) }, clock });
      await expect(down.verify(token, 'verify_email')).rejects.toBe(unavailable);
      const fileError = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      const broken = makeLinkSigner({ keys: { getKeys: () => Promise.reject(fileError) }, clock });
      const error = await broken.verify(token, 'verify_email').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceUnavailableError);
      expect((error as Error).cause).toBe(fileError);
      await expect(broken.sign('verify_email', 'mentor:abc', 60)).rejects.toBeInstanceOf(ServiceUnavailableError);
    });
  });
});
