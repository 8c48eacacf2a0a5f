import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import {
  DuplicateEventId,
  START_OF_LOG,
  UnknownEventType,
  VersionConflict,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type GlobalCheckpoint,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port.js';
import { EventTypeRegistry } from '../event-type-registry.js';
import { GENESIS_HASH, computeEventHash } from '../hash-chain.js';
import { subscribe } from '../subscription.js';

/** A transaction held open on its own connection (server only). */
export interface OpenTransaction {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface EventStoreFixture {
  store: EventStore;
  /** True when writers really run in parallel (a server); false for embedded PGlite, which serialises. */
  concurrent: boolean;
  cleanup(): Promise<void>;
  /** Raw SQL against the PostgreSQL `events` table (tampering tests). Omitted: those tests are skipped. */
  rawQuery?: (sql: string, params?: unknown[]) => Promise<unknown>;
  /** Another store over the same database, with a registry and/or clock (upcasting, asOf tests). */
  derive?: (options: { registry?: EventTypeRegistry; clock?: () => Date }) => EventStore;
  /** Opens a transaction on a separate connection (late-commit and racing tests; server only). */
  beginTransaction?: () => Promise<OpenTransaction>;
}

/**
 * What an adapter's fixture offers, declared when the suite is defined: a test that does not apply to
 * the adapter is then declared skipped (it.skip) rather than passing empty. The fixture must match.
 */
export interface ContractCapabilities {
  concurrent: boolean;
  rawQuery: boolean;
  derive: boolean;
  beginTransaction: boolean;
}

const LONG = 180_000;

const metadata = (): AppendOptions['metadata'] => ({
  actor: { id: 'u-1', name: 'Contract Tester', roles: ['handler'] },
  correlationId: randomUUID(),
  causationId: null,
});
const opts = (expectedVersion: AppendOptions['expectedVersion']): AppendOptions => ({
  expectedVersion,
  metadata: metadata(),
});
const ev = (type = 'Noted', data: Record<string, unknown> = {}, extra: Partial<NewEvent> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  ...extra,
});
const newStream = (category = 'contract'): string => `${category}-${randomUUID()}`;
const checkpointOf = (e: StoredEvent): GlobalCheckpoint => ({
  transactionId: e.transactionId,
  position: e.globalPosition,
});
const after = (a: GlobalCheckpoint, b: GlobalCheckpoint): boolean => {
  const [at, bt] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  return at > bt || (at === bt && BigInt(a.position) > BigInt(b.position));
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** True while a session of this database waits for a lock (a writer blocked by an open transaction). */
async function writerWaitsOnLock(fx: EventStoreFixture): Promise<boolean> {
  const result = (await fx.rawQuery!(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  )) as { rows: { n: number }[] };
  return (result.rows[0]?.n ?? 0) > 0;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Reads the global log from `from` until it is drained. */
async function drain(
  store: EventStore,
  from: GlobalCheckpoint,
  limit = 500,
): Promise<{ events: StoredEvent[]; checkpoint: GlobalCheckpoint }> {
  let checkpoint = from;
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: checkpoint, limit });
    expect(page.length).toBeLessThanOrEqual(limit);
    if (page.length === 0) return { events, checkpoint };
    events.push(...page);
    checkpoint = checkpointOf(page[page.length - 1]);
  }
}

/**
 * Drains from `from` until `done` holds. The global log shows a transaction only once every older
 * transaction on the server has ended (the xmin fence), and on a shared server another database's
 * transaction can hold that back for a moment: wait for the condition rather than read once.
 */
async function drainUntil(
  store: EventStore,
  from: GlobalCheckpoint,
  limit: number,
  done: (events: StoredEvent[]) => boolean,
): Promise<{ events: StoredEvent[]; checkpoint: GlobalCheckpoint }> {
  let result = await drain(store, from, limit);
  for (let attempt = 0; attempt < 600 && !done(result.events); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    result = await drain(store, from, limit);
  }
  return result;
}

/**
 * The behaviour every EventStore adapter must show. `factory` is called once; tests use fresh stream ids,
 * so the database may be shared by all tests of the suite.
 */
export function eventStoreContract(
  name: string,
  factory: () => Promise<EventStoreFixture>,
  caps: ContractCapabilities,
): void {
  /** `it` when the adapter offers what the test needs, `it.skip` (reported as skipped) otherwise. */
  const when = (applies: boolean) => (applies ? it : it.skip);
  describe(`event store contract: ${name}`, () => {
    let fx: EventStoreFixture;
    let store: EventStore;

    beforeAll(async () => {
      fx = await factory();
      store = fx.store;
      // The declaration must match the fixture, so that no test is skipped (or run) by mistake.
      expect({
        concurrent: fx.concurrent,
        rawQuery: Boolean(fx.rawQuery),
        derive: Boolean(fx.derive),
        beginTransaction: Boolean(fx.beginTransaction),
      }).toEqual(caps);
    }, 60_000);
    afterAll(async () => {
      await fx?.cleanup();
    });

    describe('append and read', () => {
      it('round-trips events; versions start at 1 and chain from the genesis hash', async () => {
        const s = newStream();
        const a = ev('CaseReceived', { title: 'Đơn khiếu nại', n: 1.5, tags: ['x'], nested: { z: null } });
        const b = ev('CaseAccepted', { by: 'u-1' });
        const options = opts('no_stream');
        const result = await store.append(s, [a, b], options);
        expect(result.nextVersion).toBe(2);
        expect(result.lastPosition).toMatch(/^[1-9][0-9]*$/);

        const events = await store.readStream(s);
        expect(events.map((e) => e.version)).toEqual([1, 2]);
        expect(events.map((e) => e.eventId)).toEqual([a.eventId, b.eventId]);
        expect(events.map((e) => e.type)).toEqual(['CaseReceived', 'CaseAccepted']);
        expect(events[0].data).toEqual(a.data);
        expect(events[1].data).toEqual(b.data);
        expect(events[1].globalPosition).toBe(result.lastPosition);
        expect(BigInt(events[0].globalPosition)).toBeLessThan(BigInt(events[1].globalPosition));
        for (const e of events) {
          expect(e.streamId).toBe(s);
          expect(e.transactionId).toMatch(/^[0-9]+$/);
          expect(e.metadata.actor).toEqual(options.metadata.actor);
          expect(e.metadata.correlationId).toBe(options.metadata.correlationId);
          expect(e.metadata.causationId).toBeNull();
          expect(e.metadata.schemaVersion).toBe(1);
          expect(new Date(e.metadata.recordedAt).toISOString()).toBe(e.recordedAt);
          expect(e.occurredAt).toBe(e.recordedAt); // occurredAt defaults to recordedAt
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(events[0].prevHash).toBe(GENESIS_HASH);
        expect(events[1].prevHash).toBe(events[0].hash);
        expect(await store.readStream(newStream())).toEqual([]);
      });

      it('keeps occurredAt, schemaVersion and per-event metadata overrides', async () => {
        const s = newStream();
        const options = {
          ...opts('no_stream'),
          metadata: { ...metadata(), occurredAt: '2024-12-31T17:00:00.000Z' },
        };
        await store.append(
          s,
          [
            ev('A', { v: 2 }, { schemaVersion: 2, metadata: { requestId: 'r-1', causationId: 'c-1' } }),
            ev('B'),
          ],
          options,
        );
        const [first, second] = await store.readStream(s);
        expect(first.occurredAt).toBe('2024-12-31T17:00:00.000Z');
        expect(first.metadata.occurredAt).toBe('2024-12-31T17:00:00.000Z');
        expect(first.metadata.schemaVersion).toBe(2);
        expect(first.metadata.requestId).toBe('r-1');
        expect(first.metadata.causationId).toBe('c-1');
        expect(second.metadata.schemaVersion).toBe(1);
        expect(second.metadata.causationId).toBeNull();
        expect(second.metadata.requestId).toBeUndefined();
      });

      it('honours expectedVersion: number, no_stream and any', async () => {
        const s = newStream();
        expect((await store.append(s, [ev()], opts('no_stream'))).nextVersion).toBe(1);
        expect((await store.append(s, [ev(), ev()], opts(1))).nextVersion).toBe(3);
        expect((await store.append(s, [ev()], opts('any'))).nextVersion).toBe(4);
        expect((await store.append(newStream(), [ev()], opts('any'))).nextVersion).toBe(1);
        expect(await rejection(store.append(s, [ev()], opts('no_stream')))).toBeInstanceOf(VersionConflict);
        expect(await rejection(store.append(s, [ev()], opts(3)))).toBeInstanceOf(VersionConflict);
        expect((await store.readStream(s)).map((e) => e.version)).toEqual([1, 2, 3, 4]);
      });

      it('rejects a stale or future expected version with VersionConflict and writes nothing', async () => {
        const s = newStream();
        await store.append(s, [ev(), ev()], opts('no_stream'));
        const before = await store.readStream(s);
        const stale = await rejection(store.append(s, [ev(), ev()], opts(1)));
        expect(stale).toBeInstanceOf(VersionConflict);
        expect((stale as VersionConflict).streamId).toBe(s);
        expect((stale as VersionConflict).expected).toBe(1);
        expect((stale as VersionConflict).actual).toBe(2);
        const future = await rejection(store.append(s, [ev()], opts(7)));
        expect(future).toBeInstanceOf(VersionConflict);
        expect((future as VersionConflict).actual).toBe(2);
        expect(await store.readStream(s)).toEqual(before);
      });

      it('treats a retry of the same append (same ids, same versions) as a no-op success', async () => {
        const s = newStream();
        const batch = [ev(), ev()];
        const first = await store.append(s, batch, opts('no_stream'));
        expect(await store.append(s, batch, opts('no_stream'))).toEqual(first);
        await store.append(s, [ev()], opts(2));
        // Still the same append, even after the stream moved on.
        expect(await store.append(s, batch, opts('no_stream'))).toEqual(first);
        const one = [ev()];
        const third = await store.append(s, one, opts(3));
        expect(await store.append(s, one, opts(3))).toEqual(third);
        const anyBatch = [ev(), ev()];
        const anyResult = await store.append(s, anyBatch, opts('any'));
        expect(await store.append(s, anyBatch, opts('any'))).toEqual(anyResult);
        expect((await store.readStream(s)).length).toBe(6);
      });

      it('rejects an event id stored elsewhere with DuplicateEventId and writes nothing', async () => {
        const s1 = newStream();
        const s2 = newStream();
        const a = ev();
        await store.append(s1, [a], opts('no_stream'));
        const other = await rejection(store.append(s2, [ev(), a], opts('no_stream')));
        expect(other).toBeInstanceOf(DuplicateEventId);
        expect((other as DuplicateEventId).eventId).toBe(a.eventId);
        expect(await store.streamHead(s2)).toBeNull();
        // Same stream, another version: not the same append.
        expect(await rejection(store.append(s1, [a], opts(1)))).toBeInstanceOf(DuplicateEventId);
        // A batch with a repeated id.
        const b = ev();
        expect(
          await rejection(store.append(s2, [b, { ...b, type: 'Other' }], opts('no_stream'))),
        ).toBeInstanceOf(DuplicateEventId);
        expect((await store.readStream(s1)).length).toBe(1);
        expect(await store.streamHead(s2)).toBeNull();
      });

      it('reads a stream from/to a version', async () => {
        const s = newStream();
        await store.append(s, [ev(), ev(), ev(), ev(), ev()], opts('no_stream'));
        expect((await store.readStream(s, { fromVersion: 2, toVersion: 4 })).map((e) => e.version)).toEqual([
          2, 3, 4,
        ]);
        expect((await store.readStream(s, { fromVersion: 4 })).map((e) => e.version)).toEqual([4, 5]);
        expect((await store.readStream(s, { toVersion: 1 })).map((e) => e.version)).toEqual([1]);
        expect(await store.readStream(s, { fromVersion: 6 })).toEqual([]);
      });

      when(caps.derive)(
        'reads a stream as of an instant (recordedAt <= asOf), recordedAt from the store clock',
        async () => {
          let now = new Date('2025-02-03T04:05:06.007Z');
          const clocked = fx.derive!({ clock: () => now });
          const s = newStream();
          await clocked.append(s, [ev(), ev()], opts('no_stream'));
          const t1 = now.toISOString();
          now = new Date('2025-02-03T04:06:00.000Z');
          await clocked.append(s, [ev()], opts(2));
          const all = await clocked.readStream(s);
          expect(all.map((e) => e.recordedAt)).toEqual([t1, t1, '2025-02-03T04:06:00.000Z']);
          expect((await store.readStream(s, { asOf: t1 })).map((e) => e.version)).toEqual([1, 2]);
          expect((await store.readStream(s, { asOf: '2025-02-03T04:05:59.999Z' })).length).toBe(2);
          expect((await store.readStream(s, { asOf: '2025-02-03T04:06:00.000Z' })).length).toBe(3);
          expect(await store.readStream(s, { asOf: '2025-02-03T04:05:06.006Z' })).toEqual([]);
        },
      );

      it('reports a stream head', async () => {
        const s = newStream();
        expect(await store.streamHead(s)).toBeNull();
        await store.append(s, [ev(), ev()], opts('no_stream'));
        const r = await store.append(s, [ev()], opts(2));
        const last = (await store.readStream(s))[2];
        expect(await store.streamHead(s)).toEqual({ version: 3, position: r.lastPosition, hash: last.hash });
      });

      it('lists streams', async () => {
        const mine = [newStream('list'), newStream('list')];
        for (const s of mine) await store.append(s, [ev()], opts('no_stream'));
        const seen: string[] = [];
        for await (const s of store.listStreams()) seen.push(s);
        expect(new Set(seen).size).toBe(seen.length);
        for (const s of mine) expect(seen).toContain(s);
      });
    });

    describe('global log', () => {
      it('reads all events in commit order with checkpointed pagination', async () => {
        const start = (await drain(store, START_OF_LOG)).checkpoint;
        const streams = [newStream(), newStream(), newStream()];
        const appended: string[] = [];
        let lastPosition = '0';
        for (let i = 0; i < 6; i++) {
          const batch = i % 2 === 0 ? [ev(), ev()] : [ev()];
          const s = streams[i % 3];
          const head = await store.streamHead(s);
          lastPosition = (await store.append(s, batch, opts(head?.version ?? 'no_stream'))).lastPosition;
          appended.push(...batch.map((e) => e.eventId));
        }
        expect(BigInt(await store.headPosition())).toBeGreaterThanOrEqual(BigInt(lastPosition));

        const { events } = await drainUntil(
          store,
          start,
          2,
          (read) => read.filter((e) => streams.includes(e.streamId)).length >= appended.length,
        );
        const mine = events.filter((e) => streams.includes(e.streamId));
        expect(mine.map((e) => e.eventId)).toEqual(appended);
        for (let i = 1; i < events.length; i++) {
          expect(after(checkpointOf(events[i]), checkpointOf(events[i - 1]))).toBe(true);
        }
        // Resuming from any checkpoint yields exactly the rest.
        const middle = checkpointOf(mine[3]);
        const rest = (await drain(store, middle, 3)).events.filter((e) => streams.includes(e.streamId));
        expect(rest.map((e) => e.eventId)).toEqual(appended.slice(4));
        expect(await store.readAll({ after: (await drain(store, start)).checkpoint, limit: 10 })).toEqual([]);
      });

      it('reads the batches of readAll narrowed to some types (readAllOfTypes, where offered)', async () => {
        const read = store.readAllOfTypes?.bind(store);
        const start = (await drain(store, START_OF_LOG)).checkpoint;
        const s = newStream();
        const types = ['Noted', 'Kept', 'Noted', 'Other', 'Other', 'Kept', 'Noted'];
        let version: number | 'no_stream' = 'no_stream';
        for (const type of types) {
          await store.append(s, [ev(type)], opts(version));
          version = version === 'no_stream' ? 1 : version + 1;
        }
        const all = (
          await drainUntil(store, start, 500, (read) => read.filter((e) => e.streamId === s).length === 7)
        ).events;
        if (!read) return; // optional: a store without it is read by readAll (the runner filters)
        for (const limit of [1, 2, 3, 500]) {
          let checkpoint = start;
          let seen = 0;
          for (;;) {
            // Read side by side; again if the fence moved in between (a transaction elsewhere ended).
            let page: StoredEvent[] = [];
            let typed = await read({ after: checkpoint, limit, types: ['Kept', 'Other'] });
            for (let tries = 0; tries < 20; tries++) {
              page = await store.readAll({ after: checkpoint, limit });
              if (page.length === typed.count) break;
              typed = await read({ after: checkpoint, limit, types: ['Kept', 'Other'] });
            }
            // The same batch: its length and its last event, whatever their types; only the types asked for.
            expect(typed.count).toBe(page.length);
            expect(typed.events).toEqual(page.filter((e) => e.type === 'Kept' || e.type === 'Other'));
            if (page.length === 0) {
              expect(typed.through).toBeNull();
              break;
            }
            expect(typed.through).toEqual(checkpointOf(page[page.length - 1]));
            seen += page.length;
            checkpoint = typed.through!;
          }
          expect(seen).toBeGreaterThanOrEqual(all.length);
        }
        const none = await read({ after: start, limit: 500, types: ['NeverWritten'] });
        expect(none.events).toEqual([]);
        expect(none.count).toBeGreaterThanOrEqual(7);
      });

      it('reports the head position', async () => {
        const r = await store.append(newStream(), [ev()], opts('no_stream'));
        expect(BigInt(await store.headPosition())).toBeGreaterThanOrEqual(BigInt(r.lastPosition));
      });

      it('delivers every event once to a catch-up subscription (polling, with optional wake-up hints)', async () => {
        const start = (await drain(store, START_OF_LOG)).checkpoint;
        const s = newStream('sub');
        const seen: string[] = [];
        const wakeUp = new EventEmitter();
        const sub = subscribe(store, {
          from: start,
          batchSize: 2,
          pollIntervalMs: 25,
          wakeUp,
          handle: async (events) => {
            for (const e of events) if (e.streamId === s) seen.push(e.eventId);
          },
        });
        const ids: string[] = [];
        for (let i = 0; i < 5; i++) {
          const e = ev();
          ids.push(e.eventId);
          await store.append(s, [e], opts(i === 0 ? 'no_stream' : i));
          wakeUp.emit('wake');
        }
        for (let i = 0; i < 400 && seen.length < ids.length; i++) await sleep(25);
        await sub.stop();
        await sub.done;
        expect(seen).toEqual(ids);
        expect(after(sub.checkpoint, start)).toBe(true);
      });
    });

    describe('hash chain', () => {
      async function fiveEventStream(): Promise<{ s: string; events: StoredEvent[] }> {
        const s = newStream('chain');
        await store.append(s, [ev('A', { i: 1 }), ev('B', { i: 2 })], opts('no_stream'));
        await store.append(s, [ev('C', { i: 3 })], opts(2));
        await store.append(s, [ev('D', { i: 4 }), ev('E', { i: 5 })], opts(3));
        return { s, events: await store.readStream(s) };
      }

      it('verifies an untouched stream and reports its head hash; hashes follow the published rule', async () => {
        const { s, events } = await fiveEventStream();
        const head = await store.streamHead(s);
        expect(await store.verifyStream(s)).toEqual({ ok: true, events: 5, headHash: head?.hash });
        let prev = GENESIS_HASH;
        for (const e of events) {
          const { streamId, version, eventId, type, data, metadata: m } = e;
          expect(e.prevHash).toBe(prev);
          expect(e.hash).toBe(
            computeEventHash(prev, { streamId, version, eventId, type, data, metadata: m }),
          );
          prev = e.hash;
        }
        expect(await store.verifyStream(newStream())).toEqual({
          ok: true,
          events: 0,
          headHash: GENESIS_HASH,
        });
      });

      when(caps.rawQuery)(
        'detects changed data, changed type, a deleted event, swapped order and a re-hashed edit',
        async () => {
          const raw = fx.rawQuery!;

          const data = await fiveEventStream();
          await raw(
            `UPDATE events SET data = data || '{"i": 33}'::jsonb WHERE stream_id = $1 AND version = 3`,
            [data.s],
          );
          expect(await store.verifyStream(data.s)).toEqual({
            ok: false,
            brokenAt: { version: 3, position: data.events[2].globalPosition },
          });

          const type = await fiveEventStream();
          await raw(`UPDATE events SET type = 'Forged' WHERE stream_id = $1 AND version = 2`, [type.s]);
          expect(await store.verifyStream(type.s)).toEqual({
            ok: false,
            brokenAt: { version: 2, position: type.events[1].globalPosition },
          });

          const deleted = await fiveEventStream();
          await raw(`DELETE FROM events WHERE stream_id = $1 AND version = 3`, [deleted.s]);
          expect(await store.verifyStream(deleted.s)).toEqual({
            ok: false,
            brokenAt: { version: 4, position: deleted.events[3].globalPosition },
          });

          const swapped = await fiveEventStream();
          await raw(`UPDATE events SET version = 1002 WHERE stream_id = $1 AND version = 2`, [swapped.s]);
          await raw(`UPDATE events SET version = 2 WHERE stream_id = $1 AND version = 3`, [swapped.s]);
          await raw(`UPDATE events SET version = 3 WHERE stream_id = $1 AND version = 1002`, [swapped.s]);
          expect(await store.verifyStream(swapped.s)).toEqual({
            ok: false,
            brokenAt: { version: 2, position: swapped.events[2].globalPosition },
          });

          // A forger who recomputes the edited event's hash still breaks the link of the next one.
          const rehashed = await fiveEventStream();
          const e3 = rehashed.events[2];
          const forgedData = { i: 333 };
          const forgedHash = computeEventHash(e3.prevHash, { ...e3, data: forgedData });
          await raw(`UPDATE events SET data = $2::jsonb, hash = $3 WHERE stream_id = $1 AND version = 3`, [
            rehashed.s,
            JSON.stringify(forgedData),
            forgedHash,
          ]);
          expect(await store.verifyStream(rehashed.s)).toEqual({
            ok: false,
            brokenAt: { version: 4, position: rehashed.events[3].globalPosition },
          });
        },
      );
    });

    describe('event types and upcasting', () => {
      const registry = (): EventTypeRegistry =>
        new EventTypeRegistry().register('ThingNamed', {
          currentVersion: 2,
          upcasters: { 1: ({ name: n, ...rest }) => ({ ...rest, fullName: n }) },
        });

      when(caps.derive)('upcasts on read and verifies over the stored payload', async () => {
        const reader = fx.derive!({ registry: registry() });
        const s = newStream();
        await store.append(
          s,
          [ev('ThingNamed', { name: 'Old' }), ev('ThingNamed', { fullName: 'New' }, { schemaVersion: 2 })],
          opts('no_stream'),
        );
        const [old, current] = await reader.readStream(s);
        expect(old.data).toEqual({ fullName: 'Old' });
        expect(old.metadata.schemaVersion).toBe(2);
        expect(current.data).toEqual({ fullName: 'New' });
        expect((await store.readStream(s))[0].data).toEqual({ name: 'Old' });
        expect((await reader.verifyStream(s)).ok).toBe(true);
      });

      when(caps.derive)(
        'throws UnknownEventType, naming the type, for an unknown type or a version without upcaster',
        async () => {
          const reader = fx.derive!({ registry: registry() });
          const s = newStream();
          await store.append(
            s,
            [ev('ThingNamed', { name: 'x' }), ev('Mystery', { a: 1 })],
            opts('no_stream'),
          );
          const error = await rejection(reader.readStream(s));
          expect(error).toBeInstanceOf(UnknownEventType);
          expect((error as UnknownEventType).eventType).toBe('Mystery');
          expect((await reader.readStream(s, { toVersion: 1 })).length).toBe(1);

          const future = newStream();
          await store.append(future, [ev('ThingNamed', {}, { schemaVersion: 3 })], opts('no_stream'));
          expect(await rejection(reader.readStream(future))).toBeInstanceOf(UnknownEventType);
        },
      );
    });

    describe('concurrency', () => {
      it(
        '8 writers × 200 appends on 20 overlapping streams, retrying conflicts: every event exactly once, ' +
          'versions contiguous (embedded PGlite serialises these writers: not a real race there)',
        async () => {
          if (!fx.concurrent) console.info(`${name}: writers are serialised by the single PGlite session`);
          const start = (await drain(store, START_OF_LOG)).checkpoint;
          const prefix = `race${randomUUID().slice(0, 8)}`;
          const streams = Array.from({ length: 20 }, (_, i) => `${prefix}-${i}`);
          const written: string[] = [];
          let conflicts = 0;
          const writer = async (w: number): Promise<void> => {
            for (let i = 0; i < 200; i++) {
              const s = streams[(w * 7 + i * 3) % streams.length];
              const e = ev('Tick', { w, i });
              for (;;) {
                const head = await store.streamHead(s);
                try {
                  await store.append(s, [e], opts(head?.version ?? 'no_stream'));
                  written.push(e.eventId);
                  break;
                } catch (error) {
                  if (!(error instanceof VersionConflict)) throw error;
                  conflicts++;
                }
              }
            }
          };
          await Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
          if (fx.concurrent) console.info(`${name}: ${conflicts} conflicts retried`);
          expect(written.length).toBe(1600);

          let fromLog: StoredEvent[] = [];
          for (let tries = 0; tries < 200; tries++) {
            fromLog = (await drain(store, start, 250)).events.filter((e) => e.streamId.startsWith(prefix));
            if (fromLog.length >= 1600) break;
            await sleep(50); // another test file's open transaction may hold the fence back briefly
          }
          const ids = fromLog.map((e) => e.eventId);
          expect(ids.length).toBe(1600);
          expect(new Set(ids).size).toBe(1600);
          expect(new Set(ids)).toEqual(new Set(written));
          for (let i = 1; i < fromLog.length; i++) {
            expect(after(checkpointOf(fromLog[i]), checkpointOf(fromLog[i - 1]))).toBe(true);
          }

          let total = 0;
          for (const s of streams) {
            const events = await store.readStream(s);
            expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
            const inLog = fromLog.filter((e) => e.streamId === s).map((e) => e.version);
            expect(inLog).toEqual(events.map((e) => e.version)); // the log keeps each stream's order
            expect((await store.verifyStream(s)).ok).toBe(true);
            total += events.length;
          }
          expect(total).toBe(1600);
        },
        LONG,
      );

      when(caps.concurrent)(
        'racing writers at the same expected version: exactly one wins ' +
          '(server only: skipped on embedded PGlite, whose single session serialises them)',
        async () => {
          const s = newStream('race');
          await store.append(s, [ev()], opts('no_stream'));
          const outcomes = await Promise.allSettled(
            Array.from({ length: 8 }, () => store.append(s, [ev()], opts(1))),
          );
          const won = outcomes.filter((o) => o.status === 'fulfilled');
          const lost = outcomes.filter((o) => o.status === 'rejected');
          expect(won.length).toBe(1);
          for (const o of lost) expect((o as PromiseRejectedResult).reason).toBeInstanceOf(VersionConflict);
          expect((await store.readStream(s)).length).toBe(2);
        },
        LONG,
      );

      when(caps.concurrent && caps.beginTransaction && caps.rawQuery)(
        'a writer that waits on an uncommitted competitor at the same expected version loses when it commits ' +
          '(server only)',
        async () => {
          const s = newStream('race');
          await store.append(s, [ev()], opts('no_stream'));
          await store.append(s, [ev()], opts(1));
          const tx = await fx.beginTransaction!();
          await tx.append(s, [ev()], opts(2));
          const waiting = rejection(store.append(s, [ev()], opts(2)));
          // The second writer is blocked on the competitor's lock before the competitor commits.
          for (let tries = 0; tries < 400 && !(await writerWaitsOnLock(fx)); tries++) await sleep(25);
          expect(await writerWaitsOnLock(fx)).toBe(true);
          await tx.commit();
          expect(await waiting).toBeInstanceOf(VersionConflict);
          expect((await store.readStream(s)).map((e) => e.version)).toEqual([1, 2, 3]);
        },
        LONG,
      );

      when(caps.concurrent && caps.beginTransaction)(
        'never skips an event committed late: a reader meets T2 (committed) while T1 (lower position) is open ' +
          '(server only: skipped on embedded PGlite, where the second connection would wait for T1)',
        async () => {
          const start = (await drain(store, START_OF_LOG)).checkpoint;
          const s1 = newStream('late');
          const s2 = newStream('late');
          const e1 = ev('T1');
          const e2 = ev('T2');
          const t1 = await fx.beginTransaction!();
          let committed = false;
          try {
            const r1 = await t1.append(s1, [e1], opts('no_stream'));
            const r2 = await store.append(s2, [e2], opts('no_stream'));
            // The trap: T1 holds the lower position, so a reader checkpointing positions alone would read
            // e2, move its checkpoint past e1's position and never see e1.
            expect(BigInt(r1.lastPosition)).toBeLessThan(BigInt(r2.lastPosition));

            const first = await drain(store, start);
            const firstIds = first.events.map((e) => e.eventId);
            expect(firstIds).not.toContain(e1.eventId);
            // The fence: T2's transaction is not older than T1, which is still running.
            expect(firstIds).not.toContain(e2.eventId);
            if (store.readAllOfTypes) {
              // The narrowed read keeps the same fence.
              const typed = await store.readAllOfTypes({
                after: first.checkpoint,
                limit: 500,
                types: ['T1', 'T2'],
              });
              expect(typed).toEqual({ events: [], count: 0, through: null });
            }
            await t1.commit();
            committed = true;

            const seen = [...firstIds];
            let checkpoint = first.checkpoint;
            for (let tries = 0; tries < 200; tries++) {
              const more = await drain(store, checkpoint);
              seen.push(...more.events.map((e) => e.eventId));
              checkpoint = more.checkpoint;
              if (seen.includes(e1.eventId) && seen.includes(e2.eventId)) break;
              await sleep(50);
            }
            expect(seen.filter((id) => id === e1.eventId).length).toBe(1);
            expect(seen.filter((id) => id === e2.eventId).length).toBe(1);
            expect(seen.indexOf(e1.eventId)).toBeLessThan(seen.indexOf(e2.eventId));
          } finally {
            if (!committed) await t1.rollback();
          }
        },
        LONG,
      );
    });
  });
}
