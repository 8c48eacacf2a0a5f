import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { vietnamDateOf } from '../../../domain/src/index.js';
import type { DecideContext } from '../../../domain/src/index.js';
import {
  DuplicateEventId,
  VersionConflict,
  type EventActor,
  type StoredEvent,
} from '../../../event-store/src/index.js';
import { streamCategory, currentTraceparent } from '../../../runtime/src/index.js';
import type { Runtime } from '../../../runtime/src/index.js';
import { fail } from '../common/problem.js';
import { retryOnConflict, StreamConflict } from './conflict-retry.js';

/**
 * The one command step every writer goes through — the HTTP use cases, the background processes
 * (deadline watcher, unit merger), disclosures and erasure: load the stream → decide with the
 * calendar, the rules and now → append with the exact expected version. A stale `If-Match` is
 * `VERSION_CONFLICT` (412). A conflict without If-Match (another writer got there first) is a
 * `StreamConflict`: whoever runs the command retries it (`retryOnConflict`: the CommandBus around
 * every handler, `handleCommandWithRetries` for the processes), re-reading and re-deciding. Event ids
 * are deterministic when the caller asks (an Idempotency-Key seed, or ids derived from the causing
 * event), so a retry can never append twice.
 */

const EVENT_ID_NAMESPACE = '2b0f6c1e-8a4d-4f7b-9c3e-5d1a7e9b0c24';

export interface DomainEventLike {
  type: string;
  data: object;
}

export type Decision = (
  history: StoredEvent[],
  ctx: DecideContext,
) => DomainEventLike[] | Promise<DomainEventLike[]>;

export interface HandleCommandOptions {
  actor: EventActor;
  correlationId: string;
  /** The event that caused this command (processes); null for a person's request. */
  causationId?: string | null;
  /** From `If-Match`: the version the caller saw. A stale one → 412 VERSION_CONFLICT, nothing appended. */
  ifMatch?: number;
  /** Seeds deterministic event ids (the Idempotency-Key); a retry of a committed command answers its outcome. */
  eventIdSeed?: string;
  /** Deterministic ids of the decided events (processes: derived from the causing event). */
  eventId?: (i: number, event: DomainEventLike) => string;
  /** A duplicate event id means this command was applied already: nothing to do (processes, erasure). */
  duplicateMeansDone?: boolean;
  /** The stream as the caller just read it (saves a read). */
  history?: StoredEvent[];
}

export interface CommandResult {
  /** The stream after the command (the appended events carry type, data, ids and versions only). */
  events: StoredEvent[];
  appended: DomainEventLike[];
  version: number;
  /** Global position of the last appended event; null when nothing was appended. */
  position: string | null;
}

export type CommandRuntime = Pick<Runtime, 'store' | 'clock' | 'calendar' | 'rules'> &
  Partial<Pick<Runtime, 'metrics'>>;

/** What a decision may know besides the stream: now (from the runtime's clock), the calendar, the law. */
export function decideContext(
  runtime: Pick<Runtime, 'clock' | 'calendar' | 'rules'> & { config?: { lateEntryGraceDays?: number } },
): DecideContext {
  const now = runtime.clock();
  const grace = runtime.config?.lateEntryGraceDays;
  return {
    now: now.toISOString(),
    today: vietnamDateOf(now),
    calendar: runtime.calendar,
    rules: runtime.rules,
    // LATE_ENTRY_GRACE_DAYS: late-entry marks and accountability dates (docs/reference/deadlines.md §9)
    ...(grace !== undefined ? { lateEntryGraceDays: grace } : {}),
  };
}

/** The id of the `i`-th event a command seeded by `seed` appends to `streamId`. */
export function seededEventId(seed: string, streamId: string, i: number): string {
  return uuidv5(`${seed}:${streamId}:${i}`, EVENT_ID_NAMESPACE);
}

/** A new stream's id derived from an Idempotency-Key seed, so that a retried creation finds its stream. */
export function seededId(seed: string, kind: string): string {
  return uuidv5(`${kind}:${seed}`, EVENT_ID_NAMESPACE);
}

/**
 * When the command seeded by `seed` is already in `history` (it committed, and its answer was lost),
 * the outcome it had: the stream up to its last event.
 */
export function committedIn(history: StoredEvent[], streamId: string, seed: string): CommandResult | null {
  const first = seededEventId(seed, streamId, 0);
  const at = history.findIndex((e) => e.eventId === first);
  if (at < 0) return null;
  let n = 1;
  while (history[at + n]?.eventId === seededEventId(seed, streamId, n)) n++;
  const last = history[at + n - 1];
  return {
    events: history.slice(0, at + n),
    appended: [],
    version: last.version,
    position: last.globalPosition,
  };
}

/** `{ traceparent }` of the active span when tracing is on; nothing otherwise. */
function traceMetadata(): { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
}

export async function handleCommand(
  runtime: CommandRuntime,
  streamId: string,
  decide: Decision,
  options: HandleCommandOptions,
  /** Called after a successful append (the API pokes its projection runner). */
  onAppended?: () => void,
): Promise<CommandResult> {
  const stream = { stream: streamCategory(streamId) };
  const history = options.history ?? (await runtime.store.readStream(streamId));
  const version = history.length ? history[history.length - 1].version : 0;
  if (options.eventIdSeed) {
    // A retry of a request that committed but never answered: answer what it did.
    const committed = committedIn(history, streamId, options.eventIdSeed);
    if (committed) return committed;
  }
  if (options.ifMatch !== undefined && options.ifMatch !== version) {
    runtime.metrics?.commandConflicts.inc(stream);
    fail('VERSION_CONFLICT', `If-Match "${options.ifMatch}" is stale: the current version is ${version}`);
  }
  const appended = await decide(history, decideContext(runtime));
  if (appended.length === 0) return { events: history, appended, version, position: null };
  const newEvents = appended.map((e, i) => ({
    eventId: options.eventId
      ? options.eventId(i, e)
      : options.eventIdSeed
        ? seededEventId(options.eventIdSeed, streamId, i)
        : randomUUID(),
    type: e.type,
    data: e.data as Record<string, unknown>,
  }));
  let result;
  try {
    result = await runtime.store.append(streamId, newEvents, {
      expectedVersion: version === 0 ? 'no_stream' : version,
      metadata: {
        actor: { id: options.actor.id, name: options.actor.name, roles: options.actor.roles },
        correlationId: options.correlationId,
        causationId: options.causationId ?? null,
        ...traceMetadata(),
      },
    });
  } catch (err) {
    if (err instanceof DuplicateEventId && options.duplicateMeansDone) {
      return { events: history, appended: [], version, position: null };
    }
    if (!(err instanceof VersionConflict)) throw err;
    runtime.metrics?.commandConflicts.inc(stream);
    // With If-Match the caller decided on the version it saw: 412, never re-decided. Without it the
    // caller asked for "the current state": whoever runs the command re-runs it (retryOnConflict).
    if (options.ifMatch !== undefined)
      fail('VERSION_CONFLICT', 'the stream changed while this command ran; reload and retry');
    throw new StreamConflict(streamId);
  }
  onAppended?.();
  // The stream after the append, without reading it back: callers fold type and data only.
  const written = newEvents.map((e, i): StoredEvent => ({
    streamId,
    version: version + i + 1,
    globalPosition: i === newEvents.length - 1 ? result.lastPosition : '',
    transactionId: '',
    eventId: e.eventId,
    type: e.type,
    data: e.data,
    metadata: {} as StoredEvent['metadata'],
    occurredAt: '',
    // The case view's completedRecordedAt reads it (libs/domain case.view.ts completionsRecordedAt).
    recordedAt: result.recordedAt ?? '',
    prevHash: '',
    hash: '',
  }));
  return {
    events: [...history, ...written],
    appended,
    version: result.nextVersion,
    position: result.lastPosition,
  };
}

/**
 * `handleCommand` for a writer that runs outside the CommandBus (the processes, the records of
 * disclosures and erasures): a lost race re-reads and re-decides through the same `retryOnConflict`
 * the bus uses, so a conflict that outlives the retries is VERSION_CONFLICT.
 */
export function handleCommandWithRetries(
  runtime: CommandRuntime,
  streamId: string,
  decide: Decision,
  options: HandleCommandOptions,
  onAppended?: () => void,
): Promise<CommandResult> {
  return retryOnConflict(
    (attempt) => {
      // A retry reads the stream again: what the caller read lost the race.
      const { history: _stale, ...rest } = options;
      return handleCommand(runtime, streamId, decide, attempt === 0 ? options : rest, onAppended);
    },
    { metrics: runtime.metrics, stream: streamCategory(streamId) },
  );
}
