/**
 * What every EffectLedger promises (shared/ports/effect-ledger.ts): an effect runs once per key; a
 * failing effect leaves its key free, so a retry runs it; keys are independent; a call that finds
 * its key running elsewhere throws instead of running the effect a second time.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EffectLedger } from '../../shared/ports/effect-ledger';

export interface EffectLedgerSubject {
  ledger: EffectLedger;
  cleanup(): Promise<void>;
}

export function effectLedgerContract(name: string, makeSubject: () => Promise<EffectLedgerSubject>) {
  describe(`EffectLedger contract: ${name}`, () => {
    let subject: EffectLedgerSubject;
    let ledger: EffectLedger;
    beforeEach(async () => {
      subject = await makeSubject();
      ledger = subject.ledger;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    const counter = () => {
      const effect = async () => void (effect.runs += 1);
      effect.runs = 0;
      return effect;
    };

    it('runs an effect once per key', async () => {
      const key = randomUUID();
      const effect = counter();
      await ledger.once(key, effect);
      await ledger.once(key, effect);
      expect(effect.runs).toBe(1);
    });

    it('runs the effects of two different keys', async () => {
      const effect = counter();
      await ledger.once(randomUUID(), effect);
      await ledger.once(randomUUID(), effect);
      expect(effect.runs).toBe(2);
    });

    it('passes a failing effect’s error on and leaves its key free, so the retry runs it (once)', async () => {
      const key = randomUUID();
      const failure = new Error('SMTP down');
      await expect(ledger.once(key, () => Promise.reject(failure))).rejects.toBe(failure);
      const effect = counter();
      await ledger.once(key, effect);
      await ledger.once(key, effect);
      expect(effect.runs).toBe(1);
    });

    it('refuses to run a key that is running elsewhere', async () => {
      const key = randomUUID();
      let started!: () => void;
      let finish!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      const first = ledger.once(key, () => {
        started();
        return new Promise<void>((resolve) => (finish = resolve));
      });
      await running;
      const effect = counter();
      await expect(ledger.once(key, effect)).rejects.toThrow();
      finish();
      await first;
      await ledger.once(key, effect);
      expect(effect.runs).toBe(0);
    });
  });
}
