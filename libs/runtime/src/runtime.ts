import pg from 'pg';
import { DataSource } from 'typeorm';
import type { BusinessCalendar, RuleBook } from '../../domain/src/index.js';
import { createRuleBook } from '../../domain/src/index.js';
import type { EventStore } from '../../event-store/src/index.js';
import {
  PostgresEventStore,
  KurrentDbEventStore,
  EVENT_STORE_MIGRATIONS,
  migrateUnderLock,
  CreateAnchorHeads1760000018300,
  CreateAnchors1760000005000,
} from '../../event-store/src/index.js';
import { READ_MODEL_MIGRATIONS } from '../../read-models/src/index.js';
// The migration list alone (libs/application imports this library: its index would be a cycle).
import { APPLICATION_MIGRATIONS } from '../../application/src/migrations.js';
import { PersonalDataVault, keyringFromEnv, SECURITY_MIGRATIONS } from '../../security/src/index.js';
import { loadBusinessCalendar } from './calendar-files.js';
import { loadRuleOverrides } from './rule-overrides.js';
import { loadConfig, type AppConfig } from './config.js';
import { openDatabase, type DatabaseHandle } from './database.js';
import { createEventTypeRegistry } from './event-types.js';
import { resolveSecrets, type Secrets } from './secrets.js';
import { Metrics } from './metrics.js';

export const ALL_MIGRATIONS = [
  ...EVENT_STORE_MIGRATIONS,
  ...SECURITY_MIGRATIONS,
  ...READ_MODEL_MIGRATIONS,
  ...APPLICATION_MIGRATIONS,
  CreateAnchors1760000005000,
  CreateAnchorHeads1760000018300,
];

/** Everything a process of donthu needs, built once: database, event store, vault, calendar, rules. */
export interface Runtime {
  config: AppConfig;
  env: NodeJS.ProcessEnv;
  secrets: Secrets;
  database: DatabaseHandle;
  dataSource: DataSource;
  pool: pg.Pool;
  store: EventStore;
  vault: PersonalDataVault;
  calendar: BusinessCalendar;
  rules: RuleBook;
  /** Injected clock: the only place the application reads time. */
  clock: () => Date;
  /** Prometheus metrics recorded as things happen (HTTP, commands, projection batches). */
  metrics: Metrics;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  role: 'server' | 'cli';
  env?: NodeJS.ProcessEnv;
  config?: AppConfig;
  clock?: () => Date;
  /** Use this database URL (tests), bypassing DATABASE_URL and the embedded database. */
  databaseUrl?: string;
}

/**
 * The process's one connection pool: TypeORM's DataSource (migrations, transactions, raw SQL of the read
 * models) over a `pg` pool of `max` connections, which the event store, the vault and the checkpoints
 * share (`Runtime.pool`). No entities: read models are tables written and read with SQL.
 */
export function createDataSource(url: string, max = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [],
    migrations: ALL_MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max },
  });
}

/** The `pg` pool under an initialised DataSource (TypeORM's postgres driver keeps it as `master`). */
function poolOf(dataSource: DataSource): pg.Pool {
  const pool = (dataSource.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) throw new Error('the database driver has no connection pool');
  return pool;
}

export async function createRuntime(options: RuntimeOptions): Promise<Runtime> {
  const env = options.env ?? process.env;
  const config = options.config ?? loadConfig(env);
  const secrets = resolveSecrets(env, config.dataDir, config.production);
  const calendar = loadBusinessCalendar(config.calendarDir);
  const database: DatabaseHandle = options.databaseUrl
    ? { url: options.databaseUrl, embedded: false, close: async () => undefined }
    : await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        role: options.role,
        tcp: config.embeddedDbTcp,
      });
  const dataSource = createDataSource(database.url, config.pgPoolMax);
  try {
    await dataSource.initialize();
    await migrateUnderLock(dataSource);
  } catch (err) {
    await database.close();
    throw err;
  }
  const pool = poolOf(dataSource);
  pool.on('error', () => undefined); // a dropped idle client is replaced on the next query
  const clock = options.clock ?? (() => new Date());
  // EVENT_STORE=kurrentdb keeps the events in KurrentDB; read models, checkpoints, the vault and
  // idempotency records stay in PostgreSQL (docs/operations.md lists what is PostgreSQL-only).
  let store: EventStore;
  if (config.eventStore === 'kurrentdb') {
    if (!config.kurrentDbUrl)
      throw new Error('EVENT_STORE=kurrentdb needs KURRENTDB_URL (e.g. esdb://localhost:2113?tls=false)');
    store = KurrentDbEventStore.connect(config.kurrentDbUrl, { registry: createEventTypeRegistry(), clock });
  } else {
    store = new PostgresEventStore({ pool, registry: createEventTypeRegistry(), clock });
  }
  const vault = new PersonalDataVault({
    pool,
    keyring: keyringFromEnv({ ...env, VAULT_MASTER_KEY: secrets.vaultMasterKey }),
  });
  try {
    await vault.checkKeys();
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    await database.close();
    throw err;
  }
  return {
    config,
    env,
    secrets,
    database,
    dataSource,
    pool,
    store,
    vault,
    calendar,
    rules: createRuleBook({ overrides: loadRuleOverrides(config.ruleOverridesFile) }),
    clock,
    metrics: new Metrics(),
    async close() {
      await store.close();
      await dataSource.destroy().catch(() => undefined); // ends the one pool
      await database.close();
    },
  };
}
