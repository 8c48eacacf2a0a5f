import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.js';
import { addDays, daysBetween } from '../shared/dates.js';
import { createBusinessCalendar } from './business-calendar.js';
import type { CalendarYear } from './calendar.types.js';
import { SHIPPED_CALENDAR_YEARS, createTestCalendar } from './testing/calendar-years.fixture.js';

const cal = createTestCalendar();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return '(no error)';
}

const year = (patch: Partial<CalendarYear>): CalendarYear => ({
  year: 2026,
  status: 'official',
  daysOff: [],
  workingSaturdays: [],
  ...patch,
});

describe('createBusinessCalendar: data validation', () => {
  it('accepts the shipped years', () => {
    expect(cal.years()).toEqual([2024, 2025, 2026, 2027]);
    expect(cal.year(2026).status).toBe('official');
    expect(cal.year(2027).status).toBe('provisional');
  });

  it('rejects a day off that is not a weekday', () => {
    const msg = messageOf(() =>
      createBusinessCalendar([year({ daysOff: [{ date: '2026-02-14', name: 'Tết (Saturday)' }] })]),
    );
    expect(msg).toContain('2026-02-14');
    expect(msg).toContain('Saturday');
  });

  it('rejects a make-up working day that is not a Saturday', () => {
    const msg = messageOf(() =>
      createBusinessCalendar([year({ workingSaturdays: [{ date: '2026-01-12', name: 'Monday' }] })]),
    );
    expect(msg).toContain('2026-01-12');
    expect(msg).toContain('Monday');
  });

  it('rejects dates outside the year, bad dates, duplicates, bad status and repeated years', () => {
    expect(() => createBusinessCalendar([year({ daysOff: [{ date: '2025-12-31', name: 'x' }] })])).toThrow(
      /not in 2026/,
    );
    expect(() => createBusinessCalendar([year({ daysOff: [{ date: '2026-02-30', name: 'x' }] })])).toThrow(
      /not a YYYY-MM-DD/,
    );
    expect(() =>
      createBusinessCalendar([
        year({
          daysOff: [
            { date: '2026-01-01', name: 'x' },
            { date: '2026-01-01', name: 'y' },
          ],
        }),
      ]),
    ).toThrow(/twice/);
    expect(() => createBusinessCalendar([year({ status: 'draft' as 'official' })])).toThrow(/status/);
    expect(() => createBusinessCalendar([year({}), year({})])).toThrow(/more than once/);
  });

  it('does not let the caller mutate the loaded data', () => {
    const y = cal.year(2026);
    expect(Object.isFrozen(y)).toBe(true);
    expect(Object.isFrozen(y.daysOff)).toBe(true);
  });
});

describe('BusinessCalendar: working days', () => {
  it.each([
    ['2026-01-01', false, 'New Year'],
    ['2026-01-02', false, 'swapped day off'],
    ['2026-01-03', false, 'Saturday'],
    ['2026-01-04', false, 'Sunday'],
    ['2026-01-05', true, 'Monday'],
    ['2026-01-10', true, 'make-up Saturday'],
    ['2026-01-17', false, 'ordinary Saturday'],
    ['2026-02-16', false, 'Tết'],
    ['2026-02-20', false, 'Tết'],
    ['2026-02-23', true, 'after Tết'],
    ['2026-04-27', false, 'Hùng Kings (for Sunday 26/4)'],
    ['2026-04-30', false, '30/4'],
    ['2026-05-01', false, '1/5'],
    ['2026-08-22', true, 'make-up Saturday'],
    ['2026-08-31', false, 'swapped day off'],
    ['2026-09-01', false, 'National Day'],
    ['2026-09-02', false, 'National Day'],
    ['2026-09-03', true, 'after National Day'],
    ['2025-01-27', false, 'Tết 2025'],
    ['2025-01-31', false, 'Tết 2025'],
    ['2025-02-03', true, 'after Tết 2025'],
    ['2025-04-26', true, 'make-up Saturday 2025'],
    ['2025-05-02', false, 'swapped day off 2025'],
    ['2027-05-03', false, 'Labour Day (for Saturday 1/5) 2027'],
  ])('%s is a working day: %s (%s)', (date, expected) => {
    expect(cal.isWorkingDay(date)).toBe(expected);
  });

  it('counts 250 working days in 2025 (Jan 1 is off) and in 2026', () => {
    expect(cal.workingDaysBetween('2025-01-01', '2025-12-31')).toBe(250);
    expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
  });
});

describe('BusinessCalendar: addWorkingDays (start day not counted)', () => {
  it.each([
    // Tết 2025: Jan 27–31 off
    ['2025-01-24', 1, '2025-02-03'],
    ['2025-01-22', 10, '2025-02-12'],
    // Tết 2026: Feb 16–20 off
    ['2026-02-12', 10, '2026-03-05'],
    ['2026-02-13', 1, '2026-02-23'],
    // New Year 2026: Jan 1, 2 off; Saturday Jan 10 working
    ['2025-12-31', 5, '2026-01-09'],
    ['2025-12-31', 6, '2026-01-10'],
    ['2025-12-31', 7, '2026-01-12'],
    ['2026-01-05', 10, '2026-01-16'],
    // 30/4–1/5 2025 with Saturday Apr 26 working and Fri May 2 off
    ['2025-04-24', 7, '2025-05-07'],
    // Hùng Kings + 30/4–1/5 2026
    ['2026-04-23', 10, '2026-05-12'],
    // National Day 2026: Sat Aug 22 working; Aug 31 – Sep 2 off
    ['2026-08-20', 10, '2026-09-07'],
    ['2026-08-25', 7, '2026-09-08'],
    // from a weekend
    ['2026-03-07', 5, '2026-03-13'],
    ['2026-03-02', 0, '2026-03-02'],
  ])('%s + %i WD = %s', (start, n, expected) => {
    expect(cal.addWorkingDays(start, n)).toBe(expected);
    expect(cal.workingDaysBetween(start, expected)).toBe(n);
  });

  it('rejects a negative or fractional count', () => {
    expect(codeOf(() => cal.addWorkingDays('2026-03-02', -1))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => cal.addWorkingDays('2026-03-02', 1.5))).toBe('VALIDATION_FAILED');
  });
});

describe('BusinessCalendar: calendar days rolled forward', () => {
  it.each([
    ['2026-03-31', 30, '2026-05-04'], // Apr 30 holiday, May 1 holiday, May 2–3 weekend
    ['2026-01-20', 30, '2026-02-23'], // Feb 19 Tết
    ['2026-08-01', 30, '2026-09-03'], // Aug 31 – Sep 2 off
    ['2026-03-07', 7, '2026-03-16'], // Sat Mar 14 → Mon
    ['2025-01-12', 15, '2025-02-03'], // Mon Jan 27 Tết → Mon Feb 3
    ['2026-01-03', 7, '2026-01-10'], // lands on the make-up Saturday: no roll
    ['2026-03-02', 30, '2026-04-01'], // a working day: no roll
  ])('%s + %i CD = %s', (start, n, expected) => {
    expect(cal.addCalendarDaysRolled(start, n)).toBe(expected);
  });

  it('rollForward keeps a working day and moves a day off', () => {
    expect(cal.rollForward('2026-03-02')).toBe('2026-03-02');
    expect(cal.rollForward('2026-02-14')).toBe('2026-02-23');
    expect(cal.rollForward('2026-08-29')).toBe('2026-09-03');
  });
});

describe('BusinessCalendar: workingDaysBetween', () => {
  it('counts (from, to], is 0 for the same day and negative when to < from', () => {
    expect(cal.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
    expect(cal.workingDaysBetween('2026-02-23', '2026-02-13')).toBe(-1);
    expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(cal.workingDaysBetween('2026-01-01', '2026-01-12')).toBe(7);
    expect(cal.workingDaysBetween('2026-02-14', '2026-02-22')).toBe(0);
  });
});

describe('BusinessCalendar: missing years and provisional data', () => {
  it.each([
    ['isWorkingDay 2023', () => cal.isWorkingDay('2023-12-31')],
    ['isWorkingDay 2028', () => cal.isWorkingDay('2028-01-03')],
    ['addWorkingDays into 2028', () => cal.addWorkingDays('2027-12-28', 10)],
    ['addWorkingDays counting in 2023', () => cal.addWorkingDays('2023-12-20', 5)],
    ['addCalendarDaysRolled into 2028', () => cal.addCalendarDaysRolled('2027-12-15', 30)],
    ['rollForward 2028', () => cal.rollForward('2028-01-01')],
    ['workingDaysBetween counting in 2023', () => cal.workingDaysBetween('2023-12-01', '2025-01-10')],
    ['isProvisional 2028', () => cal.isProvisional('2028-06-01')],
    ['year(2023)', () => cal.year(2023)],
  ])('%s → CALENDAR_UNAVAILABLE', (_name, fn) => {
    expect(codeOf(fn)).toBe('CALENDAR_UNAVAILABLE');
  });

  it('a start day in a year without data is fine when every counted day has data (docs/reference/deadlines.md §10)', () => {
    // Sun 2023-12-31 is not counted; Mon 2024-01-01 is a day off → Tue 2024-01-02
    expect(cal.addWorkingDays('2023-12-31', 1)).toBe('2024-01-02');
    // from Fri 2023-12-29, Sat 30 and Sun 31 must be looked at (a Saturday may be a make-up day)
    expect(codeOf(() => cal.addWorkingDays('2023-12-29', 1))).toBe('CALENDAR_UNAVAILABLE');
    expect(cal.addWorkingDays('2023-12-31', 0)).toBe('2023-12-31');
    // Sun 2023-12-31 + 30 = Tue 2024-01-30, a working day
    expect(cal.addCalendarDaysRolled('2023-12-31', 30)).toBe('2024-01-30');
    expect(cal.workingDaysBetween('2023-12-31', '2024-01-05')).toBe(4);
    // counting backwards from 2024 into 2023 is refused: Jan 2 (1), Jan 1 off, then Fri 2023-12-29
    expect(cal.subtractWorkingDays('2024-01-03', 1)).toBe('2024-01-02');
    expect(codeOf(() => cal.subtractWorkingDays('2024-01-03', 2))).toBe('CALENDAR_UNAVAILABLE');
    // a roll-over into a year without data is refused: Sat 2027-12-25 + 7 = Sat 2028-01-01
    expect(codeOf(() => cal.addCalendarDaysRolled('2027-12-25', 7))).toBe('CALENDAR_UNAVAILABLE');
  });

  it('2024 as the notices of the Government set it (5015/TB-LĐTBXH, 2450/VPCP-KGVX)', () => {
    // Tết: Thu 8/2 – Wed 14/2; Thu 2024-02-07 + 1 working day → Thu 2024-02-15
    expect(cal.addWorkingDays('2024-02-07', 1)).toBe('2024-02-15');
    // 29/4 swapped with Saturday 4/5: Fri 2024-04-26 + 1 → Thu 2024-05-02; Fri 2024-05-03 + 1 → Sat 2024-05-04
    expect(cal.addWorkingDays('2024-04-26', 1)).toBe('2024-05-02');
    expect(cal.addWorkingDays('2024-05-03', 1)).toBe('2024-05-04');
    expect(cal.isWorkingDay('2024-04-18')).toBe(false); // Hùng Kings
    expect(cal.isWorkingDay('2024-09-03')).toBe(false); // National Day, adjacent day
    // 24 November (Vietnamese Culture Day) is not a day off in the data (docs/reference/deadlines.md: no official text yet)
    expect(cal.isWorkingDay('2026-11-24')).toBe(true);
  });

  it('names the missing year', () => {
    expect(messageOf(() => cal.isWorkingDay('2028-01-03'))).toContain('2028');
    expect(messageOf(() => cal.addWorkingDays('2023-12-20', 5))).toContain('2023');
  });

  it('reports provisional years', () => {
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isProvisional('2027-01-01')).toBe(true);
  });

  it('rejects a malformed date', () => {
    expect(codeOf(() => cal.isWorkingDay('2026-13-01'))).toBe('VALIDATION_FAILED');
  });

  it('an empty calendar refuses every date', () => {
    expect(codeOf(() => createBusinessCalendar([]).isWorkingDay('2026-03-02'))).toBe('CALENDAR_UNAVAILABLE');
  });
});

describe('BusinessCalendar: properties', () => {
  const FIRST = '2025-01-01';
  const span = daysBetween(FIRST, '2027-09-30');
  const date = fc.integer({ min: 0, max: span }).map((d) => addDays(FIRST, d));

  it('addWorkingDays lands on a working day and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const due = cal.addWorkingDays(start, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due > start).toBe(true);
        expect(cal.workingDaysBetween(start, due)).toBe(n);
        expect(cal.workingDaysBetween(due, start)).toBe(-n);
      }),
    );
  });

  it('a calendar-day deadline is never before start + N, never on a day off, and is the first working day', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 70 }), (start, n) => {
        const due = cal.addCalendarDaysRolled(start, n);
        const base = addDays(start, n);
        expect(due >= base).toBe(true);
        expect(cal.isWorkingDay(due)).toBe(true);
        for (let d = base; d < due; d = addDays(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
      }),
    );
  });

  it('workingDaysBetween is additive', () => {
    fc.assert(
      fc.property(date, date, date, (a, b, c) => {
        expect(cal.workingDaysBetween(a, b) + cal.workingDaysBetween(b, c)).toBe(
          cal.workingDaysBetween(a, c),
        );
      }),
      { numRuns: 50 },
    );
  });
});

it('the fixture holds four years', () => {
  expect(SHIPPED_CALENDAR_YEARS.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
});
