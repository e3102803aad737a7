/**
 * What the follow-up jobs share (send-check-ins, send-outcome-surveys, flag-silent-tandems): their
 * dependencies and the walk over a due queue, a bounded number of pages per run (the next run
 * takes the rest). Not a use case itself.
 */
import { randomUUID } from 'node:crypto';
import type { FollowUpSettings } from '../domain/follow-up';
import type { Locale } from '../domain/locale';
import type { MailJob } from '../domain/mail-job';
import type { DueCursor, DuePage, FollowUpSchedule, PageRequest } from '../ports/follow-up-schedule';

export interface FollowUpJobDeps {
  schedule: FollowUpSchedule;
  /** The stage's follow-up settings (the `followUp` configuration group). */
  settings: FollowUpSettings;
  /** Job ids (the dedup keys, not the ids, make a repeated mail one item). */
  newId?: () => string;
}

export const defaultNewId = randomUUID;

/** Due items read per page. */
export const DUE_PAGE = 100;
/** Pages at most per queue and run: 2 000 items, well within a run's time; the next run takes the rest. */
export const DUE_PAGES = 20;

/**
 * Reads a due queue page after page (each page after the last key of the previous one, so an item
 * an act could not move is not read again in the same run) and acts on each page in turn.
 */
export async function forEachDuePage<T>(read: (page: PageRequest) => Promise<DuePage<T>>, act: (items: T[], page: number) => Promise<void>, pageSize = DUE_PAGE): Promise<void> {
  let after: DueCursor | undefined;
  for (let page = 0; page < DUE_PAGES; page++) {
    const { items, next } = await read({ limit: pageSize, after });
    if (items.length > 0) await act(items, page);
    if (!next) return;
    after = next;
  }
}

type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The follow-up templates' own fields. */
export type FollowUpMailFields = Extract<OmitEach<MailJob, 'kind' | 'id' | 'locale' | 'recordedAt'>, { template: 'check_in' | 'outcome_survey' | 'follow_up_alert' }>;

/** A follow-up mail job recorded at `now` (`locale`: the recipient's when a person, else French). */
export function followUpMail(now: Date, id: string, locale: Locale, fields: FollowUpMailFields): MailJob {
  return { kind: 'mail', id, locale, recordedAt: now.toISOString(), ...fields };
}
