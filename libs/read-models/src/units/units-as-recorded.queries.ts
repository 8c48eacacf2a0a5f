import type { UnitState } from '../../../domain/src/index.js';
import { versionFilter, type DbRow, type SqlRunner } from '../read-models/sql.js';
import { unitStateOfRow } from './units.projection.js';

/** Every unit as recorded before `recordedBefore` (or now), as the state its row holds. */
export async function unitsAsRecorded(db: SqlRunner, recordedBefore: string | null): Promise<UnitState[]> {
  const params: unknown[] = [];
  const rb = recordedBefore ? (params.push(recordedBefore), `$${params.length}`) : null;
  const rows: DbRow[] = await db.query(`SELECT * FROM rm_units u WHERE ${versionFilter('u', rb)}`, params);
  return rows.map((r) => unitStateOfRow(r));
}
