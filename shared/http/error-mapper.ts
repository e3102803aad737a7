/**
 * The one place where errors become HTTP answers. Domain errors map to their status with
 * `instanceof` (the adapters have already turned transient AWS errors into ServiceUnavailableError,
 * so nothing here knows an SDK error name); anything else is a 500 with a generic message (the error is logged, never sent).
 */
import {
  AuthenticationRequiredError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCursorError,
  LinkExpiredError,
  LinkInvalidError,
  LinkUsedError,
  NotFoundError,
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
  [InvalidCursorError, 400],
  [AuthenticationRequiredError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [LinkUsedError, 409],
  [LinkExpiredError, 410],
  [PayloadTooLargeError, 413],
  [UnsupportedMediaTypeError, 415],
  [ServiceUnavailableError, 503],
];

/** Seconds a client should wait before retrying after a 503. */
const RETRY_AFTER = { 'retry-after': '5' } as const;

export function errorResponse(error: unknown, locale: Locale): HttpResponse {
  if (error instanceof DomainError) {
    const status = STATUS.find(([type]) => error instanceof type)?.[1];
    if (status !== undefined) {
      const text = isMessageKey(error.code) ? message(error.code, locale) : error.message;
      const fields =
        error instanceof ValidationFailedError ? { fields: error.fields } : error instanceof ConflictError && error.detail ? { detail: error.detail } : {};
      if (status >= 500) logger.warn('Dependency unavailable', { code: error.code, ...(error.cause ? { cause: describe(error.cause) } : {}) });
      const headers: Record<string, string> = status === 503 ? RETRY_AFTER : status === 401 ? { 'www-authenticate': 'Bearer' } : {};
      return json(status, { error: { code: error.code, message: text, ...fields } }, headers);
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
