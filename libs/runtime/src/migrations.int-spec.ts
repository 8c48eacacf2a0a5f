import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from '../../../test/support/database.js';
import { ALL_MIGRATIONS, createRuntime, type Runtime } from './runtime.js';

/**
 * Processes starting together on an empty database (an API and two workers after a deployment) all
 * come up: migrations run under a transaction-scoped advisory lock inside the migration transaction,
 * so one process migrates and the others, once it commits, find nothing left to do.
 *
 * Server only: the embedded test database serves one session at a time, so nothing runs concurrently there.
 */
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('migrations on start-up (three runtimes at once, one empty database)', () => {
  let db: TestDatabase;
  let dataDir: string;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-migrate-'));
  }, 60_000);

  afterAll(async () => {
    for (const r of runtimes) await r.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('all three start, and every migration ran exactly once', async () => {
    const env = { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const started = await Promise.allSettled(
      [1, 2, 3].map(() => createRuntime({ role: 'cli', env, databaseUrl: db.url })),
    );
    for (const s of started) if (s.status === 'fulfilled') runtimes.push(s.value);
    expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ok'))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    const rows: { name: string }[] = await runtimes[0].dataSource.query(
      'SELECT name FROM schema_migrations ORDER BY id',
    );
    expect(rows.map((r) => r.name).sort()).toEqual(ALL_MIGRATIONS.map((m) => m.name).sort());
  }, 120_000);
});

onServer('one connection pool per process', () => {
  let db: TestDatabase;
  let dataDir: string;
  let runtime: Runtime | undefined;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-pool-'));
  }, 60_000);

  afterAll(async () => {
    await runtime?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('TypeORM, the event store and the vault share one pool of PG_POOL_MAX connections', async () => {
    runtime = await createRuntime({
      role: 'cli',
      env: { NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent', PG_POOL_MAX: '4' },
      databaseUrl: db.url,
    });
    const rt = runtime;
    // Load through both doors at once; the server counts the connections this database has.
    const busy = Array.from({ length: 12 }, (_, i) =>
      i % 2 ? rt.dataSource.query('SELECT pg_sleep(0.05)') : rt.pool.query('SELECT pg_sleep(0.05)'),
    );
    const counted = rt.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()',
    );
    await Promise.all(busy);
    expect((await counted).rows[0].n).toBeLessThanOrEqual(4);
    expect(rt.pool.totalCount).toBeLessThanOrEqual(4);
  }, 60_000);
});
