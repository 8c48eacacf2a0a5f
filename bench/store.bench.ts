/**
 * Event-store benchmark: our PostgresEventStore against the raw SQL it is built on, side by side in one
 * run, on a scratch database that is created and dropped here. Prints figures; never asserts.
 *
 *   npm run bench:store                      (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_EVENTS=100000 npm run bench:store  (events in the readAll scenario; default 1,000,000)
 *   BENCH_APPENDS=2000                       (appends per append scenario; default 2,000)
 *   BENCH_NO_NOTIFY=1                        (diagnostic: no pg_notify hint after appends, to see its cost)
 *
 * read+fold: `readStreamForFold` (what folding a stream reads: version, position, type, data) against
 * `SELECT type, data`; `readStream` (whole events with metadata, ids and hashes) is shown for information.
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

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const FOLD_STREAMS = 50;
const FOLD_READS = Number(process.env.BENCH_FOLD_READS ?? 1000);
const PAGE = 1000;
const HASH = 'f'.repeat(64);

interface Row {
  scenario: string;
  ours: string;
  raw: string;
  ratio: number;
  target: string;
  met: boolean;
}
const rows: Row[] = [];

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

const payload = (n: number): Record<string, unknown> => ({
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
const rawMetadata = (): string =>
  JSON.stringify({
    ...appendMetadata(),
    occurredAt: new Date().toISOString(),
    recordedAt: new Date().toISOString(),
    schemaVersion: 1,
  });

async function withScratchDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `donthu_bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: SERVER_URL });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  }
}

/** Runs `total` operations spread over `writers` concurrent loops; returns operations per second. */
async function throughput(
  writers: number,
  total: number,
  op: (writer: number, i: number) => Promise<void>,
): Promise<number> {
  const per = Math.ceil(total / writers);
  const started = now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < per; i++) await op(w, i);
    }),
  );
  return (per * writers * 1000) / (now() - started);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function appendScenarios(url: string, pool: pg.Pool, store: PostgresEventStore): Promise<void> {
  for (const batch of [1, 10]) {
    for (const writers of [1, 8]) {
      const appends = batch === 1 ? APPENDS : Math.max(writers, Math.floor(APPENDS / 4));
      const tag = randomUUID().slice(0, 8);
      // Each writer owns 10 streams and knows their versions (as a command handler does after loading).
      const ourVersions = new Map<string, number>();
      const rawVersions = new Map<string, number>();
      const streamOf = (w: number, i: number): string => `bench-${tag}-${w}-${i % 10}`;

      const ours = async (w: number, i: number): Promise<void> => {
        const s = streamOf(w, i);
        const v = ourVersions.get(s) ?? 0;
        const events: NewEvent[] = Array.from({ length: batch }, (_, k) => ({
          eventId: randomUUID(),
          type: 'CaseNoted',
          data: payload(i * batch + k),
        }));
        const r = await store.append(s, events, {
          expectedVersion: v === 0 ? 'no_stream' : v,
          metadata: appendMetadata(),
        });
        ourVersions.set(s, r.nextVersion);
      };
      const raw = async (w: number, i: number): Promise<void> => {
        const s = streamOf(w, i);
        const v = rawVersions.get(s) ?? 0;
        const values: unknown[] = [s];
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
            JSON.stringify(payload(i * batch + k)),
            rawMetadata(),
            at,
            HASH,
          );
        }
        await pool.query(
          `INSERT INTO raw_events (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at,
            prev_hash, hash) VALUES ${tuples.join(', ')}`,
          values,
        );
        rawVersions.set(s, v + batch);
      };

      // Warm up both paths, then alternate halves so drift (autovacuum, cache) hits both alike.
      await throughput(writers, Math.min(100, appends), (w, i) => ours(w, i + 1_000_000));
      await throughput(writers, Math.min(100, appends), (w, i) => raw(w, i + 1_000_000));
      const half = Math.floor(appends / 2);
      const r1 = await throughput(writers, half, raw);
      const o1 = await throughput(writers, half, ours);
      const o2 = await throughput(writers, half, (w, i) => ours(w, i + half));
      const r2 = await throughput(writers, half, (w, i) => raw(w, i + half));
      const o = (o1 + o2) / 2;
      const r = (r1 + r2) / 2;
      const unit = batch === 1 ? 'appends/s' : 'appends/s';
      rows.push({
        scenario: `append ${batch} event${batch > 1 ? 's' : ''}, ${writers} writer${writers > 1 ? 's' : ''}`,
        ours: `${o.toFixed(0)} ${unit}`,
        raw: `${r.toFixed(0)} ${batch === 1 ? 'INSERT/s' : 'multi-row INSERT/s'}`,
        ratio: o / r,
        target: '≥ 0.70',
        met: o / r >= 0.7,
      });
      console.error(`  done: append ${batch} × ${writers} writers (${url.split('/').pop()})`);
    }
  }
}

async function seed(pool: pg.Pool, events: number): Promise<void> {
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

async function readAllScenario(pool: pg.Pool, store: PostgresEventStore): Promise<void> {
  const { rows: count } = await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  const total = Number(count[0].n);

  const readOurs = async (): Promise<number> => {
    const started = now();
    let after: GlobalCheckpoint = START_OF_LOG;
    let n = 0;
    for (;;) {
      const page = await store.readAll({ after, limit: PAGE });
      if (page.length === 0) break;
      n += page.length;
      const last = page[page.length - 1];
      after = { transactionId: last.transactionId, position: last.globalPosition };
    }
    return (n * 1000) / (now() - started);
  };
  const readRaw = async (): Promise<number> => {
    const client = await pool.connect();
    const started = now();
    let n = 0;
    try {
      await client.query('BEGIN');
      await client.query(`DECLARE c NO SCROLL CURSOR FOR
        SELECT global_position::text AS pos, transaction_id::text AS txid, stream_id, version, event_id::text AS id,
          type, data, metadata, prev_hash, hash
        FROM events ORDER BY transaction_id, global_position`);
      for (;;) {
        const { rows: page } = await client.query(`FETCH ${PAGE} FROM c`); // jsonb parsed by pg
        if (page.length === 0) break;
        n += page.length;
      }
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    return (n * 1000) / (now() - started);
  };
  const r1 = await readRaw();
  const o1 = await readOurs();
  const o2 = await readOurs();
  const r2 = await readRaw();
  const o = (o1 + o2) / 2;
  const r = (r1 + r2) / 2;
  rows.push({
    scenario: `readAll over ${total.toLocaleString('en')} events`,
    ours: `${(o / 1000).toFixed(1)}k events/s`,
    raw: `${(r / 1000).toFixed(1)}k events/s (cursor)`,
    ratio: o / r,
    target: '≥ 0.80',
    met: o / r >= 0.8,
  });
}

async function foldScenario(pool: pg.Pool, store: PostgresEventStore): Promise<void> {
  const streams: string[] = [];
  for (let s = 0; s < FOLD_STREAMS; s++) {
    const id = `fold-${randomUUID()}`;
    streams.push(id);
    for (let v = 0; v < 100; v += 10) {
      const events = Array.from({ length: 10 }, (_, k) => ({
        eventId: randomUUID(),
        type: 'CaseNoted',
        data: payload(v + k),
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
    for (let i = 0; i < FOLD_READS; i++) {
      const started = now();
      await read(streams[i % streams.length]);
      latencies.push(now() - started);
    }
    return latencies.sort((a, b) => a - b);
  };
  // What a fold reads: readStreamForFold (version, position, type, upcast data). readStream (whole events
  // with metadata, ids and hashes) is shown for information.
  const ours = (s: string): Promise<number> =>
    store.readStreamForFold(s).then((events) => fold(events.map((e) => e.data)));
  const oursFull = (s: string): Promise<number> =>
    store.readStream(s).then((events) => fold(events.map((e) => e.data)));
  // Baseline: what a hand-written fold needs (type + data). A second baseline selects the same columns the
  // store returns, to show where the difference goes (metadata, ids, hashes).
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
  await measure(ours);
  await measure(raw);
  await measure(oursFull);
  await measure(rawFull);
  const o = await measure(ours);
  const r = await measure(raw);
  const of = await measure(oursFull);
  const f = await measure(rawFull);
  const p50 = (xs: number[]): number => percentile(xs, 50);
  const p99 = (xs: number[]): number => percentile(xs, 99);
  rows.push({
    scenario: 'read+fold 100-event stream p50',
    ours: `${p50(o).toFixed(2)} ms`,
    raw: `${p50(r).toFixed(2)} ms (type, data)`,
    ratio: p50(o) / p50(r),
    target: '≤ 1.50',
    met: p50(o) / p50(r) <= 1.5,
  });
  rows.push({
    scenario: 'read+fold 100-event stream p99',
    ours: `${p99(o).toFixed(2)} ms`,
    raw: `${p99(r).toFixed(2)} ms (type, data)`,
    ratio: p99(o) / p99(r),
    target: '(info)',
    met: true,
  });
  rows.push({
    scenario: 'readStream (whole events) p50',
    ours: `${p50(of).toFixed(2)} ms`,
    raw: `${p50(r).toFixed(2)} ms (type, data)`,
    ratio: p50(of) / p50(r),
    target: '(info)',
    met: true,
  });
  rows.push({
    scenario: 'readStream p50, same columns',
    ours: `${p50(of).toFixed(2)} ms`,
    raw: `${p50(f).toFixed(2)} ms (all columns)`,
    ratio: p50(of) / p50(f),
    target: '(info)',
    met: true,
  });
}

function print(): void {
  const header = ['scenario', 'ours', 'raw SQL', 'ours ÷ raw', 'target', ''];
  const table = rows.map((r) => [
    r.scenario,
    r.ours,
    r.raw,
    r.ratio.toFixed(2),
    r.target,
    r.met ? 'ok' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of table) console.log(line(row));
}

async function main(): Promise<void> {
  const started = now();
  await withScratchDatabase(async (url) => {
    await runEventStoreMigrations(url);
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    const rawPool = new pg.Pool({ connectionString: url, max: 8 });
    for (const p of [pool, rawPool]) p.on('error', () => undefined); // idle sockets killed by the final DROP
    try {
      await pool.query(`CREATE TABLE raw_events (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      await pool.query(`CREATE SEQUENCE raw_events_seq OWNED BY raw_events.global_position`);
      await pool.query(`ALTER TABLE raw_events ALTER global_position SET DEFAULT nextval('raw_events_seq'),
        ADD PRIMARY KEY (global_position), ADD UNIQUE (event_id), ADD UNIQUE (stream_id, version)`);
      await pool.query(`CREATE INDEX ON raw_events (transaction_id, global_position)`);
      const store = new PostgresEventStore({ pool, notify: !process.env.BENCH_NO_NOTIFY });
      const { rows: version } = await pool.query<{ server_version: string }>('SHOW server_version');
      console.error(
        `bench on PostgreSQL ${version[0].server_version}, scratch database ${url.split('/').pop()}`,
      );

      await appendScenarios(url, rawPool, store);
      console.error(`  seeding ${EVENTS.toLocaleString('en')} events…`);
      await seed(pool, EVENTS);
      await readAllScenario(pool, store);
      console.error('  done: readAll');
      await foldScenario(pool, store);
      console.error('  done: read+fold');
    } finally {
      await pool.end();
      await rawPool.end();
    }
  });
  print();
  console.log(
    `\n(${((now() - started) / 1000).toFixed(0)} s; appends: ${APPENDS} per scenario, events: ${EVENTS})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
