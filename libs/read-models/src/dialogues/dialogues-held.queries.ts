import type { IsoDate } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';

/**
 * Dialogues held in [from, to] by the units, credited to the unit responsible when they were
 * recorded (`/accountability`), as recorded before `recordedBefore` (or now).
 */
export async function dialoguesHeld(
  db: SqlRunner,
  q: { unitIds: readonly string[]; from: IsoDate; to: IsoDate; recordedBefore: string | null },
): Promise<{ unitId: string; heldAt: IsoDate }[]> {
  if (q.unitIds.length === 0) return [];
  const params: unknown[] = [q.unitIds, q.from, q.to];
  const rb = q.recordedBefore ? (params.push(q.recordedBefore), `$${params.length}`) : null;
  const rows: DbRow[] = await db.query(
    `SELECT g.unit_id, g.held_at FROM rm_dialogues g
        WHERE g.dialogue_id <> '' AND ${versionFilter('g', rb)} AND g.unit_id = ANY($1::text[])
          AND g.held_at >= $2::date AND g.held_at <= $3::date`,
    params,
  );
  return rows.map((r) => ({ unitId: String(r.unit_id), heldAt: String(r.held_at) }));
}
