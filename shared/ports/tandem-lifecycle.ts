/**
 * Closing a tandem (docs/follow-up.md, "Lifecycle"): the CCI from the console, an erasure for a
 * person in an active tandem. One transaction, conditional on the tandem being `active`: the
 * tandem's new status, the mentor's place freed (availability rewritten, `capacity_appeared`), the
 * mentee closed or matched again, the follow-up's scheduled items cancelled, the retention entry,
 * the mails. The store (its adapters) and the use case `makeCloseTandem`
 * (shared/use-cases/admin/close-tandem.ts) implement it; other use cases (erasure) depend on the
 * function type only.
 */
import type { EndReason, OutcomeValue } from '../domain/follow-up';
import type { Tandem } from '../domain/matching';
import type { Role } from '../domain/people';

export type CloseTandemRequest =
  | { tandemId: string; status: 'completed'; outcome: OutcomeValue; note?: string | undefined; by: 'cci' }
  | {
      tandemId: string;
      status: 'ended_early';
      reason: EndReason;
      note?: string | undefined;
      by: 'cci' | 'erasure';
      /**
       * With `person_erased`: who was erased. An erased mentor's mentee is matched again; without
       * it, the mentor's profile read as `erased` decides.
       */
      erased?: Role | undefined;
    };

/**
 * `closed`: done (`rematch`: the mentee went back to matching). `not_active`: the tandem was
 * already closed (the caller answers 409 `invalid_transition`, or an erasure moves on).
 * `not_found`: no such tandem.
 */
export type CloseTandemResult =
  | { outcome: 'closed'; tandem: Tandem; rematch: boolean }
  | { outcome: 'not_active'; status: Tandem['status'] }
  | { outcome: 'not_found' };

export type CloseTandem = (request: CloseTandemRequest) => Promise<CloseTandemResult>;
