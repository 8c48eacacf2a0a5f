/**
 * What the benchmarks share: a scratch database on the local PostgreSQL server (created here, dropped
 * at the end), a runtime on it with a fixed clock, tokens, timing and the printing of figures against
 * their goals. Benchmarks never run in CI and never assert; they print.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createRuntime, type Runtime } from '../libs/runtime/src/index.js';
import { signDevToken } from '../libs/security/src/index.js';

export const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
export const VAULT_KEY = Buffer.alloc(32, 7).toString('base64');

export const ms = (): number => Number(process.hrtime.bigint()) / 1e6;
export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** `--name value` or `--name=value` from the command line, else `fallback`. */
export function arg(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1] ?? fallback;
    if (argv[i]!.startsWith(`--${name}=`)) return argv[i]!.slice(name.length + 3);
  }
  return fallback;
}

/** A line of a result: the figure, its goal, and whether it is met. */
export function against(label: string, value: string, goal: string, met: boolean | null): void {
  const verdict = met === null ? '' : met ? 'met' : 'NOT met';
  console.log(`  ${label.padEnd(44)} ${value.padEnd(26)} ${goal.padEnd(26)} ${verdict}`);
}

/** One line about where the figures come from (the machine is part of every figure). */
export async function describeMachine(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const v = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await c.end();
  const cpu = cpus();
  return `PostgreSQL ${v} at ${new URL(url).host}, node ${process.version}, ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 0)} GiB`;
}

/** The machine's load average (1, 5, 15 minutes): what the figures shared the cores with. */
export const loadAverage = (): string =>
  `load average ${loadavg()
    .map((n) => fmt(n, 2))
    .join(', ')} on ${cpus().length} cores`;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new database on the server of SERVER_URL; `drop()` removes it (connections are cut). */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `donthu_${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The environment a benchmark's server runs with (no request logs, no rate limit). */
export function benchEnv(dataDir: string): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: SECRET,
    VAULT_MASTER_KEY: VAULT_KEY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MIN: '0',
  };
}

export interface BenchRuntime {
  runtime: Runtime;
  dataDir: string;
  close(): Promise<void>;
}

/** A runtime (migrations applied) on `url`, its clock fixed at `now`. */
export async function benchRuntime(url: string, now: Date): Promise<BenchRuntime> {
  const dataDir = mkdtempSync(join(tmpdir(), 'donthu-bench-'));
  const runtime = await createRuntime({
    role: 'cli',
    databaseUrl: url,
    clock: () => now,
    env: benchEnv(dataDir),
  });
  return {
    runtime,
    dataDir,
    async close() {
      await runtime.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const token = (sub: string, roles: string[], unitId?: string): Promise<string> =>
  signDevToken({ sub, name: sub, roles: roles as never, ...(unitId ? { unitId } : {}) }, SECRET, {
    expiresIn: '4h',
  });
