/**
 * The event-store port. Adapters: postgres/ (PostgreSQL server and embedded PGlite), kurrentdb/.
 * Positions and transaction ids are bigints carried as decimal strings (JSON-safe).
 */

export interface EventActor {
  id: string;
  name: string;
  roles: string[];
}

/** Metadata on every event. `recordedAt` is set by the store (application server time) before insert. */
export interface EventMetadata {
  actor: EventActor;
  correlationId: string;
  causationId: string | null;
  /** When it happened in the world (ISO 8601 instant). */
  occurredAt: string;
  /** When the store recorded it (ISO 8601 instant, set by the application). */
  recordedAt: string;
  schemaVersion: number;
  /** Free extension fields (e.g. idempotency key, request id). */
  [key: string]: unknown;
}

/** What a caller hands to append. `recordedAt` is filled in by the store. */
export interface NewEvent {
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  /** Per-event metadata overrides (merged over the append's metadata). */
  metadata?: Partial<EventMetadata>;
  /** Schema version of `data`; default 1. */
  schemaVersion?: number;
}

export interface StoredEvent {
  streamId: string;
  version: number;
  globalPosition: string;
  transactionId: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/**
 * What folding a stream into state needs of each event: `readStreamForFold` leaves out the metadata,
 * ids and hashes that `readStream` carries (the same events, same order, same upcast payloads).
 */
export type FoldEvent = Pick<StoredEvent, 'streamId' | 'version' | 'globalPosition' | 'type' | 'data'>;

/** The stream for a fold: `readStreamForFold` where the adapter has it, else `readStream`. */
export function readStreamForFold(
  store: EventStore,
  streamId: string,
  options?: ReadStreamOptions,
): Promise<FoldEvent[]> {
  return store.readStreamForFold
    ? store.readStreamForFold(streamId, options)
    : store.readStream(streamId, options);
}

export type ExpectedVersion = number | 'no_stream' | 'any';

export interface AppendOptions {
  expectedVersion: ExpectedVersion;
  metadata: Omit<EventMetadata, 'recordedAt' | 'schemaVersion' | 'occurredAt'> & {
    occurredAt?: string;
    [key: string]: unknown;
  };
}

export interface AppendResult {
  /** The stream's version after the append (= the last event's version). */
  nextVersion: number;
  lastPosition: string;
  /**
   * When the events of this append were recorded (their `recordedAt`; for a retry of an append already
   * stored, the instant it was stored). Absent for an empty append and on adapters that do not say.
   */
  recordedAt?: string;
}

/** A checkpoint in the global log: the (transaction id, position) pair of the last event read. */
export interface GlobalCheckpoint {
  transactionId: string;
  position: string;
}

export const START_OF_LOG: GlobalCheckpoint = { transactionId: '0', position: '0' };

export interface ReadStreamOptions {
  fromVersion?: number;
  toVersion?: number;
  /** Only events recorded at or before this instant (ISO 8601). */
  asOf?: string;
}

export interface ReadAllOptions {
  after: GlobalCheckpoint;
  limit: number;
}

/** `readAllOfTypes`: the batch `readAll` would give, narrowed to some event types. */
export interface ReadAllOfTypesOptions extends ReadAllOptions {
  types: readonly string[];
}

export interface TypedBatch {
  /** The events of the batch whose type is one of `types`, in log order. */
  events: StoredEvent[];
  /** How many events the whole batch holds (every type): what `readAll` would have returned. */
  count: number;
  /** The checkpoint of the batch's last event, whatever its type; null when the batch is empty. */
  through: GlobalCheckpoint | null;
}

export type VerifyResult =
  | { ok: true; events: number; headHash: string }
  | { ok: false; brokenAt: { version: number; position: string } };

export interface StreamHead {
  version: number;
  position: string;
  hash: string;
}

export interface EventStore {
  append(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Optional: readStream narrowed to what a fold needs (cheaper to read); see `readStreamForFold()`. */
  readStreamForFold?(streamId: string, options?: ReadStreamOptions): Promise<FoldEvent[]>;
  /** The global log after a checkpoint, in (transaction_id, global_position) order, fenced by pg_snapshot_xmin. */
  readAll(options: ReadAllOptions): Promise<StoredEvent[]>;
  /**
   * Optional: the same batch as `readAll` (the next `limit` events after the checkpoint, under the same
   * fence), but only the events of `types` are read and returned; `through` is where the batch ends.
   * A reader that handles few types (a projection) skips reading what it would throw away.
   */
  readAllOfTypes?(options: ReadAllOfTypesOptions): Promise<TypedBatch>;
  /** The position of the newest visible event ('0' when empty). */
  headPosition(): Promise<string>;
  streamHead(streamId: string): Promise<StreamHead | null>;
  verifyStream(streamId: string): Promise<VerifyResult>;
  /** Every stream id, for walks over the whole store (verify --all, anchors). */
  listStreams(): AsyncIterable<string>;
  close(): Promise<void>;
}

/** A stale expected version. Nothing was written. */
export class VersionConflict extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`version conflict on ${streamId}: expected ${String(expected)}, actual ${actual}`);
    this.name = 'VersionConflict';
  }
}

/** An event id already stored at another place (another stream or version). Nothing was written. */
export class DuplicateEventId extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored elsewhere`);
    this.name = 'DuplicateEventId';
  }
}

/** An event whose type has no registered reader or whose schema version has no upcaster. */
export class UnknownEventType extends Error {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
  ) {
    super(`unknown event type ${eventType} (schema version ${schemaVersion})`);
    this.name = 'UnknownEventType';
  }
}
