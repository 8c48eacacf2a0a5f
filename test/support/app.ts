import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createRuntime, type Runtime } from '../../libs/runtime/src/index.js';
import { signDevToken } from '../../libs/security/src/index.js';
import type { ProjectionRunner } from '../../libs/read-models/src/index.js';
import { createApp, type CreateAppOptions } from '../../apps/api/src/bootstrap.js';
import { createRunner } from '../../libs/application/src/index.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { OpenApiCheck } from './openapi-check.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  url: string;
  runtime: Runtime;
  runner: ProjectionRunner;
  app: INestApplication;
  db: TestDatabase;
  /** Signs a token for a person with roles and a unit. */
  token(sub: string, roles: string[], unitId?: string, name?: string): Promise<string>;
  /** HTTP with JSON; returns status, headers and parsed body. */
  request(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string },
  ): Promise<TestResponse>;
  /** Applies every projection up to now. */
  catchUp(): Promise<void>;
  /** Moves the clock of the app and of the event store (recordedAt). */
  setNow(iso: string): void;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON shapes
  body: any;
  text: string;
}

export interface TestAppOptions {
  /** A fixed "now" (ISO instant), so dates in tests do not depend on the day they run. Default 2026-11-22T03:00:00Z. */
  now?: string;
  env?: Record<string, string>;
  /** Start the projection runner loop (default false: call catchUp()). */
  runProjections?: boolean;
  /** Log lines (at 'info') go here instead of nowhere. */
  logStream?: { write(line: string): void };
  /** Turn the console's demo sign-in on with these officials (as npm start does). */
  demoOfficials?: CreateAppOptions['demoOfficials'];
}

/** A real server on a fresh real database (PGlite, or a new database on DATABASE_URL's server). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'donthu-test-'));
  let now = new Date(options.now ?? '2026-11-22T03:00:00Z');
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_SECRET,
    VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MIN: '0',
    ...options.env,
  };
  const runtime = await createRuntime({ role: 'cli', env, databaseUrl: db.url, clock: () => now });
  const runner = createRunner(runtime);
  if (options.runProjections) runner.start();
  const app = await createApp(runtime, {
    runner,
    demoOfficials: options.demoOfficials,
    ...(options.logStream ? { logLevel: 'info', logStream: options.logStream } : { logLevel: 'silent' }),
  });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const openApi = new OpenApiCheck(app);
  openApi.load();
  return {
    url,
    runtime,
    runner,
    app,
    db,
    setNow(iso: string) {
      now = new Date(iso);
    },
    token: (sub, roles, unitId, name) =>
      signDevToken(
        { sub, name: name ?? sub, roles: roles as never, ...(unitId ? { unitId } : {}) },
        TEST_SECRET,
        { expiresIn: '1h' },
      ),
    async request(method, path, opts = {}) {
      // The suites read the API's messages in English (docs/reference/api-contract.md "Language": Vietnamese is the default).
      const headers: Record<string, string> = { 'accept-language': 'en', ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      await openApi.check(method, path, res.status, res.headers.get('content-type') ?? '', parsed);
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    // The global log's fence (pg_snapshot_xmin) is cluster-wide: a transaction open anywhere on a shared
    // server holds events back for a moment, so catch up until the newest event is applied.
    async catchUp() {
      const head = await runtime.store.headPosition();
      const until = Date.now() + 15_000;
      for (;;) {
        await runner.catchUpAll();
        // A parked projection (docs/projections.md) will not catch up: wait only for the others.
        const parked = new Set((await runner.parked()).map((x) => x.name));
        const live = runner.projections.map((p) => p.name).filter((n) => !parked.has(n));
        if (head === '0' || (await runner.hasApplied(head, live)) || Date.now() > until) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      await app.close();
      await runner.stop();
      await runtime.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Moves the test clock (returns a setter bound to the app's runtime). */
export function setNow(app: TestApp, iso: string): void {
  app.setNow(iso);
}
