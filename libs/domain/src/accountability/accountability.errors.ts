import { isIsoDate, type IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';

/** Bad input to the accountability arithmetic: `VALIDATION_FAILED` with the field path. */
export const accountabilityInvalid = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

export function requireAccountabilityDate(value: unknown, path: string): IsoDate {
  if (!isIsoDate(value)) throw accountabilityInvalid(path, `${path} must be a date (YYYY-MM-DD)`);
  return value;
}

/** A closed date interval; `to` null means open-ended. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate | null;
}

/**
 * The intersection of a head term and a period, validated; null when they share no day.
 * `termPath` / `rangePath` name the inputs in errors.
 */
export function termWindow(
  term: DateRange,
  range: { from: IsoDate; to: IsoDate },
  termPath: string,
  rangePath: string,
): { from: IsoDate; to: IsoDate } | null {
  requireAccountabilityDate(term?.from, `${termPath}.from`);
  if (term.to !== null) requireAccountabilityDate(term.to, `${termPath}.to`);
  if (term.to !== null && term.to < term.from)
    throw accountabilityInvalid(`${termPath}.to`, 'a term cannot end before it starts');
  requireAccountabilityDate(range?.from, `${rangePath}.from`);
  requireAccountabilityDate(range.to, `${rangePath}.to`);
  if (range.to < range.from) throw accountabilityInvalid(`${rangePath}.to`, 'to must not be before from');
  const from = term.from > range.from ? term.from : range.from;
  const to = term.to !== null && term.to < range.to ? term.to : range.to;
  return from <= to ? { from, to } : null;
}
