import type { Command } from 'commander';
import { createBusinessCalendar } from '../../../../libs/domain/src/calendar/business-calendar.js';
import type { BusinessCalendar, CalendarYear } from '../../../../libs/domain/src/calendar/calendar.types.js';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error.js';
import { loadBusinessCalendar } from '../../../../libs/runtime/src/calendar-files.js';
import { loadConfig } from '../../../../libs/runtime/src/config.js';
import { type CommandOutcome, weekdayOf, write } from './deadline.command.js';

const short = (date: string): string => weekdayOf(date).slice(0, 3);

/** Working days of the year, counted from its own data. */
export function workingDaysInYear(data: CalendarYear): number {
  const cal = createBusinessCalendar([data]);
  const first = `${data.year}-01-01`;
  return cal.workingDaysBetween(first, `${data.year}-12-31`) + (cal.isWorkingDay(first) ? 1 : 0);
}

/** One year of calendar data as the CLI prints it (no trailing newline). */
export function formatCalendarYear(data: CalendarYear): string {
  const lines = [
    `Business calendar ${data.year}: ${data.status}` +
      (data.status === 'provisional'
        ? ' (computed ahead of the Government notice; deadlines reaching it are marked provisional)'
        : ''),
    '',
    `Weekdays off (${data.daysOff.length}):`,
    ...data.daysOff.map((d) => `  ${d.date} ${short(d.date)}  ${d.name}`),
    '',
    `Make-up working Saturdays (${data.workingSaturdays.length}):`,
    ...(data.workingSaturdays.length
      ? data.workingSaturdays.map((d) => `  ${d.date} ${short(d.date)}  ${d.name}`)
      : ['  (none)']),
    '',
    `Working days in ${data.year}: ${workingDaysInYear(data)}`,
  ];
  if (data.sources?.length) lines.push('', 'Sources:', ...data.sources.map((s) => `  - ${s}`));
  return lines.join('\n');
}

/** `donthu calendar <year>` without side effects. */
export function runCalendarCommand(yearArg: string, loadCalendar: () => BusinessCalendar): CommandOutcome {
  if (!/^\d{4}$/.test(yearArg))
    return { stdout: '', stderr: `donthu: the year must have four digits, got "${yearArg}"\n`, exitCode: 2 };
  let calendar: BusinessCalendar;
  try {
    calendar = loadCalendar();
  } catch (e) {
    return {
      stdout: '',
      stderr: `donthu: cannot load the business calendar: ${(e as Error).message}\n`,
      exitCode: 1,
    };
  }
  try {
    return { stdout: `${formatCalendarYear(calendar.year(Number(yearArg)))}\n`, stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof DomainError) return { stdout: '', stderr: `donthu: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
}

export function registerCalendarCommand(program: Command): void {
  program
    .command('calendar')
    .description("print a year's non-working weekdays and make-up working Saturdays")
    .argument('<year>', 'the year, e.g. 2026')
    .option(
      '--calendar-dir <dir>',
      'directory of <year>.json calendar files (default: $CALENDAR_DIR or data/calendar)',
    )
    .action((year: string, options: { calendarDir?: string }) => {
      write(
        runCalendarCommand(year, () => loadBusinessCalendar(options.calendarDir ?? loadConfig().calendarDir)),
      );
    });
}
