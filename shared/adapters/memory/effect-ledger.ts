/**
 * In-memory EffectLedger, with the semantics of the Powertools one: a key is marked running before
 * the effect starts and done once it succeeded; an effect that throws frees its key, so a retry
 * runs it again; a call that finds its key running throws rather than wait. A done key is
 * remembered for the ledger's life (the Powertools record for two days, past any replay).
 */
import type { EffectLedger } from '../../ports/effect-ledger';

/** Thrown when the same key is being run by another call (Powertools: IdempotencyAlreadyInProgressError). */
export class EffectInProgressError extends Error {
  override readonly name = 'EffectInProgressError';
}

export function memoryEffectLedger(): EffectLedger {
  const keys = new Map<string, 'running' | 'done'>();
  return {
    async once(key, effect) {
      const state = keys.get(key);
      if (state === 'done') return;
      if (state === 'running') throw new EffectInProgressError('effect already in progress');
      keys.set(key, 'running');
      try {
        await effect();
      } catch (error) {
        keys.delete(key);
        throw error;
      }
      keys.set(key, 'done');
    },
  };
}
