import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from '../../../libs/runtime/src/index.js';
import { freshDatabase, type TestDatabase } from '../../../test/support/database.js';

/**
 * Start-up behaviour of the API process (`npm run start:api`, `apps/api/src/main.ts`, run from
 * source through test/support/ts-register.mjs) and of the runtime it builds:
 * - a database that cannot be reached at start → exit code 1 with one clear line on stderr;
 * - a setting that cannot be parsed (a misspelt boolean, an unknown enum value) → exit code 1, one
 *   line naming the variable;
 * - NODE_ENV=production without AUTH_JWT_SECRET / VAULT_MASTER_KEY → exit code 1 naming them;
 * - in development the secrets are generated once and kept in DATA_DIR (the same on the next start).
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../test/support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runApi(env: Record<string, string>, timeoutMs = 60_000): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the API did not exit within ${timeoutMs} ms:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A loopback port with nothing listening on it (bound, then closed). */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');

describe('API start-up (a process started from source)', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-startup-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 1 with one clear line when DATABASE_URL cannot be reached', async () => {
    const port = await closedPort();
    const r = await runApi({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/donthu`,
    });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^donthu api: cannot start: cannot reach the database at DATABASE_URL/);
  }, 90_000);

  it('exits 1 with one line naming the variable when a setting cannot be parsed', async () => {
    const port = await closedPort();
    const r = await runApi({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/donthu`,
      COMMUNE_RECEPTION_WEEKLY: 'flase',
    });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toBe(
      'donthu api: cannot start: COMMUNE_RECEPTION_WEEKLY must be true or false (or 1/0, yes/no, on/off), got "flase"',
    );
    const r2 = await runApi({ DATA_DIR: dataDir, EVENT_STORE: 'mongodb' });
    expect(r2.code).toBe(1);
    expect(lines(r2.stderr)).toEqual([
      'donthu api: cannot start: EVENT_STORE must be one of postgres, kurrentdb, got "mongodb"',
    ]);
  }, 90_000);

  it('refuses to start in production without the secrets, naming them and never printing a value', async () => {
    const port = await closedPort();
    const prodDir = join(dataDir, 'production');
    const r = await runApi({
      NODE_ENV: 'production',
      DATA_DIR: prodDir,
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/donthu`,
    });
    expect(r.code).toBe(1);
    const err = lines(r.stderr);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('NODE_ENV=production requires AUTH_JWT_SECRET and VAULT_MASTER_KEY');

    const withJwt = await runApi({
      NODE_ENV: 'production',
      DATA_DIR: prodDir,
      AUTH_JWT_SECRET: 'a-production-secret-a-production-secret-0123',
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/donthu`,
    });
    expect(withJwt.code).toBe(1);
    expect(lines(withJwt.stderr)[0]).toContain('NODE_ENV=production requires VAULT_MASTER_KEY');
    expect(withJwt.stderr).not.toContain('a-production-secret');
    // Production never generates secrets into DATA_DIR.
    expect(existsSync(join(prodDir, 'secrets.json'))).toBe(false);
  }, 90_000);
});

describe('development secrets (generated once, kept in DATA_DIR)', () => {
  let db: TestDatabase;
  let dataDir: string;
  const runtimes: Runtime[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-secrets-'));
  }, 60_000);

  afterAll(async () => {
    for (const r of runtimes) await r.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  // One runtime at a time: the embedded test database serves one session.
  const start = async (env: Record<string, string> = {}): Promise<Runtime> => {
    const runtime = await createRuntime({
      role: 'cli',
      env: { NODE_ENV: 'development', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      databaseUrl: db.url,
    });
    runtimes.push(runtime);
    return runtime;
  };

  it('writes both secrets to DATA_DIR/secrets.json (mode 0600) and reuses them on the next start', async () => {
    const first = await start();
    await first.close();
    runtimes.pop();
    const file = join(dataDir, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { jwtSecret: string; vaultMasterKey: string };
    expect(stored.jwtSecret).toBe(first.secrets.jwtSecret);
    expect(stored.vaultMasterKey).toBe(first.secrets.vaultMasterKey);
    expect(Buffer.from(stored.vaultMasterKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(stored.jwtSecret, 'base64url').length).toBeGreaterThanOrEqual(32);

    const second = await start();
    expect(second.secrets).toEqual(first.secrets);
  }, 60_000);

  it('a secret set in the environment wins over the stored one and does not overwrite it', async () => {
    for (const r of runtimes.splice(0)) await r.close();
    const before = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    const fromEnv = 'an-explicit-secret-an-explicit-secret-0123';
    const r = await start({ AUTH_JWT_SECRET: fromEnv });
    expect(r.secrets.jwtSecret).toBe(fromEnv);
    expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(before);
  }, 60_000);
});
