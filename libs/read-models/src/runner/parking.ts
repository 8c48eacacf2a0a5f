import type { StoredEvent, SqlQuery } from '../../../event-store/src/index.js';

/**
 * Poison events (docs/projections.md, "A poison event parks its projection"). An event a projection
 * cannot apply — its evolve throws, or the database refuses a value it produced (a date out of range,
 * a value too long, a broken constraint) — would fail the same batch for ever. The runner then parks
 * that projection on that event: it records where and why in `projection_parked` and skips it until
 * someone retries it, while every other projection goes on.
 *
 * Only errors that retrying cannot cure park a projection. A lost connection, a deadlock, a server
 * shutting down are transient: the batch is retried as before.
 */

/** Where a projection is parked; `error` is a stable code, never text from the event. */
export interface ParkedProjection {
  name: string;
  position: string;
  transactionId: string;
  streamId: string;
  eventId: string;
  eventType: string;
  error: string;
  parkedAt: string;
}

/** Thrown by evolve/groupsOf failures, so the runner can tell them from database errors. */
export class EvolveFailed extends Error {
  constructor(cause: unknown) {
    super('projection evolve failed', { cause });
    this.name = 'EvolveFailed';
  }
}

/** A rebuild met an event it cannot apply (the rebuild's table and checkpoint are removed). */
export class PoisonEvent extends Error {
  constructor(
    readonly projection: string,
    readonly event: Pick<StoredEvent, 'globalPosition' | 'streamId' | 'eventId' | 'type'>,
    readonly code: string,
  ) {
    super(
      `${projection} cannot apply the event at position ${event.globalPosition} (stream ${event.streamId}, ` +
        `event ${event.eventId}, ${event.type}): ${code}`,
    );
    this.name = 'PoisonEvent';
  }
}

const SQLSTATE_CODES: Record<string, string> = {
  '22007': 'INVALID_DATE',
  '22008': 'INVALID_DATE',
  '22003': 'NUMBER_OUT_OF_RANGE',
  '22001': 'VALUE_TOO_LONG',
  '22021': 'INVALID_ENCODING',
  '22P05': 'INVALID_ENCODING',
  '22P02': 'INVALID_VALUE',
  '23502': 'MISSING_VALUE',
  '23505': 'DUPLICATE_KEY',
  '23503': 'MISSING_REFERENCE',
  '23514': 'CHECK_VIOLATED',
};

function sqlState(err: unknown): string | null {
  if (err === null || typeof err !== 'object') return null;
  const e = err as { code?: unknown; driverError?: { code?: unknown } };
  const code = typeof e.code === 'string' ? e.code : e.driverError?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/**
 * The stable code under which an error parks a projection, or null when the error is transient (the
 * batch is retried). Data exceptions (SQLSTATE class 22), integrity violations (class 23) and evolve
 * failures park; anything else — connections, deadlocks, shutdowns — does not.
 */
export function poisonCode(err: unknown): string | null {
  if (err instanceof EvolveFailed) return 'EVOLVE_FAILED';
  const state = sqlState(err);
  if (!state) return null;
  if (SQLSTATE_CODES[state]) return SQLSTATE_CODES[state];
  if (state.startsWith('22')) return 'INVALID_VALUE';
  if (state.startsWith('23')) return 'CONSTRAINT_VIOLATED';
  return null;
}

export async function parkProjection(
  q: SqlQuery,
  name: string,
  event: StoredEvent,
  code: string,
): Promise<void> {
  await q(
    `INSERT INTO projection_parked (name, position, transaction_id, stream_id, event_id, event_type, error)
     VALUES ($1, $2::bigint, $3, $4, $5, $6, $7) ON CONFLICT (name) DO NOTHING`,
    [name, event.globalPosition, event.transactionId, event.streamId, event.eventId, event.type, code],
  );
}

export async function readParked(q: SqlQuery, names?: string[]): Promise<ParkedProjection[]> {
  const rows = await q(
    `SELECT name, position::text AS position, transaction_id, stream_id, event_id, event_type, error,
            parked_at FROM projection_parked${names ? ' WHERE name = ANY($1)' : ''} ORDER BY name`,
    names ? [names] : [],
  );
  return rows.map((r) => ({
    name: String(r.name),
    position: String(r.position),
    transactionId: String(r.transaction_id),
    streamId: String(r.stream_id),
    eventId: String(r.event_id),
    eventType: String(r.event_type),
    error: String(r.error),
    parkedAt: r.parked_at instanceof Date ? r.parked_at.toISOString() : String(r.parked_at),
  }));
}

/** Removes the parking of `name`; true when it was parked. */
export async function unpark(q: SqlQuery, name: string): Promise<boolean> {
  const rows = await q('DELETE FROM projection_parked WHERE name = $1 RETURNING name', [name]);
  return rows.length > 0;
}
