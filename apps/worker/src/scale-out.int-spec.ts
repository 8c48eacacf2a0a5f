import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/support/app.js';
import { START_OF_LOG } from '../../../libs/event-store/src/index.js';
import { ALL_PROJECTIONS } from '../../../libs/read-models/src/index.js';
import { appendSyntheticCase } from '../../../libs/read-models/src/runner/testing/synthetic-cases.js';

/**
 * Scale-out: two real worker processes (`apps/worker/src/main.ts`, the entry point of
 * `npm run start:worker`, run from source through test/support/ts-register.mjs) on one database share
 * the projections through leases. Events keep arriving while both work; one worker is killed with
 * SIGKILL mid-run (no graceful stop: its leases stay owned by it and its open transaction, if any,
 * is rolled back by the server); the survivor takes its leases over once they expire.
 *
 * "Nothing applied twice" is checked in the database, not in a process's memory: a trigger logs
 * every committed move of a checkpoint with the application_name (PGAPPNAME) of the worker that
 * committed it. Per projection the moves must form one unbroken chain from the start of the log —
 * a batch applied twice would be a second move from the same checkpoint.
 *
 * Server only: the embedded database serves one session at a time on one in-memory instance, so two
 * worker processes cannot share it (leases still work there; see projection-leases.int-spec.ts).
 */

const CASES = 1000; // three events each
const KILL_AFTER = 400; // cases appended before the kill
const TTL_MS = 2000;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../test/support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const NAMES = ALL_PROJECTIONS.map((p) => p.name);

interface WorkerProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

interface Move {
  seq: string;
  name: string;
  old_tx: string;
  old_pos: string;
  new_tx: string;
  new_pos: string;
  app: string;
}

async function until(what: string, cond: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

(process.env.DATABASE_URL ? describe : describe.skip)(
  'scale-out: two worker processes share the projections through leases (server only: the embedded database has one session)',
  () => {
    let app: TestApp;
    let dataDir: string;
    const workers: WorkerProcess[] = [];

    const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> =>
      app.runtime.dataSource.query(sql, params);

    function startWorkerProcess(name: string): WorkerProcess {
      const child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          // The test's fresh database — never the server's DATABASE_URL itself.
          DATABASE_URL: app.db.url,
          PGAPPNAME: name,
          DATA_DIR: dataDir,
          AUTH_JWT_SECRET: TEST_SECRET,
          VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
          LOG_LEVEL: 'info',
          ANCHOR_INTERVAL_MS: '0',
          WATCHER_INTERVAL_MS: '600000',
          PROJECTION_POLL_MS: '20',
          WORKER_PORT: '0',
          PROJECTION_LEASE_TTL_MS: String(TTL_MS),
          PROJECTION_LEASE_RENEW_MS: '200',
        },
      });
      const output: string[] = [];
      child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
      child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      const w = { name, child, output, exited };
      workers.push(w);
      return w;
    }

    /** Projection name → owner, for unexpired leases. */
    const leases = async (): Promise<Record<string, string>> =>
      Object.fromEntries(
        (
          await q<{ name: string; owner: string }>(
            `SELECT name, owner FROM projection_leases WHERE owner IS NOT NULL AND expires_at > now()`,
          )
        ).map((r) => [r.name, r.owner]),
      );
    const ownedBy = (all: Record<string, string>, w: WorkerProcess) =>
      Object.keys(all)
        .filter((n) => all[n]!.includes(`:${w.child.pid}:`))
        .sort();
    const moves = () =>
      q<Move>(
        'SELECT seq::text, name, old_tx, old_pos::text, new_tx, new_pos::text, app FROM t_moves ORDER BY seq',
      );

    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const p of ALL_PROJECTIONS) {
        const order = [...p.keyColumns, ...(p.temporal ? ['position_from'] : [])].join(', ');
        out[p.table] = await q(`SELECT * FROM ${p.table} ORDER BY ${order}`);
      }
      return out;
    };

    beforeAll(async () => {
      app = await createTestApp();
      dataDir = mkdtempSync(join(tmpdir(), 'donthu-scale-'));
      await q(`CREATE TABLE t_moves (seq bigserial PRIMARY KEY, name text NOT NULL, old_tx text NOT NULL,
        old_pos bigint NOT NULL, new_tx text NOT NULL, new_pos bigint NOT NULL, app text NOT NULL)`);
      await q(`CREATE FUNCTION t_log_move() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO t_moves (name, old_tx, old_pos, new_tx, new_pos, app)
          VALUES (NEW.name, OLD.transaction_id, OLD.position, NEW.transaction_id, NEW.position, current_setting('application_name'));
          RETURN NEW;
        END $$`);
      await q(
        `CREATE TRIGGER t_log_move AFTER UPDATE ON projection_checkpoints FOR EACH ROW EXECUTE FUNCTION t_log_move()`,
      );
    }, 60_000);

    afterAll(async () => {
      for (const w of workers)
        if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await app?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('both work while both live, the survivor takes over a killed one, nothing is applied twice, rows equal a rebuild', async () => {
      const one = startWorkerProcess('worker-1');
      const two = startWorkerProcess('worker-2');
      const diagnose = (what: string) => (err: unknown) => {
        throw new Error(
          `${what}: ${String(err)}\n--- worker-1:\n${one.output.join('')}\n--- worker-2:\n${two.output.join('')}`,
        );
      };

      // 1. Both processes up; the leases split as evenly as they can (fair share = ceil(n / 2) each,
      // so one holds ceil(n / 2) and the other the rest).
      const share = Math.ceil(NAMES.length / 2);
      await until('the leases are split between the two workers', async () => {
        const all = await leases();
        const counts = [ownedBy(all, one).length, ownedBy(all, two).length].sort();
        return counts[0] === NAMES.length - share && counts[1] === share;
      }).catch(diagnose('no lease split'));
      const split = await leases();
      const heldByOne = ownedBy(split, one);
      const heldByTwo = ownedBy(split, two);
      expect(new Set([...heldByOne, ...heldByTwo])).toEqual(new Set(NAMES));

      // 2. Events arrive while both work; worker-2 is killed mid-run.
      let appended = 0;
      for (; appended < KILL_AFTER; appended++) await appendSyntheticCase(app.runtime.store, appended);
      // Wait until each worker has committed a batch of every projection it holds (on a loaded
      // machine one may still be on its first projection when the other is done).
      await until('both workers committed batches of every projection they hold', async () => {
        const done = new Set((await moves()).map((m) => `${m.app}:${m.name}`));
        return (
          heldByOne.every((n) => done.has(`worker-1:${n}`)) &&
          heldByTwo.every((n) => done.has(`worker-2:${n}`))
        );
      }).catch(diagnose('no batches from both'));
      // Both still hold their share just before the kill: throughput was shared.
      const beforeKill = await leases();
      expect(ownedBy(beforeKill, one)).toEqual(heldByOne);
      expect(ownedBy(beforeKill, two)).toEqual(heldByTwo);
      two.child.kill('SIGKILL');
      expect(await two.exited).toEqual({ code: null, signal: 'SIGKILL' });
      // Wait until the server has noticed the dropped connections (a COMMIT already on the wire may
      // still land until then).
      await until('the killed worker’s sessions gone from the server', async () => {
        const rows = await q<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [two.name],
        );
        return rows[0]!.n === 0;
      }).catch(diagnose('sessions of the killed worker'));
      const killedAt = (
        await q<{ seq: string }>(`SELECT coalesce(max(seq), 0)::text AS seq FROM t_moves`)
      )[0]!.seq;
      for (; appended < CASES; appended++) await appendSyntheticCase(app.runtime.store, appended);

      // 3. The survivor takes the expired leases over and applies everything.
      const head = await app.runtime.store.headPosition();
      await until('every projection applied every event', () => app.runner.hasApplied(head)).catch(
        diagnose('not caught up'),
      );
      await until(
        'the survivor holds every lease',
        async () => ownedBy(await leases(), one).length === NAMES.length,
      );

      // 4. Nothing applied twice: per projection, one unbroken chain of checkpoint moves.
      // (Other checkpoints live in the same table, e.g. the unit-merger process's; only projections count here.)
      const all = (await moves()).filter((m) => NAMES.includes(m.name));
      for (const name of NAMES) {
        const mine = all.filter((m) => m.name === name);
        const from = new Map<string, Move>();
        for (const m of mine) {
          const key = `${m.old_tx}/${m.old_pos}`;
          expect(from.has(key) ? `${name}: two batches applied from ${key}` : null).toBeNull();
          from.set(key, m);
        }
        let at = `${START_OF_LOG.transactionId}/${START_OF_LOG.position}`;
        let steps = 0;
        while (from.has(at)) {
          const m = from.get(at)!;
          at = `${m.new_tx}/${m.new_pos}`;
          steps++;
        }
        expect({ name, steps }).toEqual({ name, steps: mine.length });
        const cp = await app.runner.checkpoint(name);
        expect(at).toBe(`${cp.transactionId}/${cp.position}`);
        // Only the two workers moved checkpoints.
        expect(new Set(mine.map((m) => m.app)).size).toBeLessThanOrEqual(2);
        expect(mine.every((m) => m.app === 'worker-1' || m.app === 'worker-2')).toBe(true);
      }
      // Throughput was shared: before the kill each worker moved exactly the projections it held…
      const early = all.filter((m) => BigInt(m.seq) <= BigInt(killedAt));
      expect(new Set(early.filter((m) => m.app === 'worker-2').map((m) => m.name))).toEqual(
        new Set(heldByTwo),
      );
      expect(early.filter((m) => m.app === 'worker-1').length).toBeGreaterThan(0);
      // …and after it the survivor moved the killed worker's projections; the dead one moved nothing.
      const late = all.filter((m) => BigInt(m.seq) > BigInt(killedAt));
      expect(late.filter((m) => m.app === 'worker-2')).toEqual([]);
      for (const name of heldByTwo)
        expect(late.some((m) => m.name === name && m.app === 'worker-1')).toBe(true);

      // 5. Stop the survivor gracefully: it gives its leases back.
      one.child.kill('SIGTERM');
      expect(await one.exited).toEqual({ code: 0, signal: null });
      expect(await leases()).toEqual({});

      // 6. The rows equal those of a clean rebuild.
      const shared = await snapshot();
      expect(shared.rm_cases!.length).toBe(CASES);
      for (const name of NAMES) await app.runner.rebuild(name);
      expect(await snapshot()).toEqual(shared);
    }, 180_000);
  },
);
