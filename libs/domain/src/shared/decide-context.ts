import type { BusinessCalendar } from '../calendar/calendar.types.js';
import type { RuleBook } from '../rules/rule.types.js';
import type { IsoDate } from './dates.js';

/** Everything a decision may know about the world besides the stream: time, the calendar, the law. */
export interface DecideContext {
  /** The instant of the decision (ISO 8601). */
  now: string;
  /** Today in Vietnam (YYYY-MM-DD), derived from `now` by the caller. */
  today: IsoDate;
  calendar: BusinessCalendar;
  rules: RuleBook;
  /**
   * LATE_ENTRY_GRACE_DAYS (docs/reference/deadlines.md §9): an act recorded after this many working days past its
   * business date is a late entry, and each deadline's accountability is decided over what was recorded
   * by its `graceUntil`. Absent: no late-entry marks and no accountability fields are computed.
   */
  lateEntryGraceDays?: number;
}
