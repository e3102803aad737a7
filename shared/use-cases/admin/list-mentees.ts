/**
 * The CCI's list of mentees in a status.
 * Input: the validated query (status, default `awaiting_match`; cursor; limit: the handler applies
 * the API's default, DEFAULT_PAGE_SIZE).
 * Output: a page of MenteeSummary, oldest sign-up first, each with its days waiting while it waits
 * for a mentor, and the cursor of the next page (none on the last).
 * Course: one page of the status index (BackOfficeReads.menteesByStatus); a cursor of another
 * status is refused (InvalidCursorError, 400).
 */
import type { MenteeListQuery, MenteeSummary } from '../../domain/back-office-schemas';
import type { MenteeStatus } from '../../domain/people';
import type { BackOfficeReads, Page } from '../../ports/back-office-reads';
import type { Clock } from '../../ports/clock';
import { menteeSummary } from './mentee-views';

export function makeListMentees({ reads, clock }: { reads: BackOfficeReads; clock: Clock }) {
  return async function listMentees(query: MenteeListQuery & { limit: number }): Promise<Page<MenteeSummary>> {
    const status = (query.status ?? 'awaiting_match') as Exclude<MenteeStatus, 'pending_verification'>;
    const page = await reads.menteesByStatus(status, { cursor: query.cursor, limit: query.limit });
    const now = clock.now();
    return { items: page.items.map((m) => menteeSummary(m, now)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  };
}
