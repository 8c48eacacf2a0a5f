import { randomUUID } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import pg from 'pg';
import {
  START_OF_LOG,
  UnknownEventType,
  readStreamForFold,
  type EventStore,
  type StoredEvent,
} from '../event-store.port.js';
import { EventTypeRegistry } from '../event-type-registry.js';
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
  // An idle client cut off by the server (a restart, a dropped test database) is replaced on the next
  // query; without a listener the pool's 'error' event would end the process.
  pool.on('error', () => undefined);
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

eventStoreContract(
  'postgres, embedded PGlite',
  async () => {
    const db = await startEmbeddedDatabase();
    await runEventStoreMigrations(db.url);
    return fixture(db.url, false, 4, () => db.close());
  },
  { concurrent: false, rawQuery: true, derive: true, beginTransaction: false },
);

if (process.env.DATABASE_URL) {
  eventStoreContract(
    'postgres, server (DATABASE_URL)',
    async () => {
      const db = await freshDatabase();
      await runEventStoreMigrations(db.url);
      return fixture(db.url, true, 16, () => db.drop());
    },
    { concurrent: true, rawQuery: true, derive: true, beginTransaction: true },
  );
}

describe('postgres event store: NOTIFY wake-up hint (server only)', () => {
  const serverIt = process.env.DATABASE_URL ? it : it.skip;

  serverIt(
    'a LISTEN connection hears appends; a subscription with a long poll interval wakes on it',
    async () => {
      const db = await freshDatabase();
      await runEventStoreMigrations(db.url);
      const pool = new pg.Pool({ connectionString: db.url, max: 4 });
      // An idle client cut off by the server (a restart, a dropped test database) is replaced on the next
      // query; without a listener the pool's 'error' event would end the process.
      pool.on('error', () => undefined);
      pool.on('error', () => undefined);
      const store = new PostgresEventStore({ pool });
      const listener = await listenForAppends(db.url);
      try {
        const heard = new Promise<void>((resolve) => listener.wakeUp.once('notification', () => resolve()));
        const seen: string[] = [];
        // The same store, counting the reads the subscription has finished.
        let reads = 0;
        const counted: EventStore = Object.assign(Object.create(store) as EventStore, {
          readAll: async (...args: Parameters<EventStore['readAll']>) => {
            const events = await store.readAll(...args);
            reads++;
            return events;
          },
        });
        const sub = subscribe(counted, {
          from: START_OF_LOG,
          pollIntervalMs: 600_000, // only the hint can wake it in time
          wakeUp: listener.wakeUp,
          handle: async (events) => {
            seen.push(...events.map((e) => e.eventId));
          },
        });
        // The first (empty) poll is done: the subscription sleeps until the hint (or 10 minutes).
        for (let i = 0; i < 400 && reads === 0; i++) await new Promise((r) => setTimeout(r, 25));
        expect(reads).toBe(1);
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

describe.each([
  ['embedded PGlite', false],
  ['server (DATABASE_URL)', true],
] as const)('postgres event store: readStreamForFold, %s', (_name, server) => {
  const maybe = !server || process.env.DATABASE_URL ? it : it.skip;
  const meta = { actor: { id: 'u', name: 'U', roles: [] }, correlationId: 'c', causationId: null };
  const ev = (type: string, data: Record<string, unknown>, schemaVersion?: number) => ({
    eventId: randomUUID(),
    type,
    data,
    ...(schemaVersion ? { schemaVersion } : {}),
  });
  const folded = (events: StoredEvent[]) =>
    events.map(({ streamId, version, globalPosition, type, data }) => ({
      streamId,
      version,
      globalPosition,
      type,
      data,
    }));

  async function withStore(run: (pool: pg.Pool, store: PostgresEventStore) => Promise<void>): Promise<void> {
    const db = server ? await freshDatabase() : await startEmbeddedDatabase();
    await runEventStoreMigrations(db.url);
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    // An idle client cut off by the server (a restart, a dropped test database) is replaced on the next
    // query; without a listener the pool's 'error' event would end the process.
    pool.on('error', () => undefined);
    pool.on('error', () => undefined);
    const store = new PostgresEventStore({ pool });
    try {
      await run(pool, store);
    } finally {
      await store.close();
      await pool.end();
      await ('drop' in db ? db.drop() : db.close());
    }
  }

  maybe(
    'gives the events of readStream narrowed to version, position, type and data, with the same options',
    async () => {
      await withStore(async (_pool, store) => {
        const s = `fold-${randomUUID()}`;
        await store.append(s, [ev('A', { n: 1 }), ev('B', { n: 2, nested: { x: [1, 2] } })], {
          expectedVersion: 'no_stream',
          metadata: meta,
        });
        await store.append(s, [ev('C', { n: 3 })], { expectedVersion: 2, metadata: meta });
        expect(await store.readStreamForFold(s)).toEqual(folded(await store.readStream(s)));
        const range = { fromVersion: 2, toVersion: 2 };
        expect(await store.readStreamForFold(s, range)).toEqual(folded(await store.readStream(s, range)));
        const asOf = { asOf: '2000-01-01T00:00:00Z' };
        expect(await store.readStreamForFold(s, asOf)).toEqual([]);
        expect(await store.readStreamForFold(`fold-${randomUUID()}`)).toEqual([]);
      });
    },
    60_000,
  );

  maybe(
    'upcasts like readStream and throws UnknownEventType for an unknown type',
    async () => {
      await withStore(async (pool, store) => {
        const registry = thingNamedV2();
        const reader = new PostgresEventStore({ pool, registry });
        const s = `fold-${randomUUID()}`;
        await store.append(s, [ev('ThingNamed', { name: 'Old' }), ev('ThingNamed', { fullName: 'New' }, 2)], {
          expectedVersion: 'no_stream',
          metadata: meta,
        });
        const events = await reader.readStreamForFold(s);
        expect(events.map((e) => e.data)).toEqual([{ fullName: 'Old' }, { fullName: 'New' }]);
        expect(events).toEqual(folded(await reader.readStream(s)));
        await store.append(s, [ev('Mystery', {})], { expectedVersion: 2, metadata: meta });
        await expect(reader.readStreamForFold(s)).rejects.toBeInstanceOf(UnknownEventType);
        await reader.close();
      });
    },
    60_000,
  );

  maybe(
    'reads the stored schemaVersion as readStream does: a non-number is version 1, a newer one throws',
    async () => {
      await withStore(async (pool, store) => {
        const registry = thingNamedV2();
        const reader = new PostgresEventStore({ pool, registry });
        const s = `fold-${randomUUID()}`;
        await store.append(s, [ev('ThingNamed', { name: 'A' }), ev('ThingNamed', { name: 'B' })], {
          expectedVersion: 'no_stream',
          metadata: meta,
        });
        // Stored outside the store: a string "2" and no schemaVersion at all both read as version 1.
        await pool.query(
          `UPDATE events SET metadata = CASE version WHEN 1 THEN jsonb_set(metadata, '{schemaVersion}', '"2"')
             ELSE metadata - 'schemaVersion' END WHERE stream_id = $1`,
          [s],
        );
        const events = await reader.readStreamForFold(s);
        expect(events.map((e) => e.data)).toEqual([{ fullName: 'A' }, { fullName: 'B' }]);
        expect(events).toEqual(folded(await reader.readStream(s)));
        await pool.query(
          `UPDATE events SET metadata = jsonb_set(metadata, '{schemaVersion}', '3') WHERE stream_id = $1 AND version = 2`,
          [s],
        );
        await expect(reader.readStreamForFold(s)).rejects.toBeInstanceOf(UnknownEventType);
        await expect(reader.readStream(s)).rejects.toBeInstanceOf(UnknownEventType);
        await reader.close();
      });
    },
    60_000,
  );

  maybe(
    'an append at the version a fold read saw succeeds; a stale one is a conflict',
    async () => {
      await withStore(async (pool, store) => {
        const s = `fold-${randomUUID()}`;
        await store.append(s, [ev('A', {})], { expectedVersion: 'no_stream', metadata: meta });
        const other = new PostgresEventStore({ pool });
        const seen = await other.readStreamForFold(s);
        await other.append(s, [ev('B', {})], { expectedVersion: seen.length, metadata: meta });
        expect((await store.verifyStream(s)).ok).toBe(true);
        await expect(store.append(s, [ev('C', {})], { expectedVersion: 1, metadata: meta })).rejects.toThrow(
          /version conflict/,
        );
        await other.close();
      });
    },
    60_000,
  );
});

describe('readStreamForFold()', () => {
  it('falls back to readStream for an adapter without readStreamForFold', async () => {
    const event = { streamId: 's', version: 1, globalPosition: '7', type: 'A', data: {} } as StoredEvent;
    const store = { readStream: async () => [event] } as unknown as EventStore;
    expect(await readStreamForFold(store, 's')).toEqual([event]);
  });
});

/** ThingNamed at version 2: version 1's `name` is upcast to `fullName`. */
function thingNamedV2(): EventTypeRegistry {
  return new EventTypeRegistry().register('ThingNamed', {
    currentVersion: 2,
    upcasters: { 1: ({ name: n, ...rest }) => ({ ...rest, fullName: n }) },
  });
}
