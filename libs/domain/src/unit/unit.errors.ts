import { businessDateProblem, type IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * Errors of the unit stream. Codes: `NOT_FOUND` (no such unit), `ILLEGAL_TRANSITION` (the unit
 * exists already, or has ceased by a merger), `VALIDATION_FAILED` with the field path.
 */
export const unitNotFound = (message = 'unit does not exist'): DomainError =>
  new DomainError('NOT_FOUND', message);

export const unitIllegal = (message: string): DomainError => new DomainError('ILLEGAL_TRANSITION', message);

export const unitInvalid = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

export function requireUnitText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw unitInvalid(path, `${path} must be a non-empty string`);
  return value;
}

/** A valid business date that is not after today. */
export function requireUnitDate(value: unknown, path: string, today: IsoDate): IsoDate {
  const problem = businessDateProblem(value, path, today);
  if (problem) throw unitInvalid(path, problem);
  const date = value as IsoDate;
  if (date > today) throw unitInvalid(path, `${path} ${date} is after today (${today})`);
  return date;
}
