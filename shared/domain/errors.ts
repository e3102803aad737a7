/**
 * Domain errors. Each is an Error subclass with a stable `code` and an explicit `name`: minifiers
 * rename classes, and Step Functions `Retry`/`Catch`, the logs and the alarms match on names, so
 * a name is spelled here, never taken from the class (test/infra/bundled-errors.test.ts loads a
 * bundled function to prove it). The HTTP error mapper (shared/http/error-mapper.ts) turns them
 * into statuses in one place, with `instanceof`. Messages never carry personal data.
 */

export type FieldErrors = Record<string, string>;

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract override readonly name: string;
}

/** The request body or query does not satisfy its schema; `fields` maps dot paths to localized messages. */
export class ValidationFailedError extends DomainError {
  override readonly name = 'ValidationFailedError';
  readonly code = 'validation_failed';
  constructor(
    message: string,
    readonly fields: FieldErrors,
  ) {
    super(message);
  }
}

/** A signed link whose signature, purpose or shape is wrong. */
export class LinkInvalidError extends DomainError {
  override readonly name = 'LinkInvalidError';
  readonly code = 'link_invalid';
}

/** A signed link past its expiry, or whose registration has expired. */
export class LinkExpiredError extends DomainError {
  override readonly name = 'LinkExpiredError';
  readonly code = 'link_expired';
}

/** A single-use link already used (e.g. the address is already confirmed). */
export class LinkUsedError extends DomainError {
  override readonly name = 'LinkUsedError';
  readonly code = 'link_used';
}

/**
 * A dependency (database, mail, secret store) is briefly unavailable or contended, after the SDK's
 * own retries: the caller may retry; nothing was half-written. The adapters raise it in place of
 * the AWS SDK's throttling, conflict, timeout and network errors.
 */
export class ServiceUnavailableError extends DomainError {
  override readonly name = 'ServiceUnavailableError';
  readonly code = 'service_unavailable';
}

/** Two writers raced on the same record (e.g. an address claim expired mid-course): retrying resolves it. */
export class RegistrationRaceError extends DomainError {
  override readonly name = 'RegistrationRaceError';
  readonly code = 'registration_race';
}

/** An after-commit job or a task input that does not satisfy its schema: retrying cannot help. */
export class InvalidTaskInputError extends DomainError {
  override readonly name = 'InvalidTaskInputError';
  readonly code = 'invalid_task_input';
  constructor(
    message: string,
    /** Dot paths of the offending fields (never their values). */
    readonly paths: string[],
  ) {
    super(message);
  }
}

/** Names of the errors a workflow or a stream consumer may retry (transient by nature). */
export const RETRYABLE_ERROR_NAMES = ['ServiceUnavailableError', 'RegistrationRaceError'] as const;

/**
 * A dependency refused a request for good (e.g. SES rejected a message): retrying the same request
 * will not help. `reason` is the service's error type, never data from the request.
 */
export class DependencyRejectedError extends DomainError {
  override readonly name = 'DependencyRejectedError';
  readonly code = 'dependency_rejected';
  constructor(
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/**
 * The mentee left the matching attempt a workflow task works for (matched, erased, a newer
 * attempt): the execution ends quietly. Its name is the one the state machine's Catch matches
 * (WORKFLOW_ERRORS.superseded).
 */
export class MatchingSupersededError extends DomainError {
  override readonly name = 'MatchingSuperseded';
  readonly code = 'matching_superseded';
}

/** No valid identity on a route that needs one (the authorizer let the request through without claims). */
export class AuthenticationRequiredError extends DomainError {
  override readonly name = 'AuthenticationRequiredError';
  readonly code = 'unauthorized';
}

/** A signed-in person whose group may not use this route (a partner adviser on a CCI route). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly code = 'forbidden';
}

/**
 * The record does not exist, or belongs to another partner: both answer the same 404, so that a
 * partner cannot learn that another partner's record exists.
 */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';
}

/** Why a change was refused as a conflict with the record's current state (a message key each). */
export const CONFLICT_CODES = [
  /** The status change is not allowed from the record's current status. */
  'invalid_transition',
  /** The client edited an older version (a cohort draft): reload and try again. */
  'stale_version',
  /** A cohort draft is published once. */
  'already_published',
  /** The engine finds this mentor and mentee incompatible (the reason is in `detail`). */
  'not_compatible',
  /** The mentee is in a tandem or closed: no new matching. */
  'not_waiting',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

/** A change that conflicts with the record's current state: 409 with the conflict's code. */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: ConflictCode,
    message: string,
    /** Safe, non-personal detail for the client (e.g. the engine's exclusion code). */
    readonly detail?: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** A pagination cursor the API did not give (tampered, truncated, from another list): 400. */
export class InvalidCursorError extends DomainError {
  override readonly name = 'InvalidCursorError';
  readonly code = 'invalid_cursor';
}
