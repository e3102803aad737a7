/**
 * The local stand-in for API Gateway's JWT authorizer (HTTP API), as the emulator applies it to
 * every `admin` and `partner` route: a `Bearer` token in `Authorization`, signed (RS256) by a key
 * of the issuer's JWKS named by the token's `kid`, from the expected issuer, for one of the
 * expected audiences (`aud`, or `client_id` for access tokens), with `exp` in the future, `nbf`
 * and `iat` in the past. Anything else is refused before the handler runs. Groups are not checked
 * here (API Gateway does not either): the handler chain does it from the route's `auth`.
 */
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/** A token the authorizer refuses; `message` says why (no claim values, no personal data). */
export class TokenRejectedError extends Error {
  constructor(
    message: string,
    /** `invalid_token` when a token was sent (RFC 6750), absent when none was. */
    readonly bearerError?: 'invalid_token',
  ) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

export interface JwtAuthorizerOptions {
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** Accepted `aud` (ID tokens) or `client_id` (access tokens) values: the app clients. */
  readonly audience: readonly string[];
  /** The issuer's public keys. */
  readonly jwks: JSONWebKeySet;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface JwtAuthorizer {
  /** The verified claims of the `Authorization` header's token; throws {@link TokenRejectedError}. */
  verify(authorization: string | undefined): Promise<JWTPayload>;
}

/** API Gateway accepts the algorithms of Cognito's keys. */
const ALGORITHMS = ['RS256'];

export function createJwtAuthorizer(options: JwtAuthorizerOptions): JwtAuthorizer {
  const keys = createLocalJWKSet(options.jwks);
  const now = options.now ?? (() => new Date());
  return {
    async verify(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) throw new TokenRejectedError('Authentication required: send an Authorization: Bearer token.');
      const currentDate = now();
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(match[1]!, keys, {
          issuer: options.issuer,
          algorithms: ALGORITHMS,
          requiredClaims: ['exp'],
          currentDate,
        }));
      } catch (error) {
        throw new TokenRejectedError(reasonOf(error), 'invalid_token');
      }
      const audiences = [payload.aud ?? []].flat();
      const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
      if (!audiences.some((aud) => options.audience.includes(aud)) && !(clientId && options.audience.includes(clientId))) {
        throw new TokenRejectedError('The token is for another audience.', 'invalid_token');
      }
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(currentDate.getTime() / 1000)) {
        throw new TokenRejectedError('The token was issued in the future.', 'invalid_token');
      }
      return payload;
    },
  };
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token has expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'The token is from another issuer.';
    if (error.claim === 'nbf') return 'The token is not valid yet.';
    return `The token's "${error.claim}" claim is invalid.`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature does not verify.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed by an unknown key.';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is signed with an algorithm that is not accepted.';
  return 'The token is malformed.';
}
