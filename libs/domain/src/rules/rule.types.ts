import type { BusinessCalendar } from '../calendar/calendar.types.js';
import type { IsoDate } from '../shared/dates.js';

/** Rule ids of docs/reference/legal.md §12.2. */
export type RuleId =
  | 'KN-ACC'
  | 'KN-RES1'
  | 'KN-RES2'
  | 'KN-SEND1'
  | 'KN-ESC'
  | 'KN-EFF1'
  | 'KN-SEND2'
  | 'KN-PUB2'
  | 'KN-EFF2'
  | 'TC-PRE'
  | 'TC-XFER'
  | 'TC-NOTIF'
  | 'TC-RES'
  | 'TC-CONCL-SEND'
  | 'TC-HANDLE'
  | 'TC-PUB'
  | 'TCD-ANS'
  | 'TT-DIRECT'
  | 'KN-LIM'
  | 'KN-LIM-KL'
  | 'KN-RES-KL'
  | 'KN-DLG'
  | 'KN-SUSP'
  | 'KN-TERM30'
  | 'TC-SUSP'
  | 'TC-FOLLOWUP'
  | 'TC-OVERDUE'
  | 'TC-MON'
  | 'TCD-RESULT'
  | 'TCD-REFUSE'
  | 'TCD-ONLINE'
  | 'TCD-FREQ'
  | 'XLD'
  | 'TT-CONCL'
  | 'TT-REMED';

/**
 * `months` is the unit of the periodic rules (TC-MON, TT-REMED, TCD-FREQ): S + N months, the day
 * clamped to the month's end, no roll-forward (the next report or occurrence falls due then).
 */
export type DayUnit = 'working_days' | 'calendar_days' | 'months';

export type Variant =
  | 'normal'
  | 'complex'
  | 'especially_complex'
  | 'remote'
  | 'remote_complex'
  | 'multi_location'
  /** KN-LIM-KL: a second disciplinary complaint (10 days from the first decision). */
  | 'second'
  /** KN-LIM-KL: a second disciplinary complaint against a dismissal (buộc thôi việc, 30 days). */
  | 'second_dismissal';

/**
 * How the engine uses a rule (docs/reference/deadlines.md, Tracked deadlines):
 * - `tracked`: can be missed and counts in accountability;
 * - `informational`: computed when its start event happens and shown as a date (`dates[]`);
 * - `guard`: counted backwards from its start event and checked when the act is recorded (KN-DLG, TCD-ONLINE);
 * - `periodic`: a recurring duty (reception duty, monthly and remediation reports).
 */
export type RuleCategory = 'tracked' | 'informational' | 'guard' | 'periodic';

/** Facts recorded on the case that select a rule's variant. */
export interface DeadlineFacts {
  complex?: boolean;
  especiallyComplex?: boolean;
  remoteArea?: boolean;
  multiLocation?: boolean;
  /** KN-LIM-KL: the level of the disciplinary complaint (default 1). */
  level?: 1 | 2;
  /** KN-LIM-KL: the disciplinary decision is a dismissal (buộc thôi việc). */
  dismissal?: boolean;
}

/** A computed deadline, stored as-is in the event that started it; replay never recomputes it. */
export interface Deadline {
  ruleId: RuleId;
  /** The date the applied rule version took effect, e.g. `2026-07-01`. */
  ruleVersion: IsoDate;
  startOn: IsoDate;
  length: number;
  unit: DayUnit;
  variant: Variant;
  /**
   * The due date before roll-forward (equal to dueOn for working-day rules). Extensions and resumptions
   * count from it. For a guard rule (counted backwards) dueOn is the latest date the prior act may carry.
   */
  baseDueOn: IsoDate;
  dueOn: IsoDate;
  /** True when the calendar data used is provisional. */
  provisional: boolean;
  legalBasis: string;
}

/** The rule set: effective-dated rule versions plus the agency's overrides (data). */
export interface RuleBook {
  compute(ruleId: RuleId, startOn: IsoDate, facts: DeadlineFacts, calendar: BusinessCalendar): Deadline;
  /** Extension (gia hạn): baseDueOn + days, then rolled forward (docs/reference/deadlines.md §6). */
  extend(deadline: Deadline, days: number, calendar: BusinessCalendar): Deadline;
  /** Resumption after suspension: baseDueOn moves by the calendar days between the two dates, then rolls forward; a working-day rule counts its working days left again from the resumption (docs/reference/deadlines.md §7). */
  resume(deadline: Deadline, suspendedOn: IsoDate, resumedOn: IsoDate, calendar: BusinessCalendar): Deadline;
  /**
   * How many extensions the rule allows for these facts (TC-RES: 0, 1 if complex, 2 if especially complex).
   * `startOn` picks the rule version (default: the latest version).
   */
  maxExtensions(ruleId: RuleId, facts: DeadlineFacts, startOn?: IsoDate): number;
  /** Maximum days of one extension (0 when the rule cannot be extended). `startOn` as for maxExtensions. */
  maxExtensionDays(ruleId: RuleId, startOn?: IsoDate): number;
}

/** How sure the law summary is of a rule (docs/reference/legal.md §0): ✅ verified, 🟡 secondary source, ⚠️ not verified. */
export type Confidence = 'verified' | 'secondary' | 'unverified';

/**
 * One effective-dated version of a deadline rule (docs/reference/legal.md §12.3(1)), as data.
 * A version applies to a deadline whose start event is dated on or after `version` and before `effectiveTo`.
 */
export interface RuleVersion {
  ruleId: RuleId;
  /** Short English name of the rule. */
  title: string;
  /** The date this version took effect (also `Deadline.ruleVersion`). */
  version: IsoDate;
  /** Exclusive end: the date the next version took effect. Absent = still in force. */
  effectiveTo?: IsoDate;
  unit: DayUnit;
  /** Length per variant; `normal` is always defined. Variants not listed fall back (rule-table.ts `selectVariant`). */
  lengths: { normal: number } & Partial<Record<Variant, number>>;
  /** What starts the period (S, not counted). */
  startEvent: string;
  /** The act that completes it. */
  completedBy: string;
  /** Tracked, informational, guard (counted backwards, checked on the act) or periodic. */
  category: RuleCategory;
  /**
   * False for the rules whose start event donthu does not record yet (docs/reference/deadlines.md, Tracked deadlines): they answer
   * `donthu deadline` only.
   */
  startRecorded: boolean;
  /** Extensions allowed per variant (absent = 0). */
  maxExtensions?: Partial<Record<Variant, number>>;
  /** Maximum days of one extension (0 = the rule cannot be extended). */
  maxExtensionDays: number;
  /** Short citation, e.g. `LKN Art. 28`. */
  legalBasis: string;
  confidence: Confidence;
  notes?: string;
}

/** An agency's override of a rule (data): e.g. count KN-RES1 in working days. Applies to every version. */
export interface RuleOverride {
  ruleId: RuleId;
  unit?: DayUnit;
  lengths?: Partial<Record<Variant, number>>;
}
