/**
 * Business dates are `YYYY-MM-DD` strings in Vietnam time. All arithmetic here is on the
 * proleptic Gregorian calendar via UTC date values: nothing reads a clock.
 */
export type IsoDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function toUtc(date: IsoDate): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Adds calendar months, clamping the day to the end of the target month (2026-01-31 + 1 → 2026-02-28). */
export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const y = Math.floor(total / 12);
  const mo = (total % 12) + 1;
  const d = Math.min(Number(m[3]), daysInMonth(y, mo));
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

/** The business date in Vietnam (UTC+7, no daylight saving) of an instant. */
export function vietnamDateOf(instant: string | Date): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return fromUtc(ms + 7 * 3_600_000);
}

/** The earliest business date any command or query may name (docs/reference/api-contract.md, Conventions). */
export const EARLIEST_BUSINESS_DATE: IsoDate = '1990-01-01';

/** The latest business date any command or query may name: five years after `today`. */
export function latestBusinessDate(today: IsoDate): IsoDate {
  return addMonthsClamped(today, 60);
}

/**
 * Why `value` is not a business date, or null when it is one: a real date written YYYY-MM-DD from
 * 1990-01-01 on and, when `today` is given, not later than five years after it. Dates outside this
 * range are refused everywhere (a year 0000 once reached the log and froze the read models).
 */
export function businessDateProblem(value: unknown, field: string, today?: IsoDate): string | null {
  if (!isIsoDate(value)) return `${field} must be a real date written YYYY-MM-DD`;
  if (value < EARLIEST_BUSINESS_DATE) return `${field} ${value} is before ${EARLIEST_BUSINESS_DATE}`;
  if (today !== undefined && isIsoDate(today)) {
    const latest = latestBusinessDate(today);
    if (value > latest) return `${field} ${value} is more than five years ahead (after ${latest})`;
  }
  return null;
}

export function isBusinessDate(value: unknown, today?: IsoDate): value is IsoDate {
  return businessDateProblem(value, 'date', today) === null;
}
