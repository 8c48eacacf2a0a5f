import {
  ProjectionRunner,
  defaultLeaseOwner,
  type LeaseOptions,
  ALL_PROJECTIONS,
} from '../../../read-models/src/index.js';
import { letterOpener } from '../cases/case.letter.js';
import type { Runtime } from '../../../runtime/src/index.js';
import { runXldMigration } from './xld-migration.js';
import { runDeadlineWatch } from './deadline-watcher.js';
import { recordAnchor } from '../../../event-store/src/index.js';
import { KafkaRelay } from '../../../messaging/src/index.js';
import { UnitMergerProcess } from './unit-merger.process.js';
import { ProcessHealth } from './process-health.js';
import { moveRecommendationForMerger } from '../inspections/inspection.merger.js';

export interface WorkerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Worker {
  runner: ProjectionRunner;
  merger: UnitMergerProcess;
  /** How the loops are doing (shown in /health). */
  health: ProcessHealth;
  stop(): Promise<void>;
}

/** The lease settings of this process (PROJECTION_LEASE_TTL_MS, PROJECTION_LEASE_RENEW_MS, read by the config). */
export function leaseOptionsOf(config: Runtime['config']): Required<Omit<LeaseOptions, 'monotonicMs'>> {
  return {
    owner: defaultLeaseOwner(),
    ttlMs: config.projectionLeaseTtlMs,
    renewMs: config.projectionLeaseRenewMs,
  };
}

/**
 * The runner over every projection. `leases: true` makes it share the projections with the other
 * workers on the database (what `startWorker` does); without, its loop runs every projection
 * (tests, the CLI, `npm start`).
 */
export function createRunner(
  runtime: Runtime,
  logger?: WorkerLogger,
  options: { leases?: boolean } = {},
): ProjectionRunner {
  return new ProjectionRunner({
    store: runtime.store,
    openLetters: letterOpener(runtime.vault),
    // COPY into a rebuild's table where the server takes it (not PGlite, however it is reached).
    rebuildLoad: 'auto',
    dataSource: runtime.dataSource,
    projections: ALL_PROJECTIONS,
    pollMs: runtime.config.projectionPollMs,
    logger,
    observer: runtime.metrics,
    ...(options.leases ? { leases: leaseOptionsOf(runtime.config) } : {}),
  });
}

/**
 * A loop that runs `task` now and then every `everyMs`, never overlapping itself. A failed run is
 * logged, shown in `health` (and so in /health) and retried at the next interval.
 */
function every(
  everyMs: number,
  task: () => Promise<unknown>,
  logger: WorkerLogger | undefined,
  what: string,
  health: ProcessHealth,
) {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = task()
      .then(
        () => health.succeeded(what),
        (err: unknown) => {
          health.failed(what, err);
          logger?.error({ err }, `${what} failed; will retry`);
        },
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  tick();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

/**
 * The background work: projection runner, deadline watcher (at start-up, then every few minutes),
 * unit-merger process. Several workers may run on one database: they share the projections through
 * leases (a runner created here has them; a runner passed in is used as it is), projection batches
 * are applied under a compare-and-set on their checkpoint, and watcher/merger events have
 * deterministic ids.
 */
export function startWorker(
  runtime: Runtime,
  options: { runner?: ProjectionRunner; logger?: WorkerLogger; health?: ProcessHealth } = {},
): Worker {
  const logger = options.logger;
  const health = options.health ?? new ProcessHealth(runtime.clock);
  const runner = options.runner ?? createRunner(runtime, logger, { leases: true });
  runner.start();
  const merger = new UnitMergerProcess(runtime, runner, moveRecommendationForMerger(runtime));
  let xldMigrated = false;
  const stops = [
    every(
      runtime.config.watcherIntervalMs,
      async () => {
        // Fresh candidates from the projections this worker holds; the others are kept up to date
        // by their holders.
        await runner.catchUpHeld().catch(() => undefined);
        // Once per process, before the first watch: XLD for letters registered before XLD existed
        // (docs/reference/deadlines.md §10; idempotent, so every worker may run it).
        if (!xldMigrated) {
          const m = await runXldMigration(runtime);
          xldMigrated = true;
          if (m.xldStarted) logger?.info(m, 'XLD migration started XLD on unclassified letters');
        }
        const r = await runDeadlineWatch(runtime);
        if (r.missesRecorded) logger?.info(r, 'deadline watcher recorded missed deadlines');
      },
      logger,
      'deadline watcher',
      health,
    ),
    every(
      Math.max(500, runtime.config.projectionPollMs * 4),
      () => merger.runOnce(),
      logger,
      'unit merger process',
      health,
    ),
    ...(runtime.config.anchorIntervalMs > 0
      ? [
          every(
            runtime.config.anchorIntervalMs,
            async () => {
              const anchor = await recordAnchor(runtime.pool);
              logger?.info({ anchor }, 'integrity anchor recorded');
            },
            logger,
            'integrity anchor',
            health,
          ),
        ]
      : []),
  ];
  // The Kafka relay runs only where brokers are configured (KAFKA_BROKERS).
  const relay = runtime.config.kafkaBrokers.length
    ? new KafkaRelay({
        store: runtime.store,
        pool: runtime.pool,
        brokers: runtime.config.kafkaBrokers,
        topicPrefix: runtime.config.kafkaTopicPrefix,
        clientId: runtime.config.kafkaClientId,
        logger: logger as never,
      })
    : null;
  relay?.start();
  return {
    runner,
    merger,
    health,
    async stop() {
      await relay?.stop();
      for (const s of stops) await s();
      await runner.stop();
    },
  };
}
