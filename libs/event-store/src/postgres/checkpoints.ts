import type pg from 'pg';
import { START_OF_LOG, type GlobalCheckpoint } from '../event-store.port.js';

/**
 * Checkpoints of the readers of the global log (projections, processes, the Kafka relay), kept in
 * `projection_checkpoints` as (transaction id, position) pairs. One place for their SQL, whichever
 * way a reader talks to PostgreSQL (a pg pool, or a TypeORM manager inside a transaction).
 */
export type SqlQuery = (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

export const viaPool =
  (pool: pg.Pool): SqlQuery =>
  async (text, params) =>
    (await pool.query(text, params)).rows as Record<string, unknown>[];

export const viaManager =
  (em: { query(text: string, params: unknown[]): Promise<unknown> }): SqlQuery =>
  async (text, params) =>
    (await em.query(text, params)) as Record<string, unknown>[];

/** The checkpoint of `name` (START_OF_LOG when none); `lock` takes its row FOR UPDATE. */
export async function readCheckpoint(
  q: SqlQuery,
  name: string,
  options: { lock?: boolean } = {},
): Promise<GlobalCheckpoint> {
  const rows = await q(
    `SELECT transaction_id, position::text AS position FROM projection_checkpoints WHERE name = $1${options.lock ? ' FOR UPDATE' : ''}`,
    [name],
  );
  const row = rows[0] as { transaction_id: string; position: string } | undefined;
  return row ? { transactionId: row.transaction_id, position: row.position } : { ...START_OF_LOG };
}

/**
 * Sets the checkpoint of `name`. `forwardOnly` never moves an existing one backwards; `ifAbsent`
 * only creates the row (so that it can be locked).
 */
export async function writeCheckpoint(
  q: SqlQuery,
  name: string,
  cp: GlobalCheckpoint,
  options: { forwardOnly?: boolean; ifAbsent?: boolean } = {},
): Promise<void> {
  const onConflict = options.ifAbsent
    ? 'DO NOTHING'
    : `DO UPDATE SET transaction_id = EXCLUDED.transaction_id, position = EXCLUDED.position, updated_at = now()${
        options.forwardOnly
          ? ' WHERE (c.transaction_id::xid8, c.position) < (EXCLUDED.transaction_id::xid8, EXCLUDED.position)'
          : ''
      }`;
  await q(
    `INSERT INTO projection_checkpoints AS c (name, transaction_id, position, updated_at) VALUES ($1, $2, $3::bigint, now())
     ON CONFLICT (name) ${onConflict}`,
    [name, cp.transactionId, cp.position],
  );
}

export async function deleteCheckpoint(q: SqlQuery, name: string): Promise<void> {
  await q('DELETE FROM projection_checkpoints WHERE name = $1', [name]);
}

/** Events in the log after a checkpoint; `visibleOnly` counts only those below the xmin fence. */
export async function eventsAfter(
  q: SqlQuery,
  cp: GlobalCheckpoint,
  options: { visibleOnly?: boolean } = {},
): Promise<number> {
  const rows = await q(
    `SELECT count(*)::text AS n FROM events
      WHERE (transaction_id > $1::xid8 OR (transaction_id = $1::xid8 AND global_position > $2::bigint))${
        options.visibleOnly ? ' AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())' : ''
      }`,
    [cp.transactionId, cp.position],
  );
  return Number((rows[0] as { n?: string } | undefined)?.n ?? 0);
}
