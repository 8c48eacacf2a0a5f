import type { Command } from 'commander';
import type { BusinessCalendar } from '../../../../libs/domain/src/calendar/calendar.types.js';
import { createRuleBook } from '../../../../libs/domain/src/rules/rule-book.js';
import { loadRuleOverrides } from '../../../../libs/platform/src/rule-overrides.js';
import {
  RULE_IDS,
  isRuleId,
  isTrackedRule,
  ruleVersionFor,
} from '../../../../libs/domain/src/rules/rule-table.js';
import type { Deadline, DeadlineFacts, RuleBook } from '../../../../libs/domain/src/rules/rule.types.js';
import { DomainError } from '../../../../libs/domain/src/shared/domain-error.js';
import { dayOfWeek, isIsoDate } from '../../../../libs/domain/src/shared/dates.js';
import { loadBusinessCalendar } from '../../../../libs/platform/src/calendar-files.js';

/** What a command prints and how it exits; the `register…` functions only write it out. */
export interface CommandOutcome {
  stdout: string;
  stderr: string;
  /** 0 ok; 1 the data cannot answer (calendar file broken or year missing); 2 bad arguments. */
  exitCode: 0 | 1 | 2;
}

export interface DeadlineCommandOptions {
  rule: string;
  from: string;
  complex?: boolean;
  especiallyComplex?: boolean;
  remote?: boolean;
  multiLocation?: boolean;
  calendarDir?: string;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const weekdayOf = (date: string): string => WEEKDAYS[dayOfWeek(date)];

/** A computed deadline as the CLI prints it (no trailing newline). */
export function formatDeadline(deadline: Deadline): string {
  const unit = deadline.unit === 'working_days' ? 'working days' : 'calendar days';
  let title = '';
  let tracked = '';
  try {
    title = ` — ${ruleVersionFor(deadline.ruleId, deadline.startOn).title}`;
    tracked = isTrackedRule(deadline.ruleId) ? 'tracked (can be missed)' : 'informational';
  } catch {
    // a deadline of an unknown rule or version still prints
  }
  const lines = [
    `${deadline.ruleId}${title}`,
    `  due on        ${deadline.dueOn} (${weekdayOf(deadline.dueOn)})`,
    `  start         ${deadline.startOn} (${weekdayOf(deadline.startOn)}, not counted)`,
    `  length        ${deadline.length} ${unit}, variant ${deadline.variant}`,
    `  rule version  ${deadline.ruleVersion}`,
  ];
  if (deadline.baseDueOn !== deadline.dueOn)
    lines.push(`  rolled from   ${deadline.baseDueOn} (${weekdayOf(deadline.baseDueOn)}, not a working day)`);
  lines.push(`  legal basis   ${deadline.legalBasis}`);
  if (tracked) lines.push(`  kind          ${tracked}`);
  if (deadline.provisional)
    lines.push(
      `  note          the calendar data used is PROVISIONAL (not yet confirmed by the Government's notice); ` +
        'the due date may change',
    );
  return lines.join('\n');
}

/**
 * `donthu deadline` without side effects: validates the options, computes the deadline with the
 * calendar (loaded lazily, so bad arguments never touch the files) and returns what to print.
 */
export function runDeadlineCommand(
  options: DeadlineCommandOptions,
  loadCalendar: () => BusinessCalendar,
  rules: RuleBook = createRuleBook(),
): CommandOutcome {
  if (!isRuleId(options.rule))
    return fail(2, `unknown rule "${options.rule}"; known rules: ${RULE_IDS.join(', ')}`);
  if (!isIsoDate(options.from)) return fail(2, `--from must be a date YYYY-MM-DD, got "${options.from}"`);
  const facts: DeadlineFacts = {
    complex: Boolean(options.complex),
    especiallyComplex: Boolean(options.especiallyComplex),
    remoteArea: Boolean(options.remote),
    multiLocation: Boolean(options.multiLocation),
  };
  let calendar: BusinessCalendar;
  try {
    calendar = loadCalendar();
  } catch (e) {
    return fail(1, `cannot load the business calendar: ${(e as Error).message}`);
  }
  try {
    return {
      stdout: `${formatDeadline(rules.compute(options.rule, options.from, facts, calendar))}\n`,
      stderr: '',
      exitCode: 0,
    };
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_UNAVAILABLE')
      return fail(1, `${e.message} (deadline from ${options.from})`);
    if (e instanceof DomainError) return fail(2, e.message);
    throw e;
  }
}

export function registerDeadlineCommand(program: Command): void {
  program
    .command('deadline')
    .description('compute a statutory deadline with the business calendar (see docs/deadline-rules.md)')
    .requiredOption('--rule <id>', `rule id (${RULE_IDS.join(', ')})`)
    .requiredOption('--from <date>', 'date of the start event, YYYY-MM-DD (not counted)')
    .option('--complex', 'the case is complex')
    .option('--especially-complex', 'the case is especially complex')
    .option('--remote', 'remote or hard-to-reach area')
    .option('--multi-location', 'verification at several places (or delegated)')
    .option(
      '--calendar-dir <dir>',
      'directory of <year>.json calendar files (default: $CALENDAR_DIR or data/calendar)',
    )
    .action((options: DeadlineCommandOptions) => {
      write(
        runDeadlineCommand(
          options,
          () => loadBusinessCalendar(options.calendarDir),
          createRuleBook({ overrides: loadRuleOverrides() }),
        ),
      );
    });
}

/** Writes an outcome to the process streams and sets `process.exitCode`. */
export function write(outcome: CommandOutcome): void {
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  if (outcome.exitCode !== 0) process.exitCode = outcome.exitCode;
}

function fail(exitCode: 1 | 2, message: string): CommandOutcome {
  return { stdout: '', stderr: `donthu: ${message}\n`, exitCode };
}
