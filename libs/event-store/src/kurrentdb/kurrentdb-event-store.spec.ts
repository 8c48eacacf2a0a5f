import { randomUUID } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import {
  DuplicateEventId,
  START_OF_LOG,
  VersionConflict,
  type AppendOptions,
  type NewEvent,
  type StoredEvent,
} from '../event-store.port.js';
import { GENESIS_HASH } from '../hash-chain.js';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { InMemoryKurrentDb } from './testing/in-memory-kurrentdb-client.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';
import { CHAIN_KEY, STREAM_MARKER, claimStreamOf } from './kurrentdb-mapping.js';

// The adapter's own logic (hash chain, event-id claims, retry classification, `$all` paging and filtering)
// against an in-memory model of the server's semantics. The real server: kurrentdb-event-store.int-spec.ts.
eventStoreContract(
  'kurrentdb adapter over an in-memory server model',
  async () => {
    const server = new InMemoryKurrentDb();
    const store = new KurrentDbEventStore({ client: server.client(), pageSize: 7 });
    return {
      store,
      concurrent: true,
      derive: (options) => store.derive(options),
      cleanup: () => store.close(),
    };
  },
  { concurrent: true, rawQuery: false, derive: true, beginTransaction: false },
);

describe('KurrentDB adapter specifics (in-memory server model)', () => {
  const meta = (): AppendOptions['metadata'] => ({
    actor: { id: 'u-1', name: 'Tester', roles: ['handler'] },
    correlationId: randomUUID(),
    causationId: null,
  });
  const ev = (type = 'Noted', data: Record<string, unknown> = {}): NewEvent => ({
    eventId: randomUUID(),
    type,
    data,
  });
  const setup = (options: { claimLeaseMs?: number } = {}) => {
    const server = new InMemoryKurrentDb();
    const store = new KurrentDbEventStore({ client: server.client(), pageSize: 3, ...options });
    return { server, store };
  };

  it('stores the chain links under $donthu, marks new streams and keeps claims and system events out of readAll', async () => {
    const { server, store } = setup();
    const s = `case-${randomUUID()}`;
    const a = ev('CaseReceived', { n: 1 });
    await store.append(s, [a], { expectedVersion: 'no_stream', metadata: meta() });
    const [stored] = server.records(s);
    expect(stored.metadata).toMatchObject({ [CHAIN_KEY]: { prevHash: GENESIS_HASH } });
    expect(server.records(`$$${s}`).map((r) => r.data)).toEqual([STREAM_MARKER]);
    expect(server.records(claimStreamOf(a.eventId)).map((r) => r.data)).toEqual([
      expect.objectContaining({ streamId: s, version: 1 }),
    ]);
    const all = await store.readAll({ after: START_OF_LOG, limit: 100 });
    expect(all.map((e) => e.streamId)).toEqual([s]); // no $settings, $$…, claim or foreign records
    const streams: string[] = [];
    for await (const id of store.listStreams()) streams.push(id);
    expect(streams).toEqual([s]);
    expect(await store.headPosition()).toBe(all[0].globalPosition);
    await expect(
      store.append('$ce-case', [ev()], { expectedVersion: 'any', metadata: meta() }),
    ).rejects.toThrow(/reserved/);
  });

  it('lets an id whose append lost a race be appended elsewhere (stale claim is replaced)', async () => {
    const { store } = setup();
    const s1 = `case-${randomUUID()}`;
    const s2 = `case-${randomUUID()}`;
    await store.append(s1, [ev()], { expectedVersion: 'no_stream', metadata: meta() });
    await store.append(s1, [ev()], { expectedVersion: 1, metadata: meta() });
    const e = ev();
    // Claims (s1, 2), which holds another event: the append conflicts.
    await expect(store.append(s1, [e], { expectedVersion: 1, metadata: meta() })).rejects.toBeInstanceOf(
      VersionConflict,
    );
    expect(
      (await store.append(s2, [e], { expectedVersion: 'no_stream', metadata: meta() })).nextVersion,
    ).toBe(1);
    await expect(store.append(s1, [e], { expectedVersion: 2, metadata: meta() })).rejects.toBeInstanceOf(
      DuplicateEventId,
    );
  });

  it('reserves an id whose append has not landed for its own stream during the lease, then frees it', async () => {
    for (const lease of [60_000, 0]) {
      const { server, store } = setup({ claimLeaseMs: lease });
      const s1 = `case-${randomUUID()}`;
      const s2 = `case-${randomUUID()}`;
      await store.append(s1, [ev()], { expectedVersion: 'no_stream', metadata: meta() });
      const e = ev();
      server.failNextAppend(s1); // the claim (s1, 2) is written, the events are not: a crash in between
      await expect(store.append(s1, [e], { expectedVersion: 1, metadata: meta() })).rejects.toThrow(
        /simulated/,
      );
      const elsewhere = store.append(s2, [e], { expectedVersion: 'no_stream', metadata: meta() });
      if (lease > 0) {
        await expect(elsewhere).rejects.toBeInstanceOf(DuplicateEventId);
        // The same append retried on its own stream goes through.
        expect((await store.append(s1, [e], { expectedVersion: 1, metadata: meta() })).nextVersion).toBe(2);
      } else {
        expect((await elsewhere).nextVersion).toBe(1);
        await expect(store.append(s1, [e], { expectedVersion: 1, metadata: meta() })).rejects.toBeInstanceOf(
          DuplicateEventId,
        );
      }
    }
  });

  it('verifyStream reports changed data, a changed type and a deleted event at the first broken version', async () => {
    const { server, store } = setup();
    const five = async (): Promise<{ s: string; events: StoredEvent[] }> => {
      const s = `chain-${randomUUID()}`;
      await store.append(s, [ev('A', { i: 1 }), ev('B', { i: 2 })], {
        expectedVersion: 'no_stream',
        metadata: meta(),
      });
      await store.append(s, [ev('C', { i: 3 }), ev('D', { i: 4 }), ev('E', { i: 5 })], {
        expectedVersion: 2,
        metadata: meta(),
      });
      return { s, events: await store.readStream(s) };
    };
    const data = await five();
    server.records(data.s)[2].data = { i: 33 };
    expect(await store.verifyStream(data.s)).toEqual({
      ok: false,
      brokenAt: { version: 3, position: data.events[2].globalPosition },
    });
    const type = await five();
    server.records(type.s)[1].type = 'Forged';
    expect(await store.verifyStream(type.s)).toEqual({
      ok: false,
      brokenAt: { version: 2, position: type.events[1].globalPosition },
    });
    const deleted = await five();
    server.remove(deleted.s, 2n);
    expect(await store.verifyStream(deleted.s)).toEqual({
      ok: false,
      brokenAt: { version: 4, position: deleted.events[3].globalPosition },
    });
    const untouched = await five();
    expect(await store.verifyStream(untouched.s)).toEqual({
      ok: true,
      events: 5,
      headHash: untouched.events[4].hash,
    });
  });
});
