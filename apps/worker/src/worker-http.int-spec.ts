import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp, TEST_SECRET, type TestApp } from '../../../test/support/app.js';
import { startWorkerHttp, type WorkerHttp } from './worker-http.js';

/** The worker's own listener: liveness apart from readiness, and Prometheus metrics. */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../test/support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const get = async (url: string) => {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
};

describe('worker listener (in process): live, ready, metrics', () => {
  let t: TestApp;
  let http: WorkerHttp;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp();
    http = await startWorkerHttp(t.runtime, t.runner, { port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${http.port}`;
  }, 60_000);
  afterAll(async () => {
    await http?.close();
    await t?.close();
  }, 60_000);

  it('answers live and ready, with the lag of every projection, and serves metrics', async () => {
    const admin = await t.token('admin', ['admin']);
    await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'p', name: 'Tỉnh', level: 'province' },
    });
    expect((await get(`${base}/health/live`)).json()).toEqual({ status: 'ok', role: 'worker' });
    const ready = await get(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ok',
      eventStore: { headPosition: 1 },
      projections: { 'units.v1': { lag: 1 } },
    });
    await t.catchUp();
    const metrics = await get(`${base}/metrics`);
    expect(metrics.text).toMatch(/^donthu_projection_lag_events\{projection="units\.v1"\} 0$/m);
    expect(metrics.text).toMatch(/^donthu_projection_events_applied_total\{projection="units\.v1"\} 1$/m);
    expect(metrics.text).toMatch(/^donthu_database_up 1$/m);
    expect(metrics.text).toMatch(/^donthu_process_cpu_seconds_total /m);
    expect((await get(`${base}/nothing`)).status).toBe(404);
  });

  it('is not ready without its database, and still live', async () => {
    await t.runtime.pool.end();
    const ready = await get(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'error' });
    expect((await get(`${base}/health`)).status).toBe(503);
    expect((await get(`${base}/health/live`)).status).toBe(200);
    expect((await get(`${base}/metrics`)).text).toMatch(/^donthu_database_up 0$/m);
  });
});

(process.env.DATABASE_URL ? describe : describe.skip)(
  'npm run start:worker serves /health/live, /health/ready and /metrics (server only: a second process)',
  () => {
    let t: TestApp;
    let dataDir: string;
    let child: ChildProcess | undefined;
    const output: string[] = [];
    beforeAll(async () => {
      t = await createTestApp();
      dataDir = mkdtempSync(join(tmpdir(), 'donthu-worker-http-'));
    }, 60_000);
    afterAll(async () => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await t?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }, 60_000);

    it('reports the port it listens on, applies events, shows them in its metrics, and stops on SIGTERM', async () => {
      child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATABASE_URL: t.db.url,
          DATA_DIR: dataDir,
          AUTH_JWT_SECRET: TEST_SECRET,
          VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
          LOG_LEVEL: 'info',
          HOST: '127.0.0.1',
          WORKER_PORT: '0',
          ANCHOR_INTERVAL_MS: '0',
          PROJECTION_POLL_MS: '20',
          PROJECTION_LEASE_RENEW_MS: '200',
        },
      });
      child.stdout!.on('data', (b: Buffer) => output.push(b.toString()));
      child.stderr!.on('data', (b: Buffer) => output.push(b.toString()));
      const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));
      try {
        const port = await until('the worker started', async () => {
          const line = output
            .join('')
            .split('\n')
            .find((l) => l.includes('donthu worker started'));
          return line ? (JSON.parse(line) as { port: number }).port : undefined;
        });
        const base = `http://127.0.0.1:${port}`;
        expect((await get(`${base}/health/live`)).status).toBe(200);
        const admin = await t.token('admin', ['admin']);
        await t.request('POST', '/api/v1/units', {
          token: admin,
          body: { id: 'p', name: 'Tỉnh', level: 'province' },
        });
        await until('the worker applied the unit', async () => {
          const m = await get(`${base}/metrics`);
          return /^donthu_projection_events_applied_total\{projection="units\.v1"\} 1$/m.test(m.text)
            ? true
            : undefined;
        });
        const ready = await get(`${base}/health/ready`);
        expect(ready.status).toBe(200);
        expect(ready.json()).toMatchObject({
          status: 'ok',
          role: 'worker',
          projections: { 'units.v1': { lag: 0 } },
        });
        expect((ready.json().leases as { held: string[] }).held).toContain('units.v1');
        child.kill('SIGTERM');
        expect(await exited).toBe(0);
      } catch (err) {
        throw new Error(`${String(err)}\n--- worker output:\n${output.join('')}`, { cause: err });
      }
    }, 90_000);
  },
);
