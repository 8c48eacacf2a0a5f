import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lettersOpenedForReadModels } from '../../../application/src/index.js';
import { createTestApp, setNow, type TestApp } from '../../../../test/support/app.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { caseSummariesProjection } from '../case-summaries/case-summaries.projection.js';
import { deadlinesProjection } from '../deadlines/deadlines.projection.js';
import { unitsProjection } from '../units/units.projection.js';
import type { ProjectionDefinition, Row } from './projection.js';
import { appendSyntheticCase } from './testing/synthetic-cases.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * The projection runner against a real database: determinism, crash recovery, failing batches,
 * rebuild-and-swap under reads, two runners on one database, minPosition.
 */

const TABLES: Record<string, string> = {
  rm_units: 'unit_id, position_from',
  rm_cases: 'case_id',
  rm_deadlines: 'case_id, deadline_no, position_from',
};
/** The projections under test (the worker runs more; these own the three tables below). */
const CORE: ProjectionDefinition[] = [unitsProjection, caseSummariesProjection, deadlinesProjection];
const NAMES = CORE.map((p) => p.name);
const SYNTHETIC_CASES = 150;

type Snapshot = Record<string, Row[]>;

async function snapshot(app: TestApp): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const [table, order] of Object.entries(TABLES))
    out[table] = await app.runtime.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
  return out;
}

/** Forgets every projection: checkpoints gone, tables empty. */
async function reset(app: TestApp): Promise<void> {
  await app.runtime.dataSource.query('DELETE FROM projection_checkpoints WHERE name = ANY($1)', [NAMES]);
  await app.runtime.dataSource.query(`TRUNCATE ${Object.keys(TABLES).join(', ')}`);
}

function runner(app: TestApp, projections: ProjectionDefinition[] = CORE, batchSize = 500): ProjectionRunner {
  return new ProjectionRunner({
    // as the worker reads the log: letters opened (case.letter.ts)
    store: lettersOpenedForReadModels(app.runtime.store, app.runtime.vault),
    dataSource: app.runtime.dataSource,
    projections,
    batchSize,
  });
}

async function ok(app: TestApp, method: string, path: string, token: string, body?: unknown) {
  const r = await app.request(method, path, { token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body;
}

/** Cases in many states through the API, then a bulk of synthetic ones appended directly. */
async function seed(app: TestApp): Promise<void> {
  const admin = await app.token('admin-1', ['admin']);
  await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
  await ok(app, 'POST', '/api/v1/units', admin, {
    id: 'dept',
    name: 'Sở B',
    level: 'department',
    parentId: 'prov',
  });
  await ok(app, 'POST', '/api/v1/units/prov/heads', admin, {
    personId: 'head-1',
    fullName: 'Trần Văn Một',
    from: '2026-01-01',
  });
  await ok(app, 'POST', '/api/v1/units/dept/heads', admin, {
    personId: 'head-2',
    fullName: 'Lê Thị Hai',
    from: '2026-01-01',
  });
  const h = await app.token('handler-1', ['handler'], 'prov');
  for (let i = 0; i < 10; i++) {
    const unit = i % 2 ? 'dept' : 'prov';
    const c = await ok(app, 'POST', '/api/v1/cases', h, {
      receivedAt: '2026-03-02',
      channel: 'post',
      receivingUnitId: unit,
      petitioners: [{ fullName: `Nguyễn Văn ${i}` }],
      subject: `Đơn ${i}`,
      content: 'Nội dung',
    });
    const id = String(c.id);
    if (i === 9) continue; // stays received
    // complaints can be suspended from 2026-07-01 only (docs/reference/deadlines.md §7): the suspended ones are denunciations
    await ok(app, 'POST', `/api/v1/cases/${id}/classify`, h, {
      ...(i === 1 || i === 4 ? { kind: 'denunciation' } : { kind: 'complaint', level: 1 }),
      competentUnitId: unit,
      processable: true,
    });
    if (i === 8) continue; // stays classified (intake deadline open)
    if (i % 3 === 0) await ok(app, 'POST', `/api/v1/cases/${id}/assign`, h, { handlerId: 'handler-1' });
    await ok(app, 'POST', `/api/v1/cases/${id}/accept`, h, { acceptedAt: '2026-03-02' });
    if (i === 1 || i === 4)
      await ok(app, 'POST', `/api/v1/cases/${id}/suspend`, h, { at: '2026-03-02', reason: 'chờ giám định' });
    if (i === 4) await ok(app, 'POST', `/api/v1/cases/${id}/resume`, h, { at: '2026-03-02' });
    if (i === 2) await ok(app, 'POST', `/api/v1/cases/${id}/withdraw`, h, { at: '2026-03-02' });
  }
  await ok(app, 'POST', '/api/v1/units/dept/heads', admin, {
    personId: 'head-3',
    fullName: 'Phạm Văn Ba',
    from: '2026-02-15',
  });
  await appendSyntheticCases(app, SYNTHETIC_CASES, 'prov');
}

/** Received + classified + accepted complaints of 2026 appended straight to the store (one append per case). */
async function appendSyntheticCases(app: TestApp, n: number, unit: string): Promise<void> {
  for (let i = 0; i < n; i++)
    await appendSyntheticCase(app.runtime.store, i, { unit, year: 2026, trackingPrefix: 'SYN' });
}

describe('ProjectionRunner (integration)', () => {
  let app: TestApp;
  let reference: Snapshot;

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-03-02T03:00:00Z' });
    await seed(app);
    setNow(app, '2026-06-01T03:00:00Z');
    await app.catchUp();
    reference = await snapshot(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('the seed produced rows in every table', () => {
    expect(reference.rm_units!.length).toBe(5); // one version per unit event: prov 2, dept 3
    expect(reference.rm_cases!.length).toBe(10 + SYNTHETIC_CASES);
    expect(
      reference.rm_deadlines!.filter((r) => r.recorded_to === null && r.deadline_no !== 0).length,
    ).toBeGreaterThan(SYNTHETIC_CASES);
    expect(new Set(reference.rm_cases!.map((r) => r.status))).toEqual(
      new Set(['received', 'classified', 'accepted', 'suspended', 'withdrawn']),
    );
  });

  it('running twice gives the same rows', async () => {
    await reset(app);
    expect((await snapshot(app)).rm_cases).toEqual([]);
    await app.catchUp();
    expect(await snapshot(app)).toEqual(reference);
  }, 120_000);

  it('the rows do not depend on the batch size', async () => {
    await reset(app);
    await runner(app, CORE, 1).catchUpAll();
    expect(await snapshot(app)).toEqual(reference);
  }, 120_000);

  it('a runner killed between batches: a new runner converges to the rows of a clean rebuild', async () => {
    await reset(app);
    const first = runner(app, CORE, 7);
    for (const p of CORE) for (let i = 0; i < 3; i++) await first.runOnce(p);
    // "Killed": the first runner is dropped here; its checkpoints sit in the middle of the log.
    const partial = await snapshot(app);
    expect(partial.rm_cases!.length).toBeLessThan(reference.rm_cases!.length);
    const second = runner(app, CORE, 11);
    await second.catchUpAll();
    const resumed = await snapshot(app);
    for (const p of CORE) await app.runner.rebuild(p.name);
    const rebuilt = await snapshot(app);
    expect(resumed).toEqual(rebuilt);
    expect(rebuilt).toEqual(reference);
    // The rebuild's scratch table and checkpoint are gone.
    const leftovers: Row[] = await app.runtime.dataSource.query(
      `SELECT tablename FROM pg_tables WHERE tablename LIKE '%\\_\\_%'`,
    );
    expect(leftovers).toEqual([]);
    const cps: Row[] = await app.runtime.dataSource.query(
      `SELECT name FROM projection_checkpoints WHERE name LIKE '%\\_\\_rebuild'`,
    );
    expect(cps).toEqual([]);
  }, 120_000);

  it('a batch failing on one event is rolled back whole, then walked event by event: a failure that does not repeat parks nothing', async () => {
    await reset(app);
    const all: StoredEvent[] = await app.runtime.store.readAll({
      after: { transactionId: '0', position: '0' },
      limit: 100_000,
    });
    const victim = all.filter((e) => deadlinesProjection.handles.has(e.type))[25]!;
    let failures = 0;
    let seenAfterFailure: string[] = [];
    const flaky: ProjectionDefinition = {
      ...deadlinesProjection,
      evolve(rows, event, group) {
        if (failures > 0) seenAfterFailure.push(event.globalPosition);
        if (failures === 0 && event.globalPosition === victim.globalPosition) {
          failures++;
          seenAfterFailure = [];
          throw new Error('evolve failed once');
        }
        return deadlinesProjection.evolve(rows, event, group);
      },
    };
    const r = runner(app, [flaky], 10);
    await r.catchUp(flaky);
    expect(failures).toBe(1);
    // After the failure the batch was applied again from its first event (nothing of it had been kept).
    expect(BigInt(seenAfterFailure[0]!)).toBeLessThanOrEqual(BigInt(victim.globalPosition));
    expect(await r.parked([flaky.name])).toEqual([]);
    await app.catchUp();
    expect(await snapshot(app)).toEqual(reference);
  }, 120_000);

  it('a batch failing for ever on one event: the events before it are applied, the projection is parked on it', async () => {
    await reset(app);
    const all: StoredEvent[] = await app.runtime.store.readAll({
      after: { transactionId: '0', position: '0' },
      limit: 100_000,
    });
    const victim = all.filter((e) => deadlinesProjection.handles.has(e.type))[25]!;
    const broken: ProjectionDefinition = {
      ...deadlinesProjection,
      evolve(rows, event, group) {
        if (event.globalPosition === victim.globalPosition) throw new Error('cannot apply this one');
        return deadlinesProjection.evolve(rows, event, group);
      },
    };
    const r = runner(app, [broken], 10);
    await r.catchUp(broken);
    const [parked] = await r.parked([broken.name]);
    expect(parked).toMatchObject({
      position: victim.globalPosition,
      streamId: victim.streamId,
      eventId: victim.eventId,
      eventType: victim.type,
      error: 'EVOLVE_FAILED',
    });
    const before = all.filter((e) => BigInt(e.globalPosition) < BigInt(victim.globalPosition)).at(-1)!;
    expect((await r.checkpoint(broken.name)).position).toBe(before.globalPosition);
    // A parked projection is left alone by catchUp until it is retried.
    await r.catchUp(broken);
    expect((await r.checkpoint(broken.name)).position).toBe(before.globalPosition);
    // The fix: the real projection; retry resumes it.
    const fixed = runner(app, CORE, 10);
    expect(await fixed.retry(deadlinesProjection.name)).toEqual({ wasParked: true, parked: null });
    await app.catchUp();
    expect(await snapshot(app)).toEqual(reference);
  }, 120_000);

  it('rebuild while the board is read: every answer is the full board; afterwards the board is unchanged', async () => {
    const sup = await app.token('sup-1', ['supervisor'], 'prov');
    const read = () => app.request('GET', '/api/v1/deadlines/overdue?pageSize=200', { token: sup });
    const before = await read();
    expect(before.status).toBe(200);
    expect(before.body.total).toBeGreaterThan(SYNTHETIC_CASES);
    // A small batch size makes the rebuild many transactions long, so reads interleave with it.
    const rebuilding = runner(app, CORE, 20);
    let done = false;
    const rebuild = rebuilding.rebuild('deadlines.v1').finally(() => {
      done = true;
    });
    const answers: { status: number; total: number; same: boolean }[] = [];
    const hammer = async () => {
      while (!done) {
        const r = await read();
        answers.push({
          status: r.status,
          total: r.body?.total,
          same: JSON.stringify(r.body) === JSON.stringify(before.body),
        });
      }
    };
    await Promise.all([rebuild, hammer(), hammer(), hammer()]);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(answers.filter((a) => !a.same)).toEqual([]);
    const after = await read();
    expect(after.status).toBe(200);
    expect(after.body).toEqual(before.body);
    expect(await snapshot(app)).toEqual(reference);
  }, 120_000);

  it('after a rebuild the live tables keep the names of their indexes and constraints (a migration dropping one by name finds it), twice over', async () => {
    const names = async () =>
      app.runtime.dataSource.query(
        `SELECT c.relname AS "table", i.relname AS "index", x.indisunique AS "unique", coalesce(k.conname, '') AS "constraint"
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
           LEFT JOIN pg_constraint k ON k.conindid = i.oid AND k.conrelid = c.oid
          WHERE c.relname = ANY($1) ORDER BY 1, 2`,
        [Object.keys(TABLES)],
      );
    const before = await names();
    expect(before.filter((r: { unique: boolean }) => !r.unique).length).toBeGreaterThan(0);
    for (const p of CORE) await app.runner.rebuild(p.name);
    expect(await names()).toEqual(before);
    for (const p of CORE) await app.runner.rebuild(p.name);
    expect(await names()).toEqual(before);
    expect(JSON.stringify(await names())).not.toContain('__rebuild');
    expect(await snapshot(app)).toEqual(reference);
    // What a later migration does: drop an index by the name its migration gave it, and create it again.
    const ix: { name: string; def: string }[] = await app.runtime.dataSource.query(
      `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'rm_deadlines' AND indexdef NOT LIKE '%UNIQUE%' ORDER BY 1 LIMIT 1`,
    );
    await app.runtime.dataSource.query(`DROP INDEX "${ix[0]!.name}"`);
    await app.runtime.dataSource.query(ix[0]!.def);
    expect(await names()).toEqual(before);
  }, 120_000);

  (process.env.DATABASE_URL ? it : it.skip)(
    'two runners on one database catch up together, apply nothing twice and equal a single-runner rebuild (server only: the embedded database has one session)',
    async () => {
      await reset(app);
      const applied = new Map<string, number>();
      const counting = CORE.map((p): ProjectionDefinition => ({
        ...p,
        evolve(rows, event, group) {
          const k = `${p.name}|${event.globalPosition}|${JSON.stringify(group)}`;
          applied.set(k, (applied.get(k) ?? 0) + 1);
          return p.evolve(rows, event, group);
        },
      }));
      const a = runner(app, counting, 5);
      const b = runner(app, counting, 5);
      await Promise.all([a.catchUpAll(), b.catchUpAll(), a.catchUpAll(), b.catchUpAll()]);
      const both = await snapshot(app);
      expect([...applied.values()].filter((n) => n !== 1)).toEqual([]);
      const handled = (
        await app.runtime.store.readAll({ after: { transactionId: '0', position: '0' }, limit: 100_000 })
      ).reduce(
        (n, e) => n + CORE.filter((p) => p.handles.has(e.type)).reduce((m, p) => m + p.groupsOf(e).length, 0),
        0,
      );
      expect(applied.size).toBe(handled);
      for (const p of CORE) await app.runner.rebuild(p.name);
      expect(both).toEqual(await snapshot(app));
      expect(both).toEqual(reference);
    },
    120_000,
  );

  it('/health reports the lag of every projection', async () => {
    await app.catchUp();
    const h = await app.request('GET', '/health');
    expect(h.status).toBe(200);
    for (const n of NAMES) expect(h.body.projections[n]).toEqual({ lag: 0 });
    await appendSyntheticCases(app, 1, 'prov');
    const lagging = await app.request('GET', '/health');
    for (const n of NAMES) expect(lagging.body.projections[n].lag).toBe(3);
    await app.catchUp();
  }, 60_000);
});

describe('minPosition (runner loop started)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ runProjections: true });
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('a list read with minPosition sees the case just registered', async () => {
    const admin = await app.token('admin-1', ['admin']);
    await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
    const h = await app.token('handler-1', ['handler'], 'prov');
    for (let i = 0; i < 3; i++) {
      const c = await ok(app, 'POST', '/api/v1/cases', h, {
        receivedAt: '2026-11-20',
        channel: 'online',
        receivingUnitId: 'prov',
        petitioners: [{ fullName: 'Nguyễn Văn A' }],
        subject: `Đơn ${i}`,
        content: 'Nội dung',
      });
      const list = await app.request('GET', `/api/v1/cases?minPosition=${String(c.position)}&pageSize=200`, {
        token: h,
      });
      expect(list.status).toBe(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
      const classified = await ok(app, 'POST', `/api/v1/cases/${String(c.id)}/classify`, h, {
        kind: 'complaint',
        level: 1,
        competentUnitId: 'prov',
        processable: true,
      });
      const again = await app.request(
        'GET',
        `/api/v1/cases?minPosition=${String(classified.position)}&status=classified&pageSize=200`,
        { token: h },
      );
      expect(again.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
    }
  }, 60_000);
});
