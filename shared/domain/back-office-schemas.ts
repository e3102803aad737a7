/**
 * The back office's API contract: what the CCI's console and the partners' space send and get.
 * Requests are validated by these schemas in the HTTP chain; responses are documented by them in
 * the OpenAPI document (shared/http/openapi.ts). Lists page through opaque cursors
 * (`nextCursor`, absent on the last page). Partner-facing shapes never carry the CCI's private
 * fields (refusal reasons, conflicts of interest, notes).
 */
import { array, boolean, enum as enumOf, int, literal, number, object, optional, record, strictObject, string, uuid } from 'zod';
import type { z } from 'zod';
import { MENTEE_STATUSES, MENTOR_STATUSES } from './people';
import { EXPERTISE_CODES, LANGUAGE_CODES, MEETING_MODE_CODES, PROFILE_CODES, SECTOR_CODES, TRACK_CODES } from './reference';
import { codeSet, emailSchema, longText, optionalShortText, shortText } from './sign-up-fields';
import { attentionAlertSchema, tandemFollowUpFields } from './follow-up-schemas';
import { TANDEM_STATUSES } from './matching';

// ── Shared pieces ────────────────────────────────────────────────────────────────────────────────

/** Opaque pagination cursor as the API returned it (`nextCursor`). */
export const cursorSchema = string().max(2048).regex(/^[A-Za-z0-9_-]+$/).meta({ description: 'The `nextCursor` of the previous page.' });
const limitSchema = string().regex(/^\d{1,3}$/).transform(Number).pipe(int().min(1).max(100)).optional().meta({ description: 'Page size, 1–100 (default 25).' });
export const DEFAULT_PAGE_SIZE = 25;
const departementSchema = string().regex(/^(\d{2}|2[AB]|97\d)$/).meta({ description: 'Département code (13, 2A, 974…).' });
const text = { fr: string(), en: string() };
const reasonLine = object({ code: string(), text: object(text) });

export const pageOf = <T extends z.ZodType>(item: T, id: string) => object({ items: array(item), nextCursor: optional(string()) }).meta({ id });

export const pathIds = {
  partnerId: strictObject({ partnerId: string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  mentorId: strictObject({ mentorId: uuid() }),
  menteeId: strictObject({ menteeId: uuid() }),
  tandemId: strictObject({ tandemId: uuid() }),
  draftId: strictObject({ draftId: uuid() }),
} as const;

const personName = object({ id: string(), firstName: string(), lastName: string() });

// ── Partners (CCI) ───────────────────────────────────────────────────────────────────────────────

export const PARTNER_KINDS = ['employment_agency', 'youth_mission', 'business_support', 'association', 'school', 'other'] as const;

/** A partner's name as pages and mails show it: typographic apostrophes (« Pays d’Aix »). */
const partnerName = shortText(120).overwrite((v) => v.replace(/'/g, '\u2019'));

export const createPartnerSchema = strictObject({
  name: partnerName,
  kind: enumOf(PARTNER_KINDS),
  dedicatedPool: boolean().optional().meta({ description: 'Its referred mentees are matched only with the mentors of its own pool.' }),
  contactEmail: emailSchema.optional(),
}).meta({ id: 'CreatePartner' });
export type CreatePartnerRequest = z.infer<typeof createPartnerSchema>;

export const updatePartnerSchema = strictObject({
  name: partnerName.optional(),
  kind: enumOf(PARTNER_KINDS).optional(),
  dedicatedPool: boolean().optional(),
  contactEmail: emailSchema.nullable().optional().meta({ description: '`null` removes it.' }),
  status: enumOf(['active', 'inactive']).optional().meta({ description: '`inactive` deactivates the partner: no longer offered on the form, its people stay.' }),
}).meta({ id: 'UpdatePartner' });
export type UpdatePartnerRequest = z.infer<typeof updatePartnerSchema>;

export const partnerQuerySchema = strictObject({ status: enumOf(['active', 'inactive']).optional() });

export const adminPartnerSchema = object({
  id: string(),
  name: string(),
  kind: string(),
  status: enumOf(['active', 'inactive']),
  dedicatedPool: boolean(),
  contactEmail: optional(string()),
  createdAt: string(),
}).meta({ id: 'AdminPartner' });
export type AdminPartner = z.infer<typeof adminPartnerSchema>;
export const adminPartnerListSchema = object({ items: array(adminPartnerSchema) }).meta({ id: 'AdminPartnerList' });

// ── Mentors (CCI) ────────────────────────────────────────────────────────────────────────────────

export const mentorListQuerySchema = strictObject({
  status: enumOf(MENTOR_STATUSES.filter((s) => s !== 'pending_verification') as [string, ...string[]]).optional().meta({ description: 'Default `active`.' }),
  track: enumOf(TRACK_CODES).optional(),
  sector: enumOf(SECTOR_CODES).optional(),
  departement: departementSchema.optional(),
  minCapacityLeft: string().regex(/^\d$/).transform(Number).optional().meta({ description: 'Only mentors with at least this many free places.' }),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type MentorListQuery = z.infer<typeof mentorListQuerySchema>;

export const mentorSummarySchema = object({
  id: string(),
  firstName: string(),
  lastName: string(),
  status: enumOf(MENTOR_STATUSES),
  profile: enumOf(PROFILE_CODES),
  company: optional(string()),
  tracks: array(string()),
  sectors: array(string()),
  postalCode: string(),
  communeCode: optional(string()),
  capacity: int(),
  activeMentees: int(),
  createdAt: string(),
  verifiedAt: optional(string()),
}).meta({ id: 'MentorSummary' });
export type MentorSummary = z.infer<typeof mentorSummarySchema>;

/** The whole profile, for the CCI: contact details included (the CCI is the data controller). */
export const mentorDetailSchema = mentorSummarySchema
  .extend({
    email: string(),
    phone: optional(string()),
    jobTitle: optional(string()),
    expertise: array(string()),
    languages: array(string()),
    meetingModes: array(string()),
    bio: optional(string()),
    pools: array(string()),
    locale: enumOf(['fr', 'en']),
    consentAt: string(),
    consentVersion: string(),
    /** Set once the person was erased (on request or by retention): what remains is what reports count. */
    erasedAt: optional(string()),
    /** CCI only. */
    refusal: optional(object({ reason: string(), at: string() })),
  })
  .meta({ id: 'MentorDetail' });
export type MentorDetail = z.infer<typeof mentorDetailSchema>;

export const MENTOR_ACTIONS = ['validate', 'refuse', 'pause', 'reactivate'] as const;
export type MentorAction = (typeof MENTOR_ACTIONS)[number];
export const changeMentorStatusSchema = strictObject({
  action: enumOf(MENTOR_ACTIONS).meta({ description: 'validate: pending_validation → active; refuse: pending_validation → inactive; pause: active → paused; reactivate: paused → active.' }),
  reason: longText(500).meta({ description: 'Why the profile is refused (required with refuse; kept for the CCI only).' }),
}).meta({ id: 'ChangeMentorStatus' });
export type ChangeMentorStatusRequest = z.infer<typeof changeMentorStatusSchema>;

export const updateMentorSchema = strictObject({
  company: optionalShortText(120),
  jobTitle: optionalShortText(120),
  profile: enumOf(PROFILE_CODES).optional(),
  tracks: codeSet(TRACK_CODES, 1, 2).optional(),
  sectors: codeSet(SECTOR_CODES, 1, 5).optional(),
  expertise: codeSet(EXPERTISE_CODES, 1, 8).optional(),
  languages: codeSet(LANGUAGE_CODES, 1, LANGUAGE_CODES.length).optional(),
  meetingModes: codeSet(MEETING_MODE_CODES, 1, 2).optional(),
  capacity: number().int().min(1).max(5).optional(),
  pools: array(string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(20).optional().meta({ description: 'Partners whose dedicated pool this mentor belongs to.' }),
  bio: longText(1000),
}).meta({ id: 'UpdateMentor' });
export type UpdateMentorRequest = z.infer<typeof updateMentorSchema>;

// ── Mentees (CCI) ────────────────────────────────────────────────────────────────────────────────

export const menteeListQuerySchema = strictObject({
  status: enumOf(MENTEE_STATUSES.filter((s) => s !== 'pending_verification') as [string, ...string[]]).optional().meta({ description: 'Default `awaiting_match`.' }),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type MenteeListQuery = z.infer<typeof menteeListQuerySchema>;

export const menteeSummarySchema = object({
  id: string(),
  firstName: string(),
  lastName: string(),
  status: enumOf(MENTEE_STATUSES),
  track: enumOf(TRACK_CODES),
  sector: optional(string()),
  postalCode: optional(string()),
  partnerId: optional(string()),
  createdAt: string(),
  verifiedAt: optional(string()),
  /** Whole days since the address was confirmed (the wait for a mentor), while not in a tandem. */
  daysWaiting: optional(int()),
}).meta({ id: 'MenteeSummary' });
export type MenteeSummary = z.infer<typeof menteeSummarySchema>;

/** What the last attempt that found nobody counted (the "no mentor found" report). */
export const unmatchedReportSchema = object({
  at: string(),
  considered: int(),
  compatible: int(),
  proposed: int(),
  excluded: record(string(), int()),
  /** The reasons in words, most frequent first. */
  lines: array(object(text)),
}).meta({ id: 'UnmatchedReport' });

export const proposalLineSchema = object({
  mentor: personName,
  status: string(),
  attempt: int(),
  rank: int(),
  score: number(),
  createdAt: string(),
  expiresAt: string(),
  decidedAt: optional(string()),
  decision: optional(string()),
  declineReason: optional(string()),
  remindedAt: optional(string()),
}).meta({ id: 'ProposalLine' });

export const rankingSchema = object({
  /** Compatible mentors, best first, with why. */
  candidates: array(object({ mentor: personName, score: number(), reasons: array(reasonLine) })),
  compatible: int(),
  considered: int(),
  /** Mentors left out, by rule. */
  excluded: record(string(), int()),
  /** Some of the mentors left out, with the rule each breaks (why not them). */
  excludedMentors: array(object({ mentor: personName, code: string(), text: object(text) })),
}).meta({ id: 'Ranking' });

export const menteeDetailSchema = object({
  mentee: menteeSummarySchema.extend({
    email: string(),
    phone: optional(string()),
    needs: array(string()),
    languages: array(string()),
    meetingModes: array(string()),
    communeCode: optional(string()),
    project: optional(string()),
    locale: enumOf(['fr', 'en']),
    consentAt: string(),
    consentVersion: string(),
    /** Set once the person was erased (on request or by retention). */
    erasedAt: optional(string()),
    /** When the unmatched-profile retention notice was sent. */
    retentionNoticeAt: optional(string()),
    matchingAttempt: optional(int()),
    tandemId: optional(string()),
    /** CCI only. */
    conflictingOrganisations: optional(array(string())),
  }),
  partner: optional(object({ id: string(), name: string() })),
  proposals: array(proposalLineSchema),
  lastUnmatchedReport: optional(unmatchedReportSchema),
  /** The ranking as it stands now (computed on request), while the mentee may still be matched. */
  ranking: optional(rankingSchema),
}).meta({ id: 'MenteeDetail' });
export type MenteeDetail = z.infer<typeof menteeDetailSchema>;

export const startMenteeMatchingSchema = strictObject({
  mentorId: uuid().optional().meta({ description: 'Propose this mentor first; without it, the ranking decides.' }),
}).meta({ id: 'StartMenteeMatching' });
export type StartMenteeMatchingRequest = z.infer<typeof startMenteeMatchingSchema>;
export const matchingStartedSchema = object({ status: literal('matching_started'), attempt: int() }).meta({ id: 'MatchingStarted' });

// ── Tandems ──────────────────────────────────────────────────────────────────────────────────────

export const tandemListQuerySchema = strictObject({
  status: enumOf(TANDEM_STATUSES).optional().meta({ description: 'Default `active`.' }),
  cursor: cursorSchema.optional(),
  limit: limitSchema,
});
export type TandemListQuery = z.infer<typeof tandemListQuerySchema>;

export const tandemSummarySchema = object({
  id: string(),
  status: enumOf(TANDEM_STATUSES),
  track: string(),
  startedAt: string(),
  mentee: personName,
  mentor: personName,
  partnerId: optional(string()),
}).meta({ id: 'TandemSummary' });
export type TandemSummary = z.infer<typeof tandemSummarySchema>;
export const tandemDetailSchema = tandemSummarySchema.extend({ attempt: int(), proposals: array(proposalLineSchema), ...tandemFollowUpFields }).meta({ id: 'TandemDetail' });
export type TandemDetail = z.infer<typeof tandemDetailSchema>;

// ── Home page: what needs attention ──────────────────────────────────────────────────────────────

export const attentionSchema = object({
  mentorsToValidate: object({ count: int(), oldest: array(mentorSummarySchema) }),
  menteesWaitingLongest: array(menteeSummarySchema),
  proposalsUnanswered: array(
    object({ mentee: personName, mentor: personName, createdAt: string(), expiresAt: string(), remindedAt: optional(string()), daysWaiting: int() }),
  ),
  unmatched: array(object({ mentee: menteeSummarySchema, report: optional(unmatchedReportSchema) })),
  matchingFailed: array(menteeSummarySchema),
  /** Open follow-up alerts (help requested, not a good fit, silent), newest first. */
  tandemAlerts: array(attentionAlertSchema),
}).meta({ id: 'Attention' });
export type Attention = z.infer<typeof attentionSchema>;

// ── Cohort matching (CCI) ────────────────────────────────────────────────────────────────────────

export const COHORT_STATUSES = ['draft', 'published'] as const;
const pairSchema = strictObject({ menteeId: uuid(), mentorId: uuid() });

export const createCohortDraftSchema = strictObject({ partnerId: string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).meta({ id: 'CreateCohortDraft' });
export type CreateCohortDraftRequest = z.infer<typeof createCohortDraftSchema>;

/** One edit of a draft; the draft is then solved again with every edit so far kept. */
export const cohortEditSchema = strictObject({
  op: enumOf(['pin', 'unpin', 'forbid', 'allow', 'remove', 'restore', 'swap']).meta({
    description:
      'pin: keep this pair; unpin: release a pinned mentee; forbid: never this pair; allow: lift a forbid; remove: leave a mentee out of this cohort; restore: take it back; swap: exchange the mentors of two mentees (pins both).',
  }),
  menteeId: uuid(),
  mentorId: uuid().optional().meta({ description: 'With pin, forbid, allow.' }),
  otherMenteeId: uuid().optional().meta({ description: 'With swap.' }),
});
export type CohortEdit = z.infer<typeof cohortEditSchema>;
export const reviseCohortDraftSchema = strictObject({
  version: int().min(1).meta({ description: 'The version the edits apply to; an older one answers 409 stale_version.' }),
  edits: array(cohortEditSchema).min(1).max(200),
}).meta({ id: 'ReviseCohortDraft' });
export type ReviseCohortDraftRequest = z.infer<typeof reviseCohortDraftSchema>;
export const publishCohortDraftSchema = strictObject({ version: int().min(1) }).meta({ id: 'PublishCohortDraft' });
export type PublishCohortDraftRequest = z.infer<typeof publishCohortDraftSchema>;
export const cohortListQuerySchema = strictObject({ partnerId: string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() });

export const cohortDraftSchema = object({
  id: string(),
  partnerId: string(),
  partnerName: string(),
  status: enumOf(COHORT_STATUSES),
  version: int(),
  createdAt: string(),
  updatedAt: string(),
  publishedAt: optional(string()),
  menteesConsidered: int(),
  mentorsConsidered: int(),
  matched: int(),
  totalScore: number(),
  pairs: array(object({ mentee: personName, mentor: personName, score: number(), pinned: boolean(), reasons: array(reasonLine) })),
  unassigned: array(object({ mentee: personName, reason: string(), text: object(text), compatibleMentors: int() })),
  edits: object({ pinned: array(pairSchema), forbidden: array(pairSchema), removed: array(uuid()) }),
  /** After publication: what happened to each pair (proposal started, or why not). */
  publication: optional(array(object({ menteeId: string(), mentorId: string(), outcome: enumOf(['proposal_started', 'not_waiting', 'not_compatible']) }))),
}).meta({ id: 'CohortDraft' });
export type CohortDraftView = z.infer<typeof cohortDraftSchema>;
export const cohortDraftListSchema = object({
  items: array(object({ id: string(), partnerId: string(), partnerName: string(), status: enumOf(COHORT_STATUSES), version: int(), matched: int(), updatedAt: string() })),
}).meta({ id: 'CohortDraftList' });

// ── Partner space ────────────────────────────────────────────────────────────────────────────────

export const partnerListQuerySchema = strictObject({ cursor: cursorSchema.optional(), limit: limitSchema });
export type PartnerListQuery = z.infer<typeof partnerListQuerySchema>;
/** A partner's beneficiary as the partner sees it: no contact details, no CCI notes. */
export const partnerMenteeSchema = object({
  id: string(),
  firstName: string(),
  lastName: string(),
  status: enumOf(MENTEE_STATUSES),
  track: string(),
  createdAt: string(),
  verifiedAt: optional(string()),
  daysWaiting: optional(int()),
}).meta({ id: 'PartnerMentee' });
export const partnerTandemSchema = object({
  id: string(),
  status: enumOf(TANDEM_STATUSES),
  track: string(),
  startedAt: string(),
  mentee: personName,
  mentor: object({ firstName: string(), lastName: string() }),
}).meta({ id: 'PartnerTandem' });
