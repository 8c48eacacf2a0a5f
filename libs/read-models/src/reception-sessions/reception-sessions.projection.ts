import { RECEPTION_EVENT_TYPES, type ReceptionEvent, assertNever } from '../../../domain/src/index.js';
import { defineProjection } from '../runner/projection.js';

const sessionIdOf = (streamId: string): string => streamId.replace(/^reception-/, '');

/**
 * `rm_reception_sessions` (temporal): one row per citizen-reception session. `host_person_id` is the
 * planned host; `held_host_person_id` who actually received citizens; `held_by_head` / `head_person_id`
 * come from the hold event (the unit's head in office on `held_on`, fixed when the session was held).
 * `counts_as_heads`: the hold counts as the head's own (the head hosted it and the head or a delegate
 * entered it; older holds: `held_by_head`); `recorded_by` `{id, name}`; `late_entry` (docs/reference/deadlines.md §9);
 * `version`: the stream's version. A corrected hold takes the corrected values; a voided one has status
 * `voided`. `/reception-duty` and `/accountability` count the distinct `held_on` days with
 * `counts_as_heads`.
 */
export const receptionSessionsProjection = defineProjection({
  name: 'reception-sessions.v1',
  table: 'rm_reception_sessions',
  keyColumns: ['session_id'],
  groupColumns: ['session_id'],
  temporal: true,
  handles: RECEPTION_EVENT_TYPES,
  groupsOf: (e) => [{ session_id: sessionIdOf(e.streamId) }],
  evolve: (rows, stored) => {
    const e = stored as unknown as ReceptionEvent;
    const row = rows[0];
    switch (e.type) {
      case 'ReceptionSessionScheduled': {
        const d = e.data;
        return [
          {
            session_id: d.sessionId,
            unit_id: d.unitId,
            host_person_id: d.hostPersonId,
            date: d.date,
            kind: d.kind,
            mode: d.mode,
            status: 'scheduled',
            held_on: null,
            held_host_person_id: null,
            held_by_head: null,
            head_person_id: null,
            citizens_received: null,
            case_ids: [],
            cancel_reason: null,
            counts_as_heads: null,
            recorded_by: null,
            late_entry: false,
            working_days_late: null,
            version: stored.version,
          },
        ];
      }
      case 'ReceptionSessionHeld': {
        if (!row || row.status !== 'scheduled') return rows;
        const d = e.data;
        return [
          {
            ...row,
            status: 'held',
            held_on: d.heldOn,
            held_host_person_id: d.hostPersonId,
            held_by_head: d.heldByHead,
            head_person_id: d.headPersonId,
            citizens_received: d.citizensReceived,
            case_ids: [...d.caseIds],
            counts_as_heads: d.countsAsHeads ?? d.heldByHead,
            recorded_by: d.recordedBy ?? null,
            late_entry: d.lateEntry === true,
            working_days_late: d.workingDaysLate ?? null,
            version: stored.version,
          },
        ];
      }
      case 'ReceptionSessionCancelled':
        if (!row || row.status !== 'scheduled') return rows;
        return [{ ...row, status: 'cancelled', cancel_reason: e.data.reason, version: stored.version }];
      case 'ReceptionSessionCorrected': {
        if (!row || row.status !== 'held') return rows;
        const d = e.data;
        return [
          {
            ...row,
            status: d.void ? 'voided' : 'held',
            held_on: d.heldOn,
            held_host_person_id: d.hostPersonId,
            held_by_head: d.heldByHead,
            head_person_id: d.headPersonId,
            citizens_received: d.citizensReceived,
            counts_as_heads: d.countsAsHeads,
            recorded_by: d.recordedBy,
            cancel_reason: d.void ? d.reason : null,
            version: stored.version,
          },
        ];
      }
      default:
        return assertNever(e, 'reception event');
    }
  },
});
