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
}
