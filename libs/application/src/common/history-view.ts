import type { StoredEvent } from '../../../event-store/src/index.js';

/**
 * A stream's history as a case's (docs/reference/api-contract.md `GET /cases/:id/history`): every event with its position,
 * version, business date (the act's date field, named by `businessDateField`), late-entry and import
 * marks, when it occurred and was recorded, who recorded it, its data and its hashes (and what an
 * auditor needs to recompute them).
 */
export function streamHistory(
  events: readonly StoredEvent[],
  businessDateField: (type: string) => string | null,
) {
  return {
    events: events.map((e) => {
      const data = e.data as Record<string, unknown>;
      const field = businessDateField(e.type);
      const businessDate = field && typeof data[field] === 'string' ? (data[field] as string) : null;
      return {
        position: Number(e.globalPosition),
        version: e.version,
        type: e.type,
        businessDate,
        lateEntry: data.lateEntry === true,
        imported: (e.metadata as { imported?: unknown }).imported === true,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        actor: { id: e.metadata.actor.id, name: e.metadata.actor.name },
        data,
        hash: e.hash,
        prevHash: e.prevHash,
        streamId: e.streamId,
        eventId: e.eventId,
        metadata: e.metadata,
      };
    }),
  };
}

/** What a history query answers (`GET /…/:id/history`). */
export type StreamHistoryView = ReturnType<typeof streamHistory>;
