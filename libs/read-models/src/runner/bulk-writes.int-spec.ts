import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { lettersOpenedForReadModels, seedDemo } from '../../../application/src/index.js';
import { createTestApp, setNow, type TestApp } from '../../../../test/support/app.js';
import { ALL_PROJECTIONS } from '../read-models/index.js';
import type { ProjectionDefinition, Row } from './projection.js';
import type { FreshLoad } from './bulk-writes.js';
import { ProjectionRunner } from './projection-runner.js';
import { appendSyntheticCase } from './testing/synthetic-cases.js';

/**
 * The set-based writer (bulk-writes.ts) against the per-row writer, for every projection, over one
 * generated history (the demo organisation with cases in every state, reception sessions and
 * inspections, written through the use cases, then synthetic cases appended straight to the store):
 * - a catch-up with the bulk writer gives exactly the rows of a catch-up with the per-row writer;
 * - so does any split of the log into batches (generated sizes);
 * - so does a rebuild (fresh table, secondary indexes built after the load; new rows by plain INSERT,
 *   and on a PostgreSQL server by COPY), and so does an incremental catch-up after it.
 * Tables are compared whole (every column, every version), ordered by key and position.
 */

const SYNTHETIC_CASES = 120;

let app: TestApp;

function runner(
  projections: ProjectionDefinition[],
  writer: 'bulk' | 'per-row',
  batchSize = 500,
  rebuildLoad: FreshLoad = 'insert',
) {
  return new ProjectionRunner({
    // as the worker reads the log: letters opened (case.letter.ts)
    store: lettersOpenedForReadModels(app.runtime.store, app.runtime.vault),
    dataSource: app.runtime.dataSource,
    projections,
    batchSize,
    writer,
    rebuildLoad,
  });
}

/** How a rebuild loads its fresh table: COPY only on a PostgreSQL server (the embedded one has none). */
const REBUILD_LOADS: FreshLoad[] = process.env.DATABASE_URL ? ['insert', 'copy'] : ['insert'];

/**
 * Catches `p` up until it has applied the head of the log. One catch-up may stop short: the log is
 * read only below the oldest transaction still open on the server (the xid8 fence), and other
 * databases of the same server may hold one open for a moment.
 */
async function settle(r: ProjectionRunner, p: ProjectionDefinition): Promise<void> {
  const head = await app.runtime.store.headPosition();
  do await r.catchUp(p);
  while (!(await r.hasApplied(head, [p.name])));
}

async function table(p: ProjectionDefinition): Promise<Row[]> {
  const order = [...p.keyColumns, ...(p.temporal ? ['position_from'] : [])].join(', ');
  return app.runtime.dataSource.query(`SELECT * FROM ${p.table} ORDER BY ${order}`);
}

async function reset(p: ProjectionDefinition): Promise<void> {
  await app.runtime.dataSource.query('DELETE FROM projection_checkpoints WHERE name = $1', [p.name]);
  await app.runtime.dataSource.query('DELETE FROM projection_parked WHERE name = $1', [p.name]);
  await app.runtime.dataSource.query(`TRUNCATE ${p.table}`);
}

const reference = new Map<string, Row[]>();

beforeAll(async () => {
  app = await createTestApp({ now: '2026-10-01T03:00:00Z' });
  await seedDemo(app.app);
  setNow(app, '2026-11-02T03:00:00Z');
  for (let i = 0; i < SYNTHETIC_CASES; i++)
    await appendSyntheticCase(app.runtime.store, i, {
      unit: i % 3 === 0 ? 'nb' : 'nb-stnmt',
      year: 2026,
      trackingPrefix: 'GEN',
    });
}, 300_000);

afterAll(async () => {
  await app?.close();
}, 60_000);

describe.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))('%s: bulk writes', (_name, p) => {
  beforeAll(async () => {
    await reset(p);
    await settle(runner([p], 'per-row'), p);
    reference.set(p.name, await table(p));
  }, 120_000);

  it('the history gives the projection rows to compare', () => {
    expect(reference.get(p.name)!.length).toBeGreaterThan(0);
  });

  it('one catch-up with the bulk writer gives the rows of the per-row writer', async () => {
    await reset(p);
    await settle(runner([p], 'bulk'), p);
    expect(await table(p)).toEqual(reference.get(p.name));
  }, 120_000);

  it('a catch-up from the empty table (loaded like a rebuild) gives the same rows, and so does its sequel after a crash mid-way', async () => {
    for (const load of REBUILD_LOADS) {
      await reset(p);
      await settle(runner([p], 'bulk', 500, load), p);
      expect(await table(p)).toEqual(reference.get(p.name));
      // The process dies after its second committed batch: the next runner goes on from the checkpoint.
      await reset(p);
      let batches = 0;
      const crashing = new ProjectionRunner({
        store: lettersOpenedForReadModels(app.runtime.store, app.runtime.vault),
        dataSource: app.runtime.dataSource,
        projections: [p],
        batchSize: 40,
        rebuildBatchSize: 40,
        rebuildLoad: load,
        observer: {
          batchApplied() {
            if (++batches === 2) throw new Error('killed');
          },
        },
      });
      await expect(crashing.catchUp(p)).rejects.toThrow('killed');
      expect((await crashing.checkpoint(p.name)).position).not.toBe('0');
      await settle(runner([p], 'bulk', 500, load), p);
      expect(await table(p)).toEqual(reference.get(p.name));
    }
  }, 300_000);

  it('any split of the log into batches gives the same rows', async () => {
    const events = Number(
      (await app.runtime.dataSource.query('SELECT count(*)::text AS n FROM events'))[0].n as string,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 8 }),
        async (sizes) => {
          await reset(p);
          const r = runner([p], 'bulk');
          let i = 0;
          while ((await r.runOnce(p, undefined, sizes[i++ % sizes.length])) > 0) {
            /* next batch */
          }
          await settle(r, p);
          expect((await r.checkpoint(p.name)).position).not.toBe('0');
          expect(await table(p)).toEqual(reference.get(p.name));
          expect(events).toBeGreaterThan(0);
        },
      ),
      { numRuns: 4 },
    );
  }, 300_000);

  it('a rebuild gives the same rows, and so does an incremental catch-up after it', async () => {
    await reset(p);
    await settle(runner([p], 'bulk'), p);
    let r = runner([p], 'bulk');
    for (const load of REBUILD_LOADS) {
      r = runner([p], 'bulk', 500, load);
      await r.rebuild(p.name);
      expect(await table(p)).toEqual(reference.get(p.name));
    }
    // More history after the rebuild: incremental (bulk) and per-row still agree.
    const n = 10_000 + ALL_PROJECTIONS.indexOf(p);
    await appendSyntheticCase(app.runtime.store, n, { unit: 'nb', year: 2026, trackingPrefix: 'LATE' });
    await settle(r, p);
    const incremental = await table(p);
    await reset(p);
    await settle(runner([p], 'per-row'), p);
    expect(incremental).toEqual(await table(p));
  }, 300_000);
});
