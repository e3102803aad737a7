/**
 * A partner adviser's list of the partner's beneficiaries.
 * Input: the adviser's partner (from the verified token), the cursor and the page size (the
 * handler applies the API's default, DEFAULT_PAGE_SIZE).
 * Output: a page of PartnerMentee, newest referral first, with days waiting while the person waits
 * for a mentor; never a contact detail nor a CCI note (the index line holds none).
 * Course: one page of the partner's index (GSI2 `PARTNER#<id>#MENTEES`), so another partner's
 * people are out of reach; a cursor another partner's list gave is refused (400).
 */
import type { BackOfficeReads, Page, PageRequest, PartnerMenteeLine } from '../../ports/back-office-reads';
import type { Clock } from '../../ports/clock';
import { daysWaiting } from '../admin/mentee-views';

export type PartnerMenteeView = PartnerMenteeLine & { daysWaiting?: number };

export function makeListPartnerMentees({ reads, clock }: { reads: BackOfficeReads; clock: Clock }) {
  return async function listPartnerMentees(input: { partnerId: string } & PageRequest): Promise<Page<PartnerMenteeView>> {
    const page = await reads.partnerMentees(input.partnerId, { cursor: input.cursor, limit: input.limit });
    const now = clock.now();
    return {
      items: page.items.map((m) => {
        const days = daysWaiting(m, now);
        return { ...m, ...(days !== undefined ? { daysWaiting: days } : {}) };
      }),
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    };
  };
}
