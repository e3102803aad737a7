/**
 * Persistence of the CCI's administration of mentors and partners (the console's mentor and
 * partner pages). Every change is one conditional write or one transaction, conditioned on the
 * record as the caller read it: a concurrent change makes it answer `changed` and writes nothing
 * (never half a change). A mentor's availability entries and the change's after-commit jobs
 * (mails, `capacity_appeared`) are written in the same transaction as the profile.
 */
import type { MentorProfile, MentorStatus, Partner } from '../domain/people';
import type { RecordedJob } from './matching-store';

export interface MentorPage {
  mentors: MentorProfile[];
  /** Opaque; resumes exactly after the last mentor of this page. Absent on the last page (a last page may rarely come empty). */
  nextCursor?: string;
}

export interface MentorAdminStore {
  getMentor(mentorId: string): Promise<MentorProfile | undefined>;

  /**
   * Mentors in a status, oldest first (the status index), keeping those `matches` accepts, until
   * `limit` are found or the index ends: a page holds up to `limit` matching mentors, and its
   * cursor resumes right after the last one. With a filter, a request examines at most
   * MAX_EXAMINED_PER_REQUEST mentors: past that, the page may hold fewer than `limit` with a cursor
   * after the last one examined, so a rare filter over a large index never runs into the function's
   * time limit. A cursor this list did not give throws InvalidCursorError. Never a Scan.
   */
  listMentors(query: { status: MentorStatus; limit: number; cursor?: string | undefined; matches?: (mentor: MentorProfile) => boolean }): Promise<MentorPage>;

  /**
   * Writes `after` over `before` in one transaction, on condition that the stored profile is still
   * `before`: the changed attributes, the status index attributes when the status changes, the
   * availability entries that change (added, rewritten, removed) and `jobs`. `changed`: the
   * profile is gone or no longer `before`; nothing was written.
   */
  saveMentor(input: { before: MentorProfile; after: MentorProfile; now: Date; jobs: readonly RecordedJob[] }): Promise<'saved' | 'changed'>;

  getPartner(partnerId: string): Promise<Partner | undefined>;
  /** Partners in a status sorted by name (the status index). */
  listPartners(status: Partner['status']): Promise<Partner[]>;
  /** A new partner; `exists` when the id is taken (nothing written). */
  createPartner(partner: Partner): Promise<'created' | 'exists'>;
  /** `after` over `before` (its name index follows a rename or a status change), on condition that the stored partner is still `before`. */
  savePartner(input: { before: Partner; after: Partner }): Promise<'saved' | 'changed'>;
}

/** Mentors a filtered list request examines at most (ten Query pages of a hundred). */
export const MAX_EXAMINED_PER_REQUEST = 1000;
