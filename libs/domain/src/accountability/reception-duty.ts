import type { BusinessCalendar } from '../calendar/calendar.types.js';
import { addDays, dayOfWeek, daysBetween, type IsoDate } from '../shared/dates.js';
import type { UnitLevel } from '../unit/unit.events.js';
import {
  accountabilityInvalid,
  requireAccountabilityDate,
  termWindow,
  type DateRange,
} from './accountability.errors.js';

export interface ReceptionDutyInput {
  /** The head's term; `to` null while it runs. */
  term: DateRange;
  /** The reporting range (inclusive). */
  range: { from: IsoDate; to: IsoDate };
  level: UnitLevel;
  /** Setting: commune chairs owe ≥ 1 day per ISO week (default true) or, when false, ≥ 1 day per month. */
  communeWeekly?: boolean;
  /** Days the head personally held a reception session (`heldByHead`); duplicates and days outside term ∩ range are ignored. */
  heldDays: readonly IsoDate[];
  calendar: BusinessCalendar;
}

export interface ReceptionDuty {
  /** Periods (months or ISO weeks) with at least one working day inside term ∩ range. */
  required: number;
  /** Distinct days inside term ∩ range on which the head held a session. */
  held: number;
  /** Required periods with no such day. */
  missing: number;
  /** The missing periods, in order: `YYYY-MM` for months, `YYYY-Www` (ISO week) for weeks. */
  missingPeriods: string[];
}

export type DutyPeriod = 'month' | 'iso_week';

/** The period a head's duty is counted in (docs/reference/legal.md §6). */
export function dutyPeriodFor(level: UnitLevel, communeWeekly = true): DutyPeriod {
  return level === 'commune' && communeWeekly ? 'iso_week' : 'month';
}

/** `YYYY-Www`: the ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: IsoDate): string {
  const thursday = addDays(date, 3 - ((dayOfWeek(date) + 6) % 7));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const periodKey = (date: IsoDate, period: DutyPeriod): string =>
  period === 'month' ? date.slice(0, 7) : isoWeekOf(date);

/**
 * A head's periodic reception duty over term ∩ range (docs/reference/api-contract.md `/reception-duty`). A month or week
 * counts only if it has a working day inside term ∩ range, so a Tết week with no working day is not
 * owed. Throws `CALENDAR_UNAVAILABLE` (from the calendar) for a year with no data.
 */
export function receptionDuty(input: ReceptionDutyInput): ReceptionDuty {
  const { level, heldDays, calendar } = input;
  if (!Array.isArray(heldDays)) throw accountabilityInvalid('heldDays', 'heldDays must be a list of dates');
  heldDays.forEach((d, i) => requireAccountabilityDate(d, `heldDays[${i}]`));
  const window = termWindow(input.term, input.range, 'term', 'range');
  if (window === null) return { required: 0, held: 0, missing: 0, missingPeriods: [] };

  const period = dutyPeriodFor(level, input.communeWeekly ?? true);
  const required: string[] = [];
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const key = periodKey(day, period);
    if (required.at(-1) !== key) required.push(key);
  }

  const heldInWindow = new Set(heldDays.filter((d) => d >= window.from && d <= window.to));
  const periodsWithSession = new Set([...heldInWindow].map((d) => periodKey(d, period)));
  const missingPeriods = required.filter((key) => !periodsWithSession.has(key));
  return {
    required: required.length,
    held: heldInWindow.size,
    missing: missingPeriods.length,
    missingPeriods,
  };
}
