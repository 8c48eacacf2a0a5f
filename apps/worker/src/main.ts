import 'reflect-metadata';
import pino from 'pino';
import { loadConfig, createRuntime, shutdownTracing } from '../../../libs/runtime/src/index.js';
import { startWorker } from '../../../libs/application/src/index.js';
import { startWorkerHttp } from './worker-http.js';

/** The worker alone: projections, deadline watcher, merger process (and the Kafka relay when configured). */
try {
  const config = loadConfig();
  const log = pino({ level: config.logLevel, base: { service: 'donthu-worker' } });
  // On the embedded database the worker attaches to a running server's socket (role 'cli').
  const runtime = await createRuntime({ role: 'cli', config });
  const worker = startWorker(runtime, { logger: log });
  // Probes and metrics on WORKER_PORT (default 3001): /health/live, /health/ready, /metrics.
  const http = await startWorkerHttp(runtime, worker.runner, {
    port: runtime.config.workerPort,
    host: runtime.config.host,
    processes: worker.health,
  });
  log.info(
    {
      database: runtime.database.embedded ? 'embedded' : 'server',
      leaseOwner: worker.runner.leases?.owner,
      port: http.port,
    },
    'donthu worker started',
  );
  const shutdown = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await http.close();
    await worker.stop();
    await runtime.close();
    await shutdownTracing();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
} catch (err) {
  console.error(`donthu worker: cannot start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
