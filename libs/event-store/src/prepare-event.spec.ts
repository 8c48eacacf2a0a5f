import { describe, it, expect } from '@jest/globals';
import type { AppendOptions, NewEvent } from './event-store.port.js';
import { prepareEvent, prepareEvents } from './prepare-event.js';

const options: AppendOptions = {
  expectedVersion: 0,
  metadata: { actor: { id: 'u1', name: 'A', roles: [] }, correlationId: 'c', causationId: null },
};
const at = '2026-12-07T01:02:03.004Z';
const id = (n: number): string => `0192f1c2-7b1a-7000-8000-${String(n).padStart(12, '0')}`;

describe('prepareEvents', () => {
  it('prepares every event as prepareEvent does, sharing the metadata of events without their own', () => {
    const events: NewEvent[] = [
      { eventId: id(1), type: 'A', data: { n: 1 } },
      { eventId: id(2), type: 'B', data: { n: 2, when: new Date(at) } },
      { eventId: id(3), type: 'A', data: { n: 3 }, metadata: { occurredAt: '2026-01-01T00:00:00Z' } },
      { eventId: id(4), type: 'A', data: { n: 4 }, schemaVersion: 2 },
      { eventId: id(5), type: 'A', data: { n: 5 } },
    ];
    const prepared = prepareEvents(events, options, at);
    expect(prepared).toEqual(events.map((e) => prepareEvent(e, options, at)));
    expect(prepared[4]!.metadata).toBe(prepared[0]!.metadata);
    expect(prepared[1]!.metadata).toBe(prepared[0]!.metadata);
    expect(prepared[2]!.metadata.occurredAt).toBe('2026-01-01T00:00:00.000Z');
    expect(prepared[0]!.metadata.occurredAt).toBe(at);
    expect(prepared[3]!.metadata.schemaVersion).toBe(2);
    expect(prepared[0]!.metadata.schemaVersion).toBe(1);
  });
});
