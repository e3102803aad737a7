/**
 * The CCI's list of tandems in a status.
 * Input: the validated query (status, default `active`; cursor; limit: the handler applies the API's
 * default, DEFAULT_PAGE_SIZE).
 * Output: a page of TandemSummary, newest first, with the mentor's and the mentee's names.
 * Course: one page of the status index (GSI1 `TANDEM#STATUS#<status>`), then one batch read of
 * the names; a cursor of another status is refused (InvalidCursorError, 400).
 */
import type { TandemListQuery, TandemSummary } from '../../domain/back-office-schemas';
import type { Tandem } from '../../domain/matching';
import type { BackOfficeReads, Page, PersonName } from '../../ports/back-office-reads';
import { nameOf } from './mentee-views';

/** The people of these tandems, for one batch read of their names. */
export const peopleOf = (tandems: ReadonlyArray<Pick<Tandem, 'menteeId' | 'mentorId'>>) =>
  tandems.flatMap((t) => [
    { role: 'mentee' as const, id: t.menteeId },
    { role: 'mentor' as const, id: t.mentorId },
  ]);

export function tandemSummary(tandem: Tandem, names: ReadonlyMap<string, PersonName>): TandemSummary {
  return {
    id: tandem.id,
    status: tandem.status,
    track: tandem.track,
    startedAt: tandem.startedAt,
    mentee: nameOf(names, tandem.menteeId),
    mentor: nameOf(names, tandem.mentorId),
    ...(tandem.partnerId ? { partnerId: tandem.partnerId } : {}),
  };
}

export function makeListTandems({ reads }: { reads: BackOfficeReads }) {
  return async function listTandems(query: TandemListQuery & { limit: number }): Promise<Page<TandemSummary>> {
    const page = await reads.tandemsByStatus(query.status ?? 'active', { cursor: query.cursor, limit: query.limit });
    const names = await reads.namesOf(peopleOf(page.items));
    return { items: page.items.map((t) => tandemSummary(t, names)), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  };
}
