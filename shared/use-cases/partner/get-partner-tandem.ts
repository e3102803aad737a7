/**
 * One of a partner's tandems, as the partner's adviser sees it.
 * Input: the adviser's partner (from the verified token) and the tandem's id.
 * Output: PartnerTandemDetail — check-in summaries (meetings, satisfaction, fit, progress, help),
 * outcomes, open alerts; never a private note nor the CCI's closing note; the mentor by name only.
 * Course: the tandem's partition (one Query); another partner's tandem, or one without a partner,
 * answers the same 404 as an unknown one; then one batch read of the two names.
 */
import type { z } from 'zod';
import { NotFoundError } from '../../domain/errors';
import type { partnerTandemDetailSchema } from '../../domain/follow-up-schemas';
import type { BackOfficeReads } from '../../ports/back-office-reads';
import type { FollowUpReads } from '../../ports/follow-up-reads';
import { nameOf } from '../admin/mentee-views';
import { peopleOf } from '../admin/list-tandems';
import { followUpViews } from '../follow-up-views';

export type PartnerTandemDetail = z.infer<typeof partnerTandemDetailSchema>;

export function makeGetPartnerTandem({ reads, followUp }: { reads: Pick<BackOfficeReads, 'namesOf'>; followUp: FollowUpReads }) {
  return async function getPartnerTandem(input: { partnerId: string; tandemId: string }): Promise<PartnerTandemDetail> {
    const found = await followUp.getFollowUp(input.tandemId);
    if (!found || found.tandem.partnerId !== input.partnerId) throw new NotFoundError('No such tandem');
    const { tandem } = found;
    const names = await reads.namesOf(peopleOf([tandem]));
    const mentor = nameOf(names, tandem.mentorId);
    const views = followUpViews(found, 'partner');
    return {
      id: tandem.id,
      status: tandem.status,
      track: tandem.track,
      startedAt: tandem.startedAt,
      ...(views.endedAt ? { endedAt: views.endedAt } : {}),
      ...(views.endReason ? { endReason: views.endReason } : {}),
      mentee: nameOf(names, tandem.menteeId),
      mentor: { firstName: mentor.firstName, lastName: mentor.lastName },
      checkIns: views.checkIns,
      outcomes: views.outcomes,
      alerts: views.alerts.filter((a) => a.status === 'open'),
    };
  };
}
