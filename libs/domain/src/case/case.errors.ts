import { DomainError } from '../shared/domain-error.js';

/**
 * The error codes a case command can raise (shared/domain-error.ts holds the full list):
 * - ILLEGAL_TRANSITION: the case's state or the law forbids the command (the message names the rule);
 * - VALIDATION_FAILED: an input field is wrong (`path` names it), e.g. a date after today;
 * - NOT_FOUND: a command other than RegisterCase on a stream with no case;
 * - CALENDAR_UNAVAILABLE: propagated unchanged from the calendar.
 */
export const CASE_ERROR_CODES = [
  'ILLEGAL_TRANSITION',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CALENDAR_UNAVAILABLE',
] as const;

export const illegalTransition = (message: string): DomainError =>
  new DomainError('ILLEGAL_TRANSITION', message);

export const validationFailed = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

export const caseNotFound = (): DomainError => new DomainError('NOT_FOUND', 'case not found');
