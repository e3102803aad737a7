/**
 * Domain errors. Each is a named Error subclass with a stable `code`; the HTTP error mapper
 * (shared/http/error-mapper.ts) turns them into statuses in one place, with `instanceof`.
 * Messages never carry personal data.
 */

export type FieldErrors = Record<string, string>;

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request body or query does not satisfy its schema; `fields` maps dot paths to localized messages. */
export class ValidationFailedError extends DomainError {
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
  readonly code = 'link_invalid';
}

/** A signed link past its expiry, or whose registration has expired. */
export class LinkExpiredError extends DomainError {
  readonly code = 'link_expired';
}

/** A single-use link already used (e.g. the address is already confirmed). */
export class LinkUsedError extends DomainError {
  readonly code = 'link_used';
}

/** A dependency (mail, database) is unavailable: the caller may retry; nothing was half-written. */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'service_unavailable';
}
