/**
 * The one place that knows AWS SDK error names. An SDK middleware added to every client the
 * adapters create turns errors that mean "try again shortly" (after the SDK's own retries) into
 * the domain's ServiceUnavailableError, so nothing above the adapters reads SDK error names.
 * Errors that carry a business answer (a failed condition, a cancelled transaction because of
 * one) pass through untouched: the adapter that made the call interprets them.
 */
import { ServiceUnavailableError } from '../domain/errors';

const TRANSIENT_ERROR_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TransactionConflictException',
  'TooManyRequestsException',
  'TimeoutError',
  'LimitExceededException',
]);
const TRANSIENT_CANCELLATIONS = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);
const TRANSIENT_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/** A dependency is briefly unavailable or contended: the caller should retry (writes are idempotent). */
export function isTransientAwsError(error: unknown): boolean {
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

/** Translates transient SDK errors into ServiceUnavailableError (the original kept as `cause`). */
export function translateAwsError(error: unknown, service: string): unknown {
  if (isTransientAwsError(error)) return new ServiceUnavailableError(`${service} unavailable`, { cause: error });
  return error;
}

interface MiddlewareClient {
  middlewareStack: { add(middleware: unknown, options: { step: 'initialize'; name: string; override?: boolean }): void };
}

/**
 * Adds the translation to a client, outermost (after the SDK's retries). Returns the client.
 * Typed loosely on purpose: every SDK v3 client has the same middleware stack.
 */
export function withErrorTranslation<C extends MiddlewareClient>(client: C, service: string): C {
  client.middlewareStack.add(
    (next: (args: unknown) => Promise<unknown>) => async (args: unknown) => {
      try {
        return await next(args);
      } catch (error) {
        throw translateAwsError(error, service);
      }
    },
    { step: 'initialize', name: 'tandemErrorTranslation', override: true },
  );
  return client;
}
