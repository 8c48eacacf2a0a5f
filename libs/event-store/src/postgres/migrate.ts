import { DataSource } from 'typeorm';
import { EVENT_STORE_MIGRATIONS } from './migrations/index.js';

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
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
