/**
 * Signed e-mail links: compact JWS (HMAC-SHA256, via `jose`) carrying a purpose, an opaque
 * subject (role and random id — no personal data), a token id and an expiry. Single use is
 * enforced by the caller with a conditional write on the token id (see keys.spentLink).
 *
 * A token has one accepted spelling, checked before any key is read: our exact header, canonical
 * unpadded base64url segments and a 43-character HS256 signature (decoders forgive padding and the
 * unused bits of a last character, so without this check `<token>=` would verify too). Its
 * lifetime (`exp − iat`) may not exceed its purpose's maximum. During a key rotation the current
 * key signs and the previous one still verifies.
 */
import { SignJWT, jwtVerify, errors, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { LinkExpiredError, LinkInvalidError, ServiceUnavailableError } from '../domain/errors';
import { MAX_FOLLOW_UP_LINK_DAYS } from '../domain/follow-up-terms';
import { MAX_PROPOSAL_LIFETIME_SECONDS, REACTIVATION_LINK_TTL_SECONDS } from '../domain/matching-terms';
import { VERIFICATION_LINK_TTL_SECONDS } from '../domain/people';
import type { Clock } from '../ports/clock';
import type { SigningKeyProvider, SigningKeys } from '../ports/signing-key';

/**
 * `verify_email`: subject `<role>:<id>`. `proposal`: subject `<menteeId>:<mentorId>:<action>` (one
 * link per answer of a proposal mail; it lives until the proposal lapses). `reactivate_mentor`:
 * subject `mentor:<id>` (the "reactivate my availability" link of a proposal mail). `check_in`:
 * subject `<tandemId>:<seq>:<role>`; `outcome`: subject `<tandemId>:<milestone>:<respondent>`
 * (follow-up-links.ts).
 */
export const LINK_PURPOSES = ['verify_email', 'proposal', 'reactivate_mentor', 'check_in', 'outcome'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

/** Longest lifetime of a link, per purpose (seconds from `iat` to `exp`): longer ones are neither signed nor accepted. */
export const LINK_MAX_LIFETIME_SECONDS: Readonly<Record<LinkPurpose, number>> = {
  verify_email: VERIFICATION_LINK_TTL_SECONDS,
  proposal: MAX_PROPOSAL_LIFETIME_SECONDS,
  reactivate_mentor: REACTIVATION_LINK_TTL_SECONDS,
  check_in: MAX_FOLLOW_UP_LINK_DAYS * 86400,
  outcome: MAX_FOLLOW_UP_LINK_DAYS * 86400,
};

export interface LinkClaims {
  purpose: LinkPurpose;
  /** e.g. `mentor:6f1c…` */
  subject: string;
  tokenId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

const ISSUER = 'tandem';
const HEADER = { alg: 'HS256', typ: 'JWT' } as const;
/** The protected header of every link, as the exact segment we emit. */
const HEADER_SEGMENT = Buffer.from(JSON.stringify(HEADER)).toString('base64url');
/** An HS256 MAC is 32 bytes: 43 base64url characters, unpadded. */
const SIGNATURE_LENGTH = 43;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Unpadded base64url that decodes and re-encodes to itself (no stray bits in its last character). */
function isCanonicalBase64url(segment: string): boolean {
  return BASE64URL.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment;
}

/** True when `token` is spelled exactly as `sign` spells tokens (says nothing of its signature). */
export function isCanonicalLinkToken(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [header, payload, signature] = parts as [string, string, string];
  return header === HEADER_SEGMENT && signature.length === SIGNATURE_LENGTH && isCanonicalBase64url(payload) && isCanonicalBase64url(signature);
}

export interface LinkSigner {
  /** `ttlSeconds` may not exceed LINK_MAX_LIFETIME_SECONDS[purpose] (RangeError). Throws ServiceUnavailableError when the keys cannot be read. */
  sign(purpose: LinkPurpose, subject: string, ttlSeconds: number): Promise<{ token: string; claims: LinkClaims }>;
  /**
   * Throws LinkInvalidError (form, signature, purpose, claims or lifetime), LinkExpiredError, or
   * ServiceUnavailableError when the keys cannot be read — a key-store outage is never "invalid link".
   */
  verify(token: string, purpose: LinkPurpose): Promise<LinkClaims>;
}

/** The keys, or ServiceUnavailableError whatever the adapter's failure (the person can only retry). */
async function readKeys(keys: SigningKeyProvider): Promise<SigningKeys> {
  try {
    return await keys.getKeys();
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    throw new ServiceUnavailableError('link signing keys unreadable', { cause: error });
  }
}

export function makeLinkSigner({ keys, clock }: { keys: SigningKeyProvider; clock: Clock }): LinkSigner {
  /** The payload under the first key whose signature matches (current, then previous). */
  async function verifiedPayload(token: string, candidates: Uint8Array[]): Promise<JWTPayload> {
    for (const [index, key] of candidates.entries()) {
      try {
        const { payload } = await jwtVerify(token, key, {
          algorithms: [HEADER.alg],
          typ: HEADER.typ,
          issuer: ISSUER,
          currentDate: clock.now(),
          requiredClaims: ['sub', 'jti', 'iat', 'exp'],
        });
        return payload;
      } catch (error) {
        if (error instanceof errors.JWSSignatureVerificationFailed && index < candidates.length - 1) continue;
        throw error;
      }
    }
    throw new LinkInvalidError('no signing key');
  }

  return {
    async sign(purpose, subject, ttlSeconds) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0 || ttlSeconds > LINK_MAX_LIFETIME_SECONDS[purpose]) {
        throw new RangeError(`A ${purpose} link lives at most ${LINK_MAX_LIFETIME_SECONDS[purpose]} s`);
      }
      const { current } = await readKeys(keys);
      const now = Math.floor(clock.now().getTime() / 1000);
      const claims: LinkClaims = { purpose, subject, tokenId: randomUUID(), expiresAt: now + ttlSeconds };
      const token = await new SignJWT({ pur: purpose })
        .setProtectedHeader(HEADER)
        .setIssuer(ISSUER)
        .setSubject(subject)
        .setJti(claims.tokenId)
        .setIssuedAt(now)
        .setExpirationTime(claims.expiresAt)
        .sign(current);
      return { token, claims };
    },
    async verify(token, purpose) {
      if (!isCanonicalLinkToken(token)) throw new LinkInvalidError('link not in canonical form');
      const { current, previous } = await readKeys(keys);
      try {
        const payload = await verifiedPayload(token, previous ? [current, previous] : [current]);
        if (payload.pur !== purpose || !payload.sub || !payload.jti || payload.exp === undefined || payload.iat === undefined) {
          throw new LinkInvalidError('link purpose or claims mismatch');
        }
        if (payload.exp - payload.iat > LINK_MAX_LIFETIME_SECONDS[purpose]) throw new LinkInvalidError('link lifetime too long');
        return { purpose, subject: payload.sub, tokenId: payload.jti, expiresAt: payload.exp };
      } catch (error) {
        if (error instanceof LinkInvalidError) throw error;
        if (error instanceof errors.JWTExpired) throw new LinkExpiredError('link expired');
        throw new LinkInvalidError('link signature or format invalid');
      }
    },
  };
}
