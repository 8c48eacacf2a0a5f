/**
 * Authentication failed (HTTP 401 `UNAUTHENTICATED`). `reason` is for logs only; the message is the
 * same for every failure so a caller learns nothing about which check failed.
 */
export class AuthError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(readonly reason: string) {
    super('authentication required');
    this.name = 'AuthError';
  }
}

/** Authenticated but the role may not do this (HTTP 403 `FORBIDDEN`). */
export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN' as const;
  constructor(message = 'not allowed for your role') {
    super(message);
    this.name = 'ForbiddenError';
  }
}
