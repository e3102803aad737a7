/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests (zod 4's JSON Schema output is OpenAPI 3.1's schema dialect).
 */
import { array, object, string, toJSONSchema } from 'zod';
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
import { ROUTES, type RouteId } from './routes';

const codeLabel = object({ code: string(), label: object({ fr: string(), en: string() }) });
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
    const parameters = op.query
      ? Object.entries(op.query.shape).map(([name, schema]) => ({
          name,
          in: 'query',
          required: !(schema as z.ZodType).safeParse(undefined).success,
          schema: toSchema(schema as z.ZodType),
        }))
      : undefined;
    (paths[route.path] ??= {})[route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.summary,
      ...(route.auth === 'public' ? { security: [] } : { security: [{ cognito: [route.auth] }] }),
      ...(parameters ? { parameters } : {}),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(op.body) } } } } : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, r]) => [
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
