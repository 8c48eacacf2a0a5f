import type { IsoDate } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';

/** A day a unit's head held reception (one row per unit, head and day). */
export interface HeldDay {
  unitId: string;
  headPersonId: string;
  heldOn: IsoDate;
  /** Every hold counted on that day was entered late. */
  lateEntry: boolean;
}

const dateOf = (v: unknown): IsoDate => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * The days in [from, to] on which the heads of the units held reception, for `/reception-duty` and
 * `/accountability` (docs/reference/api-contract.md): a day counts when the head held a session and it
 * counts as the head's own (the head or a delegate entered it; rows from before countsAsHeads:
 * held_by_head). A day is late only when every hold counted on it was entered late.
 */
export async function receptionDaysHeld(
  db: SqlRunner,
  q: { unitIds: readonly string[]; from: IsoDate; to: IsoDate; recordedBefore: string | null },
): Promise<HeldDay[]> {
  if (q.unitIds.length === 0) return [];
  const params: unknown[] = [q.unitIds, q.from, q.to];
  const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
  const rows: DbRow[] = await db.query(
    `SELECT s.unit_id, s.head_person_id, s.held_on, bool_and(s.late_entry) AS late_entry
         FROM rm_reception_sessions s
        WHERE ${versionFilter('s', rb)} AND s.unit_id = ANY($1::text[]) AND s.status = 'held'
          AND COALESCE(s.counts_as_heads, s.held_by_head)
          AND s.held_on >= $2::date AND s.held_on <= $3::date
        GROUP BY s.unit_id, s.head_person_id, s.held_on`,
    params,
  );
  return rows.map((r) => ({
    unitId: String(r.unit_id),
    headPersonId: String(r.head_person_id),
    heldOn: dateOf(r.held_on),
    lateEntry: r.late_entry === true,
  }));
}
