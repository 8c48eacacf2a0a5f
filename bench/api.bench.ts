/**
 * HTTP API benchmark: the app started in-process (API + projection runner, as `npm start` runs them)
 * on a scratch database of the local PostgreSQL server, created and dropped here. Prints figures next
 * to their targets; never asserts.
 *
 *   npm run bench:api                       (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_COMMAND_CASES=1000                cases driven through register + classify + accept (default 1,000)
 *   BENCH_CLIENTS=16                        concurrent HTTP clients for the commands (default 16)
 *   BENCH_CASES=100000                      cases in the deadlines read model for the board (default 100,000)
 *   BENCH_BOARD_READS=300                   overdue-board requests measured (default 300)
 *   BENCH_NO_VACUUM=1                       after loading the board's rows ANALYZE only (default VACUUM ANALYZE)
 *
 * Commands: real HTTP requests (JSON, JWT, validation, decide, append, idempotency-free), one case per
 * client at a time: register → classify → accept, each request timed on its own.
 *
 * Board: the BENCH_CASES cases are written straight into the read models (rm_cases, rm_deadlines) with
 * INSERT … SELECT generate_series — the rows the projections would produce for received → classified →
 * accepted complaints (a context row, a met KN-ACC, an open KN-RES1), spread over 20 departments of one
 * province, with due dates spread so that about half are overdue. No events are appended for them: the
 * board reads only the read model, and appending 300,000 events would measure the event store instead.
 * The board is then read as a supervisor of the province (subtree scope, first page of 200).
 *
 * The HTTP client (node:http, kept-alive connections) runs in the server's process and event loop, and
 * the app logs at 'silent' (no request log lines are built).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import pg from 'pg';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../apps/api/src/bootstrap.js';
import { createRunner } from '../libs/application/src/processes/worker.js';
import { createRuntime, type Runtime } from '../libs/runtime/src/runtime.js';
import { signDevToken } from '../libs/security/src/auth/dev-token.js';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COMMAND_CASES = Number(process.env.BENCH_COMMAND_CASES ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const BOARD_CASES = Number(process.env.BENCH_CASES ?? 100_000);
const BOARD_READS = Number(process.env.BENCH_BOARD_READS ?? 300);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** A fixed business day, so deadlines fall in years the holiday calendar covers. */
const NOW = new Date('2026-06-01T03:00:00Z');
const TODAY = '2026-06-01';
const DEPARTMENTS = 20;

const ms = (): number => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

interface Http {
  call(
    method: string,
    path: string,
    token: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

/**
 * The benchmark's HTTP client: node:http over kept-alive connections (one per concurrent client). It
 * runs in the server's process, so its own cost is kept low (fetch/undici cost about twice as much).
 */
function http(base: string): Http {
  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(CLIENTS, 1) });
  return {
    call(method, path, token, body) {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      return new Promise((resolve, reject) => {
        const req = request(
          base + path,
          {
            method,
            agent,
            headers: {
              authorization: `Bearer ${token}`,
              ...(payload === undefined
                ? {}
                : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              try {
                resolve({
                  status: res.statusCode ?? 0,
                  body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
                });
              } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    },
  };
}

async function setupUnits(api: Http, admin: string): Promise<void> {
  const must = async (path: string, body: unknown) => {
    const r = await api.call('POST', path, admin, body);
    if (r.status >= 300) throw new Error(`${path} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  await must('/api/v1/units', { id: 'prov', name: 'Tỉnh Bench', level: 'province' });
  await must('/api/v1/units/prov/heads', {
    personId: 'head-prov',
    fullName: 'Trần Văn Tỉnh',
    from: '2026-01-01',
  });
  for (let d = 0; d < DEPARTMENTS; d++) {
    await must('/api/v1/units', { id: `dept-${d}`, name: `Sở ${d}`, level: 'department', parentId: 'prov' });
    await must(`/api/v1/units/dept-${d}/heads`, {
      personId: `head-${d}`,
      fullName: `Giám đốc ${d}`,
      from: '2026-01-01',
    });
  }
}

async function benchCommands(api: Http, handler: string): Promise<void> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const timed = async (method: string, path: string, body: unknown) => {
    const t = ms();
    const r = await api.call(method, path, handler, body);
    latencies.push(ms() - t);
    if (r.status >= 300) errors++;
    return r;
  };
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= COMMAND_CASES) return;
      const unit = `dept-${i % DEPARTMENTS}`;
      const c = await timed('POST', '/api/v1/cases', {
        receivedAt: TODAY,
        channel: 'online',
        receivingUnitId: unit,
        petitioners: [{ fullName: `Nguyễn Văn ${i}`, idNumber: `0790${String(i).padStart(8, '0')}` }],
        subject: `Khiếu nại quyết định hành chính số ${i}`,
        content: 'Nội dung khiếu nại về quyết định thu hồi đất.',
        field: 'land',
      });
      const id = String(c.body.id);
      await timed('POST', `/api/v1/cases/${id}/classify`, {
        kind: 'complaint',
        level: 1,
        competentUnitId: unit,
        processable: true,
      });
      await timed('POST', `/api/v1/cases/${id}/accept`, { acceptedAt: TODAY });
    }
  };
  const start = ms();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (ms() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const rate = latencies.length / elapsed;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  console.log(
    `\nCommands over HTTP: register + classify + accept, ${COMMAND_CASES} cases, ${CLIENTS} concurrent clients`,
  );
  console.log(`  commands        ${latencies.length} in ${fmt(elapsed, 2)} s, ${errors} errors`);
  console.log(
    `  throughput      ${fmt(rate, 0)} commands/s        target ≥ 500     ${rate >= 500 ? 'met' : 'NOT met'}`,
  );
  console.log(`  latency p50     ${fmt(p50)} ms`);
  console.log(
    `  latency p99     ${fmt(p99)} ms                  target ≤ 50 ms   ${p99 <= 50 ? 'met' : 'NOT met'}`,
  );
}

/** BENCH_CASES accepted complaints written straight into the read models (see the header). */
async function fillReadModel(runtime: Runtime): Promise<number> {
  const t = ms();
  const chunk = 20_000;
  for (let from = 0; from < BOARD_CASES; from += chunk) {
    const to = Math.min(BOARD_CASES, from + chunk) - 1;
    const params = [from, to, DEPARTMENTS, TODAY, NOW.toISOString()];
    const series = `SELECT i, 'bench-' || lpad(i::text, 8, '0') AS case_id, 'dept-' || (i % $3) AS unit,
                           'BENCH-2026-' || lpad(i::text, 6, '0') AS code,
                           ($4::date - 60 + (i % 120))::date AS due, ($4::date - 90)::date AS received
                    FROM generate_series($1::int, $2::int) AS i`;
    await runtime.dataSource.query(
      `INSERT INTO rm_cases (case_id, tracking_code, kind, level, status, channel, field, receiving_unit_id, competent_unit_id,
         received_at, accepted_at, subject, content, petitioner_count, version, last_position, updated_at)
       SELECT case_id, code, 'complaint', 1, 'accepted', 'online', 'land', unit, unit, received, received + 5,
              'Khiếu nại ' || i, 'Nội dung', 1, 3, 0, $5::timestamptz FROM (${series}) s`,
      params,
    );
    const common = (no: number) =>
      `case_id, ${no}, 0, $5::timestamptz, NULL::timestamptz, code, 'complaint', unit, unit, unit`;
    await runtime.dataSource.query(
      `INSERT INTO rm_deadlines (case_id, deadline_no, position_from, recorded_from, recorded_to, tracking_code, kind, receiving_unit_id,
         competent_unit_id, unit_id, handler_id, rule_id, rule_version, start_on, due_on, state, outcome, completed_on, paused_on, cancelled_on, miss_recorded)
       SELECT ${common(0)}, NULL::text, NULL::text, NULL::text, NULL::date, NULL::date, 'context', NULL::text, NULL::date, NULL::date, NULL::date, false FROM (${series}) s
       UNION ALL
       SELECT ${common(1)}, NULL, 'KN-ACC', '2012-07-01', received, received + 14, 'completed', 'met', received + 5, NULL, NULL, false FROM (${series}) s
       UNION ALL
       SELECT ${common(2)}, NULL, 'KN-RES1', '2012-07-01', received + 5, due, 'open', NULL, NULL, NULL, NULL, false FROM (${series}) s`,
      params,
    );
  }
  // VACUUM as well as ANALYZE: the state autovacuum leaves such a bulk load in within a minute (visibility
  // map set, so the board's count can be answered from its index). BENCH_NO_VACUUM=1: ANALYZE only.
  const vacuum = process.env.BENCH_NO_VACUUM ? '' : 'VACUUM ';
  await runtime.dataSource.query(`${vacuum}ANALYZE rm_cases`);
  await runtime.dataSource.query(`${vacuum}ANALYZE rm_deadlines`);
  return (ms() - t) / 1000;
}

async function benchBoard(api: Http, runtime: Runtime, supervisor: string): Promise<void> {
  const seconds = await fillReadModel(runtime);
  const rows: { n: string }[] = await runtime.dataSource.query(
    `SELECT count(*)::text AS n FROM rm_deadlines WHERE recorded_to IS NULL AND deadline_no > 0`,
  );
  const path = '/api/v1/deadlines/overdue';
  const first = await api.call('GET', path, supervisor);
  for (let i = 0; i < 10; i++) await api.call('GET', path, supervisor); // warm-up
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < BOARD_READS; i++) {
    const t = ms();
    const r = await api.call('GET', path, supervisor);
    latencies.push(ms() - t);
    if (r.status !== 200) errors++;
  }
  latencies.sort((a, b) => a - b);
  const p99 = percentile(latencies, 99);
  console.log(
    `\nOverdue board: GET ${path} as a province supervisor (subtree of ${DEPARTMENTS} departments, first page of 200)`,
  );
  console.log(
    `  read model      ${BOARD_CASES} cases inserted directly into rm_cases/rm_deadlines in ${fmt(seconds, 1)} s (${rows[0]?.n} current deadline rows)`,
  );
  console.log(`  overdue total   ${String(first.body.total)} (status ${first.status})`);
  console.log(`  requests        ${BOARD_READS}, one at a time, ${errors} errors`);
  console.log(`  latency p50     ${fmt(percentile(latencies, 50))} ms`);
  console.log(
    `  latency p99     ${fmt(p99)} ms                  target ≤ 30 ms   ${p99 <= 30 ? 'met' : 'NOT met'}`,
  );
}

async function main(): Promise<void> {
  const name = `donthu_apibench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'donthu-apibench-'));
  let runtime: Runtime | null = null;
  let app: INestApplication | null = null;
  let runner: ReturnType<typeof createRunner> | null = null;
  try {
    runtime = await createRuntime({
      role: 'cli',
      databaseUrl: url.toString(),
      clock: () => NOW,
      env: {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: SECRET,
        VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MIN: '0',
      },
    });
    runner = createRunner(runtime);
    runner.start();
    app = await createApp(runtime, { runner, logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const api = http(`http://127.0.0.1:${port}`);
    const token = (sub: string, roles: string[], unitId?: string) =>
      signDevToken({ sub, name: sub, roles: roles as never, ...(unitId ? { unitId } : {}) }, SECRET, {
        expiresIn: '2h',
      });
    console.log(
      `donthu API benchmark — PostgreSQL ${url.host}, scratch database ${name}, node ${process.version}`,
    );
    await setupUnits(api, await token('admin-bench', ['admin']));
    await benchCommands(api, await token('handler-bench', ['handler'], 'prov'));
    await runner.catchUpAll();
    await benchBoard(api, runtime, await token('supervisor-bench', ['supervisor'], 'prov'));
  } finally {
    await app?.close();
    await runner?.stop();
    await runtime?.close();
    const c = new pg.Client({ connectionString: SERVER_URL });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
