/**
 * Mentors and mentees as the domain sees them, and their life cycle up to matching.
 * After e-mail verification a mentor waits for the CCI's validation; a mentee waits for a match.
 */
import type { SignUpJob } from './sign-up-job';
import type { MenteeSignUp, MentorSignUp } from './sign-up-schemas';

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

/** `erased`: the person asked to be forgotten; the profile keeps only what reports count (docs/follow-up.md). */
export const MENTOR_STATUSES = ['pending_verification', 'pending_validation', 'active', 'paused', 'inactive', 'erased'] as const;
export type MentorStatus = (typeof MENTOR_STATUSES)[number];
/**
 * `awaiting_match` while a matching workflow runs for the mentee; `unmatched` when no mentor could
 * be found (retried when capacity appears); `matching_failed` when the workflow broke (the CCI is
 * alerted); `in_tandem` once a mentor accepted; `closed` when the mentee's programme is over;
 * `erased` when the person asked to be forgotten (or the retention period ran out).
 */
export const MENTEE_STATUSES = ['pending_verification', 'awaiting_match', 'unmatched', 'matching_failed', 'in_tandem', 'closed', 'erased'] as const;
export type MenteeStatus = (typeof MENTEE_STATUSES)[number];
export type PersonStatus = MentorStatus | MenteeStatus;

/** Status a person reaches once the e-mail address is confirmed. */
export const STATUS_AFTER_VERIFICATION = {
  mentor: 'pending_validation',
  mentee: 'awaiting_match',
} as const satisfies Record<Role, PersonStatus>;

/** How long an unverified sign-up is kept before it expires (and its address is free again). */
export const UNVERIFIED_RETENTION_SECONDS = 7 * 24 * 3600;
/** How long a verification link stays valid. */
export const VERIFICATION_LINK_TTL_SECONDS = 48 * 3600;
/**
 * How long an identical sign-up submission is remembered, so that retries and double clicks have
 * one effect. Minutes, not hours: a person who did not get the mail may simply submit again.
 */
export const SUBMISSION_MEMORY_SECONDS = 10 * 60;
/**
 * At most one e-mail per address and role in this window for repeated sign-ups (a reminder link
 * or an "already registered" note), so that nobody can flood an inbox through the form.
 */
export const REPEAT_NOTICE_COOLDOWN_SECONDS = 15 * 60;
/** Version of the consent text shown on the form; stored with each consent. */
export const CONSENT_VERSION = '2026-12';

interface PersonBase {
  id: string;
  status: PersonStatus;
  /** Normalized (trimmed, lower-case) address. */
  email: string;
  locale: 'fr' | 'en';
  createdAt: string;
  consentAt: string;
  consentVersion: string;
  verifiedAt?: string;
  /**
   * Set when the profile was erased (on request or by retention): names, address, phone, postal
   * code and free texts are gone; what reports count (role, track, sector, département, partner,
   * dates, statuses) stays. `email` is then the empty string.
   */
  erasedAt?: string;
  /** When the unmatched-profile retention notice was recorded (the erasure follows a notice period later). */
  retentionNoticeAt?: string;
  /** Set by the erasure, from the postal code or commune it removes: reports still count by département. */
  departement?: string;
  /**
   * The fingerprint of the sign-up submission (the key of its outbox item `OUTBOX#SIGN_UP#<key>`,
   * which carries the whole form): the erasure deletes that item by it. Removed by the erasure.
   */
  signUpKey?: string;
}

export type MentorProfile = Omit<MentorSignUp, 'consent' | 'email'> &
  PersonBase & {
    role: 'mentor';
    status: MentorStatus;
    /** Tandems in progress; never above `capacity` (a conditional write on each tandem's creation). */
    activeMentees: number;
    /** Partners whose dedicated mentor pool this mentor belongs to (set by the CCI). */
    pools?: string[];
    /** Set when the CCI paused the mentor: only the CCI reactivates (not the link of a proposal mail). */
    pausedBy?: 'cci';
  };
export type MenteeProfile = Omit<MenteeSignUp, 'consent' | 'email'> &
  PersonBase & {
    role: 'mentee';
    status: MenteeStatus;
    /**
     * The matching attempt under way or last run (1 for the first). Each attempt is one workflow
     * execution named after the mentee and this number, so a replayed start starts nothing new.
     */
    matchingAttempt?: number;
    /** UTC day (`yyyy-mm-dd`) of the last retry of an unmatched mentee: at most one a day. */
    lastRetryDay?: string;
    /** The tandem this mentee is in (`in_tandem`). */
    tandemId?: string;
    /** Organisations a mentor must not belong to (a conflict of interest), as typed by the CCI. */
    conflictingOrganisations?: string[];
    /** Mentors whose tandem with this mentee ended: never proposed again. */
    endedWith?: string[];
    /** The mentor the CCI chose for an attempt (console, cohort): proposed to first in that attempt. */
    preferredMentor?: { attempt: number; mentorId: string };
    /** What the last attempt that found nobody counted (kept for the CCI's console). */
    lastUnmatchedReport?: UnmatchedReport;
  };

/** The counts of an attempt that found no mentor: mentors considered, compatible, proposed to, excluded by rule (counts only, never a name). */
export interface UnmatchedReport {
  at: string;
  considered: number;
  compatible: number;
  proposed: number;
  excluded: Record<string, number>;
}
export type Person = MentorProfile | MenteeProfile;

export interface Partner {
  id: string;
  name: string;
  kind: string;
  status: 'active' | 'inactive';
  /** When set, mentees referred by this partner are matched only with the partner's own mentors. */
  dedicatedPool: boolean;
  createdAt: string;
  /** The adviser's or the structure's address: introductions and "no mentor found" reports go there. */
  contactEmail?: string;
}

/**
 * The unverified profile a sign-up job creates. Everything comes from the job (id and dates
 * included), so processing the same job twice builds the same person.
 */
export function personFromSignUp(job: SignUpJob): Person {
  const base = {
    id: job.personId,
    locale: job.locale,
    createdAt: job.recordedAt,
    consentAt: job.recordedAt,
    consentVersion: CONSENT_VERSION,
    status: 'pending_verification' as const,
  };
  if (job.role === 'mentor') {
    const { consent: _consent, ...signUp } = job.signUp;
    return { ...signUp, ...base, role: 'mentor', activeMentees: 0 } satisfies MentorProfile;
  }
  const { consent: _consent, ...signUp } = job.signUp;
  return { ...signUp, ...base, role: 'mentee' } satisfies MenteeProfile;
}
