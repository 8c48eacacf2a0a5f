import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../../../../libs/domain/src/index.js';
import { DuplicateEventId, VersionConflict } from '../../../../libs/event-store/src/index.js';
import { AuthError, ForbiddenError } from '../../../../libs/security/src/index.js';
import {
  problem,
  ProblemError,
  type Problem,
  type ProblemCode,
} from '../../../../libs/application/src/index.js';
import { localizeProblem, problemLanguage } from './problem-language.js';
import { problemInstance } from './request-id.js';
import { isOpen311Request, sendOpen311Error } from '../open311/open311.format.js';

const HTTP_CODES: Record<number, ProblemCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'NOT_FOUND',
  409: 'ILLEGAL_TRANSITION',
  412: 'VERSION_CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'IDEMPOTENCY_KEY_REUSED',
  429: 'RATE_LIMITED',
};

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
const UNREACHABLE_TEXT =
  /connection terminated|connection is not established|timeout exceeded when trying to connect|client has encountered a connection error|cannot use a pool after calling end|connection refused/i;

/**
 * Whether an error says the database cannot be reached (refused or dropped connections, a server
 * shutting down — SQLSTATE classes 08 and 57P): the request then answers 503 UNAVAILABLE, not 500.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && (UNREACHABLE_CODES.has(e.code) || /^(08...|57P0[1-3])$/.test(e.code)))
    return true;
  if (typeof e.message === 'string' && UNREACHABLE_TEXT.test(e.message)) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** Maps every error to a problem document. The one place where codes become HTTP statuses. */
export function toProblem(err: unknown): Problem {
  if (err instanceof ProblemError) return err.problem;
  if (err instanceof DomainError) {
    const errors = err.path ? [{ path: err.path, message: err.message }] : undefined;
    return problem(err.code, err.message, errors);
  }
  if (err instanceof AuthError) return problem('UNAUTHENTICATED', 'a valid bearer token is required');
  if (err instanceof ForbiddenError) return problem('FORBIDDEN', err.message);
  if (err instanceof VersionConflict)
    return problem('VERSION_CONFLICT', 'the case changed since you read it; reload and retry');
  if (err instanceof DuplicateEventId) return problem('VERSION_CONFLICT', 'this change was already recorded');
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const code = HTTP_CODES[status];
    if (code) {
      const detail = status === 404 ? 'no such resource' : err.message;
      return { ...problem(code, detail), status };
    }
  }
  if (isDatabaseUnavailable(err)) return problem('UNAVAILABLE', 'the database is unreachable; retry later');
  return problem('INTERNAL', 'an unexpected error occurred; it has been logged');
}

/** Sends a problem document (an Open311 error under /open311/); its `instance` names the request (`urn:donthu:request:<X-Request-Id>`). */
export function sendProblem(res: Response, p: Problem): void {
  // Open311 clients read errors in GeoReport v2's own format (docs/open311.md).
  if (isOpen311Request(res.req)) return sendOpen311Error(res, p);
  const lang = problemLanguage(res.req?.headers['accept-language']);
  const localized = localizeProblem(p, lang);
  const body = res.req ? { ...localized, instance: problemInstance(res.req) } : localized;
  res.setHeader('Content-Language', lang);
  res.vary('Accept-Language');
  res.status(p.status).type('application/problem+json').send(JSON.stringify(body));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    const p = toProblem(err);
    // The error with its stack; the line carries the request id (log context), so the `instance` a
    // user reports finds it.
    if (p.status >= 500)
      this.logger.error({
        msg: 'request failed',
        err: err instanceof Error ? err : new Error(String(err)),
        method: req.method,
        path: req.originalUrl?.split('?')[0],
        status: p.status,
      });
    if (res.headersSent) return;
    sendProblem(res, p);
  }
}
