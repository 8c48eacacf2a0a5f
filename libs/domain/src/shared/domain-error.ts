/** Stable error codes. The HTTP layer maps each code to a status in one filter. */
export type DomainErrorCode =
  | 'ILLEGAL_TRANSITION'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'CALENDAR_UNAVAILABLE'
  | 'VERSION_CONFLICT';

/** A broken rule. Tests assert on `code`, never on the message. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Field path the error is about, when it is about one input field. */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
