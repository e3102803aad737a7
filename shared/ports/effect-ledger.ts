/**
 * Runs an effect that the database cannot make idempotent (sending a mail) at most once per key:
 * a replayed stream record, a retried batch or a second consumer finds the key done and skips
 * the effect. Adapters: Powertools idempotency persisted in the table (AWS and local), a Map
 * (unit tests).
 */
export interface EffectLedger {
  /** Runs `effect` unless `key` is already done; throws if the same key is running elsewhere. */
  once(key: string, effect: () => Promise<void>): Promise<void>;
}
