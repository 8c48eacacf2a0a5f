import { businessDateProblem, type IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * Errors of the reception-session stream. Codes: `NOT_FOUND` (no such session), `ILLEGAL_TRANSITION`
 * (scheduling twice, holding a held or cancelled session, cancelling a held or cancelled one),
 * `VALIDATION_FAILED` with the field path.
 */
export const sessionNotFound = (): DomainError =>
  new DomainError('NOT_FOUND', 'reception session does not exist');

export const sessionIllegal = (message: string): DomainError =>
  new DomainError('ILLEGAL_TRANSITION', message);

export const sessionInvalid = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

export function requireSessionText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw sessionInvalid(path, `${path} must be a non-empty string`);
  return value;
}

/** A business date (from 1990-01-01 to five years after `today`). */
export function requireSessionDate(value: unknown, path: string, today?: IsoDate): IsoDate {
  const problem = businessDateProblem(value, path, today);
  if (problem) throw sessionInvalid(path, problem);
  return value as IsoDate;
}
