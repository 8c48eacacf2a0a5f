import pg from 'pg';
import { EVENTS_NOTIFY_CHANNEL } from '../notify-channel.js';

/** Least time between two wake-up hints over one pool. */
const HINT_INTERVAL_MS = 5;
/** The hint connection closes after this long without a hint (and never keeps the process alive). */
const HINT_IDLE_MS = 2000;

/**
 * `pg_notify('donthu_events', '')`, best effort, after appends commit: a wake-up hint for subscribers and
 * the projection worker, whose polling stays the guarantee (docs/event-store.md).
 *
 * - **Its own connection**, opened with the options of the writers' pool: a hint never takes a writer's
 *   connection (with 8 writers on a pool of 8, one of them waited for every hint). It is opened at the
 *   first hint, closed after HINT_IDLE_MS without one, and does not keep the process alive.
 * - **Outside the appending transaction**: a NOTIFY inside it would hold a cluster-wide lock through
 *   the append's commit and serialise every concurrent append.
 * - **Asynchronous commit** of the hint's own transaction (`synchronous_commit` off for that
 *   transaction only): the hint writes nothing worth a WAL flush, so it neither waits for one nor
 *   holds the notify lock through one. Losing a hint to a crash loses nothing: readers poll.
 * - **Coalesced**: one in flight, one more queued at most, sent HINT_INTERVAL_MS after the previous at
 *   the earliest (a hint per append would cost about as much as the appends).
 */
export class WakeUpHints {
  private pool: pg.Pool | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(private readonly source: pg.Pool) {}

  send(): void {
    if (this.closed) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const sentAt = Date.now();
    this.inFlight = this.connection()
      .query(
        `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${EVENTS_NOTIFY_CHANNEL}', '')`,
      )
      .then(
        () => undefined,
        () => undefined,
      )
      .then(async () => {
        const wait = HINT_INTERVAL_MS - (Date.now() - sentAt);
        if (this.again && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        this.inFlight = null;
        if (this.again) {
          this.again = false;
          this.send();
        }
      });
  }

  /** Sends nothing more; waits for the hint in flight and closes the connection. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.again = false;
    await this.inFlight;
    const pool = this.pool;
    this.pool = null;
    await pool?.end();
  }

  private connection(): pg.Pool {
    if (!this.pool) {
      // A pool of one: it reconnects after an error and closes its client when idle.
      const pool = new pg.Pool({
        ...this.source.options,
        min: 0,
        max: 1,
        idleTimeoutMillis: HINT_IDLE_MS,
        allowExitOnIdle: true,
      });
      pool.on('error', () => undefined); // a dropped idle client is replaced on the next hint
      this.pool = pool;
    }
    return this.pool;
  }
}
