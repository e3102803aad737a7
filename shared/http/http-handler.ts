/**
 * The one middy chain of every HTTP function: error mapper (last to run on errors), Powertools
 * logger context, then the route's authorization (from the route table's `auth`: the verified
 * principal, or 401/403 before anything is read) and request parsing (language, content type,
 * size, JSON, zod schemas).
 * A handler module exports its raw function (tests call it) and `httpHandler(spec, raw)` (Lambda
 * calls it).
 */
import middy, { type MiddlewareObj } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { validate } from '../domain/validation';
import { logger } from '../observability/logger';
import { errorResponse } from './error-mapper';
import type { Locale } from '../domain/locale';
import { negotiateLocale } from './locale';
import type { HttpResponse } from './responses';
import { authorize, claimsOf, type Principal } from './auth';
import { cameThroughSite, expectedOriginValue } from './origin-check';
import { ForbiddenError } from '../domain/errors';
import { ROUTE_AUTH } from './route-auth';
import type { RouteId } from './routes';

/** Largest JSON body accepted by default (16 KB); larger bodies get a 413. */
export const MAX_BODY_BYTES = 16 * 1024;

export interface ApiRequest<B, Q> {
  readonly locale: Locale;
  readonly body: B;
  readonly query: Q;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly sourceIp: string;
  /** The verified caller; null on public routes, never null on `admin` and `partner` routes. */
  readonly principal: Principal | null;
}

export type RawHttpHandler<B, Q> = (request: ApiRequest<B, Q>, context: Context) => Promise<HttpResponse>;

export interface HttpSpec<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  /** The route this function serves: its `auth` in the route table decides who may call it. */
  readonly route: RouteId;
  readonly body?: BS;
  readonly query?: QS;
  readonly maxBodyBytes?: number;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type ParsedEvent = APIGatewayProxyEventV2 & { parsed?: ApiRequest<unknown, unknown> };

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;.*)?$/i;

function readBody(event: APIGatewayProxyEventV2, maxBytes: number): unknown {
  const contentType = event.headers?.['content-type'];
  if (!contentType || !JSON_TYPE.test(contentType.trim())) throw new UnsupportedMediaTypeError('unsupported media type');
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new PayloadTooLargeError('payload too large');
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new MalformedJsonError('malformed json');
  }
}

function requestParser(spec: HttpSpec<z.ZodType | undefined, z.ZodType | undefined>): MiddlewareObj<ParsedEvent> {
  const auth = ROUTE_AUTH[spec.route];
  if (!auth) throw new Error(`Unknown route ${spec.route}`);
  const originValue = expectedOriginValue();
  return {
    before: ({ event }) => {
      // Through the site only (where the API has a public domain of its own): see origin-check.ts.
      if (!cameThroughSite(event.headers, originValue)) throw new ForbiddenError('The request did not come through the site');
      const principal = authorize(auth, claimsOf(event));
      // Who acted, on every log line of the request: the account's opaque id (never a name or address).
      if (principal) logger.appendKeys({ actor: principal.sub, actorGroup: principal.kind });
      const locale = negotiateLocale(event.headers?.['accept-language']);
      const body = spec.body ? validate(spec.body, readBody(event, spec.maxBodyBytes ?? MAX_BODY_BYTES), locale) : undefined;
      const query = spec.query ? validate(spec.query, event.queryStringParameters ?? {}, locale) : undefined;
      event.parsed = {
        locale,
        body,
        query,
        pathParameters: event.pathParameters ?? {},
        sourceIp: event.requestContext?.http?.sourceIp ?? 'unknown',
        principal,
      };
    },
  };
}

function errorMapper(): MiddlewareObj<ParsedEvent, HttpResponse> {
  return {
    onError: (request) => {
      request.response = errorResponse(request.error, negotiateLocale(request.event?.headers?.['accept-language']));
    },
  };
}

export function httpHandler<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  spec: HttpSpec<BS, QS>,
  raw: RawHttpHandler<Infer<BS>, Infer<QS>>,
) {
  return middy<ParsedEvent, HttpResponse>()
    .use(errorMapper())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(requestParser(spec))
    .handler(async (event, context) => {
      if (!event.parsed) throw new Error('request parser did not run');
      return raw(event.parsed as ApiRequest<Infer<BS>, Infer<QS>>, context);
    });
}

