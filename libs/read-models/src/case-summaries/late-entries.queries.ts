import {
  CASE_BUSINESS_DATE,
  caseBusinessDate,
  INSPECTION_BUSINESS_DATE,
  type IsoDate,
} from '../../../domain/src/index.js';
import type { BoardPage, UnitScope } from '../deadlines/deadlines.queries.js';
import { unitScopeSql } from '../deadlines/deadlines.queries.js';
import type { DbRow, SqlRunner } from '../read-models/sql.js';

/** The filters of `GET /late-entries` (validated by whoever received them). */
export interface LateEntriesRequest {
  scope: UnitScope;
  /** Recorded on or after this date (Vietnam). */
  from?: IsoDate;
  /** Recorded on or before this date (Vietnam). */
  to?: IsoDate;
  /** The person who recorded the act. */
  actorId?: string;
  /** The event type of the act. */
  type?: string;
  page?: number;
  pageSize?: number;
}

export interface LateEntry {
  streamId: string;
  caseId: string | null;
  trackingCode: string | null;
  type: string;
  businessDate: string | null;
  recordedAt: string;
  workingDaysLate: number | null;
  actor: { id: string | null; name: string | null };
  unitId: string;
}

/**
 * The acts recorded late (docs/reference/api-contract.md, docs/reference/deadlines.md §9), read from
 * the events themselves (the mark was decided when they were recorded and is never recomputed): a
 * case's acts by the unit responsible for it (`rm_cases`), reception holds by the session's unit
 * (`rm_reception_sessions`), and inspection acts — a recommendation's plan, reports and waiver by its
 * owner unit, the others by the lead unit (`rm_recommendations`) — in the order they were recorded.
 */
export async function lateEntries(db: SqlRunner, q: LateEntriesRequest): Promise<BoardPage<LateEntry>> {
  const params: unknown[] = [];
  const add = (v: unknown) => (params.push(v), `$${params.length}`);
  const scope = unitScopeSql(q.scope, params, 'c.unit_id');
  const where = [`e.data->>'lateEntry' = 'true'`, scope.where];
  // recording date in Vietnam (UTC+7)
  const recordedOn = `((e.recorded_at AT TIME ZONE 'UTC') + interval '7 hours')::date`;
  if (q.from) where.push(`${recordedOn} >= ${add(q.from)}::date`);
  if (q.to) where.push(`${recordedOn} <= ${add(q.to)}::date`);
  if (q.actorId) where.push(`e.metadata->'actor'->>'id' = ${add(q.actorId)}`);
  if (q.type) where.push(`e.type = ${add(q.type)}`);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 200;
  // A case's acts (by the unit responsible for it), reception holds (by the session's unit) and
  // inspection acts (a recommendation's by its owner unit, the others by the lead unit).
  const from = `events e JOIN LATERAL (
        SELECT r.case_id, r.tracking_code, COALESCE(r.competent_unit_id, r.receiving_unit_id) AS unit_id
          FROM rm_cases r WHERE 'case-' || r.case_id = e.stream_id
        UNION ALL
        SELECT NULL, NULL, s.unit_id FROM rm_reception_sessions s
         WHERE s.recorded_to IS NULL AND 'reception-' || s.session_id = e.stream_id
        UNION ALL
        SELECT NULL, NULL, COALESCE(
                 (SELECT o.owner_unit_id FROM rm_recommendations o
                   WHERE o.inspection_id = i.inspection_id AND o.recorded_to IS NULL
                     AND o.recommendation_id = e.data->>'recommendationId'),
                 i.lead_unit_id)
          FROM rm_recommendations i
         WHERE i.recorded_to IS NULL AND i.recommendation_id = ''
           AND 'inspection-' || i.inspection_id = e.stream_id) c ON TRUE`;
  const sql = `${scope.cte} SELECT e.global_position, e.stream_id, e.type, e.data, e.metadata, e.recorded_at,
        c.case_id, c.tracking_code, c.unit_id FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY e.global_position LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [rows, total] = await Promise.all([
    db.query(sql, params) as Promise<DbRow[]>,
    db.query(
      `${scope.cte} SELECT count(*)::int AS n FROM ${from} WHERE ${where.join(' AND ')}`,
      params,
    ) as Promise<DbRow[]>,
  ]);
  const items = rows.map((r) => {
    const data = r.data as Record<string, unknown>;
    const actor = ((r.metadata as Record<string, unknown>).actor ?? {}) as { id?: string; name?: string };
    return {
      streamId: String(r.stream_id),
      caseId: r.case_id === null ? null : String(r.case_id),
      trackingCode: r.tracking_code === null ? null : String(r.tracking_code),
      type: String(r.type),
      businessDate: businessDateOf(String(r.type), data),
      recordedAt: new Date(r.recorded_at as string).toISOString(),
      workingDaysLate: typeof data.workingDaysLate === 'number' ? data.workingDaysLate : null,
      actor: { id: actor.id ?? null, name: actor.name ?? null },
      unitId: String(r.unit_id),
    };
  });
  return { items, total: Number(total[0]?.n ?? 0), page, pageSize };
}

/**
 * The business date of a late act: a case act's by CASE_BUSINESS_DATE, an inspection act's by
 * INSPECTION_BUSINESS_DATE (both in libs/domain), a reception hold's `heldOn`.
 */
function businessDateOf(type: string, data: Record<string, unknown>): string | null {
  if (Object.hasOwn(CASE_BUSINESS_DATE, type)) return caseBusinessDate(type, data);
  const field =
    type === 'ReceptionSessionHeld'
      ? 'heldOn'
      : ((INSPECTION_BUSINESS_DATE as Record<string, string>)[type] ?? 'at');
  return typeof data[field] === 'string' ? (data[field] as string) : null;
}
