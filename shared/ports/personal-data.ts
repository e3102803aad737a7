/**
 * Personal data of one person (docs/follow-up.md, "Personal data"): what the export reads and
 * what the erasure and the retention job write. Reads never Scan: a mentee's partition (profile
 * and proposals, one Query), a mentor's history index (GSI4, keys only, then the items by key),
 * the status index and the retention queue by bounded range. Every write is conditional and
 * idempotent: run twice, it changes nothing the second time.
 *
 * The tandems themselves are read through FollowUpReads; proposals are closed through the
 * MatchingStore and active tandems through CloseTandem, so that the workflow and the places move
 * on exactly as when people act.
 */
import type { CheckInRole } from '../domain/follow-up';
import type { Proposal } from '../domain/matching';
import type { MenteeProfile, Person, PersonStatus, Role } from '../domain/people';
import type { RecordedJob } from './matching-store';

/** What the hub holds about one person, apart from the tandems' follow-up. */
export interface PersonHoldings {
  person: Person;
  /** A mentee's proposals (its partition); a mentor's, every proposal made to it (its history). */
  proposals: Proposal[];
  /** Every tandem the person is or was in, oldest first, each once. */
  tandemIds: string[];
}

/**
 * `erased`: the profile is anonymised now. `already_erased`: it was before (with its date).
 * `not_found`: no such person.
 */
export type AnonymiseOutcome = { outcome: 'erased'; erasedAt: string } | { outcome: 'already_erased'; erasedAt: string } | { outcome: 'not_found' } | { outcome: 'not_eligible' };

/**
 * The profile's state a caller decided on (the retention job: still `unmatched`, noticed on that
 * date): the erasure is refused (`not_eligible`, nothing written) unless the profile still has it,
 * in the same conditional write.
 */
export interface ErasureExpectation {
  status: PersonStatus;
  retentionNoticeAt: string;
}

/** A page of a bounded index read; `cursor` resumes right after its last entry. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

export interface PersonalDataStore {
  /** The person with its proposals and tandem ids; `undefined` for an unknown person. */
  readPerson(role: Role, personId: string): Promise<PersonHoldings | undefined>;
  /** First names of people of a role by id (erased or unknown people are absent). */
  firstNames(role: Role, ids: readonly string[]): Promise<Map<string, string>>;

  /**
   * Erases the profile (condition: as read, not erased): names, address, phone, postal and
   * commune codes, free texts and organisations removed, `email` empty, status `erased` with
   * every index attribute recomputed, `erasedAt`, `departement` kept for the reports; and, before
   * it, the address claim (if still this person's), the sign-up and resend outbox items that
   * carry the form or the address, the person's name in cohort drafts; a mentor's availability
   * entries in the same transaction as the profile.
   */
  anonymise(input: { role: Role; personId: string; now: Date; expect?: ErasureExpectation }): Promise<AnonymiseOutcome>;

  /** Removes one person's free texts (progress, private note) from a check-in round's answer. */
  eraseAnswerTexts(input: { tandemId: string; seq: number; role: CheckInRole }): Promise<'erased' | 'no_answer'>;
  /**
   * Empties a proposal's stored reasons (they may quote the place both share, e.g. the commune
   * code of `same_commune`); the proposal itself stays, for the ranking's history and the counts.
   */
  eraseProposalReasons(input: { menteeId: string; mentorId: string }): Promise<void>;
  /** Removes the CCI's closing note of a tandem (it may name the erased person). */
  eraseTandemNote(tandemId: string): Promise<void>;
  /**
   * Cancels a tandem's outcome surveys still scheduled or sent (out of their queues; a sent one's
   * link then answers `closed`), each conditional on its status: a tandem that ended before an
   * erasure asks nothing more. Returns how many were cancelled.
   */
  cancelOutcomeSurveys(tandemId: string): Promise<number>;
  /**
   * Removes the SIREN from a tandem's outcome (`tandem.outcome.siren`) and from every outcome
   * record of its surveys (`records[].value.siren`): for a sole trader it names the person. The
   * records stay, countable; records are only ever appended, so each is addressed by its index.
   */
  eraseOutcomeSirens(tandemId: string): Promise<void>;

  /**
   * Unmatched mentees (status index `MENTEE#STATUS#unmatched`) who signed up before
   * `createdBefore`, oldest first: a bounded range read, `limit` at most per page.
   */
  unmatchedMentees(input: { createdBefore: Date; limit: number; cursor?: string | undefined }): Promise<Page<MenteeProfile>>;
  /**
   * Records the retention notice and its mail job, in one transaction conditional on the mentee
   * being `unmatched` without a notice: `not_eligible` otherwise (already noticed, matched again).
   */
  recordRetentionNotice(input: { menteeId: string; now: Date; mail: RecordedJob }): Promise<'recorded' | 'not_eligible'>;

  /** Closed tandems whose retention entry is due at `now` (`DUE#TANDEM_RETENTION`), oldest first. */
  dueTandemRetentions(input: { now: Date; limit: number; cursor?: string | undefined }): Promise<Page<{ tandemId: string; dueAt: string }>>;
  /**
   * A closed tandem's retention applied: its outcome's SIRENs removed (as eraseOutcomeSirens), then
   * in one transaction its closing note removed, `anonymisedAt` set and the retention entry done
   * (out of the queue). `already_done` when the entry was done before; `not_found` without the
   * tandem or its entry.
   */
  completeTandemRetention(input: { tandemId: string; now: Date }): Promise<'done' | 'already_done' | 'not_found'>;
}
