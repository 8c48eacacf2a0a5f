import type { Command } from 'commander';
import type {
  BusinessCalendar,
  Deadline,
  DeadlineFacts,
  RuleBook,
  RuleCategory,
} from '../../../../libs/domain/src/index.js';
import {
  createRuleBook,
  RULE_IDS,
  isRuleId,
  ruleCategoryOf,
  ruleVersionFor,
  DomainError,
  dayOfWeek,
  isIsoDate,
} from '../../../../libs/domain/src/index.js';
import { loadRuleOverrides, loadBusinessCalendar, loadConfig } from '../../../../libs/runtime/src/index.js';

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
  /** KN-LIM-KL: 2 for a second disciplinary complaint. */
  level?: string;
  /** KN-LIM-KL: the disciplinary decision is a dismissal. */
  dismissal?: boolean;
  calendarDir?: string;
}

const UNIT_WORDS: Record<string, string> = {
  working_days: 'working days',
  calendar_days: 'calendar days',
  months: 'months',
};

const CATEGORY_WORDS: Record<RuleCategory, string> = {
  tracked: 'tracked (can be missed)',
  informational: 'informational',
  guard: 'guard (checked when the act is recorded)',
  periodic: 'periodic',
};

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export const weekdayOf = (date: string): string => WEEKDAYS[dayOfWeek(date)];

/** A computed deadline as the CLI prints it (no trailing newline). */
export function formatDeadline(deadline: Deadline): string {
  const unit = UNIT_WORDS[deadline.unit] ?? deadline.unit;
  let title = '';
  let tracked = '';
  let category: RuleCategory | null = null;
  let startRecorded = true;
  try {
    const version = ruleVersionFor(deadline.ruleId, deadline.startOn);
    title = ` — ${version.title}`;
    category = ruleCategoryOf(deadline.ruleId);
    startRecorded = version.startRecorded;
    tracked = CATEGORY_WORDS[category];
  } catch {
    // a deadline of an unknown rule or version still prints
  }
  const due =
    category === 'guard'
      ? `  latest on     ${deadline.dueOn} (${weekdayOf(deadline.dueOn)}; counted backwards from the start)`
      : category === 'periodic'
        ? `  next due      ${deadline.dueOn} (${weekdayOf(deadline.dueOn)}; then every ${deadline.length} ${unit})`
        : `  due on        ${deadline.dueOn} (${weekdayOf(deadline.dueOn)})`;
  const lines = [
    `${deadline.ruleId}${title}`,
    due,
    `  start         ${deadline.startOn} (${weekdayOf(deadline.startOn)}, not counted)`,
    `  length        ${deadline.length} ${unit}, variant ${deadline.variant}`,
    `  rule version  ${deadline.ruleVersion}`,
  ];
  if (deadline.baseDueOn !== deadline.dueOn)
    lines.push(`  rolled from   ${deadline.baseDueOn} (${weekdayOf(deadline.baseDueOn)}, not a working day)`);
  lines.push(`  legal basis   ${deadline.legalBasis}`);
  if (tracked) lines.push(`  kind          ${tracked}`);
  if (!startRecorded)
    lines.push('  note          donthu does not record this start event yet: computed here only');
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
  if (options.level !== undefined && options.level !== '1' && options.level !== '2')
    return fail(2, `--level must be 1 or 2, got "${options.level}"`);
  const facts: DeadlineFacts = {
    complex: Boolean(options.complex),
    especiallyComplex: Boolean(options.especiallyComplex),
    remoteArea: Boolean(options.remote),
    multiLocation: Boolean(options.multiLocation),
  };
  if (options.level === '2') facts.level = 2;
  if (options.dismissal) facts.dismissal = true;
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
    .requiredOption(
      '--from <date>',
      'date of the start event, YYYY-MM-DD (not counted); for a guard rule the date of the act it precedes',
    )
    .option('--complex', 'the case is complex')
    .option('--especially-complex', 'the case is especially complex')
    .option('--remote', 'remote or hard-to-reach area')
    .option('--multi-location', 'verification at several places (or delegated)')
    .option('--level <n>', 'KN-LIM-KL: 2 for a second disciplinary complaint')
    .option('--dismissal', 'KN-LIM-KL: the disciplinary decision is a dismissal (buộc thôi việc)')
    .option(
      '--calendar-dir <dir>',
      'directory of <year>.json calendar files (default: $CALENDAR_DIR or data/calendar)',
    )
    .action((options: DeadlineCommandOptions) => {
      write(
        runDeadlineCommand(
          options,
          () => loadBusinessCalendar(options.calendarDir ?? loadConfig().calendarDir),
          createRuleBook({ overrides: loadRuleOverrides(loadConfig().ruleOverridesFile) }),
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
