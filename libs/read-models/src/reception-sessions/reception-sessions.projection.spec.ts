import { describe, expect, it } from '@jest/globals';
import { fold, stored } from '../testing/projection-fold.js';
import { receptionSessionsProjection } from './reception-sessions.projection.js';

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
