import pg from 'pg';
import {
  DuplicateEventId,
  VersionConflict,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type FoldEvent,
  type NewEvent,
  type ReadAllOfTypesOptions,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamHead,
  type TypedBatch,
  type VerifyResult,
} from '../event-store.port.js';
import type { EventTypeRegistry } from '../event-type-registry.js';
import { normalizeExpected, prepareEvents, type PreparedEvent } from '../prepare-event.js';
import { GENESIS_HASH, canonicalJson, computeEventHash, computeEventHashOfCanonical } from '../hash-chain.js';
import { EVENTS_NOTIFY_CHANNEL } from '../notify-channel.js';
import { WakeUpHints } from './wake-up-hints.js';

export interface PostgresEventStoreOptions {
  pool: pg.Pool;
  /** When given, every read upcasts payloads and throws UnknownEventType for types it does not know. */
  registry?: EventTypeRegistry;
  /** Source of `recordedAt` only. Default: real time. */
  clock?: () => Date;
  /**
   * How many stream heads (version → hash, immutable once committed) to remember so that an append at a
   * known expected version skips its head read. 0 disables. Default 10,000.
   */
  headCacheSize?: number;
  /** Page size of listStreams and verifyStream. Default 1,000. */
  pageSize?: number;
  /** When true, close() ends the pool. Default false: a store never ends a pool it was handed. */
  ownsPool?: boolean;
  /**
   * Send `pg_notify('donthu_events', '')` after appends as a wake-up hint for subscribers, on a connection
   * of its own outside the pool (coalesced: at most one in flight, see WakeUpHints). Default true.
   */
  notify?: boolean;
}

/** Something that runs a query: a pool (autocommit) or one client (possibly inside a transaction). */
type Queryable = pg.Pool | pg.ClientBase;

interface EventRow {
  pos: string;
  txid: string;
  stream_id: string;
  version: number;
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  prev_hash: string;
  hash: string;
}

type Outcome = { kind: 'done'; result: AppendResult } | { kind: 'conflict'; actual: number };

// Output names differ from column names on purpose: ORDER BY resolves a bare name to an output column
// first, and ordering by the text of a position would be wrong ('999' > '1000').
// occurred_at / recorded_at are not selected: the same instants are in the (hashed) metadata as ISO strings,
// and parsing timestamptz into Dates costs more than reading the whole payload.
const COLUMNS = `global_position::text AS pos, transaction_id::text AS txid, stream_id, version,
  event_id::text AS id, type, data, metadata, prev_hash, hash`;

const MAX_VERSION = 2147483647;
const MAX_ANY_ATTEMPTS = 25;

/**
 * The PostgreSQL event store (also serves embedded PGlite through its socket). Table and algorithm:
 * docs/event-store.md.
 *
 * Append = one INSERT statement (its own transaction, or a savepoint inside the caller's transaction).
 * The unique (stream_id, version) index is the concurrency fence: whoever inserts version n+1 first
 * wins; the other statement waits for it and then fails with 23505, which is classified as an idempotent
 * retry, a DuplicateEventId or a VersionConflict. Nothing is ever partly written.
 */
export class PostgresEventStore implements EventStore {
  private readonly pool: pg.Pool;
  private readonly registry: EventTypeRegistry | undefined;
  private readonly clock: () => Date;
  private readonly headCacheSize: number;
  private readonly pageSize: number;
  private readonly ownsPool: boolean;
  private readonly notify: boolean;
  /** Shared with the stores withRegistry derives; closed by the store that created it. */
  private readonly hints: WakeUpHints | null;
  private readonly ownsHints: boolean;
  private readonly heads = new Map<string, { version: number; hash: string }>();
  private closed = false;

  /** `hints` is internal: withRegistry hands its own to the sibling it creates. */
  constructor(options: PostgresEventStoreOptions, hints?: WakeUpHints) {
    this.pool = options.pool;
    this.registry = options.registry;
    this.clock = options.clock ?? (() => new Date());
    this.headCacheSize = options.headCacheSize ?? 10_000;
    this.pageSize = options.pageSize ?? 1000;
    this.ownsPool = options.ownsPool ?? false;
    this.notify = options.notify ?? true;
    this.ownsHints = this.notify && hints === undefined;
    this.hints = this.notify ? (hints ?? new WakeUpHints(this.pool)) : null;
  }

  /** A store with its own pool over `url`; close() ends that pool. */
  static connect(
    url: string,
    options: Omit<PostgresEventStoreOptions, 'pool' | 'ownsPool'> & { max?: number } = {},
  ): PostgresEventStore {
    const { max, ...rest } = options;
    const pool = new pg.Pool({ connectionString: url, max: max ?? 10 });
    // An idle client that dies (server restart, terminated backend) is dropped by the pool; without a
    // listener that 'error' would crash the process. The next query simply opens a new connection.
    pool.on('error', () => undefined);
    return new PostgresEventStore({ ...rest, pool, ownsPool: true });
  }

  /** The same database and pool seen through another registry (e.g. a reader that knows other types). */
  withRegistry(registry: EventTypeRegistry | undefined): PostgresEventStore {
    return new PostgresEventStore(
      {
        pool: this.pool,
        registry,
        clock: this.clock,
        headCacheSize: this.headCacheSize,
        pageSize: this.pageSize,
        ownsPool: false,
        notify: this.notify,
      },
      this.hints ?? undefined,
    );
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.appendVia(this.pool, false, streamId, events, options);
  }

  /**
   * Appends inside a transaction the caller opened on `client` (BEGIN … COMMIT are the caller's), e.g. to
   * write other rows atomically with the events. Uses a savepoint, so a conflict leaves the caller's
   * transaction usable. While that transaction is open its events hold back readAll (the fence).
   */
  async appendInTransaction(
    client: pg.ClientBase,
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    return this.appendVia(client, true, streamId, events, options);
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.selectStream(streamId, options);
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * readStream narrowed to what a fold needs: version, position, type and (upcast) data. Reading and
   * parsing the metadata and ids costs about as much as the payloads themselves, so beyond the fold's
   * columns the statement returns only
   * - the hash (for the head cache, from the last row: an append after a fold skips its head read;
   *   selecting it for the last row alone, by a subquery or a window, costs the server more than
   *   sending it);
   * - the stored schemaVersion, and only when a registry will upcast (nothing else reads it), as the
   *   text of its JSON, so that the driver does not JSON-parse a value per row.
   * Rows come as arrays: no keyed row object per event before the event itself. No hash is checked on
   * any read: tamper evidence is verifyStream's, over the raw rows.
   */
  async readStreamForFold(streamId: string, options: ReadStreamOptions = {}): Promise<FoldEvent[]> {
    const { where, values } = streamFilter(streamId, options);
    const upcasting = this.registry !== undefined;
    const { rows } = await this.pool.query<
      [string, number, string, Record<string, unknown>, string, string | null]
    >({
      text: `SELECT global_position::text, version, type, data, hash${upcasting ? `, (metadata->'schemaVersion')::text` : ''}
          FROM events WHERE ${where} ORDER BY version`,
      values,
      rowMode: 'array',
    });
    const events: FoldEvent[] = new Array<FoldEvent>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [pos, version, type, data, , sv] = rows[i];
      events[i] = {
        streamId,
        version,
        globalPosition: pos,
        type,
        data: upcasting ? this.upcast(type, schemaVersionOfJson(sv), data).data : data,
      };
    }
    const last = rows[rows.length - 1];
    if (last) this.remember(streamId, last[1], last[4]);
    return events;
  }

  /** Like readStream but returns payloads exactly as stored (no upcasting): for exports and audits. */
  async readStreamRaw(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const rows = await this.selectStream(streamId, options);
    return rows.map((row) => toRawEvent(row));
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const limit = Math.max(1, Math.floor(options.limit));
    const { rows } = await this.pool.query<EventRow>({
      text: `SELECT ${COLUMNS} FROM events
        WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      values: [options.after.transactionId, options.after.position, limit],
    });
    return rows.map((row) => this.toStoredEvent(row));
  }

  /**
   * The batch of `readAll` narrowed to `types`, in one statement (one snapshot): the batch's span is
   * found on the (transaction_id, global_position) index alone, then only the rows of the types asked
   * for are fetched inside it — the payloads of the others are never sent or parsed. The rows are
   * reached from the span's positions, one primary-key probe each (`OFFSET 0` keeps the planner from
   * turning the probes into a join): a range condition on the span's bounds, or a plain join when the
   * types asked are rare, let it scan the whole table for every batch (0.85 s a batch at 1M events,
   * against 15–20 ms with the probes).
   */
  async readAllOfTypes(options: ReadAllOfTypesOptions): Promise<TypedBatch> {
    const limit = Math.max(1, Math.floor(options.limit));
    const { rows } = await this.pool.query<
      { n: number; through_txid: string; through_pos: string } & Partial<EventRow>
    >({
      text: `WITH span AS (
          SELECT transaction_id, global_position FROM events
           WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
             AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY transaction_id, global_position
           LIMIT $3),
        edge AS (
          SELECT transaction_id, global_position, (SELECT count(*) FROM span)::int AS n FROM span
           ORDER BY transaction_id DESC, global_position DESC
           LIMIT 1)
        SELECT edge.n, edge.transaction_id::text AS through_txid, edge.global_position::text AS through_pos, e.*
          FROM edge LEFT JOIN LATERAL (
            SELECT ev.* FROM span CROSS JOIN LATERAL (
              SELECT ${COLUMNS}, transaction_id AS t, global_position AS g FROM events
               WHERE events.global_position = span.global_position AND type = ANY($4::text[])
              OFFSET 0) ev) e ON true
         ORDER BY e.t, e.g`,
      values: [options.after.transactionId, options.after.position, limit, [...options.types]],
    });
    const first = rows[0];
    if (!first) return { events: [], count: 0, through: null };
    return {
      events: rows
        .filter((r) => r.pos !== null && r.pos !== undefined)
        .map((r) => this.toStoredEvent(r as EventRow)),
      count: first.n,
      through: { transactionId: first.through_txid, position: first.through_pos },
    };
  }

  async headPosition(): Promise<string> {
    const { rows } = await this.pool.query<{ p: string }>(
      `SELECT coalesce(max(global_position), 0)::text AS p FROM events`,
    );
    return rows[0].p;
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const { rows } = await this.pool.query<{ version: number; position: string; hash: string }>({
      text: `SELECT version, global_position::text AS position, hash FROM events
        WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      values: [streamId],
    });
    if (rows.length === 0) return null;
    this.remember(streamId, rows[0].version, rows[0].hash);
    return rows[0];
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    let expectedVersion = 1;
    let prev = GENESIS_HASH;
    let after = 0;
    for (;;) {
      // Raw rows: the chain covers the stored payload, never an upcast view of it.
      // The unhashed columns too: as-of reads filter on recorded_at, so an edit of it (or of
      // occurred_at) in SQL must break verification like an edit of the payload does.
      const { rows } = await this.pool.query<EventRow & { recorded_ms: string; occurred_ms: string }>({
        text: `SELECT ${COLUMNS}, (extract(epoch FROM recorded_at) * 1000)::numeric(20,0)::text AS recorded_ms,
                 (extract(epoch FROM occurred_at) * 1000)::numeric(20,0)::text AS occurred_ms
                 FROM events WHERE stream_id = $1 AND version > $2 ORDER BY version LIMIT $3`,
        values: [streamId, after, this.pageSize],
      });
      for (const row of rows) {
        const sameInstant = (column: string, hashed: unknown) =>
          typeof hashed === 'string' && Number(column) === Date.parse(hashed);
        if (
          !sameInstant(row.recorded_ms, row.metadata?.recordedAt) ||
          !sameInstant(row.occurred_ms, row.metadata?.occurredAt)
        ) {
          return { ok: false, brokenAt: { version: row.version, position: row.pos } };
        }
        const recomputed = computeEventHash(prev, {
          streamId: row.stream_id,
          version: row.version,
          eventId: row.id,
          type: row.type,
          data: row.data,
          metadata: row.metadata,
        });
        if (row.version !== expectedVersion || row.prev_hash !== prev || row.hash !== recomputed) {
          return { ok: false, brokenAt: { version: row.version, position: row.pos } };
        }
        prev = row.hash;
        expectedVersion++;
        after = row.version;
      }
      if (rows.length < this.pageSize) break;
    }
    return { ok: true, events: expectedVersion - 1, headHash: prev };
  }

  async *listStreams(): AsyncIterable<string> {
    let after: string | null = null;
    for (;;) {
      const result: pg.QueryResult<{ stream_id: string }> = await this.pool.query<{ stream_id: string }>({
        text: `SELECT DISTINCT stream_id FROM events WHERE $1::text IS NULL OR stream_id > $1
          ORDER BY stream_id LIMIT $2`,
        values: [after, this.pageSize],
      });
      for (const row of result.rows) yield row.stream_id;
      if (result.rows.length < this.pageSize) return;
      after = result.rows[result.rows.length - 1].stream_id;
    }
  }

  /** Ends the pool only when the store created it (connect) or was told it owns it; otherwise a no-op. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.heads.clear();
    if (this.ownsHints) await this.hints?.close();
    if (this.ownsPool) await this.pool.end();
  }

  // ---------------------------------------------------------------------------------------------------

  private async appendVia(
    q: Queryable,
    inTransaction: boolean,
    streamId: string,
    events: NewEvent[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    if (typeof streamId !== 'string' || streamId.length === 0)
      throw new Error('streamId must be a non-empty string');
    const expected = normalizeExpected(options.expectedVersion);
    if (events.length === 0) return this.appendNothing(q, streamId, expected, options.expectedVersion);

    const recordedAt = this.clock().toISOString();
    const prepared = prepareEvents(events, options, recordedAt);
    const seen = new Set<string>();
    for (const e of prepared) {
      if (seen.has(e.eventId)) throw new DuplicateEventId(e.eventId);
      seen.add(e.eventId);
    }

    for (let attempt = 1; ; attempt++) {
      const prev = await this.resolvePrevious(q, streamId, expected);
      let outcome: Outcome;
      if (prev === null) {
        outcome = await this.classify(q, inTransaction, streamId, prepared, expected);
      } else {
        const rows = chain(streamId, prev, prepared);
        try {
          const result = await this.insert(q, inTransaction, streamId, prev.version, prepared, rows);
          if (inTransaction) {
            // Delivered when the caller commits (and dropped if it rolls back).
            if (this.notify) await q.query(`SELECT pg_notify('${EVENTS_NOTIFY_CHANNEL}', '')`);
          } else {
            this.remember(streamId, result.nextVersion, rows[rows.length - 1].hash);
            if (!this.closed) this.hints?.send();
          }
          return { ...result, recordedAt };
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          outcome = await this.classify(q, inTransaction, streamId, prepared, expected);
        }
      }
      if (outcome.kind === 'done') return outcome.result;
      if (expected !== 'any' || attempt >= MAX_ANY_ATTEMPTS) {
        throw new VersionConflict(streamId, options.expectedVersion, outcome.actual);
      }
    }
  }

  private async appendNothing(
    q: Queryable,
    streamId: string,
    expected: number | 'any',
    asGiven: ExpectedVersion,
  ): Promise<AppendResult> {
    const { rows } = await q.query<{ version: number; position: string }>({
      text: `SELECT version, global_position::text AS position FROM events
        WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      values: [streamId],
    });
    const version = rows[0]?.version ?? 0;
    if (expected !== 'any' && expected !== version) throw new VersionConflict(streamId, asGiven, version);
    return { nextVersion: version, lastPosition: rows[0]?.position ?? '0' };
  }

  /** The event the append chains onto, or null when the expected version does not exist. */
  private async resolvePrevious(
    q: Queryable,
    streamId: string,
    expected: number | 'any',
  ): Promise<{ version: number; hash: string } | null> {
    if (expected === 0) return { version: 0, hash: GENESIS_HASH };
    if (expected === 'any') {
      const { rows } = await q.query<{ version: number; hash: string }>({
        text: `SELECT version, hash FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
        values: [streamId],
      });
      return rows[0] ?? { version: 0, hash: GENESIS_HASH };
    }
    const cached = this.heads.get(streamId);
    if (cached && cached.version === expected) return cached;
    const { rows } = await q.query<{ hash: string }>({
      text: `SELECT hash FROM events WHERE stream_id = $1 AND version = $2`,
      values: [streamId, expected],
    });
    return rows.length === 0 ? null : { version: expected, hash: rows[0].hash };
  }

  private async insert(
    q: Queryable,
    inTransaction: boolean,
    streamId: string,
    base: number,
    prepared: PreparedEvent[],
    rows: { prevHash: string; hash: string }[],
  ): Promise<AppendResult> {
    const values: unknown[] = [streamId];
    const tuples: string[] = [];
    prepared.forEach((e, i) => {
      const p = values.length;
      tuples.push(
        `($1, $${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}::jsonb, $${p + 6}, $${p + 7}, $${p + 8}, $${p + 9})`,
      );
      values.push(
        base + i + 1,
        e.eventId,
        e.type,
        e.dataJson,
        e.metadataJson,
        e.occurredAt,
        e.recordedAt,
        rows[i].prevHash,
        rows[i].hash,
      );
    });
    const text = `INSERT INTO events
      (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
      VALUES ${tuples.join(', ')} RETURNING global_position::text AS p`;
    if (inTransaction) await q.query('SAVEPOINT donthu_append');
    let result: pg.QueryResult<{ p: string }>;
    try {
      result = await q.query<{ p: string }>({ text, values });
    } catch (error) {
      if (inTransaction) await q.query('ROLLBACK TO SAVEPOINT donthu_append');
      throw error;
    }
    if (inTransaction) await q.query('RELEASE SAVEPOINT donthu_append');
    let last = 0n;
    for (const row of result.rows) if (BigInt(row.p) > last) last = BigInt(row.p);
    return { nextVersion: base + prepared.length, lastPosition: last.toString() };
  }

  /**
   * After a failed insert (or a missing expected version): the same append already done → its result;
   * an id stored anywhere else → DuplicateEventId; otherwise a version conflict with the actual head.
   */
  private async classify(
    q: Queryable,
    inTransaction: boolean,
    streamId: string,
    prepared: PreparedEvent[],
    expected: number | 'any',
  ): Promise<Outcome> {
    const ids = prepared.map((e) => e.eventId);
    const { rows } = await q.query<{
      stream_id: string;
      version: number;
      event_id: string;
      position: string;
      recorded_at: string | null;
    }>({
      text: `SELECT stream_id, version, event_id::text AS event_id, global_position::text AS position,
          metadata->>'recordedAt' AS recorded_at
        FROM events WHERE event_id = ANY($1::uuid[])`,
      values: [ids],
    });
    const byId = new Map(rows.map((r) => [r.event_id, r]));
    if (byId.size === ids.length) {
      const first = byId.get(ids[0]);
      const sameAppend =
        first !== undefined &&
        (expected === 'any' || first.version === expected + 1) &&
        ids.every((id, i) => {
          const r = byId.get(id);
          return r !== undefined && r.stream_id === streamId && r.version === first.version + i;
        });
      if (sameAppend) {
        const last = byId.get(ids[ids.length - 1]);
        if (last) {
          // Inside a caller's transaction the rows may be its own, uncommitted: do not cache them.
          if (!inTransaction)
            this.remember(streamId, last.version, await this.hashAt(q, streamId, last.version));
          // The same answer as the append it repeats, with the instant it was recorded then.
          const result: AppendResult = { nextVersion: last.version, lastPosition: last.position };
          if (last.recorded_at) result.recordedAt = last.recorded_at;
          return { kind: 'done', result };
        }
      }
    }
    const stored = ids.find((id) => byId.has(id));
    if (stored !== undefined) throw new DuplicateEventId(stored);
    const { rows: head } = await q.query<{ version: number }>({
      text: `SELECT version FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      values: [streamId],
    });
    return { kind: 'conflict', actual: head[0]?.version ?? 0 };
  }

  private async hashAt(q: Queryable, streamId: string, version: number): Promise<string> {
    const { rows } = await q.query<{ hash: string }>({
      text: `SELECT hash FROM events WHERE stream_id = $1 AND version = $2`,
      values: [streamId, version],
    });
    return rows[0].hash;
  }

  private async selectStream(streamId: string, options: ReadStreamOptions): Promise<EventRow[]> {
    const { where, values } = streamFilter(streamId, options);
    const { rows } = await this.pool.query<EventRow>({
      text: `SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY version`,
      values,
    });
    const last = rows[rows.length - 1];
    if (last) this.remember(streamId, last.version, last.hash);
    return rows;
  }

  /** Remembers a committed (version, hash) pair of a stream; such a pair never changes. */
  private remember(streamId: string, version: number, hash: string): void {
    if (this.headCacheSize <= 0) return;
    const known = this.heads.get(streamId);
    if (known && known.version >= version) return;
    this.heads.delete(streamId);
    this.heads.set(streamId, { version, hash });
    if (this.heads.size > this.headCacheSize) {
      const oldest = this.heads.keys().next();
      if (!oldest.done) this.heads.delete(oldest.value);
    }
  }

  private toStoredEvent(row: EventRow): StoredEvent {
    const event = toRawEvent(row);
    if (!this.registry) return event;
    const { stored, data, schemaVersion } = this.upcast(event.type, event.metadata.schemaVersion, event.data);
    return {
      ...event,
      data,
      metadata: schemaVersion === stored ? event.metadata : { ...event.metadata, schemaVersion },
    };
  }

  /** The registry's view of a payload stored under `schemaVersion` (metadata's; 1 when not a number). */
  private upcast(
    type: string,
    schemaVersion: unknown,
    data: Record<string, unknown>,
  ): { stored: number; data: Record<string, unknown>; schemaVersion: number } {
    const stored = typeof schemaVersion === 'number' ? schemaVersion : 1;
    if (!this.registry) return { stored, data, schemaVersion: stored };
    return { stored, ...this.registry.upcast(type, stored, data) };
  }
}

/**
 * The stored schemaVersion from the text of its JSON: the JSON text of a number reads the same through
 * Number as through JSON.parse; any other JSON value (a string, null) or none gives null, which upcast
 * treats as a non-number (version 1), as for a parsed metadata.
 */
function schemaVersionOfJson(json: string | null): number | null {
  if (json === null) return null;
  const n = Number(json);
  return Number.isNaN(n) ? null : n;
}

/** The WHERE clause (and its values) of a stream read. */
function streamFilter(streamId: string, options: ReadStreamOptions): { where: string; values: unknown[] } {
  const values: unknown[] = [streamId];
  let where = 'stream_id = $1';
  if (options.fromVersion !== undefined) {
    values.push(options.fromVersion);
    where += ` AND version >= $${values.length}`;
  }
  if (options.toVersion !== undefined) {
    values.push(Math.min(options.toVersion, MAX_VERSION));
    where += ` AND version <= $${values.length}`;
  }
  if (options.asOf !== undefined) {
    values.push(options.asOf);
    where += ` AND recorded_at <= $${values.length}::timestamptz`;
  }
  return { where, values };
}

function toRawEvent(row: EventRow): StoredEvent {
  return {
    streamId: row.stream_id,
    version: row.version,
    globalPosition: row.pos,
    transactionId: row.txid,
    eventId: row.id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.metadata.occurredAt,
    recordedAt: row.metadata.recordedAt,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function chain(
  streamId: string,
  prev: { version: number; hash: string },
  prepared: PreparedEvent[],
): { prevHash: string; hash: string }[] {
  let prevHash = prev.hash;
  // Events of one append usually share their metadata (prepareEvents): canonicalised once.
  const canonicalMetadata = new Map<Record<string, unknown>, string>();
  return prepared.map((e, i) => {
    let metadata = canonicalMetadata.get(e.metadata);
    if (metadata === undefined) {
      metadata = canonicalJson(e.metadata);
      canonicalMetadata.set(e.metadata, metadata);
    }
    const hash = computeEventHashOfCanonical(prevHash, {
      streamId,
      version: prev.version + i + 1,
      eventId: e.eventId,
      type: e.type,
      canonicalData: canonicalJson(e.data),
      canonicalMetadata: metadata,
    });
    const link = { prevHash, hash };
    prevHash = hash;
    return link;
  });
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}
