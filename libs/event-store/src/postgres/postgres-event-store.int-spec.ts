import { randomUUID } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import pg from 'pg';
import { START_OF_LOG } from '../event-store.port.js';
import { listenForAppends, subscribe } from '../subscription.js';
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
            append: (streamId, events, options) =>
              store.appendInTransaction(client, streamId, events, options),
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

describe('postgres event store: NOTIFY wake-up hint (server only)', () => {
  const serverIt = process.env.DATABASE_URL ? it : it.skip;

  serverIt(
    'a LISTEN connection hears appends; a subscription with a long poll interval wakes on it',
    async () => {
      const db = await freshDatabase();
      await runEventStoreMigrations(db.url);
      const pool = new pg.Pool({ connectionString: db.url, max: 4 });
      pool.on('error', () => undefined);
      const store = new PostgresEventStore({ pool });
      const listener = await listenForAppends(db.url);
      try {
        const heard = new Promise<void>((resolve) => listener.wakeUp.once('notification', () => resolve()));
        const seen: string[] = [];
        const sub = subscribe(store, {
          from: START_OF_LOG,
          pollIntervalMs: 600_000, // only the hint can wake it in time
          wakeUp: listener.wakeUp,
          handle: async (events) => {
            seen.push(...events.map((e) => e.eventId));
          },
        });
        await new Promise((r) => setTimeout(r, 100)); // let the first (empty) poll go to sleep
        const eventId = randomUUID();
        await store.append('case-1', [{ eventId, type: 'CaseReceived', data: {} }], {
          expectedVersion: 'no_stream',
          metadata: { actor: { id: 'u', name: 'U', roles: [] }, correlationId: 'c', causationId: null },
        });
        await heard;
        for (let i = 0; i < 200 && seen.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
        await sub.stop();
        expect(seen).toEqual([eventId]);
      } finally {
        await listener.close();
        await store.close();
        await pool.end();
        await db.drop();
      }
    },
    60_000,
  );
});
