/**
 * Reading a tandem with its whole follow-up (check-in rounds, outcome surveys, alerts, silence
 * watch, retention entry): one Query of the tandem's partition. Shared by the mail consumer, the
 * follow-up pages, the jobs and the console.
 */
import type { TandemFollowUp } from '../domain/follow-up';

export type { TandemFollowUp } from '../domain/follow-up';

export interface FollowUpReads {
  /** `undefined` for an unknown tandem. */
  getFollowUp(tandemId: string): Promise<TandemFollowUp | undefined>;
}
