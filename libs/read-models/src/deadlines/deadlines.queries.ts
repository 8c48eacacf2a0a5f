import { addDays, daysBetween, headOn, type IsoDate, type UnitState } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';
import { subtreeCte } from '../units/unit-scope.sql.js';
import { unitStateOfRow } from '../units/units.projection.js';

/**
 * The SQL of the deadline boards over `rm_deadlines` (docs/reference/api-contract.md, "Two clocks on
 * boards"): overdue, upcoming, and the tracked deadlines `/accountability` judges. Plain functions over
 * the DataSource; the scope (which unit, 404 when out of reach) and the permission are checked by the
 * query handlers before they call them.
 */

/** The units a board reads: one unit, with or without its subtree; `unitId: null` reads every unit. */
export interface UnitScope {
  unitId: string | null;
  includeSubunits: boolean;
}

/** A page of a board, in the list shape of the API. */
export interface BoardPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface HeadRef {
  personId: string;
  fullName: string;
}

/** What the overdue and upcoming boards are asked: the units, the two clocks and the page. */
export interface DeadlineBoardRequest {
  scope: UnitScope;
  /** The business date the board is judged on. */
  asOf: IsoDate;
  /** Only row versions recorded before this instant count. */
  recordedBefore?: string;
  page?: number;
  pageSize?: number;
}

export interface OverdueDeadline {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysOverdue: number;
  /** The act that started the deadline was a late entry (docs/reference/deadlines.md §9). */
  lateEntry: boolean;
  unitId: string;
  headOfUnit: HeadRef | null;
  handlerId: string | null;
}

export interface UpcomingDeadline {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysLeft: number;
  unitId: string;
  headOfUnit: HeadRef | null;
  handlerId: string | null;
}

/**
 * The unit filter of a board as SQL (a recursive CTE of the subtree when asked), its parameters
 * appended to `params`.
 */
export function unitScopeSql(
  scope: UnitScope,
  params: unknown[],
  column: string,
): { cte: string; where: string } {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (!scope.unitId) return { cte: '', where: 'TRUE' }; // an admin without a unit: everything
  if (!scope.includeSubunits) return { cte: '', where: `${column} = ${p(scope.unitId)}` };
  return {
    cte: `WITH RECURSIVE ${subtreeCte(p(scope.unitId))}`,
    where: `${column} IN (SELECT unit_id FROM scope_units)`,
  };
}

/** Heads of units on a date, from unit states read from `rm_units`. */
function headsOf(
  states: ReadonlyMap<string, UnitState | null>,
): (unitId: string, date: string) => HeadRef | null {
  return (unitId, date) => {
    const s = states.get(unitId);
    const h = s ? headOn(s, date) : null;
    return h ? { personId: h.personId, fullName: h.fullName } : null;
  };
}

/**
 * Heads of units on a date, from `rm_units` as recorded before `recordedBefore` (or now); `unitIds`
 * limits the units loaded to those the caller will ask about.
 */
export async function unitHeadsResolver(
  db: SqlRunner,
  recordedBefore?: string,
  unitIds?: readonly string[],
): Promise<(unitId: string, date: string) => HeadRef | null> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const version = versionFilter('u', recordedBefore ? p(recordedBefore) : null);
  const only = unitIds ? ` AND u.unit_id = ANY(${p([...unitIds])}::text[])` : '';
  const rows: DbRow[] =
    unitIds && unitIds.length === 0
      ? []
      : await db.query(`SELECT * FROM rm_units u WHERE ${version}${only}`, params);
  return headsOf(new Map(rows.map((r) => [String(r.unit_id), unitStateOfRow(r)])));
}

/**
 * Which version of the units read model a statement sees, as SQL: its checkpoint (position, transaction,
 * when written: the rows and the checkpoint change in one transaction) and the table's file (a rebuild
 * swaps in another table, a truncation another file). NULL without a checkpoint (nothing is cached then).
 */
export const UNITS_VERSION_SQL = `(SELECT c.position::text || '/' || c.transaction_id::text || '/' || c.updated_at::text
     || '/' || pg_relation_filenode('rm_units')::text
     FROM projection_checkpoints c WHERE c.name = 'units.v1')`;

/**
 * The current unit states a board has read, per database and per version of the units read model
 * (`UNITS_VERSION_SQL`): a board whose statements see the version cached takes its heads of units from
 * here instead of reading `rm_units` again. Any other version replaces the cache, so an answer never
 * mixes two versions, and never shows one older than its own statements saw.
 */
const currentUnits = new WeakMap<SqlRunner, { version: string; states: Map<string, UnitState | null> }>();

/**
 * The heads of `unitIds` as of now, for a board whose statements saw version `seen` of the units read
 * model: from the cache when it holds that version and those units, otherwise read (with the version
 * read in the same statement) and kept.
 */
async function currentUnitHeads(
  db: SqlRunner,
  seen: string | null,
  unitIds: readonly string[],
): Promise<(unitId: string, date: string) => HeadRef | null> {
  const cached = seen === null ? undefined : currentUnits.get(db);
  if (cached && cached.version === seen && unitIds.every((u) => cached.states.has(u)))
    return headsOf(cached.states);
  if (unitIds.length === 0) return headsOf(new Map());
  const rows: DbRow[] = await db.query(
    `SELECT v.units_version, u.* FROM (SELECT ${UNITS_VERSION_SQL} AS units_version) v
       LEFT JOIN rm_units u ON u.recorded_to IS NULL AND u.unit_id = ANY($1::text[])`,
    [[...unitIds]],
  );
  const version = (rows[0]?.units_version as string | null | undefined) ?? null;
  // A unit without a row is kept too (no head), so that it is not read again for every page.
  const states = new Map<string, UnitState | null>(unitIds.map((u) => [u, null]));
  for (const r of rows) if (r.unit_id !== null) states.set(String(r.unit_id), unitStateOfRow(r));
  if (version === null) currentUnits.delete(db);
  else {
    const kept = currentUnits.get(db);
    if (kept && kept.version === version) for (const [u, s] of states) kept.states.set(u, s);
    else currentUnits.set(db, { version, states: new Map(states) });
  }
  return headsOf(states);
}

/** Tracked deadlines overdue on `asOf`, oldest due first. */
export async function overdueDeadlines(
  db: SqlRunner,
  q: DeadlineBoardRequest,
): Promise<BoardPage<OverdueDeadline>> {
  const asOf = q.asOf;
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const scope = unitScopeSql(q.scope, params, 'd.unit_id');
  const a = p(asOf);
  const rb = q.recordedBefore ? p(q.recordedBefore) : null;
  // What the board asks of a deadline beyond being current, tracked, in scope and not closed on asOf:
  // only columns that `rm_deadline_open_counts` keeps.
  const board = `d.due_on < ${a}::date AND NOT (d.state = 'paused' AND d.paused_on <= ${a}::date)`;
  return page(db, scope, boardParts(board, scope.where, a, rb), params, q, (r, heads) => ({
    caseId: String(r.case_id),
    trackingCode: String(r.tracking_code),
    ruleId: String(r.rule_id),
    dueOn: String(r.due_on),
    daysOverdue: daysBetween(String(r.due_on), asOf),
    // the act that started the deadline was a late entry (docs/reference/deadlines.md §9)
    lateEntry: r.started_late === true,
    unitId: String(r.unit_id),
    headOfUnit: heads(String(r.unit_id), String(r.due_on)),
    handlerId: (r.handler_id as string | null) ?? null,
  }));
}

/** Open tracked deadlines due from `asOf` to `asOf + withinDays`. */
export async function upcomingDeadlines(
  db: SqlRunner,
  q: DeadlineBoardRequest & { withinDays: number },
): Promise<BoardPage<UpcomingDeadline>> {
  const asOf = q.asOf;
  const until = addDays(asOf, q.withinDays);
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const scope = unitScopeSql(q.scope, params, 'd.unit_id');
  const a = p(asOf);
  const u = p(until);
  const rb = q.recordedBefore ? p(q.recordedBefore) : null;
  const board = `d.due_on >= ${a}::date AND d.due_on <= ${u}::date AND d.start_on <= ${a}::date
      AND NOT (d.state = 'paused' AND d.paused_on <= ${a}::date)`;
  return page(db, scope, boardParts(board, scope.where, a, rb), params, q, (r, heads) => ({
    caseId: String(r.case_id),
    trackingCode: String(r.tracking_code),
    ruleId: String(r.rule_id),
    dueOn: String(r.due_on),
    daysLeft: daysBetween(asOf, String(r.due_on)),
    unitId: String(r.unit_id),
    headOfUnit: heads(String(r.unit_id), String(r.due_on)),
    handlerId: (r.handler_id as string | null) ?? null,
  }));
}

/** A part of a board's set: the rows (`where` over `rm_deadlines d`) and how they are counted. */
interface BoardPart {
  where: string;
  /** A scalar subquery giving how many rows match `where`. */
  count: string;
}

/**
 * The deadlines of a board: current (or as recorded before `rb`), tracked, in scope, matching `board`
 * and neither completed nor cancelled on `asOf` (`a`).
 *
 * Current rows are read as two disjoint parts, so that the deadlines completed or cancelled long ago
 * (most of the table, and growing) are never scanned:
 * - those neither completed nor cancelled: paged through `rm_deadlines_current_open_due` and counted
 *   from `rm_deadline_open_counts` (a sum over the counts of the scope's units: the same conditions
 *   on the same columns, kept by triggers in the rows' transaction; docs/projections.md);
 * - those completed or cancelled only after asOf (`rm_deadlines_current_closed_on`: none for a board
 *   as of today, unless dates were entered ahead), counted row by row.
 * As recorded before an instant: one part, counted row by row.
 */
function boardParts(board: string, scope: string, a: string, rb: string | null): BoardPart[] {
  const where = `d.deadline_no > 0 AND ${versionFilter('d', rb)} AND ${scope} AND ${board}
      AND NOT (d.completed_on IS NOT NULL AND d.completed_on <= ${a}::date)
      AND NOT (d.cancelled_on IS NOT NULL AND d.cancelled_on <= ${a}::date)`;
  const counted = (w: string) => ({ where: w, count: `(SELECT count(*) FROM rm_deadlines d WHERE ${w})` });
  if (rb) return [counted(where)];
  return [
    {
      where: `${where} AND d.completed_on IS NULL AND d.cancelled_on IS NULL`,
      count: `(SELECT coalesce(sum(d.n), 0) FROM rm_deadline_open_counts d WHERE ${scope} AND ${board})`,
    },
    counted(`${where} AND (d.completed_on IS NOT NULL OR d.cancelled_on IS NOT NULL)
            AND GREATEST(d.completed_on, d.cancelled_on) > ${a}::date`),
  ];
}

/** The columns the boards answer with (and order by): not the row's other twenty. */
const BOARD_COLUMNS =
  'd.case_id, d.deadline_no, d.tracking_code, d.rule_id, d.due_on, d.started_late, d.unit_id, d.handler_id';

/**
 * One page of the deadlines matching `parts`: disjoint conditions whose union is the set, each
 * counted on its own. The first part is paged in board order (due date, case, deadline: an index
 * walk that stops after the page);
 * the others are expected to be small and are selected whole, each planned on its own (MATERIALIZED,
 * so the planner does not walk the first part's index for their order).
 */
async function page<T>(
  db: SqlRunner,
  { cte }: { cte: string },
  parts: BoardPart[],
  params: unknown[],
  q: DeadlineBoardRequest,
  map: (r: DbRow, heads: (unitId: string, date: string) => HeadRef | null) => T,
): Promise<BoardPage<T>> {
  const order = 'd.due_on ASC, d.case_id, d.deadline_no';
  const columns = BOARD_COLUMNS;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 200;
  const offset = (page - 1) * pageSize;
  const [first, ...others] = parts.map((x) => x.where);
  // The parts after the first are selected whole (materialized): counted from there, not read again.
  const count = [parts[0]!.count, ...others.map((_, i) => `(SELECT count(*) FROM part_${i + 1})`)].join(
    ' + ',
  );
  const ctes = [
    ...(cte ? [cte.replace(/^WITH RECURSIVE /, '')] : []),
    ...others.map(
      (w, i) => `part_${i + 1} AS MATERIALIZED (SELECT ${columns} FROM rm_deadlines d WHERE ${w})`,
    ),
    // The count also names the version of the units read model it sees: the heads of the page's units
    // are then taken from the units kept for that version (no statement), or read once.
    `board_total AS (SELECT (${count})::int AS n, ${
      q.recordedBefore ? 'NULL::text' : UNITS_VERSION_SQL
    } AS units_version)`,
  ];
  const rowsOfPage =
    others.length === 0
      ? `SELECT ${columns} FROM rm_deadlines d WHERE ${first} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`
      : `SELECT d.* FROM (
            (SELECT ${columns} FROM rm_deadlines d WHERE ${first} ORDER BY ${order} LIMIT ${offset + pageSize})
            ${others.map((_, i) => `UNION ALL (SELECT * FROM part_${i + 1})`).join(' ')}
          ) d ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`;
  // One statement: the total (one row, also when the page is empty) and the page's rows beside it.
  const read: DbRow[] = await db.query(
    `${cte ? 'WITH RECURSIVE' : 'WITH'} ${ctes.join(',\n')}
     SELECT t.n AS board_total, t.units_version AS board_units_version, d.*
     FROM board_total t LEFT JOIN LATERAL (${rowsOfPage}) d ON true
     ORDER BY ${order}`,
    params,
  );
  const total = read[0]?.board_total;
  const rows = read.filter((r) => r.case_id !== null);
  const units = [...new Set(rows.map((r) => String(r.unit_id)))];
  const seen = (read[0]?.board_units_version as string | null | undefined) ?? null;
  const heads = q.recordedBefore
    ? await unitHeadsResolver(db, q.recordedBefore, units)
    : await currentUnitHeads(db, seen, units);
  return { items: rows.map((r) => map(r, heads)), total: Number(total ?? 0), page, pageSize };
}
