import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { eventsAfter, readCheckpoint, viaPool } from '../../../libs/event-store/src/index.js';
import type { ProjectionRunner } from '../../../libs/read-models/src/index.js';
import type { Runtime } from '../../../libs/runtime/src/index.js';
import type { ProcessHealth } from '../../../libs/application/src/index.js';

/**
 * The worker's own HTTP listener when it runs alone (`npm run start:worker`): probes and metrics, no
 * API. `GET /health/live` answers 200 while the process serves requests (restart it otherwise);
 * `GET /health/ready` (and `/health`) answers 200 when the database answers, with the log's head and
 * every projection's lag, 503 otherwise; `GET /metrics` is Prometheus text.
 */
export interface WorkerHttp {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export interface WorkerHttpOptions {
  port: number;
  host?: string;
  /** The worker's loops: a failing one shows here and makes the status `degraded` (still 200). */
  processes?: ProcessHealth;
}

const RELAY_CHECKPOINT = 'relay.kafka.v1';

export async function startWorkerHttp(
  runtime: Runtime,
  runner: ProjectionRunner,
  options: WorkerHttpOptions,
): Promise<WorkerHttp> {
  const relayOn = runtime.config.kafkaBrokers.length > 0;
  const relayLag = async () =>
    eventsAfter(viaPool(runtime.pool), await readCheckpoint(viaPool(runtime.pool), RELAY_CHECKPOINT));

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'donthu_' });
  const head = new Gauge({
    name: 'donthu_event_store_head_position',
    help: 'global position of the newest visible event',
    registers: [registry],
  });
  const projectionLag = new Gauge({
    name: 'donthu_projection_lag_events',
    help: 'events in the log not yet applied by a projection',
    labelNames: ['projection'],
    registers: [registry],
  });
  const relay = new Gauge({
    name: 'donthu_kafka_relay_lag_events',
    help: 'events not yet published by the Kafka relay',
    registers: [registry],
  });
  const up = new Gauge({
    name: 'donthu_database_up',
    help: '1 when the database answered the scrape',
    registers: [registry],
  });

  async function readiness(): Promise<{ status: 'ok' | 'error'; body: Record<string, unknown> }> {
    const projections: Record<string, { lag: number | null }> = {};
    for (const p of runner.projections) projections[p.name] = { lag: null };
    const body: Record<string, unknown> = {
      status: 'ok',
      role: 'worker',
      eventStore: { headPosition: null },
      projections,
      ...(runner.leases ? { leases: { owner: runner.leases.owner, held: runner.leases.held } } : {}),
    };
    try {
      await withTimeout(runtime.pool.query('SELECT 1'), 3000);
      body.eventStore = { headPosition: Number(await runtime.store.headPosition()) };
      for (const [name, v] of Object.entries(await runner.lag())) projections[name] = { lag: v.lag };
      if (relayOn) body.relay = { lag: await relayLag() };
      if (options.processes) {
        body.processes = options.processes.snapshot();
        if (options.processes.anyFailing) body.status = 'degraded';
      }
      return { status: 'ok', body };
    } catch {
      body.status = 'error';
      return { status: 'error', body };
    }
  }

  async function metrics(): Promise<string> {
    try {
      head.set(Number(await runtime.store.headPosition()));
      for (const [name, v] of Object.entries(await runner.lag()))
        projectionLag.set({ projection: name }, v.lag);
      if (relayOn) relay.set(await relayLag());
      up.set(1);
    } catch {
      up.set(0);
    }
    return Registry.merge([registry, runtime.metrics.registry]).metrics();
  }

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { status: 405 });
    if (path === '/health/live') return json(res, 200, { status: 'ok', role: 'worker' });
    if (path === '/health' || path === '/health/ready') {
      const r = await readiness();
      return json(res, r.status === 'ok' ? 200 : 503, r.body);
    }
    if (path === '/metrics') {
      const text = await metrics();
      res.writeHead(200, { 'content-type': registry.contentType });
      res.end(text);
      return;
    }
    json(res, 404, { status: 404 });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 500, { status: 500 });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as { port: number }).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
