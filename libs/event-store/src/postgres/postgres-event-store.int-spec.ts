import pg from 'pg';
import { freshDatabase } from '../../../../test/support/database.js';
import { eventStoreContract, type EventStoreFixture } from '../testing/event-store.contract.js';
import { startEmbeddedDatabase } from './embedded.js';
import { runEventStoreMigrations } from './migrate.js';
import { PostgresEventStore } from './postgres-event-store.js';

function fixture(
  url: string,
  concurrent: boolean,
  poolSize: number,
  release: () => Promise<void>,
): EventStoreFixture {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // pool.end() resolves before idle sockets have closed; the drop that follows (WITH FORCE) may then
  // terminate them (57P01), which an unobserved pool would raise as an unhandled 'error'.
  pool.on('error', () => undefined);
  const store = new PostgresEventStore({ pool });
  return {
    store,
    concurrent,
    rawQuery: (sql, params) => pool.query(sql, params),
    derive: (options) => new PostgresEventStore({ pool, ...options }),
    // A held transaction on a second connection deadlocks PGlite's single session: server only.
    beginTransaction: concurrent
      ? async () => {
          const client = await pool.connect();
          await client.query('BEGIN');
          return {
            append: (streamId, events, options) => store.appendInTransaction(client, streamId, events, options),
            async commit() {
              await client.query('COMMIT');
              client.release();
            },
            async rollback() {
              await client.query('ROLLBACK');
              client.release();
            },
          };
        }
      : undefined,
    async cleanup() {
      await store.close();
      await pool.end();
      await release();
    },
  };
}

eventStoreContract('postgres, embedded PGlite', async () => {
  const db = await startEmbeddedDatabase();
  await runEventStoreMigrations(db.url);
  return fixture(db.url, false, 4, () => db.close());
});

if (process.env.DATABASE_URL) {
  eventStoreContract('postgres, server (DATABASE_URL)', async () => {
    const db = await freshDatabase();
    await runEventStoreMigrations(db.url);
    return fixture(db.url, true, 16, () => db.drop());
  });
}
