import { Inject, Injectable } from '@nestjs/common';
import {
  followUp,
  reportsDueBetween,
  type ReportCadence,
  type ScheduledRecommendation,
  vietnamDateOf,
  type IsoDate,
} from '../../../../libs/domain/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { fail, RUNTIME, type Runtime, UnitDirectory } from '../../../../libs/application/src/index.js';
import { versionFilter } from '../deadlines/deadline.queries.js';
import { subtreeCte } from '../../../../libs/read-models/src/index.js';
import type { FollowUpQuery } from './inspection.dto.js';

type DbRow = Record<string, unknown>;

const dateOrNull = (v: unknown): IsoDate | null => (v === null || v === undefined ? null : String(v));

/** The schedule facts of an `rm_recommendations` row, for the domain's `followUp` / `reportsDueBetween`. */
export function scheduleOfRow(row: DbRow): { rec: ScheduledRecommendation; reports: IsoDate[] } {
  return {
    rec: {
      concludedOn: String(row.concluded_on),
      dueOn: dateOrNull(row.due_on),
      reportEvery: (row.report_every as ReportCadence | null) ?? null,
      reportDates: (row.report_dates as IsoDate[] | null) ?? null,
      doneOn: dateOrNull(row.done_on),
      waivedOn: dateOrNull(row.waived_on),
    },
    reports: ((row.reports as IsoDate[] | null) ?? []).map(String),
  };
}

export interface ReportsForUnitQuery {
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  /** The business date the situation is judged on. */
  asOf: IsoDate;
  /** Only what was recorded before this instant counts. */
  recordedBefore?: string;
}

/**
 * Inspection reports of a unit for `/accountability` (`reportsDue` / `reportsMissed`): the domain's
 * `reportsDueBetween` summed over the recommendations the unit owns (`owner_unit_id = unitId`, in the
 * row versions valid at `recordedBefore`, or the current ones): report due dates inside [from, to],
 * and how many of those fell before `asOf` with no satisfying report dated ≤ `asOf`. Recommendations
 * done or waived stop counting after that day; a recommendation moved by a unit merger counts for its
 * current owner (the successor), schedule unchanged.
 */
export async function reportsForUnit(
  runtime: Pick<Runtime, 'dataSource'>,
  q: ReportsForUnitQuery,
): Promise<{ due: number; missed: number }> {
  const params: unknown[] = [q.unitId];
  const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
  const rows: DbRow[] = await runtime.dataSource.query(
    `SELECT r.concluded_on, r.due_on, r.report_every, r.report_dates, r.reports, r.done_on, r.waived_on
       FROM rm_recommendations r
      WHERE r.recommendation_id <> '' AND r.owner_unit_id = $1 AND ${versionFilter('r', rb)}`,
    params,
  );
  let due = 0;
  let missed = 0;
  for (const row of rows) {
    const { rec, reports } = scheduleOfRow(row);
    const r = reportsDueBetween(rec, reports, q.from, q.to, q.asOf);
    due += r.due;
    missed += r.missed;
  }
  return { due, missed };
}

export interface FollowUpItem {
  inspectionId: string;
  recommendationId: string;
  ownerUnitId: string;
  status: 'open';
  nextReportDue: IsoDate | null;
  overdue: boolean;
  overdueReports: number;
  remediationDueOn: IsoDate | null;
  remediationOverdue: boolean;
  title: string;
  text: string;
  leadUnitId: string;
  inspectedUnitId: string;
  concludedOn: IsoDate;
  reportEvery: ReportCadence | null;
  reportDates: IsoDate[] | null;
  lastReportOn: IsoDate | null;
}

/** GET /inspections/follow-up over `rm_recommendations` (docs/reference/api-contract.md, "Two clocks on boards"). */
@Injectable()
export class InspectionQueries {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {}

  /**
   * One row per recommendation open on `asOf` (concluded by then, neither done nor waived by then),
   * owned by the unit (and its subunits unless `includeSubunits=false`), with the report schedule
   * judged by the domain's `followUp` on `asOf`. Ordered by next report due date (none last).
   */
  async followUp(principal: Principal, q: FollowUpQuery) {
    const asOf = q.asOf ?? vietnamDateOf(this.runtime.clock());
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const unitId = q.unitId ?? principal.unitId ?? null;
    if (q.unitId && !(await this.units.exists(q.unitId))) fail('NOT_FOUND', `no unit ${q.unitId}`);
    if (unitId && !(await this.units.inScope(principal, [unitId]))) fail('NOT_FOUND', `no unit ${unitId}`);
    let cte = '';
    let scope = 'TRUE'; // an admin without a unit: everything
    if (unitId && q.includeSubunits === false) scope = `r.owner_unit_id = ${p(unitId)}`;
    else if (unitId) {
      cte = `WITH RECURSIVE ${subtreeCte(p(unitId))}`;
      scope = 'r.owner_unit_id IN (SELECT unit_id FROM scope_units)';
    }
    const a = p(asOf);
    const rb = q.recordedBefore ? p(q.recordedBefore) : null;
    const rows: DbRow[] = await this.runtime.dataSource.query(
      `${cte} SELECT r.* FROM rm_recommendations r
        WHERE r.recommendation_id <> '' AND ${versionFilter('r', rb)} AND ${scope}
          AND r.concluded_on <= ${a}::date
          AND NOT (r.done_on IS NOT NULL AND r.done_on <= ${a}::date)
          AND NOT (r.waived_on IS NOT NULL AND r.waived_on <= ${a}::date)`,
      params,
    );
    const all = rows.map((row) => this.item(row, asOf));
    all.sort(
      (x, y) =>
        cmp(x.nextReportDue ?? '9999-12-31', y.nextReportDue ?? '9999-12-31') ||
        cmp(x.inspectionId, y.inspectionId) ||
        cmp(x.recommendationId, y.recommendationId),
    );
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    return {
      items: all.slice((page - 1) * pageSize, page * pageSize),
      total: all.length,
      page,
      pageSize,
      asOf,
    };
  }

  private item(row: DbRow, asOf: IsoDate): FollowUpItem {
    const { rec, reports } = scheduleOfRow(row);
    const f = followUp(rec, reports, asOf);
    const counted = reports.filter((d) => d <= asOf).sort();
    return {
      inspectionId: String(row.inspection_id),
      recommendationId: String(row.recommendation_id),
      ownerUnitId: String(row.owner_unit_id),
      status: 'open',
      nextReportDue: f.nextReportDue,
      overdue: f.overdue,
      overdueReports: f.overdueReports,
      remediationDueOn: rec.dueOn,
      remediationOverdue: f.remediationOverdue,
      title: String(row.title),
      text: String(row.text),
      leadUnitId: String(row.lead_unit_id),
      inspectedUnitId: String(row.inspected_unit_id),
      concludedOn: rec.concludedOn,
      reportEvery: rec.reportEvery,
      reportDates: rec.reportDates === null ? null : [...rec.reportDates],
      lastReportOn: counted.at(-1) ?? null,
    };
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
