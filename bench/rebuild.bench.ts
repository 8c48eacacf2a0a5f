/**
 * Projection rebuild benchmark (issue: rebuilds in seconds). A scratch database on the local
 * PostgreSQL server, created and dropped here. Prints figures next to their goals; never asserts.
 *
 *   npm run bench:rebuild                          1,000,000 events (and 100,000 first)
 *   npm run bench:rebuild -- --events 200000       another size (the smaller size stays 100,000)
 *   npm run bench:rebuild -- --small 50000         another smaller size (0: none)
 *   npm run bench:rebuild -- --keep                keep the scratch database (its name is printed)
 *   npm run bench:rebuild -- --database <name>     measure again on a database kept by --keep (no load
 *                                                  when it holds the events already; kept afterwards):
 *                                                  two builds compared on the same log, one after the other
 *
 * Load: cases appended THROUGH THE STORE (hash chain, optimistic concurrency, one append per case) by
 * 8 concurrent writers, until the log holds the size asked for. Half the cases are received →
 * classified (intake deadline) → accepted (resolution deadline); the other half go on to a dialogue,
 * a decision (its deadline met or missed) and closing: 4.5 events per case on average, spread over 21
 * units of one province and over 2025–2026.
 *
 * At each size, in one run on the same database:
 * - raw global read: the events table read in (transaction id, position) order with plain `pg` keyset
 *   pages of 5,000 rows (the floor of any reader), and the store's own `readAll` (what a rebuild reads);
 * - raw COPY: the events copied out and into an empty table with COPY (pg-copy-streams): the ceiling of
 *   writing the same volume of rows;
 * - every projection rebuilt on its own (`donthu projections rebuild <name>`): a fresh table, bulk
 *   writes, secondary indexes built after the load, then the swap; events/s = events in the log / time;
 * - a full catch-up of all projections from an empty read model (a new worker on an existing log: live
 *   tables, every index in place, live batch size).
 *
 * Then the issue's event-store rows (store-scenarios.ts, shared with bench:store): the global read of the
 * whole log against a raw cursor, and on a second scratch database beside it 1- and 10-event appends by
 * 8 writers and read + fold of a 100-event stream, each against raw SQL of the same rows, alternated.
 *
 *   --store-appends 2000                           appends per side (1-event; a quarter of it 10-event)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { EventStore } from '../libs/event-store/src/index.js';
import { ALL_PROJECTIONS } from '../libs/read-models/src/index.js';
import { createRunner, lettersOpenedForReadModels, sealLetter } from '../libs/application/src/index.js';
import type { PersonalDataVault } from '../libs/security/src/index.js';
import {
  against,
  arg,
  benchRuntime,
  describeMachine,
  fmt,
  int,
  loadAverage,
  ms,
  scratchDatabase,
  SERVER_URL,
  type BenchRuntime,
  type ScratchDatabase,
} from './support.js';
import { formatStoreRows, issueStoreRows } from './store-scenarios.js';

const EVENTS = Number(arg('events', '1000000'));
const SMALL = Number(arg('small', '100000'));
const KEEP = process.argv.includes('--keep');
const DATABASE = arg('database', '');
const WRITERS = 8;
const UNITS = ['prov', ...Array.from({ length: 20 }, (_, i) => `dept-${String(i + 1).padStart(2, '0')}`)];
const NOW = new Date('2026-12-06T03:00:00Z');
const META = { actor: { id: 'bench', name: 'Bench', roles: [] }, correlationId: 'bench', causationId: null };
const REBUILD_GOAL = 20_000;
const ALL_GOAL_SECONDS = 180;
const STORE_APPENDS = Number(arg('store-appends', '2000'));

const addDays = (date: string, n: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

function deadline(no: number, ruleId: string, startOn: string, dueOn: string) {
  return {
    deadlineNo: no,
    ruleId,
    ruleVersion: '2012-07-01',
    startOn,
    length: 10,
    unit: 'working_days',
    variant: 'normal',
    baseDueOn: dueOn,
    dueOn,
    provisional: false,
    legalBasis: 'LKN Art. 27',
  };
}

/** The events of case `i`: 3 (accepted, open) or 6 (decided and closed). */
async function caseEvents(
  vault: PersonalDataVault,
  i: number,
): Promise<{ eventId: string; type: string; data: Record<string, unknown> }[]> {
  const caseId = randomUUID();
  // Sealed as the desk seals it (case.letter.ts): the projections read the log with letters opened.
  const sealedContent = await sealLetter(
    vault,
    caseId,
    `Nội dung khiếu nại số ${i} về quyết định hành chính.`,
  );
  const unit = UNITS[1 + (i % (UNITS.length - 1))]!;
  const received = addDays('2025-01-02', i % 700);
  const accepted = addDays(received, 5);
  const resolutionDue = addDays(accepted, 30 + (i % 20));
  const ev = (type: string, data: Record<string, unknown>) => ({
    eventId: randomUUID(),
    type,
    data: { caseId, ...data },
  });
  const events = [
    ev('CaseReceived', {
      trackingCode: `BENCH-${String(i).padStart(8, '0')}`,
      receivedAt: received,
      channel: i % 3 === 0 ? 'post' : 'online',
      receivingUnitId: unit,
      petitioners: [{ personRef: `ref-${i}`, sealed: 'sealed', representative: false }],
      signerCount: 1,
      subject: `Khiếu nại số ${i} về thu hồi đất`,
      sealedContent,
      field: 'land',
    }),
    ev('CaseClassified', {
      kind: 'complaint',
      level: 1,
      competentUnitId: unit,
      processable: true,
      multiLocation: false,
      competentWithinReceivingSubtree: true,
      classifiedAt: received,
      intakeDeadline: deadline(1, 'KN-ACC', received, addDays(received, 10)),
      dates: [],
    }),
    ev('CaseAccepted', {
      acceptedAt: accepted,
      complex: false,
      especiallyComplex: false,
      remoteArea: false,
      resolutionDeadline: deadline(2, 'KN-RES1', accepted, resolutionDue),
      deadlineOutcomes: [
        {
          deadlineNo: 1,
          ruleId: 'KN-ACC',
          startOn: received,
          dueOn: addDays(received, 10),
          outcome: 'met',
          on: accepted,
        },
      ],
      dates: [],
    }),
  ];
  if (i % 2 === 1) {
    const decided = addDays(accepted, 20 + (i % 25));
    events.push(
      ev('DialogueRecorded', {
        dialogueId: randomUUID(),
        heldAt: addDays(accepted, 10),
        participants: ['p'],
        minutes: 'Biên bản đối thoại',
        outcome: 'agreed',
      }),
      ev('CaseResolved', {
        decidedAt: decided,
        outcome: i % 4 === 1 ? 'upheld' : 'rejected',
        summary: 'Quyết định giải quyết khiếu nại',
        deadlineOutcomes: [
          {
            deadlineNo: 2,
            ruleId: 'KN-RES1',
            startOn: accepted,
            dueOn: resolutionDue,
            outcome: decided <= resolutionDue ? 'met' : 'missed',
            on: decided,
          },
        ],
        dates: [],
      }),
      ev('CaseClosed', { at: addDays(decided, 3) }),
    );
  }
  return events;
}

async function loadUnits(store: EventStore): Promise<void> {
  for (const id of UNITS)
    await store.append(
      `unit-${id}`,
      [
        {
          eventId: randomUUID(),
          type: 'UnitCreated',
          data: {
            unitId: id,
            name: `Đơn vị ${id}`,
            level: id === 'prov' ? 'province' : 'department',
            parentId: id === 'prov' ? null : 'prov',
            createdAt: '1990-01-01',
          },
        },
      ],
      { expectedVersion: 'no_stream', metadata: META },
    );
}

/** Appends cases through the store until the log holds `target` events; returns events/s of the load. */
async function loadCases(
  store: EventStore,
  vault: PersonalDataVault,
  db: pg.Client,
  target: number,
  next: { i: number },
): Promise<number> {
  let count = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n);
  const start = ms();
  const before = count;
  const writer = async () => {
    while (count < target) {
      const i = next.i++;
      const events = await caseEvents(vault, i);
      count += events.length;
      await store.append(`case-${String(events[0]!.data.caseId)}`, events, {
        expectedVersion: 'no_stream',
        metadata: META,
      });
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return (count - before) / ((ms() - start) / 1000);
}

/**
 * The events table in log order, keyset pages of 5,000 (the store's page), plain `pg`: rows/s. The
 * ORDER BY names the table's columns: the select list casts them to text under the same names, and an
 * unqualified ORDER BY sorted by those text values — a sort of the whole table for every page (8k
 * events/s at a million events), not the index walk a reader does.
 */
async function rawRead(db: pg.Client): Promise<number> {
  const start = ms();
  let tx = '0';
  let pos = '0';
  let n = 0;
  for (;;) {
    const r = await db.query<{ transaction_id: string; global_position: string }>(
      `SELECT global_position::text, transaction_id::text, stream_id, version, event_id, type, data, metadata, recorded_at
         FROM events WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY events.transaction_id, events.global_position LIMIT 5000`,
      [tx, pos],
    );
    if (r.rows.length === 0) break;
    n += r.rows.length;
    const last = r.rows[r.rows.length - 1]!;
    tx = last.transaction_id;
    pos = last.global_position;
  }
  return n / ((ms() - start) / 1000);
}

/** The store's readAll over the whole log (pages of 5,000, as a rebuild reads it): events/s. */
async function storeRead(store: EventStore): Promise<number> {
  const start = ms();
  let after = { transactionId: '0', position: '0' };
  let n = 0;
  for (;;) {
    const events = await store.readAll({ after, limit: 5000 });
    if (events.length === 0) break;
    n += events.length;
    const last = events[events.length - 1]!;
    after = { transactionId: last.transactionId, position: last.globalPosition };
  }
  return n / ((ms() - start) / 1000);
}

/** COPY the events out and into an empty copy of the table (no indexes): rows/s. */
async function rawCopy(url: string): Promise<number> {
  const out = new pg.Client({ connectionString: url });
  const into = new pg.Client({ connectionString: url });
  await out.connect();
  await into.connect();
  await into.query('DROP TABLE IF EXISTS bench_events_copy');
  await into.query('CREATE UNLOGGED TABLE bench_events_copy (LIKE events INCLUDING DEFAULTS)');
  await into.query('ALTER TABLE bench_events_copy DROP COLUMN IF EXISTS transaction_id');
  const cols = (
    await into.query<{ c: string }>(
      `SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) AS c FROM pg_attribute
        WHERE attrelid = 'bench_events_copy'::regclass AND attnum > 0 AND NOT attisdropped`,
    )
  ).rows[0]!.c;
  const start = ms();
  await pipeline(
    out.query(copyTo(`COPY (SELECT ${cols} FROM events) TO STDOUT`)),
    into.query(copyFrom(`COPY bench_events_copy (${cols}) FROM STDIN`)),
  );
  const seconds = (ms() - start) / 1000;
  const n = Number(
    (await into.query<{ n: string }>('SELECT count(*)::text AS n FROM bench_events_copy')).rows[0]!.n,
  );
  await into.query('DROP TABLE bench_events_copy');
  await out.end();
  await into.end();
  return n / seconds;
}

/**
 * Waits until every event is below the fence: the fence is cluster-wide, and a long transaction in
 * another database of the server would otherwise hide the newest events from every reader measured.
 */
async function waitForFence(db: pg.Client): Promise<void> {
  const start = ms();
  for (;;) {
    const r = await db.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())',
    );
    if (r.rows[0]!.n === '0') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const waited = (ms() - start) / 1000;
  if (waited >= 1)
    console.log(`  (waited ${fmt(waited)} s for a long transaction elsewhere on the server to end)`);
}

async function measure(b: BenchRuntime, url: string, db: pg.Client, events: number, loadRate: number) {
  const { runtime } = b;
  await db.query('VACUUM ANALYZE events');
  await waitForFence(db);
  console.log(
    `\n${int(events)} events (${Number.isNaN(loadRate) ? 'loaded by an earlier run' : `${int(loadRate)} events/s appended through the store by ${WRITERS} writers`})`,
  );
  console.log(`  (${loadAverage()})`);
  console.log(`  ${'workload'.padEnd(44)} ${'measured'.padEnd(26)} ${'goal'.padEnd(26)}`);
  const raw = await rawRead(db);
  against('raw global read (pg keyset pages)', `${int(raw)} events/s`, '', null);
  const read = await storeRead(runtime.store);
  against(
    'store.readAll of the whole log',
    `${int(read)} events/s`,
    `keep (${fmt(read / raw, 2)} × raw)`,
    null,
  );
  const copy = await rawCopy(url);
  against('raw COPY out and in (no indexes)', `${int(copy)} events/s`, '', null);
  const opened = await storeRead(lettersOpenedForReadModels(runtime.store, runtime.vault));
  against(
    'readAll, every letter opened',
    `${int(opened)} events/s`,
    `${fmt(opened / raw, 2)} × raw (case-summaries)`,
    null,
  );
  // The runner of `donthu projections rebuild` and of the worker: the log read with letters opened.
  const runner = createRunner(runtime);
  let total = 0;
  for (const p of ALL_PROJECTIONS) {
    const start = ms();
    await runner.rebuild(p.name);
    const seconds = (ms() - start) / 1000;
    total += seconds;
    const rows = Number(
      (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${p.table}`)).rows[0]!.n,
    );
    const rate = events / seconds;
    against(
      `rebuild ${p.name} (${int(rows)} rows)`,
      `${int(rate)} events/s (${fmt(seconds)} s)`,
      `≥ ${int(REBUILD_GOAL)} events/s`,
      rate >= REBUILD_GOAL,
    );
  }
  against('every projection rebuilt, one after another', `${fmt(total)} s`, '', null);
  console.log(`  (${loadAverage()})`);
  const perMillion = (s: number) => (s * 1_000_000) / events;
  // A new worker on an existing log: every projection from nothing, live tables.
  const names = ALL_PROJECTIONS.map((p) => p.name);
  await db.query('DELETE FROM projection_checkpoints WHERE name = ANY($1)', [names]);
  await db.query(`TRUNCATE ${[...new Set(ALL_PROJECTIONS.map((p) => p.table))].join(', ')}`);
  const start = ms();
  await createRunner(runtime).catchUpAll();
  const seconds = (ms() - start) / 1000;
  against(
    `full catch-up of all ${ALL_PROJECTIONS.length} projections`,
    `${fmt(seconds)} s (${int(events / seconds)} events/s)`,
    `1M events < ${ALL_GOAL_SECONDS} s`,
    perMillion(seconds) < ALL_GOAL_SECONDS,
  );
  if (events !== 1_000_000)
    console.log(
      `    (scaled to 1M events: ${fmt(perMillion(seconds))} s catch-up, ${fmt(perMillion(total))} s rebuilds)`,
    );
  console.log(`  (${loadAverage()})`);
}

/** The issue's event-store rows: the global read of this log, appends and read + fold beside it. */
async function measureStore(url: string): Promise<void> {
  console.log(`\nevent store: ours against raw SQL of the same rows, side by side (store-scenarios.ts)`);
  console.log(`  (${loadAverage()})`);
  const beside = await scratchDatabase('storebench');
  try {
    const rows = await issueStoreRows(url, beside.url, { appends: STORE_APPENDS, foldReads: 500 });
    console.log(formatStoreRows(rows, '  '));
  } finally {
    await beside.drop();
  }
  console.log(`  (${loadAverage()})`);
}

async function main(): Promise<void> {
  const scratch = DATABASE ? existingDatabase(DATABASE) : await scratchDatabase('rebuildbench');
  let b: BenchRuntime | null = null;
  const db = new pg.Client({ connectionString: scratch.url });
  try {
    b = await benchRuntime(scratch.url, NOW);
    await db.connect();
    console.log(`donthu rebuild benchmark — ${new Date().toISOString()}`);
    console.log(`  ${await describeMachine(scratch.url)}; scratch database ${scratch.name}`);
    if (!DATABASE) await loadUnits(b.runtime.store);
    const next = { i: 0 };
    const sizes = [...(SMALL > 0 && SMALL < EVENTS ? [SMALL] : []), EVENTS];
    for (const size of sizes) {
      const held = Number(
        (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n,
      );
      if (DATABASE && held >= size && size !== EVENTS) continue;
      const rate = held >= size ? NaN : await loadCases(b.runtime.store, b.runtime.vault, db, size, next);
      const n = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n);
      await measure(b, scratch.url, db, n, rate);
    }
    await measureStore(scratch.url);
  } finally {
    await db.end().catch(() => undefined);
    await b?.close();
    if (KEEP || DATABASE) console.log(`\nkept database ${scratch.name} (--database ${scratch.name})`);
    else await scratch.drop();
  }
}

/** A database kept by an earlier `--keep` run. */
function existingDatabase(name: string): ScratchDatabase {
  if (!/^donthu_rebuildbench_[0-9a-f]+$/.test(name)) throw new Error(`not a kept bench database: ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => Promise.resolve() };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
