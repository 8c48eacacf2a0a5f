/**
 * Late entries and accountability (docs/reference/deadlines.md §8–9). The law's dates rule the case; the record's
 * timeliness rules accountability. Everything here is computed in decide, with the grace and calendar
 * in force, and stored in the events: never recomputed.
 */
import type { BusinessCalendar } from '../calendar/calendar.types.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays, dayOfWeek, type IsoDate } from '../shared/dates.js';
import type { DecideContext } from '../shared/decide-context.js';

/** What a late act carries in its event (absent when it was recorded in time). */
export interface LateEntryMark {
  lateEntry?: true;
  /** Working days from the act's business date to the day it was recorded (Vietnam). */
  workingDaysLate?: number;
}

/** What a deadline carries for accountability (absent on deadlines started before late entries existed). */
export interface AccountabilityDates {
  /** The last day (to 24:00 Vietnam) the record can still show the deadline met for accountability. */
  graceUntil?: IsoDate;
  /** The due date accountability uses: only extensions and pauses recorded by graceUntil move it. */
  accountabilityDueOn?: IsoDate;
  /** The deadline entered the record after its graceUntil (a late registration or acceptance): decided at once. */
  enteredAfterGrace?: true;
}

const isUnavailable = (e: unknown): boolean => e instanceof DomainError && e.code === 'CALENDAR_UNAVAILABLE';

/** Monday–Friday counting, for a grace window that reaches a year without calendar data (provisional). */
function weekdaysBetween(from: IsoDate, to: IsoDate): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) {
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) n++;
  }
  return n;
}

function addWeekdays(from: IsoDate, n: number): IsoDate {
  let d = from;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) left--;
  }
  return d;
}

/** Working days in (from, to]; Monday–Friday where a year has no calendar data. Never throws for data. */
export function workingDaysSafe(calendar: BusinessCalendar, from: IsoDate, to: IsoDate): number {
  if (to <= from) return 0;
  try {
    return calendar.workingDaysBetween(from, to);
  } catch (e) {
    if (isUnavailable(e)) return weekdaysBetween(from, to);
    throw e;
  }
}

/** The n-th working day after `from`; Monday–Friday where a year has no calendar data. */
export function addWorkingDaysSafe(calendar: BusinessCalendar, from: IsoDate, n: number): IsoDate {
  try {
    return calendar.addWorkingDays(from, n);
  } catch (e) {
    if (isUnavailable(e)) return addWeekdays(from, n);
    throw e;
  }
}

/** The late-entry mark of an act dated `businessDate` recorded today (empty when in time or not configured). */
export function lateEntryOf(businessDate: IsoDate, ctx: DecideContext): LateEntryMark {
  const grace = ctx.lateEntryGraceDays;
  if (grace === undefined || ctx.today <= businessDate) return {};
  const workingDaysLate = workingDaysSafe(ctx.calendar, businessDate, ctx.today);
  return workingDaysLate > grace ? { lateEntry: true, workingDaysLate } : {};
}

/** graceUntil of a deadline whose accountability due date is `dueOn`. */
export function graceUntilOf(dueOn: IsoDate, ctx: DecideContext): IsoDate | undefined {
  const grace = ctx.lateEntryGraceDays;
  if (grace === undefined) return undefined;
  return addWorkingDaysSafe(ctx.calendar, dueOn, grace);
}

/** The accountability dates of a deadline started (or moved in time) with this due date, recorded today. */
export function accountabilityDatesOf(dueOn: IsoDate, ctx: DecideContext): AccountabilityDates {
  const graceUntil = graceUntilOf(dueOn, ctx);
  if (graceUntil === undefined) return {};
  return {
    graceUntil,
    accountabilityDueOn: dueOn,
    ...(graceUntil < ctx.today ? { enteredAfterGrace: true as const } : {}),
  };
}

/** True when the act is recorded by the deadline's graceUntil (today on or before it). */
export const recordedInTime = (graceUntil: IsoDate | undefined, ctx: DecideContext): boolean =>
  graceUntil === undefined || ctx.today <= graceUntil;
