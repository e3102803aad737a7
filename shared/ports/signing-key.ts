/**
 * The HMAC keys of e-mailed links. Adapters: Secrets Manager (AWS), files under .local/ (local).
 * Two keys during a rotation window: `current` signs and is tried first; `previous`, when present,
 * only verifies, so links signed before the rotation keep working until they expire. Adapters
 * throw ServiceUnavailableError when the keys cannot be read (never a wrong or empty key).
 */
export interface SigningKeys {
  current: Uint8Array;
  previous?: Uint8Array;
}

export interface SigningKeyProvider {
  getKeys(): Promise<SigningKeys>;
}
