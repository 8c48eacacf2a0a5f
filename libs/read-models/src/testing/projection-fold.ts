import { expect } from '@jest/globals';
import type { StoredEvent } from '../../../event-store/src/index.js';
import type { ProjectionDefinition, Row } from '../runner/projection.js';

/** Test helpers of the projection specs: stored events in order, and a fold like the runner's. */

let position = 0;
export function stored(streamId: string, type: string, data: Record<string, unknown>): StoredEvent {
  position += 1;
  const recordedAt = new Date(Date.UTC(2026, 2, 1, 0, 0, position)).toISOString();
  return {
    streamId,
    version: position,
    globalPosition: String(position),
    transactionId: String(position),
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    metadata: {
      actor: { id: 'u', name: 'U', roles: [] },
      correlationId: 'c',
      causationId: null,
      occurredAt: recordedAt,
      recordedAt,
      schemaVersion: 1,
    },
    occurredAt: recordedAt,
    recordedAt,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  } as StoredEvent;
}

/** Folds like the runner (per group), checking that evolve neither mutates its input nor varies. */
export function fold(p: ProjectionDefinition, events: StoredEvent[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const e of events) {
    if (!p.handles.has(e.type)) continue;
    for (const g of p.groupsOf(e)) {
      const key = JSON.stringify(g);
      const before = Object.freeze((groups.get(key) ?? []).map((r) => Object.freeze({ ...r })));
      const a = p.evolve([...before], e, g);
      expect(p.evolve([...before], e, g)).toEqual(a);
      groups.set(key, a);
    }
  }
  return [...groups.values()].flat();
}
