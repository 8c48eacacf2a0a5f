import { addMonthsClamped, isIsoDate, type IsoDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';

/** How often the owner of a recommendation reports progress. */
export type ReportCadence = '3m' | '6m' | '12m';

export const REPORT_CADENCES: readonly ReportCadence[] = ['3m', '6m', '12m'];

export const CADENCE_MONTHS: Readonly<Record<ReportCadence, number>> = { '3m': 3, '6m': 6, '12m': 12 };

/**
 * What the schedule arithmetic needs of a recommendation (`RecommendationState` satisfies it).
 * At most one of `reportEvery` / `reportDates` is set; with neither there is no report schedule.
 */
export interface ScheduledRecommendation {
  concludedOn: IsoDate;
  /** Remediation target; null when the conclusion set none. */
  dueOn: IsoDate | null;
  reportEvery: ReportCadence | null;
  /** A custom list of report dates, ascending, all after `concludedOn`. */
  reportDates: readonly IsoDate[] | null;
  /** The date a report marked the recommendation done. */
  doneOn?: IsoDate | null;
  waivedOn?: IsoDate | null;
}

export interface FollowUp {
  /** The earliest unsatisfied due date (past or future); null when none is left. */
  nextReportDue: IsoDate | null;
  /** Some due date before `asOf` is unsatisfied. */
  overdue: boolean;
  /** How many due dates before `asOf` are unsatisfied. */
  overdueReports: number;
  /** `dueOn < asOf` and the recommendation was neither done nor waived by `asOf`. */
  remediationOverdue: boolean;
}

const invalid = (path: string, message: string): DomainError =>
  new DomainError('VALIDATION_FAILED', message, path);

function checkInput(rec: ScheduledRecommendation, reports: readonly IsoDate[], asOf: IsoDate): void {
  if (!isIsoDate(rec.concludedOn)) throw invalid('concludedOn', 'concludedOn must be a date (YYYY-MM-DD)');
  if (rec.reportEvery !== null && rec.reportDates !== null) {
    throw invalid('reportDates', 'reportEvery and reportDates are mutually exclusive');
  }
  if (rec.reportEvery !== null && !REPORT_CADENCES.includes(rec.reportEvery)) {
    throw invalid('reportEvery', `reportEvery must be one of ${REPORT_CADENCES.join(', ')}`);
  }
  if (!isIsoDate(asOf)) throw invalid('asOf', 'asOf must be a date (YYYY-MM-DD)');
  reports.forEach((r, i) => {
    if (!isIsoDate(r)) throw invalid(`reports[${i}]`, 'a report date must be a date (YYYY-MM-DD)');
  });
}

/**
 * The due dates in order: `concludedOn + k × cadence` months for k = 1, 2, … — each computed from the
 * conclusion date (not chained), the day clamped to the month's end, no roll-forward — or the custom
 * list. Endless for a cadence.
 */
export function* reportDueDates(
  rec: Pick<ScheduledRecommendation, 'concludedOn' | 'reportEvery' | 'reportDates'>,
): Generator<IsoDate> {
  if (rec.reportDates !== null) {
    yield* rec.reportDates;
    return;
  }
  if (rec.reportEvery === null) return;
  const months = CADENCE_MONTHS[rec.reportEvery];
  for (let k = 1; ; k += 1) yield addMonthsClamped(rec.concludedOn, k * months);
}

/** Done or waived on or before `asOf`: no report falls due after that day. */
function endedBy(rec: ScheduledRecommendation, asOf: IsoDate): IsoDate | null {
  const ends = [rec.doneOn, rec.waivedOn].filter((d): d is IsoDate => typeof d === 'string' && d <= asOf);
  return ends.length === 0 ? null : ends.reduce((a, b) => (a <= b ? a : b));
}

interface DueOutcome {
  dueOn: IsoDate;
  satisfied: boolean;
}

/**
 * Walks the due dates with their outcome on `asOf`: a report dated in (due_{k-1}, due_k] satisfies
 * due_k (due_0 = concludedOn); reports after `asOf` are ignored. Stops after `until`, at the end of
 * a custom list, after the recommendation ended, or — for a cadence — once a due date lies so far
 * ahead that nothing later can be satisfied (that first one is still yielded).
 */
function* walk(
  rec: ScheduledRecommendation,
  reports: readonly IsoDate[],
  asOf: IsoDate,
  until: IsoDate | null,
): Generator<DueOutcome> {
  const counted = reports.filter((r) => r <= asOf).sort();
  const ended = endedBy(rec, asOf);
  let previous = rec.concludedOn;
  for (const dueOn of reportDueDates(rec)) {
    if (until !== null && dueOn > until) return;
    if (ended !== null && dueOn > ended) return;
    const satisfied = counted.some((r) => r > previous && r <= dueOn);
    yield { dueOn, satisfied };
    if (until === null && previous >= asOf) return;
    previous = dueOn;
  }
}

/** The follow-up row of a recommendation on `asOf` (docs/reference/api-contract.md `/inspections/follow-up`). */
export function followUp(rec: ScheduledRecommendation, reports: readonly IsoDate[], asOf: IsoDate): FollowUp {
  checkInput(rec, reports, asOf);
  let nextReportDue: IsoDate | null = null;
  let overdueReports = 0;
  for (const { dueOn, satisfied } of walk(rec, reports, asOf, null)) {
    if (satisfied) continue;
    nextReportDue ??= dueOn;
    if (dueOn < asOf) overdueReports += 1;
  }
  const settled = endedBy(rec, asOf) !== null;
  return {
    nextReportDue,
    overdue: overdueReports > 0,
    overdueReports,
    remediationOverdue: rec.dueOn !== null && rec.dueOn < asOf && !settled,
  };
}

export interface ReportsDue {
  /** Due dates inside [from, to]. */
  due: number;
  /** Of those, the ones before `asOf` with no satisfying report by `asOf`. */
  missed: number;
}

/** Report due dates of a recommendation inside [from, to] and how many were missed by `asOf` (docs/reference/api-contract.md `/accountability`). */
export function reportsDueBetween(
  rec: ScheduledRecommendation,
  reports: readonly IsoDate[],
  from: IsoDate,
  to: IsoDate,
  asOf: IsoDate,
): ReportsDue {
  checkInput(rec, reports, asOf);
  if (!isIsoDate(from)) throw invalid('from', 'from must be a date (YYYY-MM-DD)');
  if (!isIsoDate(to)) throw invalid('to', 'to must be a date (YYYY-MM-DD)');
  let due = 0;
  let missed = 0;
  for (const { dueOn, satisfied } of walk(rec, reports, asOf, to)) {
    if (dueOn < from) continue;
    due += 1;
    if (!satisfied && dueOn < asOf) missed += 1;
  }
  return { due, missed };
}
