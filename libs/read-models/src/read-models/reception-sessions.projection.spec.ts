import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '../../../event-store/src/index.js';
import type { ProjectionDefinition, Row } from '../runner/projection.js';
import {
  CASE_CONTEXT_ROW,
  dialoguesProjection,
  receptionSessionsProjection,
} from './reception-sessions.projection.js';

let position = 0;
function stored(streamId: string, type: string, data: Record<string, unknown>): StoredEvent {
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
function fold(p: ProjectionDefinition, events: StoredEvent[]): Row[] {
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

const scheduled = (id: string) =>
  stored(`reception-${id}`, 'ReceptionSessionScheduled', {
    sessionId: id,
    unitId: 'xa-a',
    hostPersonId: 'chair',
    date: '2026-06-25',
    kind: 'periodic',
    mode: 'in_person',
  });

describe('reception-sessions.v1', () => {
  it('projects a scheduled then held session', () => {
    const rows = fold(receptionSessionsProjection, [
      scheduled('s1'),
      stored('reception-s1', 'ReceptionSessionHeld', {
        heldOn: '2026-06-25',
        hostPersonId: 'deputy',
        citizensReceived: 3,
        caseIds: ['c1'],
        heldByHead: false,
        headPersonId: 'chair',
      }),
    ]);
    expect(rows).toEqual([
      {
        session_id: 's1',
        unit_id: 'xa-a',
        host_person_id: 'chair',
        date: '2026-06-25',
        kind: 'periodic',
        mode: 'in_person',
        status: 'held',
        held_on: '2026-06-25',
        held_host_person_id: 'deputy',
        held_by_head: false,
        head_person_id: 'chair',
        citizens_received: 3,
        case_ids: ['c1'],
        cancel_reason: null,
        counts_as_heads: false,
        recorded_by: null,
        late_entry: false,
        working_days_late: null,
        version: expect.any(Number),
      },
    ]);
  });

  it('projects a cancellation and ignores a hold after it', () => {
    const rows = fold(receptionSessionsProjection, [
      scheduled('s2'),
      stored('reception-s2', 'ReceptionSessionCancelled', { reason: 'bão' }),
      stored('reception-s2', 'ReceptionSessionHeld', {
        heldOn: '2026-06-25',
        hostPersonId: 'chair',
        citizensReceived: 1,
        caseIds: [],
        heldByHead: true,
        headPersonId: 'chair',
      }),
    ]);
    expect(rows).toMatchObject([
      { session_id: 's2', status: 'cancelled', cancel_reason: 'bão', held_on: null },
    ]);
  });

  it('ignores events of a session it never saw scheduled', () =>
    expect(
      fold(receptionSessionsProjection, [
        stored('reception-s3', 'ReceptionSessionCancelled', { reason: 'x' }),
      ]),
    ).toEqual([]));
});

describe('dialogues.v1', () => {
  it('credits a dialogue to the responsible unit when it was recorded', () => {
    const rows = fold(dialoguesProjection, [
      stored('case-c1', 'CaseReceived', { caseId: 'c1', receivingUnitId: 'xa-a' }),
      stored('case-c1', 'DialogueRecorded', { caseId: 'c1', dialogueId: 'd1', heldAt: '2026-06-01' }),
      stored('case-c1', 'CaseClassified', { caseId: 'c1', competentUnitId: 'so-tn' }),
      stored('case-c1', 'DialogueRecorded', { caseId: 'c1', dialogueId: 'd2', heldAt: '2026-06-10' }),
      stored('case-c1', 'CaseTransferred', { caseId: 'c1', receivingUnitId: 'tinh', competentUnitId: null }),
    ]);
    expect(rows).toEqual([
      {
        case_id: 'c1',
        dialogue_id: CASE_CONTEXT_ROW,
        receiving_unit_id: 'tinh',
        competent_unit_id: null,
        unit_id: 'tinh',
        held_at: null,
      },
      {
        case_id: 'c1',
        dialogue_id: 'd1',
        receiving_unit_id: 'xa-a',
        competent_unit_id: null,
        unit_id: 'xa-a',
        held_at: '2026-06-01',
      },
      {
        case_id: 'c1',
        dialogue_id: 'd2',
        receiving_unit_id: 'xa-a',
        competent_unit_id: 'so-tn',
        unit_id: 'so-tn',
        held_at: '2026-06-10',
      },
    ]);
  });

  it('ignores a dialogue of an unknown case', () =>
    expect(
      fold(dialoguesProjection, [
        stored('case-x', 'DialogueRecorded', { caseId: 'x', dialogueId: 'd', heldAt: '2026-06-01' }),
      ]),
    ).toEqual([]));
});
