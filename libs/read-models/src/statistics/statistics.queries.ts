import { addDays, type IsoDate } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';

/**
 * The SQL of the periodic report (docs/reference/api-contract.md `GET /statistics`) over the statistics
 * read model (`rm_statistics`), the deadlines read model (overdue at a date) and the reception-session
 * read model. Every figure is a grouped count over index ranges; the application sums the per-unit
 * rows and the roll-up from the same counts.
 */

/** The reception channels and fields a letter is counted under (the figures' dimensions). */
export const CHANNELS = ['in_person', 'post', 'online', 'hotline', 'forwarded', 'reception_session'] as const;
export const FIELDS = [
  'land',
  'compensation',
  'site_clearance',
  'housing',
  'policy',
  'justice',
  'corruption',
  'other',
  'unspecified',
] as const;

/** A rolled-up count of acts of one unit with the same dimensions, in [from, end]. */
export interface ActRollup {
  unitId: string;
  figure: string;
  fromUnitId: string | null;
  kindAtEnd: string | null;
  channel: string | null;
  field: string | null;
  outcome: string | null;
  timeliness: string | null;
  lateEntry: boolean;
  n: number;
}
export interface OpenRollup {
  unitId: string;
  total: number;
  overdue: number;
}
export interface ReceptionRollup {
  unitId: string;
  sessionsHeld: number;
  headSessionsHeld: number;
  citizensReceived: number;
}
export interface PeriodRollups {
  acts: ActRollup[];
  openAtStart: OpenRollup[];
  openAtEnd: OpenRollup[];
  reception: ReceptionRollup[];
}

/** A unit as the report names and groups it (current rows of `rm_units`). */
export interface UnitNode {
  unitId: string;
  name: string;
  parentId: string | null;
  from: IsoDate | null;
  ceasedOn: IsoDate | null;
}

/** One counted act (or reception session) behind a figure. */
export interface FigureCase {
  caseId: string | null;
  sessionId: string | null;
  trackingCode: string | null;
  unitId: string;
  businessDate: IsoDate;
  kind: string | null;
}

const ACT_FIGURES = [
  'received',
  'accepted',
  'rejected',
  'guided',
  'archived',
  'transferred',
  'resolved',
  'dialogue',
];

/** Every unit now, by id, as the report names and groups them. */
export async function statisticsUnits(db: SqlRunner): Promise<Map<string, UnitNode>> {
  const rows: DbRow[] = await db.query(
    'SELECT unit_id, name, parent_id, created_on, merged_on FROM rm_units WHERE recorded_to IS NULL',
  );
  return new Map(
    rows.map((r) => [
      String(r.unit_id),
      {
        unitId: String(r.unit_id),
        name: String(r.name),
        parentId: (r.parent_id as string | null) ?? null,
        from: (r.created_on as string | null) ?? null,
        ceasedOn: (r.merged_on as string | null) ?? null,
      },
    ]),
  );
}

/**
 * The acts of the units in [from, end], each `received` one with the kind its case had as classified by
 * `end` (`kind_at_end`, 'unclassified' when none). Set-based: the classifications of the cases received
 * in the range are read once (`rm_statistics_classified`: subject, then newest first, so the newest by
 * `end` of each case comes first) and joined to the acts by case, instead of one look-up per act.
 */
function actsSql(p: (v: unknown) => string, unitIds: string[], from: IsoDate, end: IsoDate, rb?: string) {
  const r = rb ? p(rb) : null;
  const e = p(end);
  const units = p(unitIds);
  const start = p(from);
  const inRange = (a: string) =>
    `${versionFilter(a, r)} AND ${a}.unit_id = ANY(${units}::text[])
       AND ${a}.on_date >= ${start}::date AND ${a}.on_date <= ${e}::date`;
  return `SELECT f.*,
        CASE WHEN f.figure = 'received' THEN COALESCE(k.kind, 'unclassified') END AS kind_at_end
      FROM rm_statistics f
      LEFT JOIN (
        SELECT DISTINCT ON (c.subject_id) c.subject_id, c.kind
          FROM rm_statistics c
         WHERE c.figure = 'classified' AND c.on_date <= ${e}::date AND ${versionFilter('c', r)}
           AND c.subject_id IN (SELECT rc.subject_id FROM rm_statistics rc WHERE rc.figure = 'received' AND ${inRange('rc')})
         ORDER BY c.subject_id, c.on_date DESC, c.seq DESC) k
        ON f.figure = 'received' AND k.subject_id = f.subject_id
     WHERE f.figure = ANY(${p(ACT_FIGURES)}::text[]) AND ${inRange('f')}`;
}

/** The acts of the units in [from, end], rolled up by their dimensions (the kind as classified by `end`). */
export async function actRollups(
  db: SqlRunner,
  unitIds: string[],
  from: IsoDate,
  end: IsoDate,
  rb?: string,
): Promise<ActRollup[]> {
  if (end < from) return [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const rows: DbRow[] = await db.query(
    `SELECT unit_id, figure, from_unit_id, kind_at_end, channel, field, outcome, timeliness, late_entry, count(*)::int AS n
         FROM (${actsSql(p, unitIds, from, end, rb)}) x
        GROUP BY unit_id, figure, from_unit_id, kind_at_end, channel, field, outcome, timeliness, late_entry`,
    params,
  );
  return rows.map((r) => ({
    unitId: String(r.unit_id),
    figure: String(r.figure),
    fromUnitId: (r.from_unit_id as string | null) ?? null,
    kindAtEnd: (r.kind_at_end as string | null) ?? null,
    channel: (r.channel as string | null) ?? null,
    field: (r.field as string | null) ?? null,
    outcome: (r.outcome as string | null) ?? null,
    timeliness: (r.timeliness as string | null) ?? null,
    lateEntry: r.late_entry === true,
    n: Number(r.n),
  }));
}

/**
 * The cases open at the end of business day `on` under the units, each with whether one of its tracked
 * deadlines is overdue then (due before `on`, neither completed nor cancelled by `on`, not paused since
 * `on` or before). Set-based: the open spans are read by the day they end (`rm_statistics_open_until`:
 * a span still open has no end), the overdue cases once as a set (for the current rows, as the overdue
 * board reads them: deadlines neither completed nor cancelled, and those completed or cancelled only
 * after `on`), then joined by case, instead of one look-up per open case.
 */
function openSql(p: (v: unknown) => string, unitIds: string[], on: IsoDate, rb?: string) {
  const r = rb ? p(rb) : null;
  const d = p(on);
  const late = `dl.deadline_no > 0 AND ${versionFilter('dl', r)} AND dl.due_on < ${d}::date
           AND NOT (dl.completed_on IS NOT NULL AND dl.completed_on <= ${d}::date)
           AND NOT (dl.cancelled_on IS NOT NULL AND dl.cancelled_on <= ${d}::date)
           AND NOT (dl.state = 'paused' AND dl.paused_on <= ${d}::date)`;
  const overdue = r
    ? `SELECT DISTINCT dl.case_id FROM rm_deadlines dl WHERE ${late}`
    : `SELECT dl.case_id FROM rm_deadlines dl
        WHERE ${late} AND dl.completed_on IS NULL AND dl.cancelled_on IS NULL
       UNION
       SELECT dl.case_id FROM rm_deadlines dl
        WHERE ${late} AND (dl.completed_on IS NOT NULL OR dl.cancelled_on IS NOT NULL)
          AND GREATEST(dl.completed_on, dl.cancelled_on) > ${d}::date`;
  return `SELECT f.*, o.case_id IS NOT NULL AS overdue
      FROM rm_statistics f
      LEFT JOIN (${overdue}) o ON o.case_id = f.case_id
     WHERE ${versionFilter('f', r)} AND f.figure = 'open' AND f.unit_id = ANY(${p(unitIds)}::text[])
       AND COALESCE(f.until_date, 'infinity'::date) > ${d}::date AND f.on_date <= ${d}::date`;
}

/** Cases open at the end of business day `on`, per responsible unit, and those with an overdue deadline. */
export async function openRollups(
  db: SqlRunner,
  unitIds: string[],
  on: IsoDate,
  rb?: string,
): Promise<OpenRollup[]> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const rows: DbRow[] = await db.query(
    `SELECT unit_id, count(*)::int AS total, count(*) FILTER (WHERE overdue)::int AS overdue
         FROM (${openSql(p, unitIds, on, rb)}) x GROUP BY unit_id`,
    params,
  );
  return rows.map((r) => ({
    unitId: String(r.unit_id),
    total: Number(r.total),
    overdue: Number(r.overdue),
  }));
}

function receptionSql(
  p: (v: unknown) => string,
  unitIds: string[],
  from: IsoDate,
  end: IsoDate,
  rb?: string,
) {
  const r = rb ? p(rb) : null;
  return `SELECT s.* FROM rm_reception_sessions s
     WHERE ${versionFilter('s', r)} AND s.status = 'held' AND s.unit_id = ANY(${p(unitIds)}::text[])
       AND s.held_on >= ${p(from)}::date AND s.held_on <= ${p(end)}::date`;
}

/** The reception sessions held by the units in [from, end], per unit. */
export async function receptionRollups(
  db: SqlRunner,
  unitIds: string[],
  from: IsoDate,
  end: IsoDate,
  rb?: string,
): Promise<ReceptionRollup[]> {
  if (end < from) return [];
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const rows: DbRow[] = await db.query(
    `SELECT unit_id, count(*)::int AS sessions, count(*) FILTER (WHERE held_by_head)::int AS head,
              COALESCE(sum(citizens_received), 0)::int AS citizens
         FROM (${receptionSql(p, unitIds, from, end, rb)}) x GROUP BY unit_id`,
    params,
  );
  return rows.map((r) => ({
    unitId: String(r.unit_id),
    sessionsHeld: Number(r.sessions),
    headSessionsHeld: Number(r.head),
    citizensReceived: Number(r.citizens),
  }));
}

/** What a drill-down asks: the units, one period (already cut at asOf: [from, end]) and a figure path. */
export interface FigureCasesRequest {
  unitIds: string[];
  from: IsoDate;
  end: IsoDate;
  recordedBefore?: string;
  /** The figure path split: group (`received`, `openAtEnd`…), key and value. */
  group: string;
  key: string | undefined;
  value: string | undefined;
  page: number;
  pageSize: number;
}

/**
 * The cases (or, for reception figures, the sessions) behind one figure: one item per counted act,
 * oldest first. `openAtStart` is counted on the day before `from`, `openAtEnd` on `end`.
 */
export async function figureCases(
  db: SqlRunner,
  q: FigureCasesRequest,
): Promise<{ items: FigureCase[]; total: number; page: number; pageSize: number }> {
  const { unitIds: ids, from, end, group, key, value, page, pageSize } = q;
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  let sql: string;
  let where = 'TRUE';
  if (group === 'openAtStart' || group === 'openAtEnd') {
    const on = group === 'openAtStart' ? addDays(from, -1) : end;
    sql = `SELECT x.case_id, NULL AS session_id, x.tracking_code, x.unit_id, x.on_date AS business_date, x.kind
               FROM (${openSql(p, ids, on, q.recordedBefore)}) x`;
    if (key === 'overdue') where = 'x.overdue';
  } else if (group === 'reception') {
    sql = `SELECT NULL AS case_id, x.session_id, NULL AS tracking_code, x.unit_id, x.held_on AS business_date, NULL AS kind
               FROM (${receptionSql(p, ids, from, end, q.recordedBefore)}) x`;
    if (key === 'headSessionsHeld') where = 'x.held_by_head';
    if (key === 'citizensReceived') where = 'x.citizens_received > 0';
  } else {
    if (end < from) return { items: [], total: 0, page, pageSize };
    sql = `SELECT x.case_id, NULL AS session_id, x.tracking_code, x.unit_id, x.on_date AS business_date,
                    COALESCE(x.kind_at_end, x.kind) AS kind
               FROM (${actsSql(p, ids, from, end, q.recordedBefore)}) x`;
    where = actFilter(group, key, value, ids, p);
  }
  const offset = (page - 1) * pageSize;
  const [count, rows] = await Promise.all([
    db.query(`SELECT count(*)::int AS n FROM (${sql} WHERE ${where}) y`, params) as Promise<DbRow[]>,
    db.query(
      `${sql} WHERE ${where} ORDER BY business_date, case_id, session_id LIMIT ${pageSize} OFFSET ${offset}`,
      params,
    ) as Promise<DbRow[]>,
  ]);
  return {
    items: rows.map((r) => ({
      caseId: (r.case_id as string | null) ?? null,
      sessionId: (r.session_id as string | null) ?? null,
      trackingCode: (r.tracking_code as string | null) ?? null,
      unitId: String(r.unit_id),
      businessDate: String(r.business_date),
      kind: (r.kind as string | null) ?? null,
    })),
    total: Number(count[0]?.n ?? 0),
    page,
    pageSize,
  };
}

function actFilter(
  group: string,
  key: string | undefined,
  value: string | undefined,
  ids: string[],
  p: (v: unknown) => string,
): string {
  const lit = (v: string) => `${p(v)}::text`;
  switch (group) {
    case 'received': {
      const inside = `(x.figure = 'received' AND NOT (x.from_unit_id IS NOT NULL AND x.from_unit_id = ANY(${p(ids)}::text[])))`;
      if (key === 'byKind' && value) return `${inside} AND x.kind_at_end = ${lit(value)}`;
      if (key === 'byChannel' && value && (CHANNELS as readonly string[]).includes(value))
        return `${inside} AND x.channel = ${lit(value)}`;
      if (key === 'byField' && value)
        return value === 'unspecified'
          ? `${inside} AND (x.field IS NULL OR NOT (x.field = ANY(${p(FIELDS)}::text[])))`
          : `${inside} AND x.field = ${lit(value)}`;
      return inside;
    }
    case 'processed':
      return `x.figure = ${lit(key!)}`;
    case 'resolved':
      switch (key) {
        case 'byOutcome':
          return `x.figure = 'resolved' AND x.outcome = ${lit(value!)}`;
        case 'onTime':
          return `x.figure = 'resolved' AND x.timeliness = 'on_time'`;
        case 'late':
          return `x.figure = 'resolved' AND x.timeliness = 'late'`;
        case 'withoutDeadline':
          return `x.figure = 'resolved' AND (x.timeliness IS NULL OR x.timeliness NOT IN ('on_time', 'late'))`;
        case 'lateEntries':
          return `x.figure = 'resolved' AND x.late_entry`;
        default:
          return `x.figure = 'resolved'`;
      }
    case 'dialoguesHeld':
      return `x.figure = 'dialogue'`;
    default:
      return 'FALSE';
  }
}
