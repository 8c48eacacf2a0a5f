import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

/** Leases of a runner (docs/projections.md, "Several workers: leases"). */
export interface LeaseOptions {
  /** Who holds the leases; unique per process. Default `hostname:pid:random`. */
  owner?: string;
  /** A lease (and a heartbeat) not renewed for this long is free for others. Default 10 s. */
  ttlMs?: number;
  /** How often the runner heartbeats, renews, releases and acquires. Default 2 s. */
  renewMs?: number;
  /**
   * This process's monotonic clock in milliseconds (default `performance.now`), which decides when the
   * held set stops being trusted. Expiry itself is database time. Tests pass their own to move time.
   */
  monotonicMs?: () => number;
}

/** What one round of the lease protocol did. */
export interface LeaseTick {
  /** Workers seen within the TTL, this one included. */
  live: number;
  /** ceil(projections / live): how many projections this worker may hold. */
  share: number;
  held: string[];
  acquired: string[];
  released: string[];
}

export const DEFAULT_LEASE_TTL_MS = 10_000;
export const DEFAULT_LEASE_RENEW_MS = 2_000;

export function defaultLeaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/**
 * One worker's side of the projection leases. Every round (`tick`, every `renewMs`): heartbeat,
 * count the live workers, renew what it holds, release what is above its fair share (so that a new
 * worker gets some), then take free or expired leases up to its share in one atomic UPDATE. Expiry
 * is database time (`now()`), never this process's clock. A lease is a scheduling device, not the
 * safety net: a batch is still applied under the compare-and-set on its checkpoint, so a lease that
 * expires while a batch is in flight cannot make an event apply twice.
 */
export class ProjectionLeases {
  readonly owner: string;
  readonly ttlMs: number;
  readonly renewMs: number;
  private readonly names: string[];
  private heldNames = new Set<string>();
  /** Local monotonic instant after which the held set is no longer trusted (renewals failing). */
  private trustedUntil = 0;
  private readonly now: () => number;

  constructor(
    private readonly dataSource: DataSource,
    names: string[],
    options: LeaseOptions = {},
  ) {
    this.owner = options.owner ?? defaultLeaseOwner();
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewMs = options.renewMs ?? DEFAULT_LEASE_RENEW_MS;
    this.now = options.monotonicMs ?? (() => performance.now());
    if (!(this.ttlMs > 0) || !(this.renewMs > 0) || this.renewMs >= this.ttlMs)
      throw new Error(
        `lease renewal (${this.renewMs} ms) must be positive and shorter than the TTL (${this.ttlMs} ms)`,
      );
    this.names = [...new Set(names)].sort();
  }

  /** True while this worker holds the lease of `name` (as of its last successful round). */
  holds(name: string): boolean {
    return this.heldNames.has(name) && this.now() < this.trustedUntil;
  }

  get held(): string[] {
    return this.now() < this.trustedUntil ? [...this.heldNames].sort() : [];
  }

  /** One round of the protocol. Each statement commits on its own (no transaction is held open). */
  async tick(): Promise<LeaseTick> {
    const started = this.now();
    // UPDATE … RETURNING is wrapped in a CTE: TypeORM answers a bare UPDATE with [rows, count].
    const q = (sql: string, params: unknown[]): Promise<{ name: string }[]> =>
      this.dataSource.query(
        /^\s*UPDATE/.test(sql) ? `WITH changed AS (${sql}) SELECT name FROM changed` : sql,
        params,
      );
    const me = this.owner;
    const ttl = this.ttlMs;
    await q(
      `INSERT INTO worker_heartbeats (owner, seen_at) VALUES ($1, now())
       ON CONFLICT (owner) DO UPDATE SET seen_at = now()`,
      [me],
    );
    // Forget workers gone for long (only those seen within the TTL count).
    await q(`DELETE FROM worker_heartbeats WHERE seen_at < now() - $1 * interval '1 millisecond'`, [
      ttl * 10,
    ]);
    const liveRows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM worker_heartbeats WHERE seen_at > now() - $1 * interval '1 millisecond'`,
      [ttl],
    );
    const live = Math.max(1, liveRows[0]?.n ?? 1);
    const share = Math.ceil(this.names.length / live);
    await q(`INSERT INTO projection_leases (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING`, [
      this.names,
    ]);
    // Renew: the owner column changes only by an atomic take-over, so `owner = me` means nobody
    // else has it, even if it expired meanwhile.
    const renewed = (
      await q(
        `UPDATE projection_leases SET expires_at = now() + $2 * interval '1 millisecond', heartbeat_at = now()
         WHERE owner = $1 AND name = ANY($3::text[]) RETURNING name`,
        [me, ttl, this.names],
      )
    )
      .map((r) => r.name)
      .sort();
    let kept = renewed;
    let released: string[] = [];
    if (renewed.length > share) {
      kept = renewed.slice(0, share);
      released = (
        await q(
          `UPDATE projection_leases SET owner = NULL, expires_at = NULL, heartbeat_at = NULL
           WHERE owner = $1 AND name = ANY($2::text[]) RETURNING name`,
          [me, renewed.slice(share)],
        )
      ).map((r) => r.name);
    }
    let acquired: string[] = [];
    if (kept.length < share) {
      // Free (never held, released) or expired leases, up to the share, in one statement. The
      // outer WHERE is re-checked on the row's newest version if another worker took it meanwhile.
      acquired = (
        await q(
          `UPDATE projection_leases
           SET owner = $1, expires_at = now() + $2 * interval '1 millisecond', heartbeat_at = now()
           WHERE name IN (
               SELECT name FROM projection_leases
               WHERE name = ANY($3::text[]) AND (owner IS NULL OR expires_at < now())
               ORDER BY name LIMIT $4
               FOR UPDATE SKIP LOCKED)
             AND (owner IS NULL OR expires_at < now() OR owner = $1)
           RETURNING name`,
          [me, ttl, this.names, share - kept.length],
        )
      ).map((r) => r.name);
    }
    this.heldNames = new Set([...kept, ...acquired]);
    // The database stamped the leases no earlier than `started`; stop trusting them a little
    // before they can expire, in case the next renewal does not get through.
    this.trustedUntil = started + ttl - Math.min(ttl / 5, 1000);
    return {
      live,
      share,
      held: [...this.heldNames].sort(),
      acquired: acquired.sort(),
      released: released.sort(),
    };
  }

  /** Graceful stop: gives every lease back and removes the heartbeat, so others take over at once. */
  async release(): Promise<void> {
    this.heldNames = new Set();
    this.trustedUntil = 0;
    await this.dataSource.query(
      `UPDATE projection_leases SET owner = NULL, expires_at = NULL, heartbeat_at = NULL WHERE owner = $1`,
      [this.owner],
    );
    await this.dataSource.query('DELETE FROM worker_heartbeats WHERE owner = $1', [this.owner]);
  }
}
