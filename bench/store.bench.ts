/**
 * Event-store benchmark: our PostgresEventStore against the raw SQL it is built on, side by side in one
 * run, on a scratch database that is created and dropped here. Prints figures; never asserts. The
 * scenarios are in store-scenarios.ts (bench:rebuild prints the four of them too).
 *
 *   npm run bench:store                      (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_EVENTS=100000 npm run bench:store  (events in the readAll scenario; default 1,000,000)
 *   BENCH_APPENDS=2000                       (appends per side per append scenario; default 2,000)
 *   BENCH_SCENARIOS=appends,read,fold        (which scenarios; default all three)
 *   BENCH_NO_NOTIFY=1                        (diagnostic: no pg_notify hint after appends, to see its cost)
 *
 * read+fold: `readStreamForFold` (what folding a stream reads: version, position, type, data) against
 * `SELECT type, data`; `readStream` (whole events with metadata, ids and hashes) is shown for information.
 */
import pg from 'pg';
import { PostgresEventStore, runEventStoreMigrations } from '../libs/event-store/src/index.js';
import {
  appendScenario,
  createRawEventsTable,
  foldScenario,
  formatStoreRows,
  readAllScenario,
  seedEvents,
  type StoreRow,
} from './store-scenarios.js';
import { describeMachine, loadAverage, ms, scratchDatabase } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 2000);
const FOLD_READS = Number(process.env.BENCH_FOLD_READS ?? 1000);
const SCENARIOS = new Set((process.env.BENCH_SCENARIOS ?? 'appends,read,fold').split(','));

async function main(): Promise<void> {
  const started = ms();
  const rows: StoreRow[] = [];
  const scratch = await scratchDatabase('bench');
  try {
    await runEventStoreMigrations(scratch.url);
    const pool = new pg.Pool({ connectionString: scratch.url, max: 8 });
    const rawPool = new pg.Pool({ connectionString: scratch.url, max: 8 });
    for (const p of [pool, rawPool]) p.on('error', () => undefined); // idle sockets killed by the final DROP
    try {
      await createRawEventsTable(pool);
      const store = new PostgresEventStore({ pool, notify: !process.env.BENCH_NO_NOTIFY });
      console.error(`bench: ${await describeMachine(scratch.url)}; scratch database ${scratch.name}`);
      console.error(`  (${loadAverage()})`);

      if (SCENARIOS.has('appends')) {
        for (const batch of [1, 10]) {
          for (const writers of [1, 8]) {
            const appends = batch === 1 ? APPENDS : Math.max(writers, Math.floor(APPENDS / 4));
            // The goal for 8 writers (≥ 0.8 × raw); 1 writer keeps its former target.
            const target = writers === 8 ? 0.8 : 0.7;
            rows.push(await appendScenario(store, rawPool, { batch, writers, appends, target }));
            console.error(`  done: append ${batch} × ${writers} writers`);
          }
        }
      }
      if (SCENARIOS.has('read')) {
        console.error(`  seeding ${EVENTS.toLocaleString('en')} events…`);
        await seedEvents(pool, EVENTS);
        rows.push(await readAllScenario(pool, store));
        console.error('  done: readAll');
      }
      if (SCENARIOS.has('fold')) {
        rows.push(...(await foldScenario(pool, store, { reads: FOLD_READS, details: true })));
        console.error('  done: read+fold');
      }
    } finally {
      await pool.end();
      await rawPool.end();
    }
  } finally {
    await scratch.drop();
  }
  console.log(formatStoreRows(rows));
  console.log(
    `\n(${((ms() - started) / 1000).toFixed(0)} s; appends: ${APPENDS} per side and scenario, events: ${EVENTS}; ${loadAverage()})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
