import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { ALL_PROJECTIONS } from '../read-models/index.js';
import type { ProjectionDefinition } from './projection.js';
import { ProjectionLeases } from './projection-leases.js';
import { ProjectionRunner } from './projection-runner.js';
import { appendSyntheticCase } from './testing/synthetic-cases.js';

/**
 * The lease protocol on a real database (embedded and server: the same SQL, single statements, no
 * transaction held open). Expiry is simulated by moving database timestamps into the past, so no
 * test waits for a TTL.
 */

const NAMES = ['p.a', 'p.b', 'p.c', 'p.d', 'p.e', 'p.f'];
const LONG = { ttlMs: 60_000, renewMs: 1_000 };

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ProjectionLeases (integration)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  const owners = async (): Promise<Record<string, string | null>> => {
    const rows: { name: string; owner: string | null }[] = await app.runtime.dataSource.query(
      'SELECT name, owner FROM projection_leases WHERE name = ANY($1) ORDER BY name',
      [NAMES],
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.owner]));
  };

  it('refuses a renewal interval that is not shorter than the TTL', () => {
    expect(() => new ProjectionLeases(app.runtime.dataSource, NAMES, { ttlMs: 1000, renewMs: 1000 })).toThrow(
      /shorter than the TTL/,
    );
  });

  it('a lone worker takes all; a second one gets half after one round each; a dead one is taken over after expiry', async () => {
    const a = new ProjectionLeases(app.runtime.dataSource, NAMES, { owner: 'worker-a', ...LONG });
    const b = new ProjectionLeases(app.runtime.dataSource, NAMES, { owner: 'worker-b', ...LONG });

    const first = await a.tick();
    expect(first).toMatchObject({ live: 1, share: 6, acquired: NAMES, released: [] });
    expect(NAMES.every((n) => a.holds(n))).toBe(true);

    // B arrives: everything is held and unexpired, so it gets nothing yet.
    expect(await b.tick()).toMatchObject({ live: 2, share: 3, held: [], acquired: [] });
    // A sees two live workers and gives back what is above its fair share…
    expect(await a.tick()).toMatchObject({
      live: 2,
      share: 3,
      held: ['p.a', 'p.b', 'p.c'],
      released: ['p.d', 'p.e', 'p.f'],
    });
    expect(a.holds('p.d')).toBe(false);
    // …which B takes.
    expect(await b.tick()).toMatchObject({ live: 2, share: 3, acquired: ['p.d', 'p.e', 'p.f'] });
    // Stable: further rounds change nothing.
    for (let i = 0; i < 3; i++) {
      expect(await a.tick()).toMatchObject({ held: ['p.a', 'p.b', 'p.c'], acquired: [], released: [] });
      expect(await b.tick()).toMatchObject({ held: ['p.d', 'p.e', 'p.f'], acquired: [], released: [] });
    }
    expect(await owners()).toEqual({
      'p.a': 'worker-a',
      'p.b': 'worker-a',
      'p.c': 'worker-a',
      'p.d': 'worker-b',
      'p.e': 'worker-b',
      'p.f': 'worker-b',
    });

    // A dies: no release, no more rounds. While its heartbeat and leases are fresh, B waits.
    expect(await b.tick()).toMatchObject({ live: 2, share: 3, acquired: [] });
    // The TTL passes (database time).
    await app.runtime.dataSource.query(
      `UPDATE worker_heartbeats SET seen_at = now() - interval '2 minutes' WHERE owner = 'worker-a'`,
    );
    await app.runtime.dataSource.query(
      `UPDATE projection_leases SET expires_at = now() - interval '1 minute' WHERE owner = 'worker-a'`,
    );
    expect(await b.tick()).toMatchObject({ live: 1, share: 6, held: NAMES, acquired: ['p.a', 'p.b', 'p.c'] });
    expect(new Set(Object.values(await owners()))).toEqual(new Set(['worker-b']));

    // A graceful stop gives everything back at once and leaves no heartbeat.
    await b.release();
    expect(b.holds('p.a')).toBe(false);
    expect(new Set(Object.values(await owners()))).toEqual(new Set([null]));
    const beats: { owner: string }[] = await app.runtime.dataSource.query(
      'SELECT owner FROM worker_heartbeats',
    );
    expect(beats.map((r) => r.owner)).not.toContain('worker-b');
    await a.release();
  }, 60_000);

  it('a worker whose renewals stop getting through stops trusting its leases before they expire', async () => {
    let nowMs = 0; // this worker's monotonic clock, moved by the test
    const c = new ProjectionLeases(app.runtime.dataSource, NAMES, {
      owner: 'worker-c',
      ttlMs: 1000,
      renewMs: 50,
      monotonicMs: () => nowMs,
    });
    await c.tick();
    expect(c.holds('p.a')).toBe(true);
    nowMs += 799; // trusted until ttl − min(ttl / 5, 1 s) = 800 ms after the round started
    expect(c.holds('p.a')).toBe(true);
    nowMs += 251; // 1050 ms with no round in between: the held set goes stale
    expect(c.holds('p.a')).toBe(false);
    expect(c.held).toEqual([]);
    await c.release();
  }, 60_000);

  it('two runners with leases split the projections, each applies only what it holds, together they equal catchUpAll', async () => {
    await app.runtime.dataSource.query('DELETE FROM projection_leases');
    await app.runtime.dataSource.query('DELETE FROM worker_heartbeats');
    const applied: Record<string, Set<string>> = { 'runner-1': new Set(), 'runner-2': new Set() };
    const counting = (owner: string): ProjectionDefinition[] =>
      ALL_PROJECTIONS.map((p) => ({
        ...p,
        evolve(rows, event, group) {
          applied[owner]!.add(p.name);
          return p.evolve(rows, event, group);
        },
      }));
    const make = (owner: string) =>
      new ProjectionRunner({
        store: app.runtime.store,
        dataSource: app.runtime.dataSource,
        projections: counting(owner),
        pollMs: 20,
        batchSize: 7,
        leases: { owner, ttlMs: 60_000, renewMs: 50 },
      });
    const r1 = make('runner-1');
    const r2 = make('runner-2');
    r1.start();
    r2.start();
    try {
      const held = async () => {
        const rows: { owner: string; n: number }[] = await app.runtime.dataSource.query(
          `SELECT owner, count(*)::int AS n FROM projection_leases WHERE owner IS NOT NULL AND expires_at > now() GROUP BY owner`,
        );
        return Object.fromEntries(rows.map((r) => [r.owner, r.n]));
      };
      // An even split: each holds half of the projections (one more for one of them when odd).
      const n = ALL_PROJECTIONS.length;
      const shares = [Math.floor(n / 2), Math.ceil(n / 2)].join('/');
      await until(`the leases are split ${shares}`, async () => {
        const h = await held();
        const counts = [h['runner-1'], h['runner-2']].sort((a, b) => a - b).join('/');
        const local = [r1.leases!.held.length, r2.leases!.held.length].sort((a, b) => a - b).join('/');
        return counts === shares && local === shares;
      });
      const mine1 = r1.leases!.held;
      const mine2 = r2.leases!.held;
      expect(new Set([...mine1, ...mine2])).toEqual(new Set(ALL_PROJECTIONS.map((p) => p.name)));
      for (let i = 0; i < 40; i++) await appendSyntheticCase(app.runtime.store, i);
      const head = await app.runtime.store.headPosition();
      await until('both runners applied everything', () => app.runner.hasApplied(head));
      // Each loop evolved only projections it holds (the split did not change: nobody joined or left).
      expect([...applied['runner-1']!].every((n) => mine1.includes(n))).toBe(true);
      expect([...applied['runner-2']!].every((n) => mine2.includes(n))).toBe(true);
      expect(applied['runner-1']!.size + applied['runner-2']!.size).toBeGreaterThan(0);
      expect(r1.leases!.held).toEqual(mine1);
      expect(r2.leases!.held).toEqual(mine2);
    } finally {
      await r1.stop();
      await r2.stop();
    }
    // Stopped runners leave the leases free and no heartbeat behind.
    const left: { n: number }[] = await app.runtime.dataSource.query(
      'SELECT count(*)::int AS n FROM projection_leases WHERE owner IS NOT NULL',
    );
    expect(left[0]!.n).toBe(0);
    // The rows equal those of a runner without leases from scratch.
    const dump = async () => {
      const out: Record<string, unknown[]> = {};
      for (const p of ALL_PROJECTIONS) {
        const order = [...p.keyColumns, ...(p.temporal ? ['position_from'] : [])].join(', ');
        out[p.table] = await app.runtime.dataSource.query(`SELECT * FROM ${p.table} ORDER BY ${order}`);
      }
      return out;
    };
    const shared = await dump();
    expect(shared.rm_cases!.length).toBe(40);
    for (const p of ALL_PROJECTIONS) await app.runner.rebuild(p.name);
    expect(await dump()).toEqual(shared);
  }, 60_000);
});
