import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import type pg from 'pg';

/**
 * Anchors: a periodic fingerprint of the whole store — the hash of every stream head as of a
 * transaction fence. Kept in the `anchors` table and printed to the log (ship the log elsewhere):
 * if history is later deleted or rewritten, recomputing the anchor at the same fence no longer
 * matches the copy kept outside the database.
 *
 * The fence is `pg_snapshot_xmin` at anchoring time: every event whose transaction id is below it
 * had committed, and no later commit can fall below it, so the anchored set never changes.
 */
export class CreateAnchors1760000005000 implements MigrationInterface {
  name = 'CreateAnchors1760000005000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE anchors (
      anchor_id bigserial PRIMARY KEY,
      fence_transaction_id text NOT NULL,
      head_position bigint NOT NULL,
      streams int NOT NULL,
      events bigint NOT NULL,
      anchor_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS anchors');
  }
}

export interface Anchor {
  anchorId: string;
  fenceTransactionId: string;
  headPosition: string;
  streams: number;
  events: string;
  anchorHash: string;
  createdAt: string;
}

interface Heads {
  streams: number;
  events: string;
  headPosition: string;
  anchorHash: string;
}

/** Hash over `streamId \t version \t hash \n` of every stream head below the fence, in stream-id order. */
async function headsBelow(pool: pg.Pool, fence: string): Promise<Heads> {
  const r = await pool.query<{ stream_id: string; version: number; hash: string; pos: string; n: string }>(
    `SELECT stream_id, max(version) AS version,
            (array_agg(hash ORDER BY version DESC))[1] AS hash,
            max(global_position)::text AS pos, count(*)::text AS n
       FROM events WHERE transaction_id < $1::xid8
      GROUP BY stream_id ORDER BY stream_id COLLATE "C"`,
    [fence],
  );
  const h = createHash('sha256');
  let events = 0n;
  let head = 0n;
  for (const row of r.rows) {
    h.update(`${row.stream_id}\t${row.version}\t${row.hash}\n`);
    events += BigInt(row.n);
    if (BigInt(row.pos) > head) head = BigInt(row.pos);
  }
  return {
    streams: r.rows.length,
    events: events.toString(),
    headPosition: head.toString(),
    anchorHash: h.digest('hex'),
  };
}

export async function recordAnchor(pool: pg.Pool): Promise<Anchor> {
  const fence = (
    await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')
  ).rows[0].xmin;
  const heads = await headsBelow(pool, fence);
  const r = await pool.query<{ anchor_id: string; created_at: Date }>(
    `INSERT INTO anchors (fence_transaction_id, head_position, streams, events, anchor_hash) VALUES ($1, $2, $3, $4, $5)
     RETURNING anchor_id::text, created_at`,
    [fence, heads.headPosition, heads.streams, heads.events, heads.anchorHash],
  );
  return {
    anchorId: r.rows[0].anchor_id,
    fenceTransactionId: fence,
    headPosition: heads.headPosition,
    streams: heads.streams,
    events: heads.events,
    anchorHash: heads.anchorHash,
    createdAt: r.rows[0].created_at.toISOString(),
  };
}

export async function listAnchors(pool: pg.Pool, limit = 50): Promise<Anchor[]> {
  const r = await pool.query(
    `SELECT anchor_id::text, fence_transaction_id, head_position::text, streams, events::text, anchor_hash, created_at
       FROM anchors ORDER BY anchor_id DESC LIMIT $1`,
    [limit],
  );
  return r.rows.map((x) => ({
    anchorId: x.anchor_id,
    fenceTransactionId: x.fence_transaction_id,
    headPosition: x.head_position,
    streams: x.streams,
    events: x.events,
    anchorHash: x.anchor_hash,
    createdAt: (x.created_at as Date).toISOString(),
  }));
}

/** Recomputes an anchor from the events now in the store; `expectedHash` may come from a copy kept elsewhere. */
export async function verifyAnchor(
  pool: pg.Pool,
  anchor: { fenceTransactionId: string; anchorHash: string },
): Promise<{ ok: boolean; recomputed: string; expected: string }> {
  const heads = await headsBelow(pool, anchor.fenceTransactionId);
  return {
    ok: heads.anchorHash === anchor.anchorHash,
    recomputed: heads.anchorHash,
    expected: anchor.anchorHash,
  };
}
