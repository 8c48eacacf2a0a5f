/**
 * TEST SUPPORT ONLY. An in-memory stand-in for the few KurrentDBClient calls the adapter makes
 * (appendToStream, readStream, readAll, setStreamMetadata, dispose), modelling the server semantics the
 * adapter relies on: exact expected revisions with KurrentDB's idempotent-retry check, StreamNotFoundError,
 * `$all` ordered by (commit, prepare) where events of one append share the commit position, metadata streams
 * `$$<stream>` with `$metadata` events, and an inclusive start position for forward reads. It lets the
 * contract suite exercise the adapter's own logic (chain, claims, classification, paging) without a server;
 * it is not evidence about the server itself.
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendResult,
  type AppendStreamState,
  type EventData,
  type KurrentDBClient,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StreamMetadata,
} from '@kurrent/kurrentdb-client';

interface FakeRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: Position;
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const before = (a: Position, b: Position): boolean =>
  a.commit < b.commit || (a.commit === b.commit && a.prepare < b.prepare);

export class InMemoryKurrentDb {
  private readonly streams = new Map<string, FakeRecord[]>();
  private readonly log: FakeRecord[] = [];
  private nextPosition = 1000n;
  private readonly failing = new Set<string>();

  constructor() {
    // Some records every real server has, which readers must step over.
    this.write('$settings', [{ id: randomUUID(), type: '$settings', data: {}, metadata: undefined }]);
    this.write('foreign-1', [{ id: randomUUID(), type: 'NotOurs', data: { a: 1 }, metadata: { by: 'x' } }]);
  }

  /** The stand-in, typed as the real client for the adapter's constructor. */
  client(): KurrentDBClient {
    const fake = {
      appendToStream: (
        name: string,
        events: EventData | EventData[],
        options?: { streamState?: AppendStreamState },
      ) =>
        this.appendToStream(name, Array.isArray(events) ? events : [events], options?.streamState ?? 'any'),
      setStreamMetadata: (name: string, metadata: StreamMetadata) => this.setStreamMetadata(name, metadata),
      readStream: (name: string, options: ReadStreamOptions = {}) => this.readStream(name, options),
      readAll: (options: ReadAllOptions = {}) => this.readAll(options),
      dispose: async () => undefined,
    };
    // The real class has a protected constructor and many more methods; the adapter uses only these.
    return fake as unknown as KurrentDBClient;
  }

  /** The live stored records of a stream (tests tamper with them to check verifyStream). */
  records(name: string): { data: unknown; type: string; metadata: unknown }[] {
    return this.streams.get(name) ?? [];
  }

  /** Makes the next append to `name` fail like a lost connection, writing nothing. */
  failNextAppend(name: string): void {
    this.failing.add(name);
  }

  /** Removes a stored record (a tampering test: a deleted event). */
  remove(name: string, revision: bigint): void {
    const stream = this.streams.get(name) ?? [];
    const index = stream.findIndex((r) => r.revision === revision);
    if (index >= 0) stream.splice(index, 1);
  }

  private async appendToStream(
    name: string,
    events: EventData[],
    state: AppendStreamState,
  ): Promise<AppendResult> {
    await tick();
    if (this.failing.delete(name)) throw new Error(`simulated connection loss appending to ${name}`);
    const stream = this.streams.get(name) ?? [];
    const current = stream.length === 0 ? NO_STREAM : BigInt(stream.length - 1);
    const ok =
      state === 'any' ||
      (state === NO_STREAM && current === NO_STREAM) ||
      (state === 'stream_exists' && current !== NO_STREAM) ||
      (typeof state === 'bigint' && current === state);
    if (!ok) {
      // KurrentDB's idempotency check: the same ids already stored right after the expected revision.
      const start = state === NO_STREAM ? 0 : typeof state === 'bigint' ? Number(state) + 1 : -1;
      const same =
        start >= 0 &&
        start + events.length <= stream.length &&
        events.every((e, i) => stream[start + i].id === e.id);
      if (same) {
        const last = stream[start + events.length - 1];
        return { success: true, nextExpectedRevision: last.revision, position: last.position };
      }
      throw new WrongExpectedVersionError(undefined, { streamName: name, expected: state, current });
    }
    const written = this.write(name, events);
    const last = written[written.length - 1];
    return { success: true, nextExpectedRevision: last.revision, position: last.position };
  }

  private async setStreamMetadata(name: string, metadata: StreamMetadata): Promise<AppendResult> {
    return this.appendToStream(
      `$$${name}`,
      [
        {
          id: randomUUID(),
          contentType: 'application/json',
          type: '$metadata',
          data: clone(metadata),
          metadata: undefined,
        },
      ],
      'any',
    );
  }

  private write(
    name: string,
    events: { id: string; type: string; data: unknown; metadata: unknown }[],
  ): FakeRecord[] {
    const stream = this.streams.get(name) ?? [];
    this.streams.set(name, stream);
    const commit = this.nextPosition;
    return events.map((e) => {
      const record: FakeRecord = {
        streamId: name,
        id: e.id,
        revision: BigInt(stream.length),
        type: e.type,
        data: clone(e.data),
        metadata: e.metadata === undefined ? undefined : clone(e.metadata),
        isJson: true,
        created: new Date(),
        position: { commit, prepare: this.nextPosition },
      };
      this.nextPosition += 137n;
      stream.push(record);
      this.log.push(record);
      return record;
    });
  }

  private async *readStream(
    name: string,
    options: ReadStreamOptions,
  ): AsyncIterableIterator<{ event: FakeRecord }> {
    await tick();
    const stream = this.streams.get(name);
    if (!stream) throw new StreamNotFoundError(undefined, name);
    const from = options.fromRevision ?? START;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let selected: FakeRecord[];
    if (options.direction === BACKWARDS) {
      selected = stream.filter((r) => from === END || from === START || r.revision <= from).reverse();
    } else {
      selected = stream.filter((r) => from === START || (from !== END && r.revision >= from));
    }
    for (const record of selected.slice(0, max)) yield { event: clone2(record) };
  }

  private async *readAll(options: ReadAllOptions): AsyncIterableIterator<{ event: FakeRecord }> {
    await tick();
    const from = options.fromPosition ?? START;
    const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    let selected: FakeRecord[];
    if (options.direction === BACKWARDS) {
      selected = this.log
        .filter((r) => from === END || (from !== START && before(r.position, from)))
        .reverse();
    } else {
      selected = this.log.filter((r) => from === START || (from !== END && !before(r.position, from)));
    }
    for (const record of selected.slice(0, max)) yield { event: clone2(record) };
  }
}

function clone2(record: FakeRecord): FakeRecord {
  return {
    ...record,
    data: clone(record.data),
    metadata: record.metadata === undefined ? undefined : clone(record.metadata),
    position: { ...record.position },
  };
}
