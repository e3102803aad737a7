/**
 * How the console and the partner space show mentees, proposals and the "no mentor found" report:
 * the API shapes of shared/domain/back-office-schemas.ts built from the domain objects. Not a use
 * case; the mentee, tandem, attention and partner use cases share it.
 */
import type { MenteeSummary, MentorSummary } from '../../domain/back-office-schemas';
import type { Proposal } from '../../domain/matching';
import type { MenteeProfile, MenteeStatus, MentorProfile, UnmatchedReport } from '../../domain/people';
import { EXCLUSION_TEXT } from '../../matching/exclusion-text';
import type { ExclusionCode } from '../../matching/types';
import type { PersonName } from '../../ports/back-office-reads';

const DAY_MS = 24 * 3600 * 1000;

/** Statuses in which a mentee waits for a mentor (the days waiting count). */
export const WAITING_STATUSES: readonly MenteeStatus[] = ['awaiting_match', 'unmatched', 'matching_failed'];

/** Whole days from `since` to `now` (never negative). */
export const wholeDays = (since: string, now: Date): number => Math.max(0, Math.floor((now.getTime() - Date.parse(since)) / DAY_MS));

/** Whole days since the address was confirmed, while the mentee waits for a mentor; otherwise undefined. */
export function daysWaiting(mentee: { status: MenteeStatus; verifiedAt?: string | undefined }, now: Date): number | undefined {
  return WAITING_STATUSES.includes(mentee.status) && mentee.verifiedAt ? wholeDays(mentee.verifiedAt, now) : undefined;
}

const defined = <T extends Record<string, unknown>>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export function menteeSummary(mentee: MenteeProfile, now: Date): MenteeSummary {
  return defined({
    id: mentee.id,
    firstName: mentee.firstName,
    lastName: mentee.lastName,
    status: mentee.status,
    track: mentee.track,
    sector: mentee.sector,
    postalCode: mentee.postalCode,
    partnerId: mentee.partnerId,
    createdAt: mentee.createdAt,
    verifiedAt: mentee.verifiedAt,
    daysWaiting: daysWaiting(mentee, now),
  });
}

export function mentorSummary(mentor: MentorProfile): MentorSummary {
  return defined({
    id: mentor.id,
    firstName: mentor.firstName,
    lastName: mentor.lastName,
    status: mentor.status,
    profile: mentor.profile,
    company: mentor.company,
    tracks: [...mentor.tracks],
    sectors: [...mentor.sectors],
    postalCode: mentor.postalCode,
    communeCode: mentor.communeCode,
    capacity: mentor.capacity,
    activeMentees: mentor.activeMentees,
    createdAt: mentor.createdAt,
    verifiedAt: mentor.verifiedAt,
  });
}

/** A person's name from a batch read; a person no longer stored (erased) shows empty names. */
export const nameOf = (names: ReadonlyMap<string, PersonName>, id: string): PersonName => names.get(id) ?? { id, firstName: '', lastName: '' };

/** One exclusion code's sentence, or the code itself for one this version does not know. */
export const exclusionText = (code: string) => (code in EXCLUSION_TEXT ? EXCLUSION_TEXT[code as ExclusionCode] : { fr: code, en: code });

/** The report with its reasons in words, most frequent first (as the report mail lists them). */
export function unmatchedReportView(report: UnmatchedReport) {
  const lines = Object.entries(report.excluded)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([code, n]) => {
      const text = exclusionText(code);
      return { fr: `${text.fr}\u00a0: ${n}`, en: `${text.en}: ${n}` };
    });
  return { at: report.at, considered: report.considered, compatible: report.compatible, proposed: report.proposed, excluded: { ...report.excluded }, lines };
}

/** A proposal line: the mentor's name, the proposal's state and dates (never the task token). */
export function proposalLine(proposal: Proposal, names: ReadonlyMap<string, PersonName>) {
  return defined({
    mentor: nameOf(names, proposal.mentorId),
    status: proposal.status,
    attempt: proposal.attempt,
    rank: proposal.rank,
    score: proposal.score,
    createdAt: proposal.createdAt,
    expiresAt: proposal.expiresAt,
    decidedAt: proposal.decidedAt,
    decision: proposal.decision,
    declineReason: proposal.declineReason,
    remindedAt: proposal.remindedAt,
  });
}

/** Proposals in the order they were made: by attempt, then rank. */
export const byAttemptAndRank = (a: Proposal, b: Proposal) => a.attempt - b.attempt || a.rank - b.rank;
