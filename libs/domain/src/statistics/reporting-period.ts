import { addDays, addMonthsClamped, daysBetween, isIsoDate, type IsoDate } from '../shared/dates.js';

/**
 * Reporting periods of the periodic reports on reception, letters, complaints and denunciations
 * (TT 02/2021/TT-TTCP), with the official cut-offs (NĐ 09/2019/NĐ-CP): a quarter runs from the 15th
 * of the month before it to the 14th of its last month (2026-Q1 = 2025-12-15…2026-03-14); six months
 * = Q1+Q2, nine months = Q1…Q3; the year runs from 15 December of the previous year to 14 December.
 * Any other range is a custom period labelled `"<from>…<to>"`. Pure: nothing reads a clock.
 */
export type ReportingPeriodKind = 'quarter' | 'half' | 'nine_months' | 'year' | 'custom';

export interface ReportingPeriod {
  /** `2026-Q1`, `2026-H1`, `2026-9M`, `2026`, or `"<from>…<to>"` for a custom range. */
  label: string;
  kind: ReportingPeriodKind;
  /** Inclusive business dates. */
  from: IsoDate;
  to: IsoDate;
}

/** The earliest and latest report years a label may name. */
export const FIRST_REPORT_YEAR = 1990;
export const LAST_REPORT_YEAR = 2200;

const LABEL_RE = /^(\d{4})(?:-(Q[1-4]|H1|9M))?$/;

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The 15th of the month `month0` (0-based, may be −1 = December of the year before). */
const cutOffStart = (year: number, month0: number): IsoDate => {
  const total = year * 12 + month0;
  return `${pad(Math.floor(total / 12), 4)}-${pad((total % 12) + 1)}-15`;
};
const cutOffEnd = (year: number, month0: number): IsoDate => {
  const total = year * 12 + month0;
  return `${pad(Math.floor(total / 12), 4)}-${pad((total % 12) + 1)}-14`;
};

/** Quarter `q` (1…4) of report year `year`: from the 15th of month 3q−3 (December before Q1) to the 14th of month 3q. */
export function quarterPeriod(year: number, q: 1 | 2 | 3 | 4): ReportingPeriod {
  return {
    label: `${year}-Q${q}`,
    kind: 'quarter',
    from: cutOffStart(year, 3 * (q - 1) - 1),
    to: cutOffEnd(year, 3 * q - 1),
  };
}

export function halfYearPeriod(year: number): ReportingPeriod {
  return { label: `${year}-H1`, kind: 'half', from: cutOffStart(year, -1), to: cutOffEnd(year, 5) };
}

export function nineMonthsPeriod(year: number): ReportingPeriod {
  return { label: `${year}-9M`, kind: 'nine_months', from: cutOffStart(year, -1), to: cutOffEnd(year, 8) };
}

export function yearPeriod(year: number): ReportingPeriod {
  return { label: `${year}`, kind: 'year', from: cutOffStart(year, -1), to: cutOffEnd(year, 11) };
}

/** A custom range (inclusive). The caller checks `from ≤ to`. */
export function customPeriod(from: IsoDate, to: IsoDate): ReportingPeriod {
  return { label: `${from}…${to}`, kind: 'custom', from, to };
}

/** The period an official label names, or null when the label is not one. */
export function parsePeriodLabel(label: string): ReportingPeriod | null {
  const m = LABEL_RE.exec(label);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) return null;
  switch (m[2]) {
    case undefined:
      return yearPeriod(year);
    case 'H1':
      return halfYearPeriod(year);
    case '9M':
      return nineMonthsPeriod(year);
    default:
      return quarterPeriod(year, Number(m[2]!.slice(1)) as 1 | 2 | 3 | 4);
  }
}

/** The report year a business date belongs to: 15/12 onwards counts in the next year. */
export function reportYearOf(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '12-15' ? year + 1 : year;
}

/** The official quarter holding a business date (2026-12-20 → 2027-Q1). */
export function quarterOf(date: IsoDate): ReportingPeriod {
  const year = reportYearOf(date);
  for (const q of [1, 2, 3, 4] as const) {
    const p = quarterPeriod(year, q);
    if (date >= p.from && date <= p.to) return p;
  }
  throw new RangeError(`no quarter holds ${date}`);
}

const reportYearOfLabel = (p: ReportingPeriod): number => Number(p.label.slice(0, 4));

/**
 * The preceding period of the same kind: the quarter before a quarter (2026-Q1 → 2025-Q4); for the
 * six months, nine months and the year, the same period a year before; for a custom range, the range
 * of the same length just before it.
 */
export function previousPeriod(p: ReportingPeriod): ReportingPeriod {
  switch (p.kind) {
    case 'quarter': {
      const year = reportYearOfLabel(p);
      const q = Number(p.label.slice(-1));
      return q === 1 ? quarterPeriod(year - 1, 4) : quarterPeriod(year, (q - 1) as 1 | 2 | 3);
    }
    case 'half':
    case 'nine_months':
    case 'year':
      return yearEarlierPeriod(p);
    case 'custom': {
      const length = daysBetween(p.from, p.to) + 1;
      return customPeriod(addDays(p.from, -length), addDays(p.from, -1));
    }
  }
}

/** The same period a year earlier (a custom range: both ends a year earlier, 29 February → 28th). */
export function yearEarlierPeriod(p: ReportingPeriod): ReportingPeriod {
  switch (p.kind) {
    case 'quarter':
      return quarterPeriod(reportYearOfLabel(p) - 1, Number(p.label.slice(-1)) as 1 | 2 | 3 | 4);
    case 'half':
      return halfYearPeriod(reportYearOfLabel(p) - 1);
    case 'nine_months':
      return nineMonthsPeriod(reportYearOfLabel(p) - 1);
    case 'year':
      return yearPeriod(reportYearOfLabel(p) - 1);
    case 'custom':
      return customPeriod(addMonthsClamped(p.from, -12), addMonthsClamped(p.to, -12));
  }
}

export interface PeriodQuery {
  period?: string;
  from?: string;
  to?: string;
}

export type PeriodResolution =
  { ok: true; period: ReportingPeriod } | { ok: false; errors: { path: string; message: string }[] };

/**
 * The period a statistics query asks for: `period` and `from`/`to` are exclusive (both → an error
 * naming `period`); neither → the current quarter (the quarter holding `today`); a custom range needs
 * both ends, real dates, `from ≤ to`.
 */
export function resolvePeriod(q: PeriodQuery, today: IsoDate): PeriodResolution {
  const hasRange = q.from !== undefined || q.to !== undefined;
  if (q.period !== undefined) {
    if (hasRange)
      return {
        ok: false,
        errors: [{ path: 'period', message: 'period cannot be combined with from/to' }],
      };
    const p = parsePeriodLabel(q.period);
    if (!p)
      return {
        ok: false,
        errors: [
          {
            path: 'period',
            message: 'period must be a report period such as 2026-Q1…Q4, 2026-H1, 2026-9M or 2026',
          },
        ],
      };
    return { ok: true, period: p };
  }
  if (!hasRange) return { ok: true, period: quarterOf(today) };
  const errors: { path: string; message: string }[] = [];
  for (const field of ['from', 'to'] as const) {
    const v = q[field];
    if (v === undefined) errors.push({ path: field, message: `${field} is required with a custom range` });
    else if (!isIsoDate(v))
      errors.push({ path: field, message: `${field} must be a real date written YYYY-MM-DD` });
  }
  if (errors.length) return { ok: false, errors };
  if (q.from! > q.to!) return { ok: false, errors: [{ path: 'to', message: 'to must not be before from' }] };
  return { ok: true, period: customPeriod(q.from!, q.to!) };
}
