/**
 * Transport errors: what is wrong with an HTTP request before the domain sees it. They share the
 * domain errors' base so the one error mapper turns them into statuses.
 */
import { DomainError } from '../domain/errors';

/** The body is not valid JSON. */
export class MalformedJsonError extends DomainError {
  override readonly name = 'MalformedJsonError';
  readonly code = 'malformed_json';
}

/** The body is larger than the route accepts. */
export class PayloadTooLargeError extends DomainError {
  override readonly name = 'PayloadTooLargeError';
  readonly code = 'payload_too_large';
}

/** The body is not `application/json`. */
export class UnsupportedMediaTypeError extends DomainError {
  override readonly name = 'UnsupportedMediaTypeError';
  readonly code = 'unsupported_media_type';
}
