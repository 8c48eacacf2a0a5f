import { businessDateProblem, type IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';

/**
 * Errors of the inspection stream. Codes: `NOT_FOUND` (no such inspection or recommendation),
 * `ILLEGAL_TRANSITION` (wrong state, a done or waived recommendation, closing with open ones, a
 * second directive), `VALIDATION_FAILED` with the field path.
 */
export const inspectionNotFound = (): DomainError =>
  new DomainError('NOT_FOUND', 'inspection does not exist');

export const recommendationNotFound = (recommendationId: string): DomainError =>
  new DomainError('NOT_FOUND', `recommendation ${recommendationId} does not exist`);

export const inspectionIllegal = (message: string): DomainError =>
  new DomainError('ILLEGAL_TRANSITION', message);

export const inspectionInvalid = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

export function requireInspectionText(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw inspectionInvalid(path, `${path} must be a non-empty string`);
  return value;
}

/** A business date (from 1990-01-01 to five years after `today`). */
export function requireInspectionDate(value: unknown, path: string, today?: IsoDate): IsoDate {
  const problem = businessDateProblem(value, path, today);
  if (problem) throw inspectionInvalid(path, problem);
  return value as IsoDate;
}

/** An action date: a valid date within [notBefore, today]. */
export function requireActionDate(value: unknown, path: string, notBefore: IsoDate, today: IsoDate): IsoDate {
  const date = requireInspectionDate(value, path);
  if (date > today) throw inspectionInvalid(path, `${path} ${date} is after today (${today})`);
  if (date < notBefore) throw inspectionInvalid(path, `${path} ${date} is before ${notBefore}`);
  return date;
}
