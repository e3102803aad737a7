/**
 * The one route table. The CDK API construct (one Lambda per route), the local API emulator and the
 * OpenAPI document are all built from it, so the three cannot drift apart.
 */
import type { Capability } from '../config/env';
import { LEADING_KEYS, type TableAccess } from '../db/table-access';

export type RouteAuth = 'public' | 'admin' | 'partner';

export interface RouteDefinition {
  /** PascalCase; the CDK construct id of the route's function and the OpenAPI operationId. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Full path with the `/api` base, API Gateway style parameters (`/api/things/{id}`). */
  readonly path: string;
  /** Handler module relative to the repository root; it exports `handler` (wrapped in the middy chain). */
  readonly entry: string;
  readonly auth: RouteAuth;
  /** Requests per second allowed on the route (steady rate and burst); public routes always have one. */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
  /** What the function may touch: each capability is an env-var group paired with its grant. */
  readonly capabilities: readonly Capability[];
  /** With `table`: the DynamoDB actions its use case performs, its whole table grant (see table-access.ts). */
  readonly tableAccess?: TableAccess;
  readonly summary: string;
  /**
   * The CloudFormation stack that holds the route's function and route (on the same HTTP API):
   * `reports` is `tandem-<stage>-reports` (infra/stacks/reports-stack.ts), beside the stateless
   * stack, which is near CloudFormation's 500 resources.
   * @default the stateless stack
   */
  readonly stack?: 'reports';
}

const SIGN_UP_THROTTLE = { rateLimit: 10, burstLimit: 20 } as const;
const READ_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

export const ROUTES = [
  {
    id: 'GetOpenApi',
    method: 'GET',
    path: '/api/openapi.json',
    entry: 'functions/http/get-openapi.ts',
    auth: 'public',
    throttle: READ_THROTTLE,
    capabilities: [],
    summary: 'The OpenAPI 3.1 document of this API, generated from the same zod schemas that validate requests.',
  },
  {
    id: 'GetReference',
    method: 'GET',
    path: '/api/reference',
    entry: 'functions/http/get-reference.ts',
    auth: 'public',
    throttle: READ_THROTTLE,
    capabilities: [],
    summary: 'Code lists used by the sign-up form: sectors, expertise areas, languages, tracks, meeting modes, profiles.',
  },
  {
    id: 'FindCommunes',
    method: 'GET',
    path: '/api/reference/communes',
    entry: 'functions/http/find-communes.ts',
    auth: 'public',
    throttle: READ_THROTTLE,
    capabilities: [],
    summary: 'Communes served by a postal code (`?postalCode=13001`), from official administrative data.',
  },
  {
    id: 'ListPartners',
    method: 'GET',
    path: '/api/partners',
    entry: 'functions/http/list-partners.ts',
    auth: 'public',
    throttle: READ_THROTTLE,
    capabilities: ['table'],
    // dynamoPartnerStore.listActive: Query on the status index.
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'Active partner organisations (id and name) for the referral drop-down.',
  },
  {
    id: 'RegisterMentor',
    method: 'POST',
    path: '/api/mentors',
    entry: 'functions/http/register-mentor.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    // One write (the sign-up job); the mail is sent after commit by the mail consumer.
    capabilities: ['table', 'sign-up'],
    // dynamoSignUpInbox.submit without a partner: PutItem of the job.
    tableAccess: [{ actions: ['PutItem'], leadingKeys: LEADING_KEYS.signUpJobs }],
    summary: 'Mentor sign-up. Always 202: a verification e-mail is sent (double opt-in).',
  },
  {
    id: 'RegisterMentee',
    method: 'POST',
    path: '/api/mentees',
    entry: 'functions/http/register-mentee.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'sign-up'],
    // dynamoSignUpInbox.submit: PutItem of the job, or a transaction of that Put and the partner's ConditionCheck.
    tableAccess: [{ actions: ['PutItem', 'ConditionCheckItem'] }],
    summary: 'Mentee sign-up. Always 202: a verification e-mail is sent (double opt-in).',
  },
  {
    id: 'ConfirmEmail',
    method: 'POST',
    path: '/api/verifications',
    entry: 'functions/http/confirm-email.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key'],
    tableAccess: [
      // RegistrationStore.get: the profile.
      { actions: ['GetItem'], leadingKeys: LEADING_KEYS.people },
      // RegistrationStore.confirmEmail: a transaction of Put (spent link) and Update (profile, address claim).
      { actions: ['PutItem', 'UpdateItem'] },
    ],
    summary: 'Confirms an e-mail address with the token of a verification link (posted from the confirmation page).',
  },
  {
    id: 'ResendVerification',
    method: 'POST',
    path: '/api/verifications/resend',
    entry: 'functions/http/resend-verification.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    // One write (the resend job) whatever the address; the jobs consumer looks it up after commit.
    capabilities: ['table'],
    // dynamoSignUpInbox.requestResend: PutItem of the job.
    tableAccess: [{ actions: ['PutItem'], leadingKeys: LEADING_KEYS.resendJobs }],
    summary: 'Sends the verification e-mail again (success page). Always 202, whatever the address.',
  },
  {
    id: 'ViewProposal',
    method: 'POST',
    path: '/api/proposals/view',
    entry: 'functions/http/view-proposal.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key'],
    // dynamoMatchingReads.getMentee: one Query on the mentee's partition (profile and proposals).
    tableAccess: [{ actions: ['Query'], leadingKeys: LEADING_KEYS.people }],
    summary: 'What the proposal page shows (the mentee without contact details, why this match, until when), from the token of a proposal link.',
  },
  {
    id: 'DecideProposal',
    method: 'POST',
    path: '/api/proposals/decide',
    entry: 'functions/http/decide-proposal.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key'],
    tableAccess: [
      // MatchingStore.decide: the mentor's profile (decline and pause), the proposal after a refused write.
      { actions: ['GetItem'], leadingKeys: LEADING_KEYS.people },
      // MatchingStore.decide: a transaction of Update (proposal; mentor paused), Put (delivery job) and Delete (availability entries).
      { actions: ['PutItem', 'UpdateItem', 'DeleteItem'] },
    ],
    summary: 'A mentor answers a proposal (accept, decline, decline and pause) with the token of the link of that answer.',
  },
  {
    id: 'ReactivateMentor',
    method: 'POST',
    path: '/api/mentors/reactivate',
    entry: 'functions/http/reactivate-mentor.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key'],
    tableAccess: [
      // MatchingStore.reactivateMentor: the mentor's profile.
      { actions: ['GetItem'], leadingKeys: LEADING_KEYS.people },
      // MatchingStore.reactivateMentor: a transaction of Update (profile), Put (availability entries, capacity job).
      { actions: ['PutItem', 'UpdateItem'] },
    ],
    summary: 'A paused mentor is available again, with the token of the reactivation link of a proposal mail.',
  },
  {
    id: 'ViewFollowUp',
    method: 'POST',
    path: '/api/follow-up/view',
    entry: 'functions/http/view-follow-up.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key'],
    // The tandem's partition (tandem, round or survey), the two people's first names and locale.
    tableAccess: [{ actions: ['GetItem', 'Query'], leadingKeys: [...LEADING_KEYS.tandems, ...LEADING_KEYS.people] }],
    summary: 'What the check-in or outcome page shows (first names, the track, whether already answered), from the token of a follow-up link.',
  },
  {
    id: 'AnswerFollowUp',
    method: 'POST',
    path: '/api/follow-up/answer',
    entry: 'functions/http/answer-follow-up.ts',
    auth: 'public',
    throttle: SIGN_UP_THROTTLE,
    capabilities: ['table', 'signing-key', 'follow-up'],
    tableAccess: [
      // The tandem's partition (the tandem, the round or survey, the watch, the alerts).
      { actions: ['GetItem', 'Query'], leadingKeys: LEADING_KEYS.tandems },
      // One transaction: the answer (Update round or survey), the spent link, alerts and their mails (Put), the tandem's last answer and silence watch (Update).
      { actions: ['PutItem', 'UpdateItem'] },
    ],
    summary: 'Records a check-in answer or an outcome with the token of its link: once per person and round (or milestone).',
  },
  // ── The CCI's back office (group `admin`) ─────────────────────────────────────────────────────
  // tableAccess: each slice's use case declares what it performs (see table-access.ts).
  {
    id: 'GetAttention',
    method: 'GET',
    path: '/api/admin/attention',
    entry: 'functions/http/admin/get-attention.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }, { index: 'GSI2', actions: ['Query'] }, { actions: ['BatchGetItem'] }],
    summary: 'The console home page: mentors to validate, mentees waiting longest, proposals unanswered, unmatched mentees with the reasons, failed matchings.',
  },
  {
    id: 'ListAdminPartners',
    method: 'GET',
    path: '/api/admin/partners',
    entry: 'functions/http/admin/list-partners.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'Partner organisations, active or inactive, with their settings.',
  },
  {
    id: 'CreatePartner',
    method: 'POST',
    path: '/api/admin/partners',
    entry: 'functions/http/admin/create-partner.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['PutItem'], leadingKeys: ['PARTNER#*'] }],
    summary: 'Creates a partner organisation.',
  },
  {
    id: 'UpdatePartner',
    method: 'PATCH',
    path: '/api/admin/partners/{partnerId}',
    entry: 'functions/http/admin/update-partner.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'UpdateItem'], leadingKeys: ['PARTNER#*'] }],
    summary: 'Changes a partner: name, kind, dedicated pool, contact address; `status: inactive` deactivates it.',
  },
  {
    id: 'ListMentors',
    method: 'GET',
    path: '/api/admin/mentors',
    entry: 'functions/http/admin/list-mentors.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'Mentors by status, filtered by track, sector, département and places left, a page at a time.',
  },
  {
    id: 'GetMentor',
    method: 'GET',
    path: '/api/admin/mentors/{mentorId}',
    entry: 'functions/http/admin/get-mentor.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem'], leadingKeys: LEADING_KEYS.people }],
    summary: 'A mentor\'s whole profile.',
  },
  {
    id: 'UpdateMentor',
    method: 'PATCH',
    path: '/api/admin/mentors/{mentorId}',
    entry: 'functions/http/admin/update-mentor.ts',
    auth: 'admin',
    capabilities: ['table'],
    // GetItem: the mentor, and the partners of pools newly given (known and active).
    tableAccess: [{ actions: ['GetItem'], leadingKeys: [...LEADING_KEYS.people, ...LEADING_KEYS.partners] }, { actions: ['PutItem', 'UpdateItem', 'DeleteItem'] }],
    summary: 'Edits a mentor\'s profile (tracks, sectors, places, pools…); the availability index follows.',
  },
  {
    id: 'ChangeMentorStatus',
    method: 'POST',
    path: '/api/admin/mentors/{mentorId}/status',
    entry: 'functions/http/admin/change-mentor-status.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem'], leadingKeys: LEADING_KEYS.people }, { actions: ['PutItem', 'UpdateItem', 'DeleteItem'] }],
    summary: 'Validates or refuses a mentor waiting for validation, pauses or reactivates one.',
  },
  {
    id: 'ListMentees',
    method: 'GET',
    path: '/api/admin/mentees',
    entry: 'functions/http/admin/list-mentees.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'Mentees by status, oldest first, with the days each has been waiting.',
  },
  {
    id: 'GetMentee',
    method: 'GET',
    path: '/api/admin/mentees/{menteeId}',
    entry: 'functions/http/admin/get-mentee.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'BatchGetItem', 'Query'] }],
    summary: 'A mentee\'s profile, proposals and the ranking as it stands: why these mentors, and why not the others.',
  },
  {
    id: 'StartMenteeMatching',
    method: 'POST',
    path: '/api/admin/mentees/{menteeId}/matching',
    entry: 'functions/http/admin/start-mentee-matching.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] }],
    summary: 'Runs matching again for a mentee, or proposes a chosen mentor first (through the matching workflow).',
  },
  {
    id: 'ListTandems',
    method: 'GET',
    path: '/api/admin/tandems',
    entry: 'functions/http/admin/list-tandems.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }, { actions: ['BatchGetItem'] }],
    summary: 'Tandems by status, newest first.',
  },
  {
    id: 'GetTandem',
    method: 'GET',
    path: '/api/admin/tandems/{tandemId}',
    entry: 'functions/http/admin/get-tandem.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'BatchGetItem', 'Query'] }],
    summary: 'A tandem: mentor, mentee, the proposals that led to it, and its follow-up (check-ins with private notes, outcomes, alerts).',
  },
  {
    id: 'CloseTandem',
    method: 'POST',
    path: '/api/admin/tandems/{tandemId}/close',
    entry: 'functions/http/admin/close-tandem.ts',
    auth: 'admin',
    capabilities: ['table', 'follow-up'],
    // Reads the tandem's partition and both profiles; one transaction: tandem, mentor (place freed, availability rewritten), mentee, follow-up items (a ConditionCheck for one read but left unchanged), jobs.
    tableAccess: [{ actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'] }],
    summary: 'Closes an active tandem: `completed` with an outcome, or `ended_early` with a reason (409 `invalid_transition` otherwise). Frees the mentor\'s place; "not a good fit" starts a new match for the mentee.',
  },
  {
    id: 'RecordTandemOutcome',
    method: 'PUT',
    path: '/api/admin/tandems/{tandemId}/outcomes/{milestone}',
    entry: 'functions/http/admin/record-tandem-outcome.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'UpdateItem'], leadingKeys: LEADING_KEYS.tandems }],
    summary: 'Records or corrects the outcome of a milestone (3, 6, 12 months) as the CCI: one more record, with its date and source.',
  },
  {
    id: 'ResolveTandemAlert',
    method: 'POST',
    path: '/api/admin/tandems/{tandemId}/alerts/{kind}/resolve',
    entry: 'functions/http/admin/resolve-tandem-alert.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['UpdateItem'], leadingKeys: LEADING_KEYS.tandems }],
    summary: 'The CCI has dealt with an alert (help requested, not a good fit, silent): it leaves the home page.',
  },
  {
    id: 'ExportPerson',
    method: 'GET',
    path: '/api/admin/people/{role}/{personId}/export',
    entry: 'functions/http/admin/export-person.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'Query', 'BatchGetItem'] }, { index: 'GSI4', actions: ['Query'] }],
    summary: 'Everything the hub holds about one person, as JSON (right of access and portability).',
  },
  {
    id: 'ErasePerson',
    method: 'POST',
    path: '/api/admin/people/{role}/{personId}/erase',
    entry: 'functions/http/admin/erase-person.ts',
    auth: 'admin',
    capabilities: ['table', 'follow-up'],
    // The person's items and a mentor's history (GSI4); the cohort drafts naming the person (GSI1 `COHORT#ALL`); the tandems it ends (CloseTandem's transaction).
    tableAccess: [
      { actions: ['GetItem', 'Query', 'BatchGetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'] },
      { index: 'GSI1', actions: ['Query'] },
      { index: 'GSI4', actions: ['Query'] },
    ],
    summary: 'Erases a person on request: the profile and free texts anonymised, open proposals and tandems ended; anonymous counts stay.',
  },
  {
    id: 'ListCohortDrafts',
    method: 'GET',
    path: '/api/admin/cohorts',
    entry: 'functions/http/admin/list-cohort-drafts.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI1', actions: ['Query'] }],
    summary: 'Cohort matching drafts, newest first (`?partnerId=` for one partner).',
  },
  {
    id: 'CreateCohortDraft',
    method: 'POST',
    path: '/api/admin/cohorts',
    entry: 'functions/http/admin/create-cohort-draft.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'Query', 'PutItem'] }, { index: 'GSI1', actions: ['Query'] }, { index: 'GSI2', actions: ['Query'] }],
    summary: 'Assigns a partner\'s waiting mentees to the available mentors at once (exact optimum) and stores the result as a draft.',
  },
  {
    id: 'GetCohortDraft',
    method: 'GET',
    path: '/api/admin/cohorts/{draftId}',
    entry: 'functions/http/admin/get-cohort-draft.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem'] }],
    summary: 'A cohort draft: pairs with scores and explanations, mentees left out with the reason.',
  },
  {
    id: 'ReviseCohortDraft',
    method: 'POST',
    path: '/api/admin/cohorts/{draftId}/revisions',
    entry: 'functions/http/admin/revise-cohort-draft.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'Query', 'PutItem'] }, { index: 'GSI1', actions: ['Query'] }, { index: 'GSI2', actions: ['Query'] }],
    summary: 'Edits a draft (pin, forbid, remove, swap…) and solves it again with every edit kept: a new version.',
  },
  {
    id: 'PublishCohortDraft',
    method: 'POST',
    path: '/api/admin/cohorts/{draftId}/publication',
    entry: 'functions/http/admin/publish-cohort-draft.ts',
    auth: 'admin',
    capabilities: ['table'],
    tableAccess: [{ actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem'] }],
    summary: 'Publishes a draft once: each pair\'s proposal goes through the matching workflow.',
  },

  // ── The partners' space (group `partner`; scoped to the adviser's partner) ────────────────────
  {
    id: 'ReferMentee',
    method: 'POST',
    path: '/api/partner/mentees',
    entry: 'functions/http/partner/refer-mentee.ts',
    auth: 'partner',
    capabilities: ['table', 'sign-up'],
    tableAccess: [{ actions: ['PutItem', 'ConditionCheckItem'] }],
    summary: 'A partner adviser refers a mentee (the sign-up form\'s fields); the person still confirms the address by e-mail.',
  },
  {
    id: 'ListPartnerMentees',
    method: 'GET',
    path: '/api/partner/mentees',
    entry: 'functions/http/partner/list-mentees.ts',
    auth: 'partner',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI2', actions: ['Query'] }],
    summary: 'The adviser\'s partner\'s beneficiaries with their status and days waiting, newest first.',
  },
  {
    id: 'ListPartnerTandems',
    method: 'GET',
    path: '/api/partner/tandems',
    entry: 'functions/http/partner/list-tandems.ts',
    auth: 'partner',
    capabilities: ['table'],
    tableAccess: [{ index: 'GSI2', actions: ['Query'] }, { actions: ['BatchGetItem'] }],
    summary: 'The tandems of the adviser\'s partner\'s beneficiaries.',
  },
  {
    id: 'GetPartnerTandem',
    method: 'GET',
    path: '/api/partner/tandems/{tandemId}',
    entry: 'functions/http/partner/get-tandem.ts',
    auth: 'partner',
    capabilities: ['table'],
    tableAccess: [{ actions: ['Query', 'BatchGetItem'], leadingKeys: [...LEADING_KEYS.tandems, ...LEADING_KEYS.people] }],
    summary: 'One of the partner\'s tandems: check-in summaries (never the private notes), outcomes, alerts. Another partner\'s tandem answers 404.',
  },
  // ── Reports and programme import (docs/reports.md): in the reports stack ──
  {
    id: 'GetReportKpis',
    method: 'GET',
    path: '/api/admin/reports/kpis',
    entry: 'functions/http/admin/get-report-kpis.ts',
    auth: 'admin',
    stack: 'reports',
    capabilities: ['table', 'reports'],
    // The time index month by month, the partners' status index.
    tableAccess: [{ index: 'GSI3', actions: ['Query'] }, { index: 'GSI1', actions: ['Query'] }],
    summary: 'Every KPI of a period (`?period=2026-10` or `2026`), overall, programme-to-date, by partner and by département, computed now (the same JSON as report.json).',
  },
  {
    id: 'ListReports',
    method: 'GET',
    path: '/api/admin/reports',
    entry: 'functions/http/admin/list-reports.ts',
    auth: 'admin',
    stack: 'reports',
    capabilities: ['reports'],
    summary: 'The stored reports and digests with their files, newest first.',
  },
  {
    id: 'GetReportFile',
    method: 'GET',
    path: '/api/admin/reports/{period}/files/{file}',
    entry: 'functions/http/admin/get-report-file.ts',
    auth: 'admin',
    stack: 'reports',
    capabilities: ['reports'],
    summary: 'A short-lived download link to one stored report file.',
  },
  {
    id: 'RunReport',
    method: 'POST',
    path: '/api/admin/reports',
    entry: 'functions/http/admin/run-report.ts',
    auth: 'admin',
    stack: 'reports',
    capabilities: ['table', 'reports', 'mail'],
    tableAccess: [{ index: 'GSI3', actions: ['Query'] }, { index: 'GSI1', actions: ['Query'] }],
    summary: 'Computes a period\'s report now: stores report.json, the XLSX and the CSV files, and mails the CCI\'s list (unless `send: false`).',
  },
  {
    id: 'ImportProgramme',
    method: 'POST',
    path: '/api/admin/imports',
    entry: 'functions/http/admin/import-programme.ts',
    auth: 'admin',
    stack: 'reports',
    capabilities: ['table'],
    // Existing imports and address claims read by key; all-or-nothing writes per file (transactions of item builders' items).
    tableAccess: [{ actions: ['GetItem', 'BatchGetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] }, { index: 'GSI1', actions: ['Query'] }],
    summary: 'Imports an existing programme from CSV files (partners, mentors, mentees, tandems): a dry run lists every problem by file, line and column; a real run is idempotent by external_id.',
  },
] as const satisfies readonly RouteDefinition[];

export type RouteId = (typeof ROUTES)[number]['id'];
