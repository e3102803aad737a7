/**
 * The matching workflow's use cases on the in-memory adapters (one memory table, the memory
 * MatchingStore and MatchingWorkflow), with a clock the test moves and seeders that write the
 * very items the store reads (profiles, availability entries, partners, proposals).
 */
import { randomUUID } from 'node:crypto';
import { memoryMatchingStore } from '../../shared/adapters/memory/matching-store';
import { memoryMatchingWorkflow } from '../../shared/adapters/memory/matching-workflow';
import { memoryTable } from '../../shared/adapters/memory/table';
import { availabilityItems, ENTITY, OUTBOX_JOB_ATTRIBUTE, partnerItem, personItem, proposalItem } from '../../shared/db/items';
import { keys } from '../../shared/db/keys';
import { FOLLOW_UP_DEFAULTS, type FollowUpSettings } from '../../shared/domain/follow-up';
import type { MailJob } from '../../shared/domain/mail-job';
import { MATCHING_DEFAULTS, type Proposal } from '../../shared/domain/matching';
import type { OutboxJob } from '../../shared/domain/outbox';
import type { MenteeProfile, MentorProfile, Partner } from '../../shared/domain/people';
import { makeAcceptProposal } from '../../shared/use-cases/accept-proposal';
import { makeDeliverDecision } from '../../shared/use-cases/deliver-decision';
import { makeMarkFailed } from '../../shared/use-cases/mark-failed';
import { makeMarkUnmatched } from '../../shared/use-cases/mark-unmatched';
import type { MatchingSettings } from '../../shared/use-cases/matching-context';
import { makeProposeToMentor } from '../../shared/use-cases/propose-to-mentor';
import { makeRankCandidates } from '../../shared/use-cases/rank-candidates';
import { makeRecordExpiry } from '../../shared/use-cases/record-expiry';
import { makeResumeMatching } from '../../shared/use-cases/resume-matching';
import { makeRetryUnmatched } from '../../shared/use-cases/retry-unmatched';
import { makeSendReminders } from '../../shared/use-cases/send-reminders';
import { makeStartMatching } from '../../shared/use-cases/start-matching';

export const SECOND = 1000;
export const DAY = 24 * 3600 * SECOND;

/** A verified, active mentor in Marseille (1er), business creation and job search, two places. */
export function mentorProfile(overrides: Partial<MentorProfile> = {}): MentorProfile {
  return {
    id: randomUUID(),
    role: 'mentor',
    status: 'active',
    firstName: 'Camille',
    lastName: 'Durand',
    email: `mentor-${randomUUID()}@example.org`,
    phone: '+33 6 12 34 56 78',
    company: 'Durand Conseil',
    jobTitle: 'Gérante',
    profile: 'entrepreneur',
    tracks: ['business_creation', 'job_search'],
    sectors: ['I', 'M'],
    expertise: ['funding', 'business_plan'],
    languages: ['fr', 'en'],
    postalCode: '13001',
    communeCode: '13201',
    meetingModes: ['in_person', 'remote'],
    capacity: 2,
    activeMentees: 0,
    bio: 'Vingt ans dans la restauration.',
    locale: 'fr',
    createdAt: '2026-10-01T09:00:00.000Z',
    consentAt: '2026-10-01T09:00:00.000Z',
    consentVersion: '2026-11',
    verifiedAt: '2026-10-01T09:10:00.000Z',
    ...overrides,
  } as MentorProfile;
}

/** A mentee in Aix-en-Provence, business creation, in person only, awaiting a match at attempt 1. */
export function menteeProfile(overrides: Partial<MenteeProfile> = {}): MenteeProfile {
  return {
    id: randomUUID(),
    role: 'mentee',
    status: 'awaiting_match',
    matchingAttempt: 1,
    firstName: 'Yanis',
    lastName: 'Benali',
    email: `mentee-${randomUUID()}@example.org`,
    track: 'business_creation',
    sector: 'I',
    needs: ['funding', 'business_plan'],
    languages: ['fr', 'ar'],
    postalCode: '13100',
    communeCode: '13001',
    meetingModes: ['in_person'],
    project: 'Ouvrir un restaurant à Aix.',
    locale: 'fr',
    createdAt: '2026-11-01T09:00:00.000Z',
    consentAt: '2026-11-01T09:00:00.000Z',
    consentVersion: '2026-11',
    verifiedAt: '2026-11-01T09:10:00.000Z',
    ...overrides,
  } as MenteeProfile;
}

export function makeMatchingHub(options: { now?: string; config?: Partial<MatchingSettings>; followUp?: Partial<FollowUpSettings> } = {}) {
  let current = new Date(options.now ?? '2026-12-01T10:00:00.000Z');
  const clock = { now: () => current };
  const table = memoryTable();
  const store = memoryMatchingStore(table);
  const workflow = memoryMatchingWorkflow();
  const config: MatchingSettings = { ...MATCHING_DEFAULTS, ...options.config };
  /** The follow-up settings the accept schedules a new tandem's first check-in and silence watch with. */
  const followUp: FollowUpSettings = { ...FOLLOW_UP_DEFAULTS, ...options.followUp };
  const deps = { store, workflow, clock, config };

  /** Every job recorded so far (with its dedup key, read off the item's key). */
  const jobs = (): { job: OutboxJob; dedupKey: string }[] =>
    table
      .scan()
      .filter((item) => item.entity === ENTITY.outbox)
      .map((item) => ({ job: item[OUTBOX_JOB_ATTRIBUTE] as OutboxJob, dedupKey: String(item.PK).replace(/^OUTBOX#[A-Z_]+#/, '') }));

  return {
    clock,
    table,
    store,
    workflow,
    config,
    followUp,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
    jobs,
    mails: (): MailJob[] => jobs().flatMap(({ job }) => (job.kind === 'mail' ? [job] : [])),
    seedMentor(overrides: Partial<MentorProfile> = {}): MentorProfile {
      const mentor = mentorProfile(overrides);
      table.put(personItem(mentor));
      for (const entry of availabilityItems(mentor)) table.put(entry);
      return mentor;
    },
    seedMentee(overrides: Partial<MenteeProfile> = {}): MenteeProfile {
      const mentee = menteeProfile(overrides);
      table.put(personItem(mentee));
      return mentee;
    },
    seedPartner(overrides: Partial<Partner> = {}): Partner {
      const partner: Partner = { id: `partner-${randomUUID().slice(0, 8)}`, name: 'Mission locale', kind: 'mission_locale', status: 'active', dedicatedPool: false, createdAt: '2026-01-01T00:00:00.000Z', ...overrides };
      table.put(partnerItem(partner));
      return partner;
    },
    /** A proposal as the store would have recorded it earlier (its mail not included). */
    seedProposal(proposal: Partial<Proposal> & Pick<Proposal, 'menteeId' | 'mentorId'>, taskToken = `token-${randomUUID()}`, remindAt?: string): Proposal {
      const full: Proposal = {
        attempt: 1,
        rank: 1,
        score: 0.5,
        reasons: [],
        status: 'pending',
        createdAt: current.toISOString(),
        expiresAt: new Date(current.getTime() + config.proposalLifetimeSeconds * SECOND).toISOString(),
        ...proposal,
      };
      table.put(proposalItem(full, { taskToken, ...(remindAt ? { remindAt } : {}) }));
      return full;
    },
    mentee: async (id: string) => (await store.getMentee(id))!.mentee,
    mentor: async (id: string) => (await store.getMentor(id))!,
    proposal: (menteeId: string, mentorId: string) => store.getProposal(menteeId, mentorId),
    tokenOf: async (menteeId: string, mentorId: string) => (await store.getProposalWithToken(menteeId, mentorId))?.taskToken,
    /** The mentor's click, as the decide route records it (with its delivery job). */
    decide: (menteeId: string, mentorId: string, decision: 'accept' | 'decline' | 'decline_and_pause') =>
      store.decide({
        menteeId,
        mentorId,
        decision,
        now: current,
        delivery: {
          job: { kind: 'deliver_decision', id: randomUUID(), locale: 'fr', recordedAt: current.toISOString(), menteeId, mentorId },
          dedupKey: `deliver#${menteeId}#${mentorId}`,
        },
      }),
    hasItem: (key: ReturnType<typeof keys.tandem>) => table.get(key) !== undefined,
    rankCandidates: makeRankCandidates(deps),
    proposeToMentor: makeProposeToMentor(deps),
    acceptProposal: makeAcceptProposal({ ...deps, followUp }),
    recordExpiry: makeRecordExpiry(deps),
    markUnmatched: makeMarkUnmatched(deps),
    markFailed: makeMarkFailed(deps),
    deliverDecision: makeDeliverDecision(deps),
    startMatching: makeStartMatching(deps),
    retryUnmatched: makeRetryUnmatched(deps),
    sendReminders: makeSendReminders(deps),
    resumeMatching: makeResumeMatching(deps),
  };
}

export type MatchingHub = ReturnType<typeof makeMatchingHub>;
