import type { DataSource } from 'typeorm';
import { subtreeCte } from '../units/unit-scope.sql.js';

/** What runs SQL: the process's DataSource (or anything with its `query`). */
type Sql = Pick<DataSource, 'query'>;

/** A row of `rm_reception_sessions` as the driver returns it (dates may come as `Date` or text). */
export interface ReceptionSessionRow {
  session_id: string;
  unit_id: string;
  host_person_id: string;
  date: string | Date;
  kind: string;
  mode: string;
  status: string;
  held_on: string | Date | null;
  held_host_person_id: string | null;
  held_by_head: boolean | null;
  head_person_id: string | null;
  citizens_received: number | null;
  case_ids: string[] | null;
  cancel_reason: string | null;
  counts_as_heads: boolean | null;
  recorded_by: { id: string; name: string } | null;
  late_entry: boolean | null;
  working_days_late: number | null;
  version: number | string | null;
}

/** The filters of the schedule (`GET /reception-sessions`), validated and scoped by the caller. */
export interface ReceptionSessionFilter {
  /** The unit whose sessions are listed; null: every unit. */
  unitId: string | null;
  /** With the units below `unitId` (the default), or only its own. */
  includeSubunits?: boolean;
  /** Bounds of the session's `date` (inclusive). */
  from?: string;
  to?: string;
  /** The planned or the actual host. */
  hostPersonId?: string;
  status?: string;
  page: number;
  pageSize: number;
}

/**
 * Current sessions of the schedule, by date, unit and id, one page of them, and how many match in
 * all: the unit (and, unless `includeSubunits` is false, the units below it in the units read model).
 */
export async function listReceptionSessions(
  db: Sql,
  f: ReceptionSessionFilter,
): Promise<{ rows: ReceptionSessionRow[]; total: number }> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const where = ['s.recorded_to IS NULL'];
  let cte = '';
  if (f.unitId && f.includeSubunits === false) where.push(`s.unit_id = ${p(f.unitId)}`);
  else if (f.unitId) {
    cte = `WITH RECURSIVE ${subtreeCte(p(f.unitId))}`;
    where.push('s.unit_id IN (SELECT unit_id FROM scope_units)');
  }
  if (f.from) where.push(`s.date >= ${p(f.from)}::date`);
  if (f.to) where.push(`s.date <= ${p(f.to)}::date`);
  if (f.hostPersonId)
    where.push(`(s.host_person_id = ${p(f.hostPersonId)} OR s.held_host_person_id = $${params.length})`);
  if (f.status) where.push(`s.status = ${p(f.status)}`);
  const sql = `${cte} SELECT s.* FROM rm_reception_sessions s WHERE ${where.join(' AND ')}
      ORDER BY s.date, s.unit_id, s.session_id LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;
  const [rows, total] = await Promise.all([
    db.query(sql, params) as Promise<ReceptionSessionRow[]>,
    db.query(
      `${cte} SELECT count(*)::int AS n FROM rm_reception_sessions s WHERE ${where.join(' AND ')}`,
      params,
    ) as Promise<Array<{ n: number }>>,
  ]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}
