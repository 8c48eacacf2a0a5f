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

/** A stream's head: its last version and that event's hash. */
export interface StreamHeadEntry {
  streamId: string;
  version: number;
  hash: string;
}

const fingerprint = (heads: Iterable<StreamHeadEntry>): string => {
  const h = createHash('sha256');
  for (const x of heads) h.update(`${x.streamId}\t${x.version}\t${x.hash}\n`);
  return h.digest('hex');
};

/** Every stream head below the fence, in stream-id order. */
async function headListBelow(
  pool: pg.Pool,
  fence: string,
): Promise<{ heads: StreamHeadEntry[]; events: bigint; head: bigint }> {
  const r = await pool.query<{ stream_id: string; version: number; hash: string; pos: string; n: string }>(
    `SELECT stream_id, max(version) AS version,
            (array_agg(hash ORDER BY version DESC))[1] AS hash,
            max(global_position)::text AS pos, count(*)::text AS n
       FROM events WHERE transaction_id < $1::xid8
      GROUP BY stream_id ORDER BY stream_id COLLATE "C"`,
    [fence],
  );
  let events = 0n;
  let head = 0n;
  for (const row of r.rows) {
    events += BigInt(row.n);
    if (BigInt(row.pos) > head) head = BigInt(row.pos);
  }
  return {
    heads: r.rows.map((row) => ({ streamId: row.stream_id, version: row.version, hash: row.hash })),
    events,
    head,
  };
}

/** Hash over `streamId \t version \t hash \n` of every stream head below the fence, in stream-id order. */
async function headsBelow(pool: pg.Pool, fence: string): Promise<Heads> {
  const { heads, events, head } = await headListBelow(pool, fence);
  return {
    streams: heads.length,
    events: events.toString(),
    headPosition: head.toString(),
    anchorHash: fingerprint(heads),
  };
}

/**
 * Each anchor also keeps the heads that changed since the anchor before it (`anchor_heads`; the first
 * anchor keeps them all), so verification can name every stream whose head differs — not only say
 * that something does. Below a fence nothing changes any more, so the streams written between two
 * fences are exactly those whose heads moved.
 */
export class CreateAnchorHeads1760000018300 implements MigrationInterface {
  name = 'CreateAnchorHeads1760000018300';
  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE anchors ADD COLUMN heads_kept boolean NOT NULL DEFAULT false');
    await q.query(`CREATE TABLE anchor_heads (
      anchor_id bigint NOT NULL REFERENCES anchors (anchor_id) ON DELETE CASCADE,
      stream_id text NOT NULL,
      version int NOT NULL,
      hash text NOT NULL,
      PRIMARY KEY (stream_id, anchor_id))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS anchor_heads');
    await q.query('ALTER TABLE anchors DROP COLUMN IF EXISTS heads_kept');
  }
}

export async function recordAnchor(pool: pg.Pool): Promise<Anchor> {
  const fence = (
    await pool.query<{ xmin: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin')
  ).rows[0].xmin;
  const heads = await headsBelow(pool, fence);
  // The previous anchor that kept heads: only the streams written since its fence are kept again.
  const previous = await pool.query<{ fence_transaction_id: string }>(
    `SELECT fence_transaction_id FROM anchors WHERE heads_kept ORDER BY anchor_id DESC LIMIT 1`,
  );
  const since = previous.rows[0]?.fence_transaction_id ?? null;
  const r = await pool.query<{ anchor_id: string; created_at: Date }>(
    `INSERT INTO anchors (fence_transaction_id, head_position, streams, events, anchor_hash, heads_kept)
     VALUES ($1, $2, $3, $4, $5, true)
     RETURNING anchor_id::text, created_at`,
    [fence, heads.headPosition, heads.streams, heads.events, heads.anchorHash],
  );
  const anchorId = r.rows[0].anchor_id;
  await pool.query(
    `INSERT INTO anchor_heads (anchor_id, stream_id, version, hash)
     SELECT $1::bigint, stream_id, max(version), (array_agg(hash ORDER BY version DESC))[1]
       FROM events
      WHERE transaction_id < $2::xid8
        AND ($3::text IS NULL OR stream_id IN (
              SELECT DISTINCT stream_id FROM events
               WHERE transaction_id >= $3::xid8 AND transaction_id < $2::xid8))
      GROUP BY stream_id`,
    [anchorId, fence, since],
  );
  return {
    anchorId,
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

/** A stream whose head now differs from the anchored one (null: no such stream then, or now). */
export interface StreamHeadDifference {
  streamId: string;
  anchored: { version: number; hash: string } | null;
  now: { version: number; hash: string } | null;
}

export interface AnchorVerification {
  ok: boolean;
  recomputed: string;
  expected: string;
  /**
   * Every stream whose head differs from the anchor, when the anchor kept its heads (anchors recorded
   * before heads were kept: null). Empty when `ok`.
   */
  differing: StreamHeadDifference[] | null;
  /** The kept heads no longer hash to the anchor: the `anchor_heads` rows were altered as well. */
  keptHeadsAltered: boolean;
}

/** The heads an anchor kept: for each stream, its latest row at or before the anchor. */
async function keptHeads(pool: pg.Pool, anchorId: string): Promise<StreamHeadEntry[] | null> {
  const kept = await pool.query<{ heads_kept: boolean }>(
    'SELECT heads_kept FROM anchors WHERE anchor_id = $1::bigint',
    [anchorId],
  );
  if (!kept.rows[0]?.heads_kept) return null;
  const r = await pool.query<{ stream_id: string; version: number; hash: string }>(
    `SELECT DISTINCT ON (stream_id COLLATE "C") stream_id, version, hash FROM anchor_heads
      WHERE anchor_id <= $1::bigint
      ORDER BY stream_id COLLATE "C", anchor_id DESC`,
    [anchorId],
  );
  return r.rows.map((x) => ({ streamId: x.stream_id, version: x.version, hash: x.hash }));
}

/**
 * Recomputes an anchor from the events now in the store; `anchorHash` may come from a copy kept
 * elsewhere. With an anchor of the table (`anchorId`) that kept its heads, names every stream whose
 * head differs: a stream truncated, rewritten, deleted or added below the fence.
 */
export async function verifyAnchor(
  pool: pg.Pool,
  anchor: { fenceTransactionId: string; anchorHash: string; anchorId?: string },
): Promise<AnchorVerification> {
  const now = await headListBelow(pool, anchor.fenceTransactionId);
  const recomputed = fingerprint(now.heads);
  const ok = recomputed === anchor.anchorHash;
  const kept =
    anchor.anchorId && /^\d+$/.test(anchor.anchorId) ? await keptHeads(pool, anchor.anchorId) : null;
  if (!kept)
    return {
      ok,
      recomputed,
      expected: anchor.anchorHash,
      differing: ok ? [] : null,
      keptHeadsAltered: false,
    };
  const before = new Map(kept.map((h) => [h.streamId, h]));
  const after = new Map(now.heads.map((h) => [h.streamId, h]));
  const differing: StreamHeadDifference[] = [];
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(id);
    const b = after.get(id);
    if (a && b && a.version === b.version && a.hash === b.hash) continue;
    differing.push({
      streamId: id,
      anchored: a ? { version: a.version, hash: a.hash } : null,
      now: b ? { version: b.version, hash: b.hash } : null,
    });
  }
  return {
    ok,
    recomputed,
    expected: anchor.anchorHash,
    differing,
    keptHeadsAltered: fingerprint(kept) !== anchor.anchorHash,
  };
}
