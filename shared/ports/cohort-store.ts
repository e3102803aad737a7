/**
 * Cohort drafts and the reads that build them. Each draft is one item (its solution, edits and
 * publication) plus a small listing item (the list's line, in the drafts' index), written together.
 * Every change is conditional on what the caller read (a version, a lease): two officers editing
 * or publishing the same draft never overwrite each other, and a draft is published once.
 */
import type { CohortDraft, CohortListing, PairOutcome } from '../domain/cohort';
import type { MentorProfile } from '../domain/people';

export type BeginPublicationOutcome =
  /** This caller holds the publication; `draft` is as it stands (outcomes so far included). */
  | { outcome: 'started' | 'resumed'; draft: CohortDraft }
  | { outcome: 'stale_version' | 'already_published' | 'busy' | 'not_found' };

export interface CohortStore {
  /** Ids of the partner's referred mentees in one of `statuses` (the partner's index; never a Scan). */
  menteesOfPartner(partnerId: string, statuses: readonly string[]): Promise<string[]>;
  /** Active mentors (the status index, full profiles), whatever their load. */
  activeMentors(): Promise<MentorProfile[]>;

  get(draftId: string): Promise<CohortDraft | undefined>;
  /** Newest first, at most `limit`; of one partner when `partnerId`. */
  list(query: { partnerId?: string; limit: number }): Promise<CohortListing[]>;
  /** A new draft (version 1) and its listing. */
  create(draft: CohortDraft): Promise<void>;
  /**
   * Replaces the draft by its next version (and its listing), on condition that it is still a
   * draft at `expectedVersion`. Otherwise nothing changes and the answer says why.
   */
  saveRevision(draft: CohortDraft, expectedVersion: number): Promise<'saved' | 'stale_version' | 'already_published' | 'not_found'>;
  /**
   * Takes the publication of the draft at `version`: `draft` → `published` with the publication
   * in phase `publishing` held by `lease` until `leaseUntil` (`started`), or, for a publication
   * left `publishing` whose lease has lapsed (a crashed run), the lease taken over with the
   * outcomes recorded so far kept (`resumed`). A live lease answers `busy`; a publication `done`
   * or another version of a published draft, `already_published`.
   */
  beginPublication(input: { draftId: string; version: number; lease: string; leaseUntil: string; now: string }): Promise<BeginPublicationOutcome>;
  /** Records the outcomes so far (the whole list), while `lease` still holds the publication. */
  recordOutcomes(input: { draftId: string; lease: string; outcomes: PairOutcome[] }): Promise<'recorded' | 'lease_lost'>;
  /** Ends the publication (`done`) with every pair's outcome, while `lease` still holds it. */
  finishPublication(input: { draftId: string; lease: string; outcomes: PairOutcome[] }): Promise<'finished' | 'lease_lost'>;
}
