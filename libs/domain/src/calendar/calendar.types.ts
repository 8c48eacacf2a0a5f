import type { IsoDate } from '../shared/dates.js';

/**
 * One year of Vietnam's official working calendar, as an administrator ships it in
 * `data/calendar/<year>.json` (replaceable without a release).
 */
export interface CalendarYear {
  year: number;
  /** `official` once the Government's notice is out; `provisional` when computed ahead of it. */
  status: 'official' | 'provisional';
  /** Weekdays that are not working days (holidays and compensatory days off). */
  daysOff: { date: IsoDate; name: string }[];
  /** Saturdays declared make-up working days (làm bù). */
  workingSaturdays: { date: IsoDate; name: string }[];
  sources?: string[];
}

/** Working-day arithmetic. Every method throws `DomainError('CALENDAR_UNAVAILABLE')` for a year with no data. */
export interface BusinessCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** The n-th working day after `date` (the start day is not counted). n ≥ 0; n = 0 returns `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** The n-th working day before `date` (the start day is not counted). n ≥ 0; n = 0 returns `date`. */
  subtractWorkingDays(date: IsoDate, n: number): IsoDate;
  /** `date + n` calendar days, rolled forward to the next working day if that is not one. */
  addCalendarDaysRolled(date: IsoDate, n: number): IsoDate;
  /** `date` itself if it is a working day, else the next working day. */
  rollForward(date: IsoDate): IsoDate;
  /** Working days in (from, to]; the inverse of addWorkingDays. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  /** True when `date`'s year has only provisional data. */
  isProvisional(date: IsoDate): boolean;
  /** Years with data, ascending. */
  years(): number[];
  year(year: number): CalendarYear;
}
