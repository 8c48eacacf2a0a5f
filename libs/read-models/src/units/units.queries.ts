import type { DataSource } from 'typeorm';
import type { UnitState } from '../../../domain/src/index.js';
import { unitStateOfRow } from './units.projection.js';

/** What runs SQL: the process's DataSource (or anything with its `query`). */
type Sql = Pick<DataSource, 'query'>;

/**
 * Every unit as the units read model holds it now (current rows of `rm_units`, by unit id), each
 * rebuilt as the domain's unit state (names, head terms, delegations over time).
 */
export async function currentUnits(db: Sql): Promise<UnitState[]> {
  const rows: Record<string, unknown>[] = await db.query(
    'SELECT * FROM rm_units WHERE recorded_to IS NULL ORDER BY unit_id',
  );
  return rows.map((row) => unitStateOfRow(row));
}
