/** The HMAC key that signs e-mailed links. Adapters: Secrets Manager (AWS), a file under .local/ (local). */
export interface SigningKeyProvider {
  getKey(): Promise<Uint8Array>;
}
