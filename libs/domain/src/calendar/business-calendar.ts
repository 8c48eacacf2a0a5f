import { DomainError } from '../shared/domain-error.js';
import { addDays, dayOfWeek, isIsoDate, yearOf, type IsoDate } from '../shared/dates.js';
import type { BusinessCalendar, CalendarYear } from './calendar.types.js';

const SATURDAY = 6;
const SUNDAY = 0;

interface YearIndex {
  data: CalendarYear;
  daysOff: ReadonlySet<IsoDate>;
  workingSaturdays: ReadonlySet<IsoDate>;
}

/**
 * Builds Vietnam's business calendar from yearly data (docs/reference/deadlines.md "The holiday calendar").
 *
 * A working day is Monday–Friday, minus the year's `daysOff`, plus its `workingSaturdays` (làm bù).
 * Every date a method is given or has to look at must lie in a year with data; otherwise the method
 * throws `DomainError('CALENDAR_UNAVAILABLE')` naming the year — it never guesses.
 *
 * The data is validated here: a malformed year throws a plain `Error` that says what is wrong.
 */
export function createBusinessCalendar(years: readonly CalendarYear[]): BusinessCalendar {
  const index = new Map<number, YearIndex>();
  for (const data of years) {
    validateCalendarYear(data);
    if (index.has(data.year)) throw new Error(`calendar data: year ${data.year} is given more than once`);
    const frozen = freezeYear(data);
    index.set(data.year, {
      data: frozen,
      daysOff: new Set(frozen.daysOff.map((d) => d.date)),
      workingSaturdays: new Set(frozen.workingSaturdays.map((d) => d.date)),
    });
  }
  const sortedYears = [...index.keys()].sort((a, b) => a - b);

  const yearIndex = (date: IsoDate): YearIndex => {
    if (!isIsoDate(date))
      throw new DomainError('VALIDATION_FAILED', `not a date (YYYY-MM-DD): ${String(date)}`);
    const y = yearOf(date);
    const found = index.get(y);
    if (!found) throw unavailable(y, sortedYears);
    return found;
  };

  const isWorkingDay = (date: IsoDate): boolean => {
    const y = yearIndex(date);
    const dow = dayOfWeek(date);
    if (dow === SATURDAY) return y.workingSaturdays.has(date);
    if (dow === SUNDAY) return false;
    return !y.daysOff.has(date);
  };

  const rollForward = (date: IsoDate): IsoDate => {
    let d = date;
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const countBetween = (from: IsoDate, to: IsoDate): number => {
    // working days in (from, to], from < to
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
    return n;
  };

  return {
    isWorkingDay,
    rollForward,

    // The start day is not counted (docs/reference/deadlines.md §1): it may lie in a year without data as long as
    // every day counted or rolled over lies in years with data (§10).
    addWorkingDays(date, n) {
      requireCount(n, 'addWorkingDays');
      requireDate(date);
      let d = date;
      for (let left = n; left > 0;) {
        d = addDays(d, 1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },

    subtractWorkingDays(date, n) {
      requireCount(n, 'subtractWorkingDays');
      requireDate(date);
      let d = date;
      for (let left = n; left > 0;) {
        d = addDays(d, -1);
        if (isWorkingDay(d)) left--;
      }
      return d;
    },

    addCalendarDaysRolled(date, n) {
      if (!Number.isInteger(n))
        throw new DomainError('VALIDATION_FAILED', `day count must be an integer: ${n}`);
      requireDate(date);
      return rollForward(addDays(date, n));
    },

    workingDaysBetween(from, to) {
      // (from, to] is counted: the earlier end itself is not (§1), so only the days after it need data.
      requireDate(from);
      requireDate(to);
      if (from === to) return 0;
      // `0 - n`, not `-n`: never -0 when no working day lies between (Object.is(-0, 0) is false).
      return from < to ? countBetween(from, to) : 0 - countBetween(to, from);
    },

    isProvisional(date) {
      return yearIndex(date).data.status === 'provisional';
    },

    years() {
      return [...sortedYears];
    },

    year(year) {
      const found = index.get(year);
      if (!found) throw unavailable(year, sortedYears);
      return found.data;
    },
  };
}

function unavailable(year: number, known: readonly number[]): DomainError {
  const have = known.length ? `data exists for ${known.join(', ')}` : 'no calendar data is loaded';
  return new DomainError(
    'CALENDAR_UNAVAILABLE',
    `no business calendar data for year ${year} (${have}); add data/calendar/${year}.json`,
  );
}

function requireDate(date: IsoDate): void {
  if (!isIsoDate(date))
    throw new DomainError('VALIDATION_FAILED', `not a date (YYYY-MM-DD): ${String(date)}`);
}

function requireCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0)
    throw new DomainError('VALIDATION_FAILED', `${what}: day count must be a non-negative integer, got ${n}`);
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Throws an `Error` describing the first problem found in one year of calendar data. */
export function validateCalendarYear(data: CalendarYear): void {
  const raw = data as unknown as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null) throw new Error('calendar data: a year must be an object');
  const y = raw.year;
  if (typeof y !== 'number' || !Number.isInteger(y) || y < 1900 || y > 9999)
    throw new Error(`calendar data: "year" must be an integer year, got ${JSON.stringify(y)}`);
  const where = `calendar ${y}`;
  if (raw.status !== 'official' && raw.status !== 'provisional')
    throw new Error(
      `${where}: "status" must be "official" or "provisional", got ${JSON.stringify(raw.status)}`,
    );
  if (
    raw.sources !== undefined &&
    (!Array.isArray(raw.sources) || raw.sources.some((s) => typeof s !== 'string'))
  )
    throw new Error(`${where}: "sources" must be a list of strings`);

  const check = (field: 'daysOff' | 'workingSaturdays', ok: (dow: number) => boolean, expected: string) => {
    const list = raw[field];
    if (!Array.isArray(list)) throw new Error(`${where}: "${field}" must be a list`);
    const seen = new Set<string>();
    for (const entry of list as unknown[]) {
      const e = entry as Record<string, unknown> | null;
      if (typeof e !== 'object' || e === null || typeof e.date !== 'string' || typeof e.name !== 'string')
        throw new Error(`${where}: every "${field}" entry needs a "date" and a "name" string`);
      const date = e.date;
      if (!isIsoDate(date))
        throw new Error(`${where}: ${field} ${JSON.stringify(date)} is not a YYYY-MM-DD date`);
      if (yearOf(date) !== y) throw new Error(`${where}: ${field} ${date} is not in ${y}`);
      const dow = dayOfWeek(date);
      if (!ok(dow))
        throw new Error(`${where}: ${field} ${date} is a ${WEEKDAY_NAMES[dow]}, expected ${expected}`);
      if (seen.has(date)) throw new Error(`${where}: ${field} lists ${date} twice`);
      seen.add(date);
    }
  };
  check('daysOff', (dow) => dow >= 1 && dow <= 5, 'a weekday (Monday–Friday)');
  check('workingSaturdays', (dow) => dow === SATURDAY, 'a Saturday');
}

function freezeYear(data: CalendarYear): CalendarYear {
  const copy: CalendarYear = {
    year: data.year,
    status: data.status,
    daysOff: [...data.daysOff]
      .map((d) => Object.freeze({ date: d.date, name: d.name }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    workingSaturdays: [...data.workingSaturdays]
      .map((d) => Object.freeze({ date: d.date, name: d.name }))
      .sort((a, b) => a.date.localeCompare(b.date)),
    ...(data.sources ? { sources: Object.freeze([...data.sources]) as string[] } : {}),
  };
  Object.freeze(copy.daysOff);
  Object.freeze(copy.workingSaturdays);
  return Object.freeze(copy);
}
