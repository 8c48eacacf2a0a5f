/**
 * HTTP API benchmark. The server runs as its own process (the built `npm start` entry, or the API and
 * the worker as two processes), the load comes from other processes (bench/api-load.ts, forked), on a
 * scratch database of the local PostgreSQL server created and dropped here. Prints figures next to
 * their goals; never asserts; never runs in CI.
 *
 *   npm run bench:api
 *   npm run bench:api -- --command-cases 2000   cases driven through register + classify + accept per mode
 *                                               (0: no command part, only the boards)
 *   npm run bench:api -- --clients 16           concurrent HTTP clients (spread over the generators)
 *   npm run bench:api -- --loaders 1            load-generator processes
 *   npm run bench:api -- --cases 1000000        cases seeded into the read models for the boards
 *   npm run bench:api -- --reads 200            requests per board measured (at most)
 *   npm run bench:api -- --read-seconds 90      time per board: fewer requests when they are slow (≥ 5)
 *   npm run bench:api -- --modes all-in-one,split
 *   npm run bench:api -- --warmups 2           unmeasured requests before each board's measured ones
 *   npm run bench:api -- --boards overdue,upcoming  which boards are read (default: overdue,upcoming,statistics)
 *   npm run bench:api -- --profile /tmp/prof     each server process writes a V8 CPU profile there when it
 *                                                stops (node --cpu-prof; open it in Chrome DevTools)
 *
 * 1. Commands, per mode: `all-in-one` (apps/api/src/all-in-one.ts: the API with the worker's loops in
 *    one process, as `npm start`) and `split` (apps/api/src/main.ts + apps/worker/src/main.ts). Each
 *    generator process drives its clients one case at a time: register → classify → accept, each request
 *    timed on its own; throughput and p50/p99 per command type. The RSS of the server process(es) is
 *    read from /proc: idle before the load, and the highest seen while it runs.
 * 2. Boards at scale: `--cases` accepted complaints written straight into the read models (rm_cases,
 *    rm_deadlines, rm_statistics) with INSERT … SELECT generate_series — the rows the projections would
 *    produce — over 20 departments of one province, received over the last year, about half overdue.
 *    No events are appended for them (the boards read only the read models). Then, against the split
 *    API process: the overdue and upcoming boards of the province (subtree, first page) and the
 *    province's statistics for the year, one request at a time. The statements behind them are
 *    captured on an in-process copy of the app (used for nothing else) and printed with their plans
 *    (EXPLAIN ANALYZE).
 */
import 'reflect-metadata';
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { LoadJob, LoadResult, CommandType } from './api-load.js';
import { createApp } from '../apps/api/src/bootstrap.js';
import {
  against,
  arg,
  benchEnv,
  benchRuntime,
  describeMachine,
  fmt,
  int,
  loadAverage,
  ms,
  percentile,
  scratchDatabase,
  token,
} from './support.js';

const COMMAND_CASES = Number(arg('command-cases', '2000'));
const CLIENTS = Number(arg('clients', '16'));
const LOADERS = Number(arg('loaders', '1'));
const BOARD_CASES = Number(arg('cases', '1000000'));
const BOARD_READS = Number(arg('reads', '200'));
/** Time given to each board's reads: a request of seconds is read fewer times (at least 5). */
const READ_SECONDS = Number(arg('read-seconds', '90'));
/** No command cases, no command part: the servers of the modes are not even started. */
const MODES = COMMAND_CASES > 0 ? arg('modes', 'all-in-one,split').split(',') : [];
const BOARDS = new Set(arg('boards', 'overdue,upcoming,statistics').split(','));
/** A directory for the servers' CPU profiles (`--cpu-prof`), written when each process stops. */
const PROFILE_DIR = arg('profile', '');
const WARMUPS = Number(arg('warmups', '2'));
const DEPARTMENTS = 20;
const UNITS = Array.from({ length: DEPARTMENTS }, (_, d) => `dept-${d}`);
/** Today in Vietnam (the server's clock is the real one). */
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
const YEAR = TODAY.slice(0, 4);
const script = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

/** Resident memory of a process, MiB (Linux /proc). */
function rss(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

interface Server {
  name: string;
  child: ChildProcess;
  output: string[];
  /** Settles when the process has exited (by itself or by a signal). */
  exited: Promise<void>;
}

function start(name: string, path: string, env: Record<string, string>): Server {
  const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, script(path)], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const keep = (b: Buffer) => {
    output.push(b.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  // Listened for from the start: an `exit` already emitted is never emitted again.
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { name, child, output, exited };
}

/** Whether the process has exited: a process killed by a signal has a null `exitCode`. */
const gone = (server: Server): boolean => server.child.exitCode !== null || server.child.signalCode !== null;

async function healthy(server: Server, url: string): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (gone(server)) break;
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${server.name} did not start:\n${server.output.join('')}`);
}

/** The worker as its own process (apps/worker), once its liveness answers. */
async function startWorker(env: Record<string, string>): Promise<Server> {
  const workerPort = await freePort();
  const w = start('the worker process', '../apps/worker/src/main.js', {
    ...env,
    WORKER_PORT: String(workerPort),
  });
  await healthy(w, `http://127.0.0.1:${workerPort}/health/live`);
  return w;
}

/**
 * Stops a server (SIGTERM, SIGKILL after 15 s). Stopping one already stopped returns at once: waiting
 * for the `exit` of a process that had already exited (killed by a signal, so with a null exitCode) is
 * what made the bench hang after its split mode, before the boards.
 */
async function stop(server: Server | null): Promise<void> {
  if (!server || gone(server)) return;
  server.child.kill('SIGTERM');
  const t = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.exited;
  clearTimeout(t);
}

async function post(base: string, path: string, tok: string, body: unknown): Promise<void> {
  const r = await fetch(base + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status >= 300) throw new Error(`${path} → ${r.status} ${await r.text()}`);
}

async function setupUnits(base: string): Promise<void> {
  const admin = await token('admin-bench', ['admin']);
  await post(base, '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh Bench', level: 'province' });
  await post(base, '/api/v1/units/prov/heads', admin, {
    personId: 'head-prov',
    fullName: 'Trần Văn Tỉnh',
    from: '2020-01-01',
  });
  for (const id of UNITS) {
    await post(base, '/api/v1/units', admin, { id, name: `Sở ${id}`, level: 'department', parentId: 'prov' });
    await post(base, `/api/v1/units/${id}/heads`, admin, {
      personId: `head-${id}`,
      fullName: `Giám đốc ${id}`,
      from: '2020-01-01',
    });
  }
}

/** The command load from LOADERS generator processes; RSS of `watched` sampled meanwhile. */
async function commandLoad(base: string, from: number, watched: Server[]): Promise<void> {
  const handler = await token('handler-bench', ['handler'], 'prov');
  const idle = watched.map((s) => rss(s.child.pid));
  const peak = [...idle];
  const per = Math.ceil(COMMAND_CASES / LOADERS);
  const loaders = Array.from({ length: LOADERS }, (_, k) => {
    const child = fork(script('./api-load.js'), [], { stdio: 'inherit' });
    const job: LoadJob = {
      base,
      token: handler,
      from: from + k * per,
      to: from + Math.min(COMMAND_CASES, (k + 1) * per),
      clients: Math.max(1, Math.round(CLIENTS / LOADERS)),
      today: TODAY,
      units: UNITS,
    };
    const ready = new Promise<void>((resolve) =>
      child.on('message', (m: { ready?: boolean }) => m.ready && resolve()),
    );
    const done = new Promise<LoadResult>((resolve, reject) =>
      child.on('message', (m: { result?: LoadResult; error?: string }) => {
        if (m.result) resolve(m.result);
        if (m.error) reject(new Error(m.error));
      }),
    );
    child.send({ job });
    return { child, ready, done };
  });
  await Promise.all(loaders.map((l) => l.ready));
  const sampler = setInterval(() => {
    watched.forEach((s, i) => (peak[i] = Math.max(peak[i]!, rss(s.child.pid))));
  }, 200);
  for (const l of loaders) l.child.send({ go: true });
  const results = await Promise.all(loaders.map((l) => l.done));
  clearInterval(sampler);
  const begin = Math.min(...results.map((r) => r.startedAt));
  const end = Math.max(...results.map((r) => r.endedAt));
  const seconds = (end - begin) / 1000;
  const all: number[] = [];
  const types: CommandType[] = ['register', 'classify', 'accept'];
  let errors = 0;
  for (const t of types) for (const r of results) errors += r.errors[t];
  const total = results.reduce((n, r) => n + types.reduce((m, t) => m + r.latencies[t].length, 0), 0);
  const rate = total / seconds;
  console.log(
    `  ${int(total)} commands in ${fmt(seconds, 1)} s from ${LOADERS} generator process(es), ${CLIENTS} clients, ${errors} errors`,
  );
  const firstError = results.find((r) => r.firstError)?.firstError;
  if (firstError) console.log(`  first error: ${firstError}`);
  against('throughput, all commands', `${fmt(rate, 0)} commands/s`, '≥ 600 commands/s', rate >= 600);
  for (const t of types) {
    const l = results.flatMap((r) => r.latencies[t]).sort((a, b) => a - b);
    all.push(...l);
    const p99 = percentile(l, 99);
    against(
      `${t} (${int(l.length)})`,
      `p50 ${fmt(percentile(l, 50))} ms, p99 ${fmt(p99)} ms`,
      'p99 ≤ 50 ms',
      p99 <= 50,
    );
  }
  all.sort((a, b) => a - b);
  const p99 = percentile(all, 99);
  against('all commands', `p50 ${fmt(percentile(all, 50))} ms, p99 ${fmt(p99)} ms`, 'p99 ≤ 50 ms', p99 <= 50);
  watched.forEach((s, i) =>
    against(`RSS of ${s.name}`, `idle ${fmt(idle[i]!, 0)} MiB, load ${fmt(peak[i]!, 0)} MiB`, '', null),
  );
  console.log(`  (${loadAverage()})`);
}

/** BOARD_CASES accepted complaints written straight into rm_cases, rm_deadlines and rm_statistics. */
async function seedReadModels(db: pg.Client): Promise<number> {
  const t = ms();
  const chunk = 20_000;
  const ts = new Date().toISOString();
  for (let from = 0; from < BOARD_CASES; from += chunk) {
    const to = Math.min(BOARD_CASES, from + chunk) - 1;
    const params = [from, to, DEPARTMENTS, TODAY, ts];
    const series = `SELECT i, 'bench-' || lpad(i::text, 8, '0') AS case_id, 'dept-' || (i % $3) AS unit,
                           'BENCH-${YEAR}-' || lpad(i::text, 7, '0') AS code,
                           ($4::date - 60 + (i % 120))::date AS due, ($4::date - 1 - (i % 360))::date AS received,
                           i % 2 = 1 AS decided
                    FROM generate_series($1::int, $2::int) AS i`;
    await db.query(
      `INSERT INTO rm_cases (case_id, tracking_code, kind, level, status, channel, field, receiving_unit_id, competent_unit_id,
         received_at, accepted_at, subject, content, petitioner_count, version, last_position, updated_at)
       SELECT case_id, code, 'complaint', 1, 'accepted', 'online', 'land', unit, unit, received, received + 5,
              'Khiếu nại ' || i, 'Nội dung', 1, 3, 0, $5::timestamptz FROM (${series}) s`,
      params,
    );
    const common = (no: number) =>
      `case_id, ${no}, 0, $5::timestamptz, NULL::timestamptz, code, 'complaint', unit, unit, unit`;
    await db.query(
      `INSERT INTO rm_deadlines (case_id, deadline_no, position_from, recorded_from, recorded_to, tracking_code, kind, receiving_unit_id,
         competent_unit_id, unit_id, handler_id, rule_id, rule_version, start_on, due_on, state, outcome, completed_on, paused_on, cancelled_on, miss_recorded)
       SELECT ${common(0)}, NULL::text, NULL::text, NULL::text, NULL::date, NULL::date, 'context', NULL::text, NULL::date, NULL::date, NULL::date, false FROM (${series}) s
       UNION ALL
       SELECT ${common(1)}, NULL, 'KN-ACC', '2012-07-01', received, received + 14, 'completed', 'met', received + 5, NULL, NULL, false FROM (${series}) s
       UNION ALL
       SELECT ${common(2)}, NULL, 'KN-RES1', '2012-07-01', received + 5, due, 'open', NULL, NULL, NULL, NULL, false FROM (${series}) s`,
      params,
    );
    const fact = (
      fact: string,
      figure: string,
      seq: string,
      on: string,
      until: string,
      extra: string,
      where = 'true',
    ) =>
      `SELECT 'case-' || case_id, '${fact}', 0, $5::timestamptz, NULL::timestamptz, '${figure}', case_id, code, unit,
              NULL::text, ${on}, ${until}, ${seq}, 'complaint', 1, 'online', 'land', ${extra} FROM (${series}) s WHERE ${where}`;
    await db.query(
      `INSERT INTO rm_statistics (subject_id, fact_id, position_from, recorded_from, recorded_to, figure, case_id, tracking_code,
         unit_id, from_unit_id, on_date, until_date, seq, kind, level, channel, field, outcome, timeliness, late_entry, state)
       ${fact('', 'case', '0', 'received', 'NULL::date', `NULL::text, NULL::text, false, '{}'::jsonb`)}
       UNION ALL ${fact('received:1', 'received', '1', 'received', 'NULL::date', 'NULL, NULL, false, NULL')}
       UNION ALL ${fact('classified:2', 'classified', '2', 'received', 'NULL::date', 'NULL, NULL, false, NULL')}
       UNION ALL ${fact('accepted:3', 'accepted', '3', 'received + 5', 'NULL::date', 'NULL, NULL, false, NULL')}
       UNION ALL ${fact('open:1', 'open', '0', 'received', 'CASE WHEN decided THEN received + 40 END', 'NULL, NULL, false, NULL')}
       UNION ALL ${fact('resolved:5', 'resolved', '5', 'received + 40', 'NULL::date', `'upheld', 'on_time', false, NULL`, 'decided AND received + 40 <= $4::date')}`,
      params,
    );
  }
  for (const table of ['rm_cases', 'rm_deadlines', 'rm_statistics'])
    await db.query(`VACUUM ANALYZE ${table}`);
  return (ms() - t) / 1000;
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); NaN elsewhere. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return Number.NaN;
  }
}

async function reads(
  base: string,
  path: string,
  tok: string,
  pid?: number,
): Promise<{ p50: number; p99: number; status: number; n: number; total: unknown; cpu: number }> {
  let status = 0;
  let total: unknown;
  const once = async () => {
    const r = await fetch(base + path, { headers: { authorization: `Bearer ${tok}` } });
    const body = Buffer.from(await r.arrayBuffer()).toString();
    status = r.status;
    // A list's exact `total` (boards): printed, so that two runs can be compared.
    try {
      total = (JSON.parse(body) as { total?: unknown }).total;
    } catch {
      total = undefined;
    }
  };
  for (let i = 0; i < WARMUPS; i++) await once();
  const l: number[] = [];
  const until = ms() + READ_SECONDS * 1000;
  const cpuBefore = cpuMsOf(pid);
  for (let i = 0; i < BOARD_READS && (i < 5 || ms() < until); i++) {
    const t = ms();
    await once();
    l.push(ms() - t);
  }
  const n = l.length;
  const cpu = (cpuMsOf(pid) - cpuBefore) / n;
  l.sort((a, b) => a - b);
  return { p50: percentile(l, 50), p99: percentile(l, 99), status, n, total, cpu };
}

/** The statements a request issues, captured on an in-process app, then EXPLAIN ANALYZEd. */
async function explainPlans(url: string, requests: { label: string; path: string; tok: string }[]) {
  const b = await benchRuntime(url, new Date());
  const ds = b.runtime.dataSource;
  let captured: { sql: string; params: unknown[] }[] | null = null;
  // Every statement the request sends, on any connection (checkpoints, parked projections, units…).
  let sent: string[] | null = null;
  const clientQuery = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    if (sent && text) sent.push(text);
    return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof clientQuery;
  const original = ds.query.bind(ds);
  ds.query = (async (sql: string, params?: unknown[], runner?: never) => {
    if (captured && /\brm_(deadlines|statistics|cases)\b/.test(sql))
      captured.push({ sql, params: params ?? [] });
    return original(sql, params, runner);
  }) as typeof ds.query;
  const app = await createApp(b.runtime, { logLevel: 'silent' });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  try {
    for (const r of requests) {
      // Once unmeasured, as the API process was warmed up (caches of the unit tree, the JWT key).
      await (await fetch(base + r.path, { headers: { authorization: `Bearer ${r.tok}` } })).arrayBuffer();
      captured = [];
      sent = [];
      const res = await fetch(base + r.path, { headers: { authorization: `Bearer ${r.tok}` } });
      await res.arrayBuffer();
      const statements = captured;
      const all = sent;
      captured = null;
      sent = null;
      console.log(
        `\n  ${r.label}: GET ${r.path} → ${res.status}, ${all.length} statement(s) in all, ${statements.length} on the read models`,
      );
      for (const sql of all) console.log(`    · ${sql.replace(/\s+/g, ' ').trim().slice(0, 120)}`);
      for (const s of statements) {
        const plan: { 'QUERY PLAN': string }[] = await original(
          `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${s.sql}`,
          s.params,
        );
        console.log(`    ${s.sql.replace(/\s+/g, ' ').trim().slice(0, 160)}…`);
        for (const line of plan) console.log(`      ${line['QUERY PLAN']}`);
      }
    }
  } finally {
    pg.Client.prototype.query = clientQuery;
    await app.close();
    await b.close();
  }
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('apibench');
  const dataDir = mkdtempSync(join(tmpdir(), 'donthu-apibench-'));
  const servers: Server[] = [];
  try {
    console.log(`donthu API benchmark — ${new Date().toISOString()}`);
    console.log(`  ${await describeMachine(scratch.url)}; scratch database ${scratch.name}`);
    const env = { ...benchEnv(dataDir), DATABASE_URL: scratch.url, HOST: '127.0.0.1' };
    let next = 0;
    let unitsReady = false;
    let api: { base: string; server: Server } | null = null;
    for (const mode of MODES) {
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const watched: Server[] = [];
      if (mode === 'all-in-one') {
        const s = start('the all-in-one process', '../apps/api/src/all-in-one.js', {
          ...env,
          PORT: String(port),
        });
        servers.push(s);
        watched.push(s);
        await healthy(s, `${base}/health`);
      } else if (mode === 'split') {
        const s = start('the API process', '../apps/api/src/main.js', { ...env, PORT: String(port) });
        servers.push(s);
        await healthy(s, `${base}/health`);
        const w = await startWorker(env);
        servers.push(w);
        watched.push(s, w);
        api = { base, server: s };
      } else throw new Error(`unknown mode ${mode}`);
      if (!unitsReady) {
        await setupUnits(base);
        unitsReady = true;
      }
      await sleep(3000); // let start-up settle before the idle RSS
      console.log(`\nCommands over HTTP, ${mode}: register → classify → accept, ${int(COMMAND_CASES)} cases`);
      await commandLoad(base, next, watched);
      next += COMMAND_CASES;
      if (mode === 'all-in-one') for (const s of watched) await stop(s);
    }
    for (const s of servers) if (s.name === 'the worker process') await stop(s);

    if (BOARD_CASES > 0) {
      if (!api) {
        const port = await freePort();
        const s = start('the API process', '../apps/api/src/main.js', { ...env, PORT: String(port) });
        servers.push(s);
        await healthy(s, `http://127.0.0.1:${port}/health`);
        api = { base: `http://127.0.0.1:${port}`, server: s };
      }
      const db = new pg.Client({ connectionString: scratch.url });
      await db.connect();
      if (!unitsReady) {
        // No command part: the units are set up here, and a worker projects them (the boards read
        // their subtree from rm_units), then stops as after the modes.
        const w = await startWorker(env);
        servers.push(w);
        await setupUnits(api.base);
        const projected = async () =>
          Number(
            (
              await db.query<{ n: string }>(
                'SELECT count(*)::text AS n FROM rm_units WHERE recorded_to IS NULL',
              )
            ).rows[0]!.n,
          );
        while ((await projected()) < UNITS.length + 1) await sleep(250);
        await stop(w);
      }
      let seconds: number;
      let current: string;
      try {
        seconds = await seedReadModels(db);
        current = (
          await db.query<{ n: string }>(
            'SELECT count(*)::text AS n FROM rm_deadlines WHERE recorded_to IS NULL AND deadline_no > 0',
          )
        ).rows[0]!.n;
      } finally {
        // Closed before the scratch database is dropped (a connection cut by the drop is an error event).
        await db.end();
      }
      console.log(
        `\nBoards: ${int(BOARD_CASES)} cases written into the read models in ${fmt(seconds, 0)} s (${int(Number(current))} current deadlines), read from the API process`,
      );
      const sup = await token('supervisor-bench', ['supervisor'], 'prov');
      const requests = [
        { board: 'overdue', label: 'overdue board', path: '/api/v1/deadlines/overdue', tok: sup, goal: 30 },
        {
          board: 'upcoming',
          label: 'upcoming board',
          path: '/api/v1/deadlines/upcoming',
          tok: sup,
          goal: 30,
        },
        {
          board: 'statistics',
          label: `statistics of the province, ${YEAR}`,
          path: `/api/v1/statistics?unitId=prov&period=${YEAR}`,
          tok: sup,
          goal: null,
        },
      ].filter((r) => BOARDS.has(r.board));
      for (const r of requests) {
        const m = await reads(api.base, r.path, r.tok, api.server.child.pid);
        against(
          `${r.label} (${m.status}, ${m.n} reads${m.total !== undefined ? `, total ${String(m.total)}` : ''})`,
          `p50 ${fmt(m.p50)} ms, p99 ${fmt(m.p99)} ms, API CPU ${fmt(m.cpu, 2)} ms/request`,
          r.goal ? `p99 ≤ ${r.goal} ms` : '',
          r.goal ? m.p99 <= r.goal : null,
        );
      }
      console.log(`  (${loadAverage()})`);
      console.log('\nPlans (EXPLAIN ANALYZE of the statements behind each request):');
      await explainPlans(scratch.url, requests);
    }
  } finally {
    for (const s of servers) await stop(s);
    await scratch.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
