import { describe, expect, it, jest } from '@jest/globals';
import { Command } from 'commander';
import {
  SHIPPED_CALENDAR_YEARS,
  createTestCalendar,
} from '../../../../libs/domain/src/calendar/testing/calendar-years.fixture.js';
import {
  formatCalendarYear,
  registerCalendarCommand,
  runCalendarCommand,
  workingDaysInYear,
} from './calendar.command.js';

const cal = createTestCalendar();
const load = () => cal;

describe('formatCalendarYear', () => {
  it('prints the weekdays off, the make-up Saturdays and the status', () => {
    const text = formatCalendarYear(cal.year(2026));
    expect(text.split('\n')[0]).toBe('Business calendar 2026: official');
    expect(text).toContain('Weekdays off (13):');
    expect(text).toContain('  2026-01-02 Fri  Nghỉ hoán đổi (swapped with Saturday 10/1)');
    expect(text).toContain('  2026-09-02 Wed  Quốc khánh (National Day, 2/9)');
    expect(text).toContain('Make-up working Saturdays (2):');
    expect(text).toContain('  2026-08-22 Sat  ');
    expect(text).toContain('Working days in 2026: 250');
  });

  it('marks a provisional year and a year with no make-up Saturdays', () => {
    const text = formatCalendarYear(cal.year(2027));
    expect(text.split('\n')[0]).toMatch(/^Business calendar 2027: provisional/);
    expect(text).toContain('Make-up working Saturdays (0):\n  (none)');
  });

  it('counts working days per year', () => {
    expect(SHIPPED_CALENDAR_YEARS.map(workingDaysInYear)).toEqual([251, 250, 250, 250]);
  });
});

describe('runCalendarCommand', () => {
  it('prints a year with data', () => {
    const out = runCalendarCommand('2025', load);
    expect(out.exitCode).toBe(0);
    expect(out.stdout).toContain('  2025-04-26 Sat  ');
  });

  it('reports a year without data (1) and a malformed year (2)', () => {
    const missing = runCalendarCommand('2028', load);
    expect(missing.exitCode).toBe(1);
    expect(missing.stderr).toContain('2028');
    expect(runCalendarCommand('26', load).exitCode).toBe(2);
  });

  it('keeps `calendar <year>` beside `calendar diff <year>` and `calendar correct <year>`', async () => {
    const program = new Command().exitOverride();
    registerCalendarCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'calendar')!;
    expect(cmd.commands.map((c) => c.name())).toEqual(['diff', 'correct']);
    expect(cmd.commands.map((c) => c.registeredArguments.map((a) => a.name()))).toEqual([['year'], ['year']]);
    const out: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    try {
      await program.parseAsync(['node', 'donthu', 'calendar', '2024']);
    } finally {
      spy.mockRestore();
    }
    expect(out.join('')).toMatch(/^Business calendar 2024: official/);
  });

  it('registers `calendar <year>`', () => {
    const program = new Command();
    registerCalendarCommand(program);
    const cmd = program.commands.find((c) => c.name() === 'calendar');
    expect(cmd?.registeredArguments.map((a) => a.name())).toEqual(['year']);
  });
});
