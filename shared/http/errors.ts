/**
 * Transport errors: what is wrong with an HTTP request before the domain sees it. They share the
 * domain errors' base so the one error mapper turns them into statuses.
 */
import { DomainError } from '../domain/errors';

/** The body is not valid JSON. */
export class MalformedJsonError extends DomainError {
  readonly code = 'malformed_json';
}

/** The body is larger than the route accepts. */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
}

/** The body is not `application/json`. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported_media_type';
}
