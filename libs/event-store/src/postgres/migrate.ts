import { DataSource, MigrationExecutor } from 'typeorm';
import { EVENT_STORE_MIGRATIONS } from './migrations/index.js';

/** The advisory-lock key every donthu process takes before migrating (an arbitrary, fixed bigint). */
export const MIGRATION_LOCK_KEY = '7246190341';

/**
 * Runs the pending migrations of `dataSource` in one transaction that first takes a transaction-scoped
 * advisory lock (`pg_advisory_xact_lock`). Processes starting together on an empty database queue on
 * the lock: the first migrates and commits (which releases it), the next ones then read the migrations
 * table and find nothing left to do. A transaction-scoped lock, because session locks are not exclusive
 * on PGlite (one backend serves every connection); it is released on commit or rollback, never leaked.
 * Returns the names of the migrations this call ran.
 */
export async function migrateUnderLock(dataSource: DataSource): Promise<string[]> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  try {
    await queryRunner.startTransaction();
    try {
      await queryRunner.query('SELECT pg_advisory_xact_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all'; // inside the transaction opened above
      const ran = await executor.executePendingMigrations();
      await queryRunner.commitTransaction();
      return ran.map((m) => m.name);
    } catch (err) {
      if (queryRunner.isTransactionActive) await queryRunner.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  } finally {
    await queryRunner.release();
  }
}

/**
 * Applies the event store's migrations to the database at `url` (server or embedded socket) and returns
 * the names of the migrations it ran. For tests and tools; the app lists EVENT_STORE_MIGRATIONS in its
 * own DataSource.
 */
export async function runEventStoreMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations: EVENT_STORE_MIGRATIONS,
    migrationsRun: false,
    logging: false,
  });
  await dataSource.initialize();
  try {
    return await migrateUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
