/**
 * The event-store scenarios, shared by bench:store (all of them, with diagnostics) and bench:rebuild
 * (the four rows of the performance issue): each measures our PostgresEventStore against the raw SQL it
 * is built on, side by side in one run on the same database, and returns rows to print. Never asserts.
 *
 * Fairness: the raw baseline writes the same rows (same payloads, same metadata, same columns) into
 * `raw_events`, a table of the same shape with the same indexes and constraints as `events`, through a
 * pool of its own of the same size; ours and raw alternate in chunks (raw, ours, ours, raw, …) so that
 * the drift of a shared machine (other jobs, autovacuum, caches) hits both alike.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  PostgresEventStore,
  START_OF_LOG,
  runEventStoreMigrations,
  type AppendOptions,
  type GlobalCheckpoint,
  type NewEvent,
} from '../libs/event-store/src/index.js';
import { ms, percentile } from './support.js';

/** One measured line: ours next to raw, the ratio ours ÷ raw and its target. */
export interface StoreRow {
  scenario: string;
  ours: string;
  raw: string;
  ratio: number;
  /** e.g. '≥ 0.80'; '(info)' for a line without a target. */
  target: string;
  met: boolean | null;
}

const HASH = 'f'.repeat(64);

export const benchPayload = (n: number): Record<string, unknown> => ({
  title: `Đơn khiếu nại số ${n} về quyết định hành chính`,
  unitId: `unit-${n % 37}`,
  channel: 'post',
  n,
  tags: ['khieu-nai', 'uu-tien'],
});
const appendMetadata = (): AppendOptions['metadata'] => ({
  actor: { id: 'u-1', name: 'Bench', roles: ['handler'] },
  correlationId: randomUUID(),
  causationId: null,
});
const rawMetadata = (at: string): string =>
  JSON.stringify({ ...appendMetadata(), occurredAt: at, recordedAt: at, schemaVersion: 1 });

/** `raw_events`: the shape, constraints and indexes of `events` (migration CreateEvents). */
export async function createRawEventsTable(pool: pg.Pool): Promise<void> {
  await pool.query(`CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
  await pool.query(`CREATE SEQUENCE raw_events_seq OWNED BY raw_events.global_position`);
  await pool.query(`ALTER TABLE raw_events ALTER global_position SET DEFAULT nextval('raw_events_seq'),
    ADD PRIMARY KEY (global_position), ADD UNIQUE (event_id), ADD UNIQUE (stream_id, version)`);
  await pool.query(`CREATE INDEX ON raw_events (transaction_id, global_position)`);
}

/** Runs `total` operations spread over `writers` concurrent loops; returns [operations, milliseconds]. */
async function timed(
  writers: number,
  total: number,
  op: (writer: number, i: number) => Promise<void>,
): Promise<[number, number]> {
  const per = Math.ceil(total / writers);
  const started = ms();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < per; i++) await op(w, i);
    }),
  );
  return [per * writers, ms() - started];
}

export interface AppendScenario {
  batch: number;
  writers: number;
  /** Appends for each side (ours, raw), in `chunks` alternating chunks. */
  appends: number;
  /** Default 4: raw, ours, ours, raw. */
  chunks?: number;
  /** The target of ours ÷ raw. */
  target: number;
}

/**
 * Appends of `batch` events by `writers` concurrent writers: `store.append` at a known expected version
 * (as a command handler appends after its fold) against one INSERT of the same rows per transaction.
 * Each writer owns 10 streams.
 */
export async function appendScenario(
  store: PostgresEventStore,
  rawPool: pg.Pool,
  s: AppendScenario,
): Promise<StoreRow> {
  const { batch, writers, appends } = s;
  const chunks = Math.max(2, s.chunks ?? 4);
  const tag = randomUUID().slice(0, 8);
  const ourVersions = new Map<string, number>();
  const rawVersions = new Map<string, number>();
  const streamOf = (w: number, i: number): string => `bench-${tag}-${w}-${i % 10}`;

  const ours = async (w: number, i: number): Promise<void> => {
    const stream = streamOf(w, i);
    const v = ourVersions.get(stream) ?? 0;
    const events: NewEvent[] = Array.from({ length: batch }, (_, k) => ({
      eventId: randomUUID(),
      type: 'CaseNoted',
      data: benchPayload(i * batch + k),
    }));
    const r = await store.append(stream, events, {
      expectedVersion: v === 0 ? 'no_stream' : v,
      metadata: appendMetadata(),
    });
    ourVersions.set(stream, r.nextVersion);
  };
  const raw = async (w: number, i: number): Promise<void> => {
    const stream = streamOf(w, i);
    const v = rawVersions.get(stream) ?? 0;
    const values: unknown[] = [stream];
    const tuples: string[] = [];
    const at = new Date().toISOString();
    for (let k = 0; k < batch; k++) {
      const p = values.length;
      tuples.push(
        `($1, $${p + 1}, $${p + 2}, 'CaseNoted', $${p + 3}::jsonb, $${p + 4}::jsonb, $${p + 5}, $${p + 5}, $${p + 6}, $${p + 6})`,
      );
      values.push(
        v + k + 1,
        randomUUID(),
        JSON.stringify(benchPayload(i * batch + k)),
        rawMetadata(at),
        at,
        HASH,
      );
    }
    await rawPool.query(
      `INSERT INTO raw_events (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at,
        prev_hash, hash) VALUES ${tuples.join(', ')}`,
      values,
    );
    rawVersions.set(stream, v + batch);
  };

  // Warm both paths up, then alternate chunks: raw, ours, ours, raw, raw, ours, …
  await timed(writers, Math.min(100, appends), (w, i) => ours(w, i + 1_000_000));
  await timed(writers, Math.min(100, appends), (w, i) => raw(w, i + 1_000_000));
  const chunk = Math.max(writers, Math.floor(appends / chunks));
  const total = { ours: [0, 0], raw: [0, 0] };
  for (let c = 0; c < chunks; c++) {
    const order: ('ours' | 'raw')[] = c % 2 === 0 ? ['raw', 'ours'] : ['ours', 'raw'];
    for (const side of order) {
      const op = side === 'ours' ? ours : raw;
      const [n, t] = await timed(writers, chunk, (w, i) => op(w, i + c * chunk));
      total[side][0] += n;
      total[side][1] += t;
    }
  }
  const o = (total.ours[0] * 1000) / total.ours[1];
  const r = (total.raw[0] * 1000) / total.raw[1];
  const perSecond = (n: number): string =>
    batch === 1 ? `${n.toFixed(0)} appends/s` : `${n.toFixed(0)} appends/s (${(n * batch).toFixed(0)} ev/s)`;
  return {
    scenario: `append ${batch} event${batch > 1 ? 's' : ''}, ${writers} writer${writers > 1 ? 's' : ''}`,
    ours: perSecond(o),
    raw: `${perSecond(r)} ${batch === 1 ? 'INSERT' : 'multi-row INSERT'}`,
    ratio: o / r,
    target: `≥ ${s.target.toFixed(2)}`,
    met: o / r >= s.target,
  };
}

/** `events` streams of 100 events each ('seed-<n>'), written in SQL (not hash-chained: read scenarios only). */
export async function seedEvents(pool: pg.Pool, events: number): Promise<void> {
  const chunk = 50_000;
  for (let from = 0; from < events; from += chunk) {
    const to = Math.min(events, from + chunk) - 1;
    await pool.query(
      `INSERT INTO events (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at,
         prev_hash, hash)
       SELECT 'seed-' || (g / 100), (g % 100) + 1, gen_random_uuid(), 'CaseNoted',
         jsonb_build_object('title', 'Đơn khiếu nại số ' || g || ' về quyết định hành chính',
           'unitId', 'unit-' || (g % 37), 'channel', 'post', 'n', g, 'tags', jsonb_build_array('khieu-nai', 'uu-tien')),
         jsonb_build_object('actor', jsonb_build_object('id', 'u-1', 'name', 'Bench', 'roles', jsonb_build_array('handler')),
           'correlationId', gen_random_uuid()::text, 'causationId', null,
           'occurredAt', now(), 'recordedAt', now(), 'schemaVersion', 1),
         now(), now(), repeat('0', 64), md5(g::text) || md5(g::text)
       FROM generate_series($1::bigint, $2::bigint) g`,
      [from, to],
    );
  }
  await pool.query('VACUUM ANALYZE events');
}

/**
 * The whole global log: `store.readAll` in pages of `page` against a server-side cursor over the same
 * columns in the same order (jsonb parsed by pg). `target` is the least ours ÷ raw.
 */
export async function readAllScenario(
  pool: pg.Pool,
  store: PostgresEventStore,
  options: { page?: number; target?: number } = {},
): Promise<StoreRow> {
  const page = options.page ?? 1000;
  const target = options.target ?? 0.8;
  const { rows: count } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  const total = Number(count[0]!.n);

  const readOurs = async (): Promise<number> => {
    const started = ms();
    let after: GlobalCheckpoint = START_OF_LOG;
    let n = 0;
    for (;;) {
      const events = await store.readAll({ after, limit: page });
      if (events.length === 0) break;
      n += events.length;
      const last = events[events.length - 1]!;
      after = { transactionId: last.transactionId, position: last.globalPosition };
    }
    return (n * 1000) / (ms() - started);
  };
  const readRaw = async (): Promise<number> => {
    const client = await pool.connect();
    const started = ms();
    let n = 0;
    try {
      await client.query('BEGIN');
      await client.query(`DECLARE c NO SCROLL CURSOR FOR
        SELECT global_position::text AS pos, transaction_id::text AS txid, stream_id, version, event_id::text AS id,
          type, data, metadata, prev_hash, hash
        FROM events ORDER BY transaction_id, global_position`);
      for (;;) {
        const { rows } = await client.query(`FETCH ${page} FROM c`); // jsonb parsed by pg
        if (rows.length === 0) break;
        n += rows.length;
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return (n * 1000) / (ms() - started);
  };
  const r1 = await readRaw();
  const o1 = await readOurs();
  const o2 = await readOurs();
  const r2 = await readRaw();
  const o = (o1 + o2) / 2;
  const r = (r1 + r2) / 2;
  return {
    scenario: `global read (readAll) of ${total.toLocaleString('en')} events`,
    ours: `${(o / 1000).toFixed(1)}k events/s`,
    raw: `${(r / 1000).toFixed(1)}k events/s (cursor)`,
    ratio: o / r,
    target: `≥ ${target.toFixed(2)}`,
    met: o / r >= target,
  };
}

/**
 * Read + fold of 100-event streams (`streams` of them, appended here through the store): p50 of
 * `readStreamForFold` against `SELECT type, data … ORDER BY version` and the same fold. With `details`,
 * also p99 and the whole-event `readStream` against raw SQL of the same columns (information only).
 */
export async function foldScenario(
  pool: pg.Pool,
  store: PostgresEventStore,
  options: { reads: number; streams?: number; target?: number; details?: boolean },
): Promise<StoreRow[]> {
  const target = options.target ?? 1.5;
  const streams: string[] = [];
  for (let s = 0; s < (options.streams ?? 50); s++) {
    const id = `fold-${randomUUID()}`;
    streams.push(id);
    for (let v = 0; v < 100; v += 10) {
      const events = Array.from({ length: 10 }, (_, k) => ({
        eventId: randomUUID(),
        type: 'CaseNoted',
        data: benchPayload(v + k),
      }));
      await store.append(id, events, {
        expectedVersion: v === 0 ? 'no_stream' : v,
        metadata: appendMetadata(),
      });
    }
  }
  const fold = (datas: Record<string, unknown>[]): number =>
    datas.reduce((acc, d) => acc + (typeof d.n === 'number' ? d.n : 0), 0);

  const measure = async (read: (s: string) => Promise<number>): Promise<number[]> => {
    const latencies: number[] = [];
    for (let i = 0; i < options.reads; i++) {
      const started = ms();
      await read(streams[i % streams.length]!);
      latencies.push(ms() - started);
    }
    return latencies.sort((a, b) => a - b);
  };
  const ours = (s: string): Promise<number> =>
    store.readStreamForFold(s).then((events) => fold(events.map((e) => e.data)));
  const oursFull = (s: string): Promise<number> =>
    store.readStream(s).then((events) => fold(events.map((e) => e.data)));
  // Baseline: what a hand-written fold needs (type + data). A second baseline selects the same columns
  // readStream returns, to show where the difference goes (metadata, ids, hashes).
  const raw = (s: string): Promise<number> =>
    pool
      .query<{ type: string; data: Record<string, unknown> }>(
        'SELECT type, data FROM events WHERE stream_id = $1 ORDER BY version',
        [s],
      )
      .then((r) => fold(r.rows.map((row) => row.data)));
  const rawFull = (s: string): Promise<number> =>
    pool
      .query<{ data: Record<string, unknown> }>(
        `SELECT global_position::text AS pos, transaction_id::text AS txid, stream_id, version, event_id::text AS id,
           type, data, metadata, prev_hash, hash FROM events WHERE stream_id = $1 ORDER BY version`,
        [s],
      )
      .then((r) => fold(r.rows.map((row) => row.data)));
  const p50 = (xs: number[]): number => percentile(xs, 50);
  const p99 = (xs: number[]): number => percentile(xs, 99);

  await measure(ours);
  await measure(raw);
  const o = await measure(ours);
  const r = await measure(raw);
  const rows: StoreRow[] = [
    {
      scenario: 'read + fold of a 100-event stream, p50',
      ours: `${p50(o).toFixed(2)} ms`,
      raw: `${p50(r).toFixed(2)} ms (type, data)`,
      ratio: p50(o) / p50(r),
      target: `≤ ${target.toFixed(2)}`,
      met: p50(o) / p50(r) <= target,
    },
  ];
  if (!options.details) return rows;
  await measure(oursFull);
  await measure(rawFull);
  const of = await measure(oursFull);
  const f = await measure(rawFull);
  rows.push(
    {
      scenario: 'read + fold of a 100-event stream, p99',
      ours: `${p99(o).toFixed(2)} ms`,
      raw: `${p99(r).toFixed(2)} ms (type, data)`,
      ratio: p99(o) / p99(r),
      target: '(info)',
      met: null,
    },
    {
      scenario: 'readStream (whole events) p50',
      ours: `${p50(of).toFixed(2)} ms`,
      raw: `${p50(r).toFixed(2)} ms (type, data)`,
      ratio: p50(of) / p50(r),
      target: '(info)',
      met: null,
    },
    {
      scenario: 'readStream p50, same columns',
      ours: `${p50(of).toFixed(2)} ms`,
      raw: `${p50(f).toFixed(2)} ms (all columns)`,
      ratio: p50(of) / p50(f),
      target: '(info)',
      met: null,
    },
  );
  return rows;
}

/** The rows as a table (scenario, ours, raw, ours ÷ raw, target, verdict). */
export function formatStoreRows(rows: StoreRow[], indent = ''): string {
  const header = ['scenario', 'ours', 'raw SQL', 'ours ÷ raw', 'target', ''];
  const table = rows.map((r) => [
    r.scenario,
    r.ours,
    r.raw,
    r.ratio.toFixed(2),
    r.target,
    r.met === null ? '' : r.met ? 'met' : 'NOT met',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]): string =>
    indent +
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...table.map(line)].join('\n');
}

/**
 * The event-store rows of the performance issue, for benches that print the whole table: the global
 * read of the log at `logUrl` as it stands (ours against a cursor), and on a separate database
 * `scratchUrl` (event-store migrations run here) 1- and 10-event appends by 8 writers and read + fold
 * of 100-event streams. Goals: global read kept (≥ 0.80 × raw), appends ≥ 0.80 × raw, fold ≤ 1.50 × raw.
 */
export async function issueStoreRows(
  logUrl: string,
  scratchUrl: string,
  options: { appends: number; foldReads: number },
): Promise<StoreRow[]> {
  const rows: StoreRow[] = [];
  const logPool = new pg.Pool({ connectionString: logUrl, max: 2 });
  try {
    rows.push(await readAllScenario(logPool, new PostgresEventStore({ pool: logPool }), { target: 0.8 }));
  } finally {
    await logPool.end();
  }
  await runEventStoreMigrations(scratchUrl);
  const pool = new pg.Pool({ connectionString: scratchUrl, max: 8 });
  const rawPool = new pg.Pool({ connectionString: scratchUrl, max: 8 });
  for (const p of [pool, rawPool]) p.on('error', () => undefined);
  try {
    await createRawEventsTable(pool);
    const store = new PostgresEventStore({ pool });
    for (const batch of [1, 10]) {
      const appends = batch === 1 ? options.appends : Math.max(8, Math.floor(options.appends / 4));
      rows.push(await appendScenario(store, rawPool, { batch, writers: 8, appends, target: 0.8 }));
    }
    rows.push(...(await foldScenario(pool, store, { reads: options.foldReads, streams: 20 })));
  } finally {
    await pool.end();
    await rawPool.end();
  }
  return rows;
}
