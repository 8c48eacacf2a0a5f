import type { BusinessCalendar } from '../calendar/calendar.types.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays, addMonthsClamped, daysBetween, isIsoDate, yearOf, type IsoDate } from '../shared/dates.js';
import { RULE_TABLE, isRuleId, selectVariant, versionOn, versionsIn } from './rule-table.js';
import type {
  DayUnit,
  Deadline,
  RuleBook,
  RuleId,
  RuleOverride,
  RuleVersion,
  Variant,
} from './rule.types.js';

export interface RuleBookOptions {
  /** The agency's overrides (data), applied to every version of the rule. Later entries win. */
  overrides?: readonly RuleOverride[];
}

const VARIANTS: readonly Variant[] = [
  'normal',
  'complex',
  'especially_complex',
  'remote',
  'remote_complex',
  'multi_location',
  'second',
  'second_dismissal',
];

const UNIT_WORDS: Record<DayUnit, string> = {
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

/**
 * The rule book: RULE_TABLE plus the agency's overrides. Counting (docs/reference/deadlines.md §1–§6):
 * the start day is not counted; working-day rules end on the N-th working day after S; calendar-day
 * rules end on S + N rolled forward to the next working day. `baseDueOn` is the date before
 * roll-forward; extensions and resumptions count from it in calendar days and roll forward again
 * (for a working-day rule baseDueOn = dueOn, so a resumption shifts it by calendar days too).
 */
export function createRuleBook(options: RuleBookOptions = {}): RuleBook {
  const overrides = options.overrides ?? [];
  const overridden = new Set<RuleId>();
  for (const o of overrides) {
    validateOverride(o);
    overridden.add(o.ruleId);
  }
  const table: readonly RuleVersion[] = RULE_TABLE.map((v) => applyOverrides(v, overrides));

  const versionFor = (ruleId: RuleId, startOn?: IsoDate): RuleVersion => {
    if (startOn === undefined) {
      const versions = versionsIn(table, ruleId);
      return versions[versions.length - 1];
    }
    return versionOn(table, ruleId, startOn);
  };

  const basis = (ruleId: RuleId, legalBasis: string, length: number, unit: DayUnit): string =>
    `${legalBasis}; ${length} ${UNIT_WORDS[unit]}` + (overridden.has(ruleId) ? ' (agency override)' : '');

  return {
    compute(ruleId, startOn, facts, calendar) {
      const version = versionFor(ruleId, startOn);
      const variant = selectVariant(version, facts);
      const length = version.lengths[variant] ?? version.lengths.normal;
      let baseDueOn: IsoDate;
      let dueOn: IsoDate;
      let provisional: boolean;
      if (version.unit === 'months') {
        // Periodic rules: the next occurrence, the day clamped to the month's end, no roll-forward.
        if (!isIsoDate(startOn))
          throw new DomainError('VALIDATION_FAILED', `not a date (YYYY-MM-DD): ${String(startOn)}`);
        dueOn = addMonthsClamped(startOn, length);
        baseDueOn = dueOn;
        provisional = false;
      } else if (version.category === 'guard') {
        // Backward rules: the latest date the prior act (notice, scheduling) may carry.
        dueOn =
          version.unit === 'working_days'
            ? calendar.subtractWorkingDays(startOn, length)
            : addDays(startOn, -length);
        baseDueOn = dueOn;
        provisional = touchesProvisional(calendar, dueOn, startOn);
      } else {
        if (version.unit === 'working_days') {
          dueOn = calendar.addWorkingDays(startOn, length);
          baseDueOn = dueOn;
        } else {
          baseDueOn = addDays(startOn, length);
          dueOn = calendar.addCalendarDaysRolled(startOn, length);
        }
        provisional = touchesProvisional(calendar, startOn, dueOn);
      }
      return {
        ruleId,
        ruleVersion: version.version,
        startOn,
        length,
        unit: version.unit,
        variant,
        baseDueOn,
        dueOn,
        provisional,
        legalBasis: basis(ruleId, version.legalBasis, length, version.unit),
      };
    },

    extend(deadline, days, calendar) {
      requireDeadline(deadline);
      const max = versionFor(deadline.ruleId, deadline.startOn).maxExtensionDays;
      if (max === 0) throw new DomainError('ILLEGAL_TRANSITION', `${deadline.ruleId} cannot be extended`);
      if (!Number.isInteger(days) || days < 1 || days > max)
        throw new DomainError(
          'VALIDATION_FAILED',
          `an extension of ${deadline.ruleId} is 1 to ${max} days, got ${days}`,
          'days',
        );
      const baseDueOn = addDays(deadline.baseDueOn, days);
      const dueOn = calendar.rollForward(baseDueOn);
      return {
        ...deadline,
        length: deadline.length + days,
        baseDueOn,
        dueOn,
        provisional: deadline.provisional || touchesProvisional(calendar, deadline.startOn, dueOn),
      };
    },

    resume(deadline, suspendedOn, resumedOn, calendar) {
      requireDeadline(deadline);
      for (const [name, d] of [
        ['suspendedOn', suspendedOn],
        ['resumedOn', resumedOn],
      ] as const)
        if (!isIsoDate(d))
          throw new DomainError('VALIDATION_FAILED', `${name} is not a date: ${String(d)}`, name);
      const paused = daysBetween(suspendedOn, resumedOn);
      if (paused < 0)
        throw new DomainError(
          'VALIDATION_FAILED',
          `resumed on ${resumedOn}, before the suspension on ${suspendedOn}`,
          'resumedOn',
        );
      let baseDueOn: IsoDate;
      let dueOn: IsoDate;
      if (deadline.unit === 'working_days') {
        // A rule counted in working days (an agency's override): the working days left at suspension,
        // (suspendedOn, dueOn], are counted again from the resumption date (docs/reference/deadlines.md §7).
        const left = Math.max(0, calendar.workingDaysBetween(suspendedOn, deadline.dueOn));
        dueOn = left === 0 ? calendar.rollForward(resumedOn) : calendar.addWorkingDays(resumedOn, left);
        baseDueOn = dueOn;
      } else {
        baseDueOn = addDays(deadline.baseDueOn, paused);
        dueOn = calendar.rollForward(baseDueOn);
      }
      return {
        ...deadline,
        baseDueOn,
        dueOn,
        provisional: deadline.provisional || touchesProvisional(calendar, deadline.startOn, dueOn),
      };
    },

    maxExtensions(ruleId, facts, startOn) {
      const version = versionFor(ruleId, startOn);
      return version.maxExtensions?.[selectVariant(version, facts)] ?? 0;
    },

    maxExtensionDays(ruleId, startOn) {
      return versionFor(ruleId, startOn).maxExtensionDays;
    },
  };
}

/** True when any year from `from` to `to` has only provisional calendar data. */
function touchesProvisional(calendar: BusinessCalendar, from: IsoDate, to: IsoDate): boolean {
  const [a, b] = from <= to ? [from, to] : [to, from];
  for (let y = yearOf(a); y <= yearOf(b); y++) {
    const probe = y === yearOf(a) ? a : `${String(y).padStart(4, '0')}-01-01`;
    if (calendar.isProvisional(probe)) return true;
  }
  return false;
}

function requireDeadline(deadline: Deadline): void {
  if (!isRuleId(deadline.ruleId))
    throw new DomainError('VALIDATION_FAILED', `unknown deadline rule: ${String(deadline.ruleId)}`);
  if (!isIsoDate(deadline.baseDueOn))
    throw new DomainError(
      'VALIDATION_FAILED',
      `deadline has no valid baseDueOn: ${String(deadline.baseDueOn)}`,
    );
}

function validateOverride(o: RuleOverride): void {
  if (!isRuleId(o.ruleId)) throw new Error(`rule override: unknown rule ${String(o.ruleId)}`);
  if (o.unit !== undefined && o.unit !== 'working_days' && o.unit !== 'calendar_days')
    throw new Error(
      `rule override ${o.ruleId}: unit must be working_days or calendar_days, got ${String(o.unit)}`,
    );
  for (const [variant, n] of Object.entries(o.lengths ?? {})) {
    if (!VARIANTS.includes(variant as Variant))
      throw new Error(`rule override ${o.ruleId}: unknown variant ${variant}`);
    if (n !== undefined && (!Number.isInteger(n) || n < 1))
      throw new Error(`rule override ${o.ruleId}: length of ${variant} must be a positive integer, got ${n}`);
  }
}

function applyOverrides(version: RuleVersion, overrides: readonly RuleOverride[]): RuleVersion {
  let v = version;
  for (const o of overrides) {
    if (o.ruleId !== version.ruleId) continue;
    const lengths = { ...v.lengths };
    for (const [variant, n] of Object.entries(o.lengths ?? {}) as [Variant, number | undefined][])
      if (n !== undefined) lengths[variant] = n;
    v = { ...v, unit: o.unit ?? v.unit, lengths };
  }
  return v;
}
