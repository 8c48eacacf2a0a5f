import type { StoredEvent } from '../../../event-store/src/index.js';
import { createEventTypeRegistry } from '../../../runtime/src/index.js';
import type { Runtime } from '../runtime.tokens.js';

/** Where and why a stream's history stops making sense (issue 12: history of a damaged stream). */
export interface HistoryBreak {
  version: number;
  position: number;
  /**
   * `hash_mismatch`: the hash chain breaks here (the event, or one before it, was changed, removed or
   * inserted after it was written); `unreadable`: an event type or schema version this build does not
   * know; `cannot_apply`: the event does not fit the stream's state (its payload is malformed).
   */
  reason: 'hash_mismatch' | 'unreadable' | 'cannot_apply';
  detail: string;
}

/** An event as stored, in the shape of a history entry (docs/reference/api-contract.md `GET /cases/:id/history`). */
export interface RawHistoryEvent {
  position: number;
  version: number;
  type: string;
  occurredAt: string | null;
  recordedAt: string | null;
  actor: { id: string; name: string } | null;
  data: unknown;
  hash: string;
  prevHash: string;
  streamId: string;
  eventId: string;
  metadata: unknown;
}

interface RawRow {
  pos: string;
  version: number;
  event_id: string;
  type: string;
  data: unknown;
  metadata: unknown;
  occurred_at: Date;
  recorded_at: Date;
  prev_hash: string;
  hash: string;
}

const REGISTRY = createEventTypeRegistry();

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The events of a stream exactly as stored, read with SQL (nothing upcast, nothing trusted). */
export async function rawStreamEvents(runtime: Runtime, streamId: string): Promise<RawHistoryEvent[]> {
  const { rows } = await runtime.pool.query<RawRow>(
    `SELECT global_position::text AS pos, version, event_id::text, type, data, metadata,
            occurred_at, recorded_at, prev_hash, hash
       FROM events WHERE stream_id = $1 ORDER BY version`,
    [streamId],
  );
  return rows.map((r) => {
    const meta = isObject(r.metadata) ? r.metadata : {};
    const actor = isObject(meta.actor) ? meta.actor : null;
    return {
      position: Number(r.pos),
      version: r.version,
      type: r.type,
      occurredAt: typeof meta.occurredAt === 'string' ? meta.occurredAt : r.occurred_at.toISOString(),
      recordedAt: typeof meta.recordedAt === 'string' ? meta.recordedAt : r.recorded_at.toISOString(),
      actor: actor ? { id: String(actor.id ?? ''), name: String(actor.name ?? '') } : null,
      data: r.data,
      hash: r.hash,
      prevHash: r.prev_hash,
      streamId,
      eventId: r.event_id,
      metadata: r.metadata,
    };
  });
}

/**
 * The first break of a stream: the hash chain first, then events this build cannot read, then (with
 * `fold`) the first event the stream's state cannot take. Null when none is found.
 */
export async function findBreak(
  runtime: Runtime,
  streamId: string,
  events: RawHistoryEvent[],
  fold?: (events: StoredEvent[]) => unknown,
): Promise<HistoryBreak | null> {
  const positionOf = (version: number) => events.find((e) => e.version === version)?.position ?? 0;
  const verified = await runtime.store.verifyStream(streamId);
  if (!verified.ok) {
    return {
      version: verified.brokenAt.version,
      position: Number(verified.brokenAt.position) || positionOf(verified.brokenAt.version),
      reason: 'hash_mismatch',
      detail:
        'the hash chain breaks at this event: it, or the event before it, was changed, removed or inserted after it was written',
    };
  }
  const upcast: StoredEvent[] = [];
  for (const e of events) {
    try {
      const meta = isObject(e.metadata) ? e.metadata : {};
      const sv = typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 1;
      if (!isObject(e.data)) throw new Error('the payload is not an object');
      const { data } = REGISTRY.upcast(e.type, sv, e.data);
      upcast.push({
        streamId,
        version: e.version,
        globalPosition: String(e.position),
        transactionId: '0',
        eventId: e.eventId,
        type: e.type,
        data,
        metadata: meta as unknown as StoredEvent['metadata'],
        occurredAt: e.occurredAt ?? '',
        recordedAt: e.recordedAt ?? '',
        prevHash: e.prevHash,
        hash: e.hash,
      });
    } catch (err) {
      return { version: e.version, position: e.position, reason: 'unreadable', detail: messageOf(err) };
    }
  }
  if (fold) {
    for (let i = 1; i <= upcast.length; i++) {
      try {
        fold(upcast.slice(0, i));
      } catch (err) {
        const e = upcast[i - 1];
        return {
          version: e.version,
          position: Number(e.globalPosition),
          reason: 'cannot_apply',
          detail: messageOf(err),
        };
      }
    }
  }
  return null;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 300);

/** The units a stream's events name: the scope of a stream too damaged to fold. */
export function unitsNamedIn(events: { data: unknown }[]): string[] {
  const out = new Set<string>();
  const fields = [
    'receivingUnitId',
    'competentUnitId',
    'toUnitId',
    'unitId',
    'leadUnitId',
    'inspectedUnitId',
  ];
  for (const e of events) {
    if (!isObject(e.data)) continue;
    for (const f of fields) {
      const v = e.data[f];
      if (typeof v === 'string') out.add(v);
    }
  }
  return [...out];
}
