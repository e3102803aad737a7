/**
 * The back office's lists and lookups (the CCI's console, the partners' space): pages of an index
 * read through opaque cursors, never a Scan. A list pages in its index's order; `nextCursor` is
 * absent on the last page, and a cursor another list gave (another status, another partner) or a
 * tampered one is refused with InvalidCursorError (400). Writes never come here: the console's
 * actions go through MatchingStore.
 */
import type { TandemAlert } from '../domain/follow-up';
import type { Proposal, Tandem, TandemStatus } from '../domain/matching';
import type { MenteeProfile, MenteeStatus, MentorProfile, MentorStatus, Role } from '../domain/people';

export interface PageRequest {
  /** The `nextCursor` of the previous page of the same list. */
  cursor?: string | undefined;
  /** 1 to 100. */
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  nextCursor?: string;
}

export interface PersonName {
  id: string;
  firstName: string;
  lastName: string;
}

/** A partner's beneficiary as its index line holds it: no contact details, no CCI notes. */
export type PartnerMenteeLine = Pick<MenteeProfile, 'id' | 'firstName' | 'lastName' | 'status' | 'track' | 'createdAt' | 'verifiedAt'>;
/** A tandem as the partner's index line holds it. */
export type PartnerTandemLine = Pick<Tandem, 'id' | 'status' | 'track' | 'startedAt' | 'menteeId' | 'mentorId'>;
/** A pending proposal as the pending index holds it. */
export type PendingProposalLine = Pick<Proposal, 'menteeId' | 'mentorId' | 'createdAt' | 'expiresAt' | 'remindedAt'>;

/** An open follow-up alert with its tandem's people. */
export type OpenAlertLine = TandemAlert & Pick<Tandem, 'menteeId' | 'mentorId'>;

export interface BackOfficeReads {
  /** Mentees in a status (status index), oldest sign-up first. */
  menteesByStatus(status: Exclude<MenteeStatus, 'pending_verification'>, page: PageRequest): Promise<Page<MenteeProfile>>;
  /** Mentors in a status (status index), oldest sign-up first. */
  mentorsByStatus(status: Exclude<MentorStatus, 'pending_verification'>, page: PageRequest): Promise<Page<MentorProfile>>;
  /** How many mentors are in a status (a count of the status index). */
  countMentors(status: Exclude<MentorStatus, 'pending_verification'>): Promise<number>;
  /** Tandems in a status, newest first. */
  tandemsByStatus(status: TandemStatus, page: PageRequest): Promise<Page<Tandem>>;
  getTandem(tandemId: string): Promise<Tandem | undefined>;
  /** First and last names of people, by id (one batch read); an unknown id is absent from the map. */
  namesOf(people: ReadonlyArray<{ role: Role; id: string }>): Promise<Map<string, PersonName>>;
  /** Proposals still `pending` (decided or not), oldest first (pending index). */
  pendingProposals(page: PageRequest): Promise<Page<PendingProposalLine>>;
  /**
   * Open follow-up alerts (attention index, GSI1 `ALERT#OPEN`), newest first, at most `limit`,
   * with their tandems' people (one batch read of the tandems); an alert whose tandem is gone is left out.
   */
  openAlerts(limit: number): Promise<OpenAlertLine[]>;
  /** A partner's referred mentees (verified), newest first. */
  partnerMentees(partnerId: string, page: PageRequest): Promise<Page<PartnerMenteeLine>>;
  /** The tandems of a partner's referred mentees, newest first. */
  partnerTandems(partnerId: string, page: PageRequest): Promise<Page<PartnerTandemLine>>;
}
