import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createRunner } from '../../libs/application/src/index.js';
import { createRuntime, type Runtime } from '../../libs/runtime/src/index.js';
import { signDevToken } from '../../libs/security/src/index.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { TEST_SECRET } from '../support/index.js';

/**
 * The database goes away while the API runs, then comes back (issue: "if it goes away later,
 * /health says so and the process recovers when it returns"). The API reaches its database through
 * a TCP relay on the loopback interface that the test can cut (every connection dropped, new ones
 * refused) and restore.
 */

class CuttableRelay {
  private up = true;
  private readonly sockets = new Set<Socket>();
  private server!: Server;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (!this.up) {
        client.destroy();
        return;
      }
      const upstream = connect(this.targetPort, this.targetHost);
      this.sockets.add(client);
      this.sockets.add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.up = false;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.up = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

interface Health {
  status: 'ok' | 'error';
  eventStore: { headPosition: number | null };
  projections: Record<string, { lag: number | null }>;
}

describe('GET /health while the database goes away and comes back', () => {
  let db: TestDatabase;
  let relay: CuttableRelay;
  let runtime: Runtime;
  let app: INestApplication;
  let url: string;
  let dataDir: string;

  const health = async (): Promise<{ status: number; body: Health }> => {
    const r = await fetch(`${url}/health`);
    return { status: r.status, body: (await r.json()) as Health };
  };

  beforeAll(async () => {
    db = await freshDatabase();
    const target = new URL(db.url);
    relay = new CuttableRelay(target.hostname, Number(target.port || 5432));
    await relay.start();
    const viaRelay = new URL(db.url);
    viaRelay.hostname = '127.0.0.1';
    viaRelay.port = String(relay.port);
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-health-'));
    runtime = await createRuntime({
      role: 'cli',
      env: {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: TEST_SECRET,
        VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MIN: '0',
      },
      databaseUrl: viaRelay.toString(),
    });
    const runner = createRunner(runtime);
    app = await createApp(runtime, { runner, logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  }, 120_000);

  afterAll(async () => {
    relay?.restore();
    await app?.close().catch(() => undefined);
    await runtime?.close().catch(() => undefined);
    await relay?.close().catch(() => undefined);
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('answers 200 {status: ok} while the database is there', async () => {
    const r = await health();
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
    expect(r.body.eventStore).toHaveProperty('headPosition');
    expect(Object.keys(r.body.projections).length).toBeGreaterThan(0);
  }, 30_000);

  it('answers 503 with the same shape and status "error" when the database is unreachable', async () => {
    const before = await health();
    relay.cut();
    const r = await health();
    expect(r.status).toBe(503);
    expect(r.body.status).toBe('error');
    expect(r.body).toHaveProperty('eventStore');
    expect(Object.keys(r.body.projections).sort()).toEqual(Object.keys(before.body.projections).sort());
    // Still a JSON answer for any other request too: no crash, no 5xx HTML page.
    const again = await health();
    expect(again.status).toBe(503);
  }, 30_000);

  it('endpoints that need the database answer 503 UNAVAILABLE meanwhile, never 500; /metrics still answers', async () => {
    const admin = await signDevToken({ sub: 'admin-1', name: 'Admin', roles: ['admin'] }, TEST_SECRET);
    const headers = { authorization: `Bearer ${admin}`, 'content-type': 'application/json' };
    for (const [method, path, body] of [
      ['GET', '/api/v1/units', undefined],
      ['GET', '/api/v1/cases/6f1c0d7e-0000-4000-8000-000000000000', undefined],
      ['POST', '/api/v1/units', JSON.stringify({ id: 'x-unit', name: 'X', level: 'province' })],
    ] as const) {
      const r = await fetch(`${url}${path}`, { method, headers, body });
      const problem = (await r.json()) as { code?: string };
      expect([r.status, problem.code, path]).toEqual([503, 'UNAVAILABLE', path]);
    }
    expect((await fetch(`${url}/metrics`)).status).toBe(200);
  }, 60_000);

  it('recovers by itself when the database returns', async () => {
    relay.restore();
    let last = await health();
    for (let i = 0; i < 60 && last.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      last = await health();
    }
    expect(last.status).toBe(200);
    expect(last.body.status).toBe('ok');
    expect(last.body.eventStore.headPosition).not.toBeUndefined();
    // Commands work again on the same process.
    const admin = await signDevToken({ sub: 'admin-1', name: 'Admin', roles: ['admin'] }, TEST_SECRET);
    const created = await fetch(`${url}/api/v1/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'after-outage', name: 'Tỉnh Sau', level: 'province' }),
    });
    expect(created.status).toBe(201);
  }, 30_000);
});
