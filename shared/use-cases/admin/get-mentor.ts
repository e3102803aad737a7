/**
 * A mentor's whole profile for the CCI (contact details, pools, the refusal's private reason).
 * Input: the mentor's id. Output: the detail. An unknown id, or a sign-up whose address is not
 * confirmed yet (nobody lists it), is NotFoundError (404).
 */
import type { MentorDetail } from '../../domain/back-office-schemas';
import { NotFoundError } from '../../domain/errors';
import type { MentorProfile } from '../../domain/people';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { mentorSummary } from './list-mentors';

export function mentorDetail(mentor: MentorProfile & { refusal?: { reason: string; at: string } }): MentorDetail {
  return {
    ...mentorSummary(mentor),
    email: mentor.email,
    ...(mentor.phone ? { phone: mentor.phone } : {}),
    ...(mentor.jobTitle ? { jobTitle: mentor.jobTitle } : {}),
    expertise: [...mentor.expertise],
    languages: [...mentor.languages],
    meetingModes: [...mentor.meetingModes],
    ...(mentor.bio ? { bio: mentor.bio } : {}),
    pools: [...(mentor.pools ?? [])],
    locale: mentor.locale,
    consentAt: mentor.consentAt,
    consentVersion: mentor.consentVersion,
    ...(mentor.erasedAt ? { erasedAt: mentor.erasedAt } : {}),
    ...(mentor.refusal ? { refusal: { reason: mentor.refusal.reason, at: mentor.refusal.at } } : {}),
  };
}

/** The mentor the CCI may see and act on: confirmed sign-ups only. */
export async function findMentor(store: Pick<MentorAdminStore, 'getMentor'>, mentorId: string): Promise<MentorProfile> {
  const mentor = await store.getMentor(mentorId);
  if (!mentor || mentor.status === 'pending_verification') throw new NotFoundError('No such mentor');
  return mentor;
}

export function makeGetMentor({ store }: { store: Pick<MentorAdminStore, 'getMentor'> }) {
  return async function getMentor(mentorId: string): Promise<MentorDetail> {
    return mentorDetail(await findMentor(store, mentorId));
  };
}
