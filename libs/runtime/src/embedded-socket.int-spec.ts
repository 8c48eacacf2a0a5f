import { afterAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createRuntime, type Runtime } from './runtime.js';
import { embeddedSocketPath } from './database.js';

/**
 * Issue 12 item 12: the embedded database (npm start without DATABASE_URL) has one user, `postgres`,
 * and no password. It listens on a unix socket inside DATA_DIR, whose mode is 0700, so only this
 * account's processes can reach it; a TCP listener on 127.0.0.1 only with EMBEDDED_DB_TCP=1.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../test/support/ts-register.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../../apps/cli/src/main.ts', import.meta.url));
const KEY = Buffer.alloc(32, 9).toString('base64');
const SECRET = 'embedded-socket-secret-embedded-socket-secret-0123';

const envFor = (dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  NODE_ENV: 'test',
  DATA_DIR: dataDir,
  AUTH_JWT_SECRET: SECRET,
  VAULT_MASTER_KEY: KEY,
  LOG_LEVEL: 'silent',
  ...extra,
});

/** Inodes of the TCP sockets this process listens on (Linux /proc); null where /proc is not there. */
function tcpListeners(): Set<string> | null {
  if (!existsSync('/proc/self/fd') || !existsSync('/proc/net/tcp')) return null;
  const mine = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) mine.add(m[1]);
    } catch {
      // closed meanwhile
    }
  }
  const listening = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A' && mine.has(cols[9])) listening.add(cols[9]); // 0A: LISTEN
    }
  }
  return listening;
}

describe('the embedded database listens on a unix socket in DATA_DIR', () => {
  const dirs: string[] = [];
  let runtime: Runtime | undefined;
  const newDataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'dt-sock-'));
    dirs.push(d);
    return d;
  };
  afterAll(async () => {
    await runtime?.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  it('by default: a socket file in DATA_DIR (mode 0700), no TCP listener, and it serves the app and the CLI', async () => {
    const dataDir = newDataDir();
    chmodSync(dataDir, 0o755); // made earlier with a looser mode: tightened at start
    const before = tcpListeners();
    runtime = await createRuntime({ role: 'server', env: envFor(dataDir) });
    const socket = embeddedSocketPath(dataDir);
    expect(statSync(socket).isSocket()).toBe(true);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(runtime.database.embedded).toBe(true);
    expect(runtime.database.url).not.toMatch(/127\.0\.0\.1|:\d+\//);
    const announced = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { url: string };
    expect(announced.url).toContain(`host=${encodeURIComponent(dataDir)}`);
    const after = tcpListeners();
    if (before && after) expect([...after].filter((i) => !before.has(i))).toEqual([]);
    // It serves: migrations ran, and a query answers.
    const r = await runtime.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM schema_migrations');
    expect(Number(r.rows[0].n)).toBeGreaterThan(0);
    // The CLI, as a process, reaches the same database through the socket while the server runs.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', REGISTER, CLI, 'migrate'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...envFor(dataDir) },
    });
    expect(stdout).toContain('migrations applied on the embedded database');
    await runtime.close();
    runtime = undefined;
    expect(existsSync(socket)).toBe(false);
  }, 180_000);

  it('EMBEDDED_DB_TCP=1: listens on 127.0.0.1 instead', async () => {
    const dataDir = newDataDir();
    const before = tcpListeners();
    runtime = await createRuntime({ role: 'server', env: envFor(dataDir, { EMBEDDED_DB_TCP: '1' }) });
    expect(runtime.database.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(existsSync(embeddedSocketPath(dataDir))).toBe(false);
    const after = tcpListeners();
    if (before && after) expect([...after].filter((i) => !before.has(i))).toHaveLength(1);
    expect((await runtime.pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await runtime.close();
    runtime = undefined;
  }, 180_000);

  it('refuses a DATA_DIR too long for a unix socket, naming the way out', async () => {
    const dataDir = join(newDataDir(), 'x'.repeat(120));
    await expect(createRuntime({ role: 'server', env: envFor(dataDir) })).rejects.toThrow(
      /too long .*EMBEDDED_DB_TCP=1/,
    );
  }, 60_000);
});
