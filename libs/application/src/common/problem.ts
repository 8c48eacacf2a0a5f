/** RFC 9457 problem details with donthu's stable codes (docs/reference/api-contract.md, Conventions). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  errors?: { path: string; message: string }[];
  /** The occurrence: `urn:donthu:request:<X-Request-Id>`, set when the document is sent. */
  instance?: string;
}

export type ProblemCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'VERSION_CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'CALENDAR_UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

const STATUS: Record<ProblemCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  VERSION_CONFLICT: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  CALENDAR_UNAVAILABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const TITLE: Record<ProblemCode, string> = {
  VALIDATION_FAILED: 'Invalid request',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  ILLEGAL_TRANSITION: 'Not allowed in this state',
  VERSION_CONFLICT: 'Version conflict',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  IDEMPOTENCY_KEY_REUSED: 'Idempotency key reused with another request',
  CALENDAR_UNAVAILABLE: 'Holiday calendar unavailable',
  RATE_LIMITED: 'Too many requests',
  UNAVAILABLE: 'Service unavailable',
  INTERNAL: 'Internal error',
};

export function problem(code: ProblemCode, detail: string, errors?: Problem['errors']): Problem {
  return {
    type: `https://donthu.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLE[code],
    status: STATUS[code],
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

/** An error the HTTP layer answers with a problem document. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ProblemError';
  }
}

export const fail = (code: ProblemCode, detail: string, errors?: Problem['errors']): never => {
  throw new ProblemError(problem(code, detail, errors));
};
