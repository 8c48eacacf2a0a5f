import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import {
  createBusinessCalendar,
  validateCalendarYear,
  DomainError,
} from '../../../../libs/domain/src/index.js';
import {
  calendarDiff,
  recordCalendarCorrections,
  type CalendarDiffRow,
  createRunner,
} from '../../../../libs/application/src/index.js';
import {
  createRuntime,
  type Runtime,
  loadBusinessCalendar,
  loadConfig,
} from '../../../../libs/runtime/src/index.js';
import type { BusinessCalendar, CalendarYear } from '../../../../libs/domain/src/index.js';
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
  const calendar = program.command('calendar');
  calendar
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
  calendar
    .command('diff')
    .description(
      'list the open deadlines whose due date would change if <file> replaced the loaded data of <year> (writes nothing)',
    )
    .argument('<year>', 'the year, e.g. 2026')
    .requiredOption('--file <file>', 'the new <year>.json')
    .action((year: string, options: { file: string }) =>
      withCorrection(year, options.file, async (runtime, data) => {
        const rows = await calendarDiff(runtime, data);
        console.log(formatDiff(rows));
      }),
    );
  calendar
    .command('correct')
    .description(
      'record DeadlineCorrected (rule id and version, old and new due date, reason) for each deadline `calendar diff` lists',
    )
    .argument('<year>', 'the year, e.g. 2026')
    .requiredOption('--file <file>', 'the corrected <year>.json (installed or about to be)')
    .requiredOption('--reason <text>', 'why the calendar changed (the text that changed it)')
    .requiredOption('--actor <id>', 'the administrator recorded as the actor')
    .option('--actor-name <name>', "the administrator's name", 'Quản trị viên')
    .action((year: string, options: { file: string; reason: string; actor: string; actorName: string }) =>
      withCorrection(year, options.file, async (runtime, data) => {
        const r = await recordCalendarCorrections(runtime, data, options.reason, {
          id: options.actor,
          name: options.actorName,
          roles: ['admin'],
        });
        console.log(formatDiff(r.rows));
        console.log(`recorded ${r.corrected} correction(s)`);
      }),
    );
}

/** The diff as lines: tracking code, rule, stored → new due date. */
export function formatDiff(rows: CalendarDiffRow[]): string {
  if (rows.length === 0) return 'no open deadline would change';
  return [
    `${rows.length} open deadline(s) would change:`,
    ...rows.map(
      (r) =>
        `  ${r.trackingCode}  ${r.ruleId} (v${r.ruleVersion}, from ${r.startOn})  ${r.dueOn} → ${r.newDueOn}  case ${r.caseId}`,
    ),
  ].join('\n');
}

/** Reads and checks the new year's file, then runs `fn` on a runtime over the configured database. */
async function withCorrection(
  yearArg: string,
  file: string,
  fn: (runtime: Runtime, data: CalendarYear) => Promise<void>,
): Promise<void> {
  let data: CalendarYear;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as CalendarYear;
    validateCalendarYear(data);
  } catch (e) {
    console.error(`donthu: ${file}: ${(e as Error).message}`);
    process.exitCode = 2;
    return;
  }
  if (String(data.year) !== yearArg) {
    console.error(`donthu: ${file} holds ${data.year}, not ${yearArg}`);
    process.exitCode = 2;
    return;
  }
  const runtime = await createRuntime({ role: 'cli' });
  try {
    const runner = createRunner(runtime);
    await runner.catchUpAll();
    await fn(runtime, data);
  } finally {
    await runtime.close();
  }
}
