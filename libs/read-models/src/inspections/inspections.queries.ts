import {
  reportsDueBetween,
  type IsoDate,
  type ReportCadence,
  type ScheduledRecommendation,
} from '../../../domain/src/index.js';
import { versionFilter, type SqlRunner } from '../read-models/sql.js';
import { subtreeCte } from '../units/unit-scope.sql.js';

/** A recommendation row of `rm_recommendations` as the driver returns it. */
export interface RecommendationRow {
  inspection_id: string;
  recommendation_id: string;
  owner_unit_id: string;
  lead_unit_id: string;
  inspected_unit_id: string;
  title: string;
  text: string;
  concluded_on: string;
  due_on: string | null;
  report_every: ReportCadence | null;
  report_dates: IsoDate[] | null;
  reports: IsoDate[] | null;
  done_on: string | null;
  waived_on: string | null;
}

const dateOrNull = (v: unknown): IsoDate | null => (v === null || v === undefined ? null : String(v));

/** The schedule facts of an `rm_recommendations` row, for the domain's `followUp` / `reportsDueBetween`. */
export function scheduleOfRow(
  row: Pick<
    RecommendationRow,
    'concluded_on' | 'due_on' | 'report_every' | 'report_dates' | 'reports' | 'done_on' | 'waived_on'
  >,
): { rec: ScheduledRecommendation; reports: IsoDate[] } {
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

/** Which recommendations `openRecommendations` reads. */
export interface OpenRecommendationsFilter {
  /** The owner unit (and, unless `includeSubunits` is false, the units below it); null: every unit. */
  unitId: string | null;
  includeSubunits?: boolean;
  /** The business date: concluded by then, neither done nor waived by then. */
  asOf: IsoDate;
  /** Only the row versions valid at this instant (the current ones if absent). */
  recordedBefore?: string;
}

/** The recommendations open on `asOf`, owned by the unit (and its subunits), in no particular order. */
export async function openRecommendations(
  db: SqlRunner,
  f: OpenRecommendationsFilter,
): Promise<RecommendationRow[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  let cte = '';
  let scope = 'TRUE'; // an admin without a unit: everything
  if (f.unitId && f.includeSubunits === false) scope = `r.owner_unit_id = ${p(f.unitId)}`;
  else if (f.unitId) {
    cte = `WITH RECURSIVE ${subtreeCte(p(f.unitId))}`;
    scope = 'r.owner_unit_id IN (SELECT unit_id FROM scope_units)';
  }
  const a = p(f.asOf);
  const rb = f.recordedBefore ? p(f.recordedBefore) : null;
  return db.query(
    `${cte} SELECT r.* FROM rm_recommendations r
        WHERE r.recommendation_id <> '' AND ${versionFilter('r', rb)} AND ${scope}
          AND r.concluded_on <= ${a}::date
          AND NOT (r.done_on IS NOT NULL AND r.done_on <= ${a}::date)
          AND NOT (r.waived_on IS NOT NULL AND r.waived_on <= ${a}::date)`,
    params,
  ) as Promise<RecommendationRow[]>;
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
  db: SqlRunner,
  q: ReportsForUnitQuery,
): Promise<{ due: number; missed: number }> {
  const params: unknown[] = [q.unitId];
  const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
  const rows: RecommendationRow[] = await db.query(
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

/** Which inspections `listInspections` reads (`GET /inspections`). */
export interface InspectionListFilter {
  /** Inspections whose lead, inspected or a recommendation's owner unit is this unit (and, unless
   * `includeSubunits` is false, a unit below it); null: every inspection. */
  unitId: string | null;
  includeSubunits?: boolean;
  /** `decided`, `fieldwork`, `concluded` or `closed`. */
  status?: string;
  page: number;
  pageSize: number;
}

/** An inspection's own row of `rm_recommendations` (`recommendation_id = ''`), with its counts. */
export interface InspectionListRow {
  inspection_id: string;
  title: string;
  kind: string;
  lead_unit_id: string;
  inspected_unit_id: string;
  inspection_status: string;
  decided_on: string;
  concluded_on: string | null;
  directive_issued_on: string | null;
  closed_on: string | null;
  recommendations: number;
  open_recommendations: number;
  total: number;
}

/**
 * The current inspections of a unit (and its subunits): the inspection row of every inspection led
 * by, of, or with a recommendation owned by a unit in the set; newest decision first.
 */
export async function listInspections(
  db: SqlRunner,
  f: InspectionListFilter,
): Promise<{ rows: InspectionListRow[]; total: number }> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  let cte = '';
  let units = '';
  if (f.unitId && f.includeSubunits === false) units = `(${p(f.unitId)})`;
  else if (f.unitId) {
    cte = `WITH RECURSIVE ${subtreeCte(p(f.unitId))}`;
    units = '(SELECT unit_id FROM scope_units)';
  }
  const current = versionFilter('r', null);
  const scope = units
    ? `(i.lead_unit_id IN ${units} OR i.inspected_unit_id IN ${units} OR EXISTS (
         SELECT 1 FROM rm_recommendations r
          WHERE r.inspection_id = i.inspection_id AND r.recommendation_id <> '' AND ${current}
            AND r.owner_unit_id IN ${units}))`
    : 'TRUE';
  const status = f.status ? `i.inspection_status = ${p(f.status)}` : 'TRUE';
  const limit = p(f.pageSize);
  const offset = p((f.page - 1) * f.pageSize);
  const rows: InspectionListRow[] = await db.query(
    `${cte} SELECT i.inspection_id, i.title, i.kind, i.lead_unit_id, i.inspected_unit_id,
            i.inspection_status, i.decided_on, i.concluded_on, i.directive_issued_on, i.closed_on,
            (SELECT count(*) FROM rm_recommendations r
              WHERE r.inspection_id = i.inspection_id AND r.recommendation_id <> '' AND ${current})::int
              AS recommendations,
            (SELECT count(*) FROM rm_recommendations r
              WHERE r.inspection_id = i.inspection_id AND r.recommendation_id <> '' AND ${current}
                AND r.status = 'open')::int AS open_recommendations,
            (count(*) OVER ())::int AS total
       FROM rm_recommendations i
      WHERE i.recommendation_id = '' AND ${versionFilter('i', null)} AND ${scope} AND ${status}
      ORDER BY i.decided_on DESC, i.inspection_id
      LIMIT ${limit} OFFSET ${offset}`,
    params,
  );
  let total = rows[0]?.total ?? 0;
  if (!rows.length && f.page > 1) {
    // Past the last page: count without paging.
    const counted: { n: number }[] = await db.query(
      `${cte} SELECT count(*)::int AS n FROM rm_recommendations i
        WHERE i.recommendation_id = '' AND ${versionFilter('i', null)} AND ${scope} AND ${status}`,
      params.slice(0, -2),
    );
    total = counted[0]?.n ?? 0;
  }
  return { rows, total };
}
