/**
 * The CCI's mentor list. Input: status (default `active`), optional track, sector, département
 * and minimum of free places, a cursor and a page size. Output: a page of mentor summaries, oldest
 * first, and the cursor of the next page. Course: one Query on the status index at a time, the
 * filters applied while paging, so a page holds up to `limit` matching mentors and the cursor
 * resumes right after the last one shown. The département is the commune's (Corsica 2A/2B,
 * overseas 97x), as in the availability index.
 */
import { DEFAULT_PAGE_SIZE, type MentorListQuery, type MentorSummary } from '../../domain/back-office-schemas';
import type { MentorProfile, MentorStatus } from '../../domain/people';
import type { MentorAdminStore } from '../../ports/mentor-admin';
import { departementOf } from '../../reference/codec';

/** A mentor as a line of the console's lists shows it. */
export function mentorSummary(mentor: MentorProfile): MentorSummary {
  return {
    id: mentor.id,
    firstName: mentor.firstName,
    lastName: mentor.lastName,
    status: mentor.status,
    profile: mentor.profile,
    ...(mentor.company ? { company: mentor.company } : {}),
    tracks: [...mentor.tracks],
    sectors: [...mentor.sectors],
    postalCode: mentor.postalCode,
    ...(mentor.communeCode ? { communeCode: mentor.communeCode } : {}),
    capacity: mentor.capacity,
    activeMentees: mentor.activeMentees,
    createdAt: mentor.createdAt,
    ...(mentor.verifiedAt ? { verifiedAt: mentor.verifiedAt } : {}),
  };
}

/**
 * The département of a mentor's place: the one of its commune (an INSEE commune code starts with
 * it: 13, 2A, 974), as the availability index files it. Every profile records its commune (the
 * sign-up schema sees to it); a postal code alone tells the département outside Corsica. Read
 * from the code, not the geography data, so the list's bundle stays small.
 */
export function mentorDepartement(mentor: Pick<MentorProfile, 'postalCode' | 'communeCode'>): string | null {
  if (mentor.communeCode) return departementOf(mentor.communeCode);
  const { postalCode } = mentor;
  if (postalCode.startsWith('20')) return null;
  return postalCode.startsWith('97') ? postalCode.slice(0, 3) : postalCode.slice(0, 2);
}

/** The filters of a query as one test on a mentor; undefined without filters. */
export function mentorFilter(query: Pick<MentorListQuery, 'track' | 'sector' | 'departement' | 'minCapacityLeft'>): ((mentor: MentorProfile) => boolean) | undefined {
  const { track, sector, departement, minCapacityLeft } = query;
  if (track === undefined && sector === undefined && departement === undefined && minCapacityLeft === undefined) return undefined;
  return (mentor) =>
    (track === undefined || (mentor.tracks as readonly string[]).includes(track)) &&
    (sector === undefined || (mentor.sectors as readonly string[]).includes(sector)) &&
    (minCapacityLeft === undefined || mentor.capacity - mentor.activeMentees >= minCapacityLeft) &&
    (departement === undefined || mentorDepartement(mentor) === departement);
}

export function makeListMentors({ store }: { store: Pick<MentorAdminStore, 'listMentors'> }) {
  return async function listMentors(query: MentorListQuery): Promise<{ items: MentorSummary[]; nextCursor?: string }> {
    const page = await store.listMentors({
      status: (query.status ?? 'active') as MentorStatus,
      limit: query.limit ?? DEFAULT_PAGE_SIZE,
      cursor: query.cursor,
      matches: mentorFilter(query),
    });
    return { items: page.mentors.map(mentorSummary), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  };
}
