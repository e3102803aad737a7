/**
 * What the matching workflow's use cases share: their dependencies, the stage's settings, the
 * engine's view of a mentee (history, dedicated pool, conflicts) and the jobs they record. Not a
 * use case itself; each task and job has its own file beside this one.
 */
import { randomUUID } from 'node:crypto';
import type { Locale } from '../domain/locale';
import type { MailJob } from '../domain/mail-job';
import type { Proposal, StoredReason } from '../domain/matching';
import type { StartMatchingJob } from '../domain/matching-jobs';
import type { MenteeProfile } from '../domain/people';
import { menteeRequest } from '../matching/from-profiles';
import type { MenteeRequest, Reason } from '../matching/types';
import type { Clock } from '../ports/clock';
import type { MatchingStore, MenteeWithProposals, RecordedJob } from '../ports/matching-store';
import type { MatchingWorkflow } from '../ports/matching-workflow';

/** The stage's matching settings (the `matching` configuration group; defaults MATCHING_DEFAULTS). */
export interface MatchingSettings {
  /** Candidates proposed in turn per attempt. */
  candidatesPerAttempt: number;
  /** How long a mentor has to answer. */
  proposalLifetimeSeconds: number;
  /** When a mentor who has not answered gets the one reminder. */
  reminderAfterSeconds: number;
}

export interface MatchingDeps {
  store: MatchingStore;
  workflow: MatchingWorkflow;
  clock: Clock;
  config: MatchingSettings;
  /** Job ids (a replayed step records nothing new: its jobs' dedup keys are stable). */
  newId?: () => string;
}

export const defaultNewId = randomUUID;

/** Proposal statuses the ranking counts as "declined before": never proposed again to this mentee. */
const DECLINED_STATUSES: readonly Proposal['status'][] = ['declined', 'expired', 'capacity_gone'];

/** The mentee is still in the attempt a task works for. */
export const isInAttempt = (mentee: MenteeProfile | undefined, attempt: number): mentee is MenteeProfile =>
  mentee?.status === 'awaiting_match' && mentee.matchingAttempt === attempt;

/**
 * The engine's view of a mentee: place, needs, history (mentors who declined, let the proposal
 * lapse or had no place left; mentors of an ended tandem), conflicts, and the referring partner's
 * dedicated pool when it keeps one.
 */
export async function menteeRequestOf(store: MatchingStore, { mentee, proposals }: MenteeWithProposals): Promise<MenteeRequest> {
  const partner = mentee.partnerId ? await store.getPartner(mentee.partnerId) : undefined;
  return menteeRequest(mentee, {
    partnerHasDedicatedPool: partner?.dedicatedPool === true,
    conflictingOrganisations: mentee.conflictingOrganisations ?? [],
    history: {
      declinedBy: proposals.filter((p) => DECLINED_STATUSES.includes(p.status)).map((p) => p.mentorId),
      endedWith: mentee.endedWith ?? [],
    },
  });
}

/** A reason of the engine as stored with the proposal (the mail and the page render it). */
export const storedReason = ({ code, params, text }: Reason): StoredReason => ({ code, params, text: { fr: text.fr, en: text.en } });

export const secondsAfter = (now: Date, seconds: number): Date => new Date(now.getTime() + seconds * 1000);

/** The UTC day (`yyyy-mm-dd`) of `now`: a retry of an unmatched mentee is at most one a day. */
export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** A mail job's own fields, template by template (Omit over each member of the union). */
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type MailFields = OmitEach<MailJob, 'kind' | 'id' | 'locale' | 'recordedAt'>;

/** A mail job recorded at `now` (`locale`: the recipient's when a person, else French). */
export function mailJob(now: Date, id: string, locale: Locale, fields: MailFields): MailJob {
  return { kind: 'mail', id, locale, recordedAt: now.toISOString(), ...fields } as MailJob;
}

/** The proposal mail to a mentor (first or reminder), one per mentee and mentor and kind. */
export function proposalMail(input: { now: Date; id: string; locale: Locale; menteeId: string; mentorId: string; reminder: boolean }): RecordedJob {
  const { now, id, locale, menteeId, mentorId, reminder } = input;
  return {
    job: mailJob(now, id, locale, { template: 'proposal', to: { role: 'mentor', personId: mentorId }, menteeId, reminder }),
    dedupKey: `${reminder ? 'proposal_reminder' : 'proposal'}#${menteeId}#${mentorId}`,
  };
}

/** The start job of a mentee's attempt; its dedup key makes a replayed start record nothing new. */
export function startMatchingJob(input: { now: Date; id: string; mentee: Pick<MenteeProfile, 'id' | 'locale'>; attempt: number }): RecordedJob {
  const { now, id, mentee, attempt } = input;
  const job: StartMatchingJob = { kind: 'start_matching', id, locale: mentee.locale, recordedAt: now.toISOString(), menteeId: mentee.id, attempt };
  return { job, dedupKey: `start_matching#${mentee.id}#${attempt}` };
}
