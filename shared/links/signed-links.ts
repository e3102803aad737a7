/**
 * Signed e-mail links: compact JWS (HMAC-SHA256, via `jose`) carrying a purpose, an opaque
 * subject (role and random id — no personal data), a token id and an expiry. Single use is
 * enforced by the caller with a conditional write on the token id (see keys.spentLink).
 */
import { SignJWT, jwtVerify, errors } from 'jose';
import { randomUUID } from 'node:crypto';
import { LinkExpiredError, LinkInvalidError } from '../domain/errors';
import type { Clock } from '../ports/clock';
import type { SigningKeyProvider } from '../ports/signing-key';

export const LINK_PURPOSES = ['verify_email'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

export interface LinkClaims {
  purpose: LinkPurpose;
  /** e.g. `mentor:6f1c…` */
  subject: string;
  tokenId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

const ISSUER = 'tandem';

export interface LinkSigner {
  sign(purpose: LinkPurpose, subject: string, ttlSeconds: number): Promise<{ token: string; claims: LinkClaims }>;
  /** Throws LinkInvalidError (bad signature, purpose or shape) or LinkExpiredError. */
  verify(token: string, purpose: LinkPurpose): Promise<LinkClaims>;
}

export function makeLinkSigner({ keys, clock }: { keys: SigningKeyProvider; clock: Clock }): LinkSigner {
  return {
    async sign(purpose, subject, ttlSeconds) {
      const now = Math.floor(clock.now().getTime() / 1000);
      const claims: LinkClaims = { purpose, subject, tokenId: randomUUID(), expiresAt: now + ttlSeconds };
      const token = await new SignJWT({ pur: purpose })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setIssuer(ISSUER)
        .setSubject(subject)
        .setJti(claims.tokenId)
        .setIssuedAt(now)
        .setExpirationTime(claims.expiresAt)
        .sign(await keys.getKey());
      return { token, claims };
    },
    async verify(token, purpose) {
      try {
        const { payload } = await jwtVerify(token, await keys.getKey(), {
          algorithms: ['HS256'],
          issuer: ISSUER,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'jti', 'exp'],
        });
        if (payload.pur !== purpose || !payload.sub || !payload.jti || payload.exp === undefined) {
          throw new LinkInvalidError('link purpose or claims mismatch');
        }
        return { purpose, subject: payload.sub, tokenId: payload.jti, expiresAt: payload.exp };
      } catch (error) {
        if (error instanceof LinkInvalidError) throw error;
        if (error instanceof errors.JWTExpired) throw new LinkExpiredError('link expired');
        throw new LinkInvalidError('link signature or format invalid');
      }
    },
  };
}
