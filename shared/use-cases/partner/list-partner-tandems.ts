/**
 * A partner adviser's list of the tandems of the partner's beneficiaries.
 * Input: the adviser's partner (from the verified token), the cursor and the page size (the
 * handler applies the API's default, DEFAULT_PAGE_SIZE).
 * Output: a page of PartnerTandem, newest first: the mentee's id and name, the mentor's name only.
 * Course: one page of the partner's index (GSI2 `PARTNER#<id>#TANDEMS`), then one batch read of
 * the names; a cursor another partner's list gave is refused (400).
 */
import type { TandemStatus } from '../../domain/matching';
import type { BackOfficeReads, Page, PageRequest, PersonName } from '../../ports/back-office-reads';
import { nameOf } from '../admin/mentee-views';
import { peopleOf } from '../admin/list-tandems';

export interface PartnerTandemView {
  id: string;
  status: TandemStatus;
  track: string;
  startedAt: string;
  mentee: PersonName;
  mentor: { firstName: string; lastName: string };
}

export function makeListPartnerTandems({ reads }: { reads: BackOfficeReads }) {
  return async function listPartnerTandems(input: { partnerId: string } & PageRequest): Promise<Page<PartnerTandemView>> {
    const page = await reads.partnerTandems(input.partnerId, { cursor: input.cursor, limit: input.limit });
    const names = await reads.namesOf(peopleOf(page.items));
    return {
      items: page.items.map((t) => {
        const mentor = nameOf(names, t.mentorId);
        return { id: t.id, status: t.status, track: t.track, startedAt: t.startedAt, mentee: nameOf(names, t.menteeId), mentor: { firstName: mentor.firstName, lastName: mentor.lastName } };
      }),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  };
}
