import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, type TestDatabase } from '../../../test/support/database.js';

/**
 * `npm start` (apps/api/src/all-in-one.ts, run from source): the API and the background loops in one
 * process. With DONTHU_DEMO=1 on an empty server database it seeds the demo data through the use
 * cases, prints a development admin token, answers over HTTP, and stops cleanly on SIGTERM.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../test/support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('./all-in-one.ts', import.meta.url));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

describe('the all-in-one server (npm start)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  let base = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-server-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        DATABASE_URL: db.url,
        DONTHU_DEMO: '1',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
    });
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (b: Buffer) => {
        stdout += b.toString();
        if (/Development admin token \(12 h\):\n\S+\n/.test(stdout)) resolve();
      });
      void exited.then((r) => reject(new Error(`the server exited (${r.code}):\n${stdout}\n${stderr}`)));
    });
  }, 240_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('seeds the demo data and answers with it over HTTP', async () => {
    expect(stdout).toContain(`donthu is running on http://localhost:`);
    const token = /Development admin token \(12 h\):\n(\S+)\n/.exec(stdout)![1];
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const units = await fetch(`${base}/api/v1/units`, { headers: { authorization: `Bearer ${token}` } });
    expect(units.status).toBe(200);
    const cases = await fetch(`${base}/api/v1/cases?pageSize=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(cases.status).toBe(200);
    expect(((await cases.json()) as { total: number }).total).toBeGreaterThan(30);
  }, 60_000);

  it('stops on SIGTERM', async () => {
    child.kill('SIGTERM');
    // Nest's shutdown hooks close the app and re-raise the signal: a clean stop ends by SIGTERM or with 0.
    const r = await exited;
    expect(r.code === 0 || r.signal === 'SIGTERM').toBe(true);
    expect(stderr).not.toMatch(/cannot start|Error/);
  }, 60_000);
});
