import type { IsoDate } from '../../../domain/src/index.js';
import type { BoardPage, UnitScope } from '../deadlines/deadlines.queries.js';
import { unitScopeSql } from '../deadlines/deadlines.queries.js';
import type { DbRow, SqlRunner } from '../read-models/sql.js';

/** A letter nobody has classified, with its open XLD (`startOn`/`xldDueOn` null when it has none). */
export interface UnclassifiedLetterRow {
  caseId: string;
  trackingCode: string;
  receivedAt: IsoDate;
  /** The day the XLD started (the reception date when there is no XLD). */
  startOn: IsoDate;
  xldDueOn: IsoDate | null;
  receivingUnitId: string;
}

/**
 * Letters nobody has classified (docs/reference/api-contract.md `GET /deadlines/unclassified`), oldest
 * first, over `rm_cases` and the cases' XLD in `rm_deadlines`: cases received on or before `asOf` and
 * still `received` (never classified, or transferred in and not yet classified by the new unit), or
 * whose XLD started by `asOf` was completed (classified) only after `asOf`. A
 * letter without XLD (untracked, pending calendar data, or registered before XLD existed) comes with
 * `xldDueOn: null`.
 */
export async function unclassifiedLetters(
  db: SqlRunner,
  q: { scope: UnitScope; asOf: IsoDate; page?: number; pageSize?: number },
): Promise<BoardPage<UnclassifiedLetterRow>> {
  const params: unknown[] = [];
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  const scope = unitScopeSql(q.scope, params, 'c.receiving_unit_id');
  const a = p(q.asOf);
  // Unclassified on asOf: still `received`, or its XLD (started by asOf) completed only after asOf —
  // classified later, as a past-dated board must show it.
  const xldOn = `d.case_id = c.case_id AND d.rule_id = 'XLD' AND d.recorded_to IS NULL
           AND d.start_on <= ${a}::date
           AND (d.completed_on IS NULL OR d.completed_on > ${a}::date)
           AND (d.cancelled_on IS NULL OR d.cancelled_on > ${a}::date)`;
  const where = `c.received_at <= ${a}::date AND ${scope.where}
      AND (c.status = 'received' OR EXISTS (
        SELECT 1 FROM rm_deadlines d WHERE ${xldOn} AND d.completed_on IS NOT NULL))`;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 200;
  const from = `rm_cases c LEFT JOIN LATERAL (
        SELECT d.start_on, d.due_on FROM rm_deadlines d
         WHERE ${xldOn}
         ORDER BY d.deadline_no DESC LIMIT 1) x ON TRUE`;
  const [total, rows] = await Promise.all([
    db.query(`${scope.cte} SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params) as Promise<
      DbRow[]
    >,
    db.query(
      `${scope.cte} SELECT c.case_id, c.tracking_code, c.received_at, c.receiving_unit_id, x.start_on, x.due_on
           FROM ${from} WHERE ${where}
          ORDER BY COALESCE(x.start_on, c.received_at), c.received_at, c.case_id
          LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    ) as Promise<DbRow[]>,
  ]);
  const items = rows.map((r) => {
    const receivedAt = String(r.received_at);
    return {
      caseId: String(r.case_id),
      trackingCode: String(r.tracking_code),
      receivedAt,
      startOn: r.start_on ? String(r.start_on) : receivedAt,
      xldDueOn: r.due_on ? String(r.due_on) : null,
      receivingUnitId: String(r.receiving_unit_id),
    };
  });
  return { items, total: Number(total[0]?.n ?? 0), page, pageSize };
}
