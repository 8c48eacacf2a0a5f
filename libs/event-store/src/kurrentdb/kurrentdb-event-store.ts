import {
  normalizeExpected,
  prepareEvent as prepareSharedEvent,
  type PreparedEvent,
} from '../prepare-event.js';
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type AppendStreamState,
  type Position,
  type ReadPosition,
  type ReadRevision,
  type ResolvedEvent,
  type AllStreamResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  DuplicateEventId,
  VersionConflict,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamHead,
  type VerifyResult,
} from '../event-store.port.js';
import type { EventTypeRegistry } from '../event-type-registry.js';
import { GENESIS_HASH, computeEventHash } from '../hash-chain.js';
import {
  STREAM_MARKER,
  assertUserStreamId,
  checkpointOfPosition,
  claimStreamOf,
  comparePositions,
  fromStoredMetadata,
  isAfterCheckpoint,
  isClaimStream,
  isSystemRecord,
  readPositionOfCheckpoint,
  revisionOfVersion,
  streamStateForVersion,
  toStoredMetadata,
  versionOfRevision,
} from './kurrentdb-mapping.js';

export interface KurrentDbEventStoreOptions {
  client: KurrentDBClient;
  /** When given, every read upcasts payloads and throws UnknownEventType for types it does not know. */
  registry?: EventTypeRegistry;
  /** Source of `recordedAt` only. Default: real time. */
  clock?: () => Date;
  /** Page size of `$all` scans (readAll, headPosition, listStreams) and verifyStream. Default 500, at least 2. */
  pageSize?: number;
  /**
   * How long an event-id claim whose append has not (yet) landed reserves the id for its stream, in ms.
   * Default 30,000. See "Event ids" in the class comment.
   */
  claimLeaseMs?: number;
  /** When true, close() disposes the client. Default false: a store never disposes a client it was handed. */
  ownsClient?: boolean;
}

/** One event as read from KurrentDB, before it is turned into a StoredEvent. */
interface RawRecord {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  position: Position | undefined;
}

interface Claim {
  streamId: string;
  version: number;
  claimedAt: number;
}

type Outcome = { kind: 'done'; result: AppendResult } | { kind: 'conflict'; actual: number };
type ClaimOutcome = 'claimed' | 'stored' | 'reserved';

const CLAIM_EVENT_TYPE = 'DonthuEventIdClaimed';
const MAX_ANY_ATTEMPTS = 25;
const MAX_CLAIM_ATTEMPTS = 10;

/**
 * The KurrentDB (EventStoreDB) event store. Same port, same hash chain, same error semantics as the
 * PostgreSQL adapter; docs/operations.md says how to select it and run its contract suite.
 *
 * Storage. Each port event is one KurrentDB JSON event: id = our eventId, type = our type, data = our data,
 * metadata = our EventMetadata (with `recordedAt`, set from this adapter's clock) plus the hash-chain links
 * `{prevHash, hash}` under the reserved key `$donthu`. The hash is computed here, exactly as the PostgreSQL
 * adapter does (hash-chain.ts), over {streamId, version, eventId, type, data, metadata-without-`$donthu`}.
 * Port version n is KurrentDB revision n − 1; a GlobalCheckpoint is (commit, prepare) = (transactionId,
 * position) and globalPosition is the prepare position (kurrentdb-mapping.ts).
 *
 * Appends use an exact expected revision (an 'any' append reads the head first, like the PostgreSQL adapter,
 * because the chain needs the previous hash). Before the first append to a stream the adapter sets the
 * stream's custom metadata `{"donthu": {"writer": "donthu", "hashChain": "sha256-jcs-v1"}}` (no ACL: the
 * server's default ACLs apply).
 *
 * Event ids. KurrentDB deduplicates ids only within a stream (its idempotent-append check), so a retry of
 * the same append succeeds without writing twice, but nothing stops one id from landing in two streams.
 * To give DuplicateEventId the PostgreSQL meaning, the adapter first claims each id in its own stream
 * `_donthu-eventid-<id>` (an event {streamId, version, claimedAt}, written with an exact expected revision),
 * then appends the events. A claim counts when the event it names is stored; a claim whose append lost
 * (the named version holds another event) is replaced; a claim whose append has not landed reserves the id
 * for its stream for `claimLeaseMs`. Claim and append are two writes, not one transaction: an append that
 * races another append of the same id to another stream inside that window could still store both.
 * Claim streams and system streams never appear in readAll or listStreams.
 *
 * There is no raw-SQL access and no transaction spanning several appends: the contract suite's tampering and
 * late-commit tests do not apply (KurrentDB commits each append atomically and `$all` never shows an
 * uncommitted write, so there is no late-commit gap to fence).
 */
export class KurrentDbEventStore implements EventStore {
  private readonly client: KurrentDBClient;
  private readonly registry: EventTypeRegistry | undefined;
  private readonly clock: () => Date;
  private readonly pageSize: number;
  private readonly claimLeaseMs: number;
  private readonly ownsClient: boolean;
  private closed = false;

  constructor(options: KurrentDbEventStoreOptions) {
    this.client = options.client;
    this.registry = options.registry;
    this.clock = options.clock ?? (() => new Date());
    this.pageSize = Math.max(2, options.pageSize ?? 500);
    this.claimLeaseMs = Math.max(0, options.claimLeaseMs ?? 30_000);
    this.ownsClient = options.ownsClient ?? false;
  }

  /**
   * A store with its own client over `connectionString` (e.g. `kurrentdb://localhost:2113?tls=false`; the
   * older `esdb://` scheme works too). close() disposes that client.
   */
  static connect(
    connectionString: string,
    options: Omit<KurrentDbEventStoreOptions, 'client' | 'ownsClient'> = {},
  ): KurrentDbEventStore {
    const client = KurrentDBClient.connectionString(connectionString);
    return new KurrentDbEventStore({ ...options, client, ownsClient: true });
  }

  /** The same server and client seen through another registry and/or clock. */
  derive(options: { registry?: EventTypeRegistry; clock?: () => Date }): KurrentDbEventStore {
    return new KurrentDbEventStore({
      client: this.client,
      registry: options.registry ?? this.registry,
      clock: options.clock ?? this.clock,
      pageSize: this.pageSize,
      claimLeaseMs: this.claimLeaseMs,
      ownsClient: false,
    });
  }

  async append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertUserStreamId(streamId);
    const expected = normalizeExpected(options.expectedVersion);
    if (events.length === 0) return this.appendNothing(streamId, expected, options.expectedVersion);

    const recordedAt = this.clock().toISOString();
    const prepared = events.map((e) => prepareEvent(e, options, recordedAt));
    const seen = new Set<string>();
    for (const e of prepared) {
      if (seen.has(e.eventId)) throw new DuplicateEventId(e.eventId);
      seen.add(e.eventId);
    }

    for (let attempt = 1; ; attempt++) {
      const outcome = await this.tryAppend(streamId, prepared, expected);
      if (outcome.kind === 'done') return outcome.result;
      if (expected !== 'any' || attempt >= MAX_ANY_ATTEMPTS) {
        throw new VersionConflict(streamId, options.expectedVersion, outcome.actual);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const records = await this.selectStream(streamId, options);
    return records.map((r) => this.toStoredEvent(r));
  }

  /** Like readStream but returns payloads exactly as stored (no upcasting): for exports and audits. */
  async readStreamRaw(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const records = await this.selectStream(streamId, options);
    return records.map((r) => toRawEvent(r));
  }

  /**
   * `$all` after the checkpoint in (commit, prepare) order, without system events, claim streams and events
   * that this adapter did not write. KurrentDB shows only committed appends, so no fence is needed.
   */
  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const limit = Math.max(1, Math.floor(options.limit));
    const found: StoredEvent[] = [];
    for await (const record of this.scanAll(FORWARDS, readPositionOfCheckpoint(options.after))) {
      if (!record.position || !isAfterCheckpoint(record.position, options.after) || !isDonthuRecord(record))
        continue;
      found.push(this.toStoredEvent(record));
      if (found.length >= limit) break;
    }
    return found;
  }

  /** The prepare position of the newest event readAll would return ('0' when there is none). */
  async headPosition(): Promise<string> {
    for await (const record of this.scanAll(BACKWARDS, END)) {
      if (record.position && isDonthuRecord(record)) return record.position.prepare.toString(10);
    }
    return '0';
  }

  async streamHead(streamId: string): Promise<StreamHead | null> {
    const records = await this.readRecords(streamId, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    const last = records[0];
    if (!last) return null;
    const event = toRawEvent(last);
    return { version: event.version, position: event.globalPosition, hash: event.hash };
  }

  async verifyStream(streamId: string): Promise<VerifyResult> {
    let expectedVersion = 1;
    let prev = GENESIS_HASH;
    for (;;) {
      // Raw records: the chain covers the stored payload, never an upcast view of it.
      const records = await this.readRecords(streamId, {
        direction: FORWARDS,
        fromRevision: BigInt(expectedVersion - 1),
        maxCount: this.pageSize,
      });
      for (const record of records) {
        const version = versionOfRevision(record.revision);
        const position = record.position?.prepare.toString(10) ?? '0';
        const split = fromStoredMetadata(record.metadata);
        if (!split || version !== expectedVersion) return { ok: false, brokenAt: { version, position } };
        const recomputed = computeEventHash(prev, {
          streamId,
          version,
          eventId: record.id,
          type: record.type,
          data: record.data,
          metadata: split.metadata,
        });
        if (split.links.prevHash !== prev || split.links.hash !== recomputed) {
          return { ok: false, brokenAt: { version, position } };
        }
        prev = split.links.hash;
        expectedVersion++;
      }
      if (records.length < this.pageSize) break;
    }
    return { ok: true, events: expectedVersion - 1, headHash: prev };
  }

  /** Every stream holding an event this adapter wrote, found by one walk over `$all` (an ops operation). */
  async *listStreams(): AsyncIterable<string> {
    const seen = new Set<string>();
    for await (const record of this.scanAll(FORWARDS, START)) {
      if (!isDonthuRecord(record) || seen.has(record.streamId)) continue;
      seen.add(record.streamId);
      yield record.streamId;
    }
  }

  /** Disposes the client only when the store created it (connect) or was told it owns it. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsClient) await this.client.dispose();
  }

  // ---------------------------------------------------------------------------------------------------

  /**
   * Walks `$all` from `from` in pages of pageSize, each page starting at the last position of the one before
   * (a start position may be inclusive), yielding every record once. Breaking out stops the walk.
   */
  private async *scanAll(
    direction: typeof FORWARDS | typeof BACKWARDS,
    from: ReadPosition,
  ): AsyncGenerator<RawRecord> {
    let cursor = from;
    let last: Position | undefined;
    for (;;) {
      let read = 0;
      for await (const resolved of this.client.readAll({
        fromPosition: cursor,
        direction,
        maxCount: this.pageSize,
      })) {
        read++;
        const record = toRawRecord(resolved);
        if (!record?.position) continue;
        if (last !== undefined) {
          const order = comparePositions(record.position, last);
          if (direction === FORWARDS ? order <= 0 : order >= 0) continue; // seen on the page before
        }
        last = record.position;
        yield record;
      }
      if (read < this.pageSize || last === undefined) return;
      cursor = last;
    }
  }

  private async tryAppend(
    streamId: string,
    prepared: PreparedEvent[],
    expected: number | 'any',
  ): Promise<Outcome> {
    const prev = await this.resolvePrevious(streamId, expected);
    if (prev === null) return this.classify(streamId, prepared, expected);

    const claims = await Promise.all(
      prepared.map((e, i) => this.claim(e.eventId, streamId, prev.version + i + 1)),
    );
    if (claims.includes('stored')) return this.classify(streamId, prepared, expected);
    const reserved = prepared.find((_, i) => claims[i] === 'reserved');
    if (reserved) throw new DuplicateEventId(reserved.eventId);

    if (prev.version === 0) {
      // Marks the stream as donthu's (custom stream metadata; may precede the stream's first event).
      await this.client.setStreamMetadata(streamId, { ...STREAM_MARKER });
    }

    let prevHash = prev.hash;
    const data = prepared.map((e, i) => {
      const hash = computeEventHash(prevHash, {
        streamId,
        version: prev.version + i + 1,
        eventId: e.eventId,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      });
      const event = jsonEvent({
        id: e.eventId,
        type: e.type,
        data: e.data,
        metadata: toStoredMetadata(e.metadata, { prevHash, hash }),
      });
      prevHash = hash;
      return event;
    });

    let nextVersion: number;
    try {
      const result = await this.client.appendToStream(streamId, data, {
        streamState: streamStateForVersion(prev.version),
      });
      nextVersion = versionOfRevision(result.nextExpectedRevision);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      return this.classify(streamId, prepared, expected);
    }
    // KurrentDB also answers success for a retry of an append it already stored (same ids at the same
    // revisions). Either way the events are read back for their positions.
    const lastId = prepared[prepared.length - 1].eventId;
    const stored = await this.recordAt(streamId, nextVersion);
    if (nextVersion !== prev.version + prepared.length || stored?.id !== lastId || !stored.position) {
      return this.classify(streamId, prepared, expected);
    }
    return { kind: 'done', result: { nextVersion, lastPosition: stored.position.prepare.toString(10) } };
  }

  private async appendNothing(
    streamId: string,
    expected: number | 'any',
    asGiven: ExpectedVersion,
  ): Promise<AppendResult> {
    const head = await this.streamHead(streamId);
    const version = head?.version ?? 0;
    if (expected !== 'any' && expected !== version) throw new VersionConflict(streamId, asGiven, version);
    return { nextVersion: version, lastPosition: head?.position ?? '0' };
  }

  /** The event the append chains onto, or null when the expected version does not exist. */
  private async resolvePrevious(
    streamId: string,
    expected: number | 'any',
  ): Promise<{ version: number; hash: string } | null> {
    if (expected === 0) return { version: 0, hash: GENESIS_HASH };
    if (expected === 'any') {
      const head = await this.streamHead(streamId);
      return head ? { version: head.version, hash: head.hash } : { version: 0, hash: GENESIS_HASH };
    }
    const record = await this.recordAt(streamId, expected);
    if (!record) return null;
    const split = fromStoredMetadata(record.metadata);
    if (!split) throw new Error(`event ${record.id} in ${streamId} carries no donthu hash chain`);
    return { version: expected, hash: split.links.hash };
  }

  /**
   * Claims `eventId` for (streamId, version): 'claimed' when the claim now names that place, 'stored' when
   * the id is already stored (here or elsewhere: classify decides), 'reserved' when another stream's
   * in-flight append holds the id.
   */
  private async claim(eventId: string, streamId: string, version: number): Promise<ClaimOutcome> {
    const claimStream = claimStreamOf(eventId);
    for (let attempt = 1; attempt <= MAX_CLAIM_ATTEMPTS; attempt++) {
      const latest = await this.latestClaim(eventId);
      let state: AppendStreamState = NO_STREAM;
      if (latest) {
        const { claim, revision } = latest;
        if (claim.streamId === streamId && claim.version === version) return 'claimed';
        const target = await this.recordAt(claim.streamId, claim.version);
        if (target?.id === eventId) return 'stored';
        const pending = target === null;
        if (pending && claim.streamId !== streamId && Date.now() - claim.claimedAt < this.claimLeaseMs) {
          return 'reserved';
        }
        state = revision;
      }
      const data: Claim = { streamId, version, claimedAt: Date.now() };
      try {
        await this.client.appendToStream(
          claimStream,
          jsonEvent({ id: randomUUID(), type: CLAIM_EVENT_TYPE, data: { ...data } }),
          { streamState: state },
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      }
    }
    throw new Error(`could not claim event id ${eventId}: its claim stream keeps changing`);
  }

  private async latestClaim(eventId: string): Promise<{ claim: Claim; revision: bigint } | null> {
    const records = await this.readRecords(claimStreamOf(eventId), {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: 1,
    });
    const record = records[0];
    if (!record) return null;
    const data = record.data as Partial<Claim> | null;
    if (
      data === null ||
      typeof data !== 'object' ||
      typeof data.streamId !== 'string' ||
      typeof data.version !== 'number' ||
      typeof data.claimedAt !== 'number'
    ) {
      throw new Error(`malformed claim in ${record.streamId} at revision ${record.revision}`);
    }
    return {
      claim: { streamId: data.streamId, version: data.version, claimedAt: data.claimedAt },
      revision: record.revision,
    };
  }

  /**
   * After a failed append (or a missing expected version): the same append already done → its result; an id
   * stored anywhere else → DuplicateEventId; otherwise a version conflict with the actual head.
   */
  private async classify(
    streamId: string,
    prepared: PreparedEvent[],
    expected: number | 'any',
  ): Promise<Outcome> {
    const places = await Promise.all(
      prepared.map(async (e) => {
        const latest = await this.latestClaim(e.eventId);
        if (!latest) return null;
        const record = await this.recordAt(latest.claim.streamId, latest.claim.version);
        return record?.id === e.eventId ? { ...latest.claim, record } : null;
      }),
    );
    const first = places[0];
    const sameAppend =
      first !== null &&
      first.streamId === streamId &&
      (expected === 'any' || first.version === expected + 1) &&
      places.every((p, i) => p !== null && p.streamId === streamId && p.version === first.version + i);
    if (sameAppend) {
      const last = places[places.length - 1];
      if (last?.record.position) {
        return {
          kind: 'done',
          result: { nextVersion: last.version, lastPosition: last.record.position.prepare.toString(10) },
        };
      }
    }
    const storedAt = places.findIndex((p) => p !== null);
    if (storedAt >= 0) throw new DuplicateEventId(prepared[storedAt].eventId);
    const head = await this.streamHead(streamId);
    return { kind: 'conflict', actual: head?.version ?? 0 };
  }

  /** The event at port version `version` of a stream, or null. */
  private async recordAt(streamId: string, version: number): Promise<RawRecord | null> {
    const records = await this.readRecords(streamId, {
      direction: FORWARDS,
      fromRevision: revisionOfVersion(version),
      maxCount: 1,
    });
    const record = records[0];
    return record && record.revision === revisionOfVersion(version) ? record : null;
  }

  /** Events of one stream ([] when it does not exist). */
  private async readRecords(
    streamId: string,
    options: { direction: typeof FORWARDS | typeof BACKWARDS; fromRevision: ReadRevision; maxCount: number },
  ): Promise<RawRecord[]> {
    const records: RawRecord[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, options)) {
        const record = toRawRecord(resolved);
        if (record) records.push(record);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return records;
  }

  private async selectStream(streamId: string, options: ReadStreamOptions): Promise<RawRecord[]> {
    const fromVersion = Math.max(1, Math.floor(options.fromVersion ?? 1));
    const toVersion = options.toVersion === undefined ? undefined : Math.floor(options.toVersion);
    if (toVersion !== undefined && toVersion < fromVersion) return [];
    const asOf = options.asOf === undefined ? undefined : Date.parse(options.asOf);
    if (asOf !== undefined && Number.isNaN(asOf)) throw new Error(`invalid asOf ${String(options.asOf)}`);
    const records = await this.readRecords(streamId, {
      direction: FORWARDS,
      fromRevision: revisionOfVersion(fromVersion),
      maxCount: toVersion === undefined ? Number.MAX_SAFE_INTEGER : toVersion - fromVersion + 1,
    });
    if (asOf === undefined) return records;
    return records.filter((r) => Date.parse(toRawEvent(r).recordedAt) <= asOf);
  }

  private toStoredEvent(record: RawRecord): StoredEvent {
    const event = toRawEvent(record);
    if (!this.registry) return event;
    const stored = typeof event.metadata.schemaVersion === 'number' ? event.metadata.schemaVersion : 1;
    const { data, schemaVersion } = this.registry.upcast(event.type, stored, event.data);
    return {
      ...event,
      data,
      metadata: schemaVersion === stored ? event.metadata : { ...event.metadata, schemaVersion },
    };
  }
}

function toRawRecord(resolved: ResolvedEvent | AllStreamResolvedEvent): RawRecord | null {
  const event = resolved.event;
  if (!event) return null;
  return {
    streamId: event.streamId,
    id: event.id,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    position: event.position,
  };
}

/** A user event this adapter wrote: not a system or claim stream, and carrying the chain links. */
function isDonthuRecord(record: RawRecord): boolean {
  return (
    !isSystemRecord(record.streamId, record.type) &&
    !isClaimStream(record.streamId) &&
    fromStoredMetadata(record.metadata) !== null
  );
}

function toRawEvent(record: RawRecord): StoredEvent {
  const split = fromStoredMetadata(record.metadata);
  if (!split)
    throw new Error(`event ${record.id} in ${record.streamId} was not written by donthu (no hash chain)`);
  if (!record.position) {
    throw new Error(
      `KurrentDB returned no log position for event ${record.id}: the server is older than 22.6`,
    );
  }
  if (record.data === null || typeof record.data !== 'object' || Array.isArray(record.data)) {
    throw new Error(`event ${record.id} in ${record.streamId} has no JSON object payload`);
  }
  const metadata = split.metadata as EventMetadata;
  const checkpoint = checkpointOfPosition(record.position);
  return {
    streamId: record.streamId,
    version: versionOfRevision(record.revision),
    globalPosition: checkpoint.position,
    transactionId: checkpoint.transactionId,
    eventId: record.id,
    type: record.type,
    data: record.data as Record<string, unknown>,
    metadata,
    occurredAt: new Date(metadata.occurredAt).toISOString(),
    recordedAt: new Date(metadata.recordedAt).toISOString(),
    prevHash: split.links.prevHash,
    hash: split.links.hash,
  };
}

/** The shared preparation (the same JSON the PostgreSQL adapter hashes), plus KurrentDB's reserved `$` types. */
function prepareEvent(event: NewEvent, options: AppendOptions, recordedAt: string): PreparedEvent {
  if (typeof event.type === 'string' && event.type.startsWith('$')) {
    throw new Error(`event type ${event.type} is reserved (starts with "$")`);
  }
  return prepareSharedEvent(event, options, recordedAt);
}
