import { resolve } from 'node:path';

/** The one typed view of the process environment. Every setting is documented in the README's table. */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  /** The worker's own listener (probes, metrics) when it runs alone; 0 = any free port. */
  workerPort: number;
  /** A PostgreSQL server; undefined = the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  rateLimitPerMin: number;
  corsOrigins: string[];
  calendarDir?: string;
  demo: boolean;
  /** The console's demo sign-in (DEMO_SIGN_IN=1): only on the embedded database, never in production. */
  demoSignIn: boolean;
  projectionPollMs: number;
  watcherIntervalMs: number;
  anchorIntervalMs: number;
  /** Commune chairs must receive citizens at least one day a week (true) or a month (false). */
  communeReceptionWeekly: boolean;
  eventStore: 'postgres' | 'kurrentdb';
  kurrentDbUrl?: string;
  kafkaBrokers: string[];
  kafkaTopicPrefix: string;
  /** How long a pending Idempotency-Key claim holds before a retry may take it over (a crashed request). */
  idempotencyLeaseMs: number;
}

function int(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV ?? 'development';
  const eventStore = (env.EVENT_STORE ?? 'postgres') as AppConfig['eventStore'];
  if (eventStore !== 'postgres' && eventStore !== 'kurrentdb') {
    throw new Error(`EVENT_STORE must be "postgres" or "kurrentdb", got "${String(eventStore)}"`);
  }
  const demoSignIn = bool(env.DEMO_SIGN_IN, false);
  if (demoSignIn && nodeEnv === 'production') {
    throw new Error(
      'DEMO_SIGN_IN=1 is refused with NODE_ENV=production: demo sign-in issues tokens to anyone',
    );
  }
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    port: int(env.PORT, 3000, 'PORT'),
    workerPort: int(env.WORKER_PORT, 3001, 'WORKER_PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? './.donthu/data'),
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimitPerMin: int(env.RATE_LIMIT_PER_MIN, 600, 'RATE_LIMIT_PER_MIN'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    calendarDir: env.CALENDAR_DIR || undefined,
    demo: bool(env.DONTHU_DEMO, false),
    demoSignIn,
    projectionPollMs: int(env.PROJECTION_POLL_MS, 250, 'PROJECTION_POLL_MS'),
    watcherIntervalMs: int(env.WATCHER_INTERVAL_MS, 5 * 60_000, 'WATCHER_INTERVAL_MS'),
    anchorIntervalMs: int(env.ANCHOR_INTERVAL_MS, 15 * 60_000, 'ANCHOR_INTERVAL_MS'),
    communeReceptionWeekly: bool(env.COMMUNE_RECEPTION_WEEKLY, true),
    eventStore,
    kurrentDbUrl: env.KURRENTDB_URL || undefined,
    kafkaBrokers: (env.KAFKA_BROKERS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX ?? 'donthu',
    idempotencyLeaseMs: int(env.IDEMPOTENCY_LEASE_MS, 30_000, 'IDEMPOTENCY_LEASE_MS'),
  };
}
