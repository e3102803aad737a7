/**
 * The one place where errors become HTTP answers. Domain errors map to their status with
 * `instanceof`; anything else is a 500 with a generic message (the error is logged, never sent).
 */
import {
  DomainError,
  LinkExpiredError,
  LinkInvalidError,
  LinkUsedError,
  ServiceUnavailableError,
  ValidationFailedError,
} from '../domain/errors';
import { MalformedJsonError, PayloadTooLargeError, UnsupportedMediaTypeError } from './errors';
import { isMessageKey, message } from '../domain/messages';
import { logger } from '../observability/logger';
import type { Locale } from '../domain/locale';
import { json, type HttpResponse } from './responses';

const STATUS: ReadonlyArray<[abstract new (...args: never[]) => DomainError, number]> = [
  [ValidationFailedError, 400],
  [MalformedJsonError, 400],
  [LinkInvalidError, 400],
  [LinkUsedError, 409],
  [LinkExpiredError, 410],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [ServiceUnavailableError, 503],
];

/** AWS errors that mean "try again shortly" (after the SDK's own retries), not a bug. */
const TRANSIENT_ERROR_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TooManyRequestsException',
  'TimeoutError',
]);
const TRANSIENT_CANCELLATIONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** A dependency is briefly unavailable or contended: the client should retry (writes are idempotent). */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { $retryable?: unknown; code?: unknown; CancellationReasons?: Array<{ Code?: string }> };
  if (e.$retryable || TRANSIENT_ERROR_NAMES.has(e.name)) return true;
  if (typeof e.code === 'string' && TRANSIENT_NETWORK_CODES.has(e.code)) return true;
  if (e.name === 'TransactionCanceledException') {
    const codes = (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    return codes.some((c) => TRANSIENT_CANCELLATIONS.has(c)) && !codes.includes('ConditionalCheckFailed');
  }
  return false;
}

/** Seconds a client should wait before retrying after a 503. */
const RETRY_AFTER = { 'retry-after': '5' } as const;

export function errorResponse(error: unknown, locale: Locale): HttpResponse {
  if (isTransient(error)) {
    logger.warn('Dependency unavailable', { error: describe(error) });
    return json(503, { error: { code: 'service_unavailable', message: message('service_unavailable', locale) } }, RETRY_AFTER);
  }
  if (error instanceof DomainError) {
    const status = STATUS.find(([type]) => error instanceof type)?.[1];
    if (status !== undefined) {
      const text = isMessageKey(error.code) ? message(error.code, locale) : error.message;
      const fields = error instanceof ValidationFailedError ? { fields: error.fields } : {};
      if (status >= 500) logger.warn('Dependency unavailable', { code: error.code });
      return json(status, { error: { code: error.code, message: text, ...fields } }, status === 503 ? RETRY_AFTER : {});
    }
  }
  logger.error('Unhandled error', { error: describe(error) });
  return json(500, { error: { code: 'internal_error', message: message('internal_error', locale) } });
}

/** Name and stack only: an error's message may quote data it was given. */
function describe(error: unknown): { name: string; stack?: string } {
  if (error instanceof Error) return { name: error.name, ...(error.stack ? { stack: error.stack.split('\n').slice(1).join('\n') } : {}) };
  return { name: typeof error };
}
