/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests (zod 4's JSON Schema output is OpenAPI 3.1's schema dialect).
 */
import { array, boolean, object, optional, string, toJSONSchema } from 'zod';
import type { z } from 'zod';
import {
  communesQuerySchema,
  confirmEmailResultSchema,
  confirmEmailSchema,
  errorResponseSchema,
  resendAcceptedSchema,
  resendVerificationSchema,
  signUpAcceptedSchema,
} from '../domain/schemas';
import {
  decideProposalResultSchema,
  decideProposalSchema,
  proposalViewSchema,
  reactivateMentorResultSchema,
  reactivateMentorSchema,
  viewProposalSchema,
} from '../domain/proposal-schemas';
import { menteeSignUpSchema, mentorSignUpSchema } from '../domain/sign-up-schemas';
import * as bo from '../domain/back-office-schemas';
import * as fu from '../domain/follow-up-schemas';
import * as rs from '../domain/report-schemas';
import { ROUTES, type RouteId } from './routes';

const codeLabel = object({ code: string(), label: object({ fr: string(), en: string() }), rare: optional(boolean()) });
const referenceSchema = object({
    sectors: array(codeLabel),
    expertise: array(codeLabel),
    languages: array(codeLabel),
    tracks: array(codeLabel),
    meetingModes: array(codeLabel),
    profiles: array(codeLabel),
  })
  .meta({ id: 'Reference' });
const communesSchema = object({ postalCode: string(), communes: array(object({ code: string(), name: string() })) })
  .meta({ id: 'Communes' });
const partnersSchema = object({ partners: array(object({ id: string(), name: string() })) }).meta({ id: 'Partners' });

interface Operation {
  body?: z.ZodType;
  query?: z.ZodObject;
  /** Path parameters (`{mentorId}`…). */
  path?: z.ZodObject;
  responses: Record<number, { description: string; schema?: z.ZodType }>;
}

const badInput = {
  400: { description: 'Invalid input: `validation_failed` with `fields`, or `malformed_json`.', schema: errorResponseSchema },
  413: { description: 'Body larger than 16 KB.', schema: errorResponseSchema },
  415: { description: 'Body not sent as application/json.', schema: errorResponseSchema },
  429: { description: 'Too many requests.' },
};

const OPERATIONS: Record<RouteId, Operation> = {
  GetOpenApi: { responses: { 200: { description: 'This document.' } } },
  GetReference: { responses: { 200: { description: 'Code lists.', schema: referenceSchema } } },
  FindCommunes: {
    query: communesQuerySchema,
    responses: { 200: { description: 'Communes of the postal code (empty when unknown).', schema: communesSchema }, 400: badInput[400] },
  },
  ListPartners: { responses: { 200: { description: 'Active partners.', schema: partnersSchema } } },
  RegisterMentor: {
    body: mentorSignUpSchema,
    responses: { 202: { description: 'Verification e-mail sent (same answer for a known address).', schema: signUpAcceptedSchema }, ...badInput, 503: { description: 'E-mail could not be sent; retry.', schema: errorResponseSchema } },
  },
  RegisterMentee: {
    body: menteeSignUpSchema,
    responses: { 202: { description: 'Verification e-mail sent (same answer for a known address).', schema: signUpAcceptedSchema }, ...badInput, 503: { description: 'E-mail could not be sent; retry.', schema: errorResponseSchema } },
  },
  ConfirmEmail: {
    body: confirmEmailSchema,
    responses: {
      200: { description: 'Address confirmed.', schema: confirmEmailResultSchema },
      ...badInput,
      409: { description: '`link_used`: already confirmed.', schema: errorResponseSchema },
      410: { description: '`link_expired`: sign up again.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: the link could not be checked (e.g. signing keys unreadable); retry, the link is not at fault.', schema: errorResponseSchema },
    },
  },
  ResendVerification: {
    body: resendVerificationSchema,
    responses: {
      202: { description: 'Request recorded; a mail follows if someone signed up with the address (same answer for an unknown address).', schema: resendAcceptedSchema },
      ...badInput,
      503: { description: 'Briefly unavailable; retry.', schema: errorResponseSchema },
    },
  },
  ViewProposal: {
    body: viewProposalSchema,
    responses: {
      200: { description: 'The proposal as its page shows it, with the action of this link and the decision already taken, if any.', schema: proposalViewSchema },
      ...badInput,
      410: { description: '`link_expired`: the proposal lapsed or is gone.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: the link could not be checked (e.g. signing keys unreadable); retry, the link is not at fault.', schema: errorResponseSchema },
    },
  },
  DecideProposal: {
    body: decideProposalSchema,
    responses: {
      200: {
        description: '`recorded`; `already_decided` with the decision taken before (nothing changed); `closed` with the proposal\'s status (lapsed, matched otherwise; nothing changed).',
        schema: decideProposalResultSchema,
      },
      ...badInput,
      410: { description: '`link_expired`: the proposal lapsed or is gone.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: retry, nothing was recorded.', schema: errorResponseSchema },
    },
  },
  ReactivateMentor: {
    body: reactivateMentorSchema,
    responses: {
      200: { description: '`reactivated`; `already_active`; `not_paused` (awaiting validation or left the programme: write to the CCI).', schema: reactivateMentorResultSchema },
      ...badInput,
      410: { description: '`link_expired`: the link is older than its 90 days.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: retry, nothing was recorded.', schema: errorResponseSchema },
    },
  },
  ViewFollowUp: {
    body: fu.viewFollowUpSchema,
    responses: {
      200: { description: 'What the check-in or outcome page shows.', schema: fu.followUpViewSchema },
      ...badInput,
      410: { description: '`link_expired`: the link is older than its lifetime, or the tandem is gone.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: retry.', schema: errorResponseSchema },
    },
  },
  AnswerFollowUp: {
    body: fu.answerFollowUpSchema,
    responses: {
      200: { description: '`recorded`; `already_answered` (nothing changed: the first answer stands); `closed` (the tandem ended: nothing recorded).', schema: fu.answerFollowUpResultSchema },
      ...badInput,
      410: { description: '`link_expired`.', schema: errorResponseSchema },
      503: { description: '`service_unavailable`: retry, nothing was recorded.', schema: errorResponseSchema },
    },
  },
  // ── Back office: 401, 403 and (for a record) 404 are added to every authenticated route below. ──
  GetAttention: { responses: { 200: { description: 'What needs the CCI\'s attention.', schema: bo.attentionSchema } } },
  ListAdminPartners: { query: bo.partnerQuerySchema, responses: { 200: { description: 'Partners, by name.', schema: bo.adminPartnerListSchema }, 400: badInput[400] } },
  CreatePartner: { body: bo.createPartnerSchema, responses: { 201: { description: 'Created.', schema: bo.adminPartnerSchema }, ...badInput } },
  UpdatePartner: {
    path: bo.pathIds.partnerId,
    body: bo.updatePartnerSchema,
    responses: { 200: { description: 'Changed.', schema: bo.adminPartnerSchema }, ...badInput },
  },
  ListMentors: { query: bo.mentorListQuerySchema, responses: { 200: { description: 'A page of mentors, oldest first.', schema: bo.pageOf(bo.mentorSummarySchema, 'MentorPage') }, 400: badInput[400] } },
  GetMentor: { path: bo.pathIds.mentorId, responses: { 200: { description: 'The mentor.', schema: bo.mentorDetailSchema } } },
  UpdateMentor: { path: bo.pathIds.mentorId, body: bo.updateMentorSchema, responses: { 200: { description: 'Changed.', schema: bo.mentorDetailSchema }, ...badInput } },
  ChangeMentorStatus: {
    path: bo.pathIds.mentorId,
    body: bo.changeMentorStatusSchema,
    responses: {
      200: { description: 'Changed; the mentor is told by e-mail on validation and refusal.', schema: bo.mentorDetailSchema },
      ...badInput,
      409: { description: '`invalid_transition`: not possible from the mentor\'s status.', schema: errorResponseSchema },
    },
  },
  ListMentees: { query: bo.menteeListQuerySchema, responses: { 200: { description: 'A page of mentees, longest waiting first.', schema: bo.pageOf(bo.menteeSummarySchema, 'MenteePage') }, 400: badInput[400] } },
  GetMentee: { path: bo.pathIds.menteeId, responses: { 200: { description: 'The mentee, the proposals and the ranking.', schema: bo.menteeDetailSchema } } },
  StartMenteeMatching: {
    path: bo.pathIds.menteeId,
    body: bo.startMenteeMatchingSchema,
    responses: {
      202: { description: 'A new matching attempt started (pending proposals of the earlier one withdrawn).', schema: bo.matchingStartedSchema },
      ...badInput,
      409: { description: '`not_waiting` (in a tandem, closed, not verified) or `not_compatible` (with `detail.code`, the rule the pair breaks).', schema: errorResponseSchema },
    },
  },
  ListTandems: { query: bo.tandemListQuerySchema, responses: { 200: { description: 'A page of tandems, newest first.', schema: bo.pageOf(bo.tandemSummarySchema, 'TandemPage') }, 400: badInput[400] } },
  GetTandem: { path: bo.pathIds.tandemId, responses: { 200: { description: 'The tandem and its follow-up.', schema: bo.tandemDetailSchema } } },
  CloseTandem: {
    path: bo.pathIds.tandemId,
    body: fu.closeTandemSchema,
    responses: {
      200: { description: 'Closed.', schema: fu.closeTandemResultSchema },
      ...badInput,
      409: { description: '`invalid_transition`: the tandem is not active.', schema: errorResponseSchema },
    },
  },
  RecordTandemOutcome: {
    path: fu.outcomePathSchema,
    body: fu.recordOutcomeSchema,
    responses: {
      200: { description: 'The milestone\'s survey with every record.', schema: fu.outcomeSurveyViewSchema },
      ...badInput,
      409: { description: '`invalid_transition`: the outcome does not fit the tandem\'s track.', schema: errorResponseSchema },
    },
  },
  ResolveTandemAlert: {
    path: fu.alertPathSchema,
    responses: { 200: { description: 'Resolved (or already resolved).', schema: fu.tandemAlertViewSchema } },
  },
  ExportPerson: {
    path: fu.personPathSchema,
    responses: { 200: { description: 'Everything held about the person, as JSON (`Content-Disposition: attachment`).', schema: fu.personExportSchema } },
  },
  ErasePerson: {
    path: fu.personPathSchema,
    body: fu.erasePersonSchema,
    responses: { 200: { description: '`erased`, or `already_erased` (nothing changed).', schema: fu.erasePersonResultSchema }, ...badInput },
  },
  ListCohortDrafts: { query: bo.cohortListQuerySchema, responses: { 200: { description: 'Drafts, newest first.', schema: bo.cohortDraftListSchema }, 400: badInput[400] } },
  CreateCohortDraft: { body: bo.createCohortDraftSchema, responses: { 201: { description: 'The draft, version 1.', schema: bo.cohortDraftSchema }, ...badInput } },
  GetCohortDraft: { path: bo.pathIds.draftId, responses: { 200: { description: 'The draft.', schema: bo.cohortDraftSchema } } },
  ReviseCohortDraft: {
    path: bo.pathIds.draftId,
    body: bo.reviseCohortDraftSchema,
    responses: {
      200: { description: 'The next version, solved again with every edit kept.', schema: bo.cohortDraftSchema },
      ...badInput,
      409: { description: '`stale_version` (reload) or `already_published`.', schema: errorResponseSchema },
    },
  },
  PublishCohortDraft: {
    path: bo.pathIds.draftId,
    body: bo.publishCohortDraftSchema,
    responses: {
      200: { description: 'Published: each pair\'s outcome (proposal started, or why not).', schema: bo.cohortDraftSchema },
      ...badInput,
      409: { description: '`stale_version` or `already_published`.', schema: errorResponseSchema },
    },
  },
  ReferMentee: {
    body: menteeSignUpSchema,
    responses: { 202: { description: 'Verification e-mail sent to the person (the referring partner is the adviser\'s).', schema: signUpAcceptedSchema }, ...badInput },
  },
  ListPartnerMentees: {
    query: bo.partnerListQuerySchema,
    responses: { 200: { description: 'A page of the partner\'s beneficiaries, newest first.', schema: bo.pageOf(bo.partnerMenteeSchema, 'PartnerMenteePage') }, 400: badInput[400] },
  },
  ListPartnerTandems: {
    query: bo.partnerListQuerySchema,
    responses: { 200: { description: 'A page of the partner\'s tandems, newest first.', schema: bo.pageOf(bo.partnerTandemSchema, 'PartnerTandemPage') }, 400: badInput[400] },
  },
  GetPartnerTandem: { path: bo.pathIds.tandemId, responses: { 200: { description: 'The tandem as the partner sees it.', schema: fu.partnerTandemDetailSchema } } },
  GetReportKpis: { query: rs.reportKpisQuerySchema, responses: { 200: { description: 'The period\'s KPIs, computed now.', schema: rs.kpiReportSchema }, 400: badInput[400] } },
  ListReports: { responses: { 200: { description: 'Stored reports and digests, newest first.', schema: rs.reportListSchema } } },
  GetReportFile: { path: rs.reportFilePathSchema, responses: { 200: { description: 'A download link valid a few minutes.', schema: rs.reportLinkSchema }, 400: badInput[400] } },
  RunReport: { body: rs.runReportSchema, responses: { 200: { description: 'Stored (and mailed).', schema: rs.runReportResultSchema }, ...badInput } },
  ImportProgramme: {
    body: rs.importProgrammeSchema,
    responses: { 200: { description: 'The check (dry run) or the import: every problem by file, line and column, in French; `ok` false means nothing of a failing file was written.', schema: rs.importResultSchema }, ...badInput },
  },
};

/** Named schemas (zod `.meta({ id })`) collected into `components.schemas`. */
function makeSchemaConverter() {
  const components: Record<string, unknown> = {};
  const relink = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;
  const toSchema = (schema: z.ZodType) => {
    const { $schema: _dialect, $defs, ...rest } = toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
    for (const [name, def] of Object.entries($defs ?? {})) components[name] = relink(def);
    return relink(rest);
  };
  return { toSchema, components };
}

export function buildOpenApiDocument(serverUrl = '/') {
  const { toSchema, components } = makeSchemaConverter();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const op = OPERATIONS[route.id];
    const asParameters = (shape: z.ZodObject | undefined, where: 'query' | 'path') =>
      Object.entries(shape?.shape ?? {}).map(([name, schema]) => ({
        name,
        in: where,
        required: where === 'path' || !(schema as z.ZodType).safeParse(undefined).success,
        schema: toSchema(schema as z.ZodType),
      }));
    const all = [...asParameters(op.path, 'path'), ...asParameters(op.query, 'query')];
    const parameters = all.length > 0 ? all : undefined;
    const guarded =
      route.auth === 'public'
        ? {}
        : {
            401: { description: '`unauthorized`: no valid token (missing, forged, expired, another audience).', schema: errorResponseSchema },
            403: { description: `\`forbidden\`: the token's groups do not include \`${route.auth}\`.`, schema: errorResponseSchema },
            ...(op.path ? { 404: { description: '`not_found`: no such record (or another partner\'s).', schema: errorResponseSchema } } : {}),
          };
    const responses: Operation['responses'] = { ...op.responses, ...guarded };
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      ...(route.auth === 'public' ? { security: [] } : { security: [{ cognito: [route.auth] }] }),
      ...(parameters ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { 'application/json': { schema: toSchema(r.schema) } } } : {}) },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tandem — mentoring hub API',
      version: '1.0.0',
      description: 'Public and authenticated routes of the Tandem mentoring hub. Errors are `{ "error": { "code", "message", "fields"? } }`; messages follow Accept-Language (fr, en).',
    },
    servers: [{ url: serverUrl }],
    components: {
      schemas: components,
      securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito user pool token; groups admin and partner.' } },
    },
    paths,
  };
}
