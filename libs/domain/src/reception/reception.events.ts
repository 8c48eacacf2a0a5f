import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';

export type ReceptionKind = 'periodic' | 'unscheduled';
export type ReceptionMode = 'in_person' | 'online';

export const RECEPTION_KINDS: readonly ReceptionKind[] = ['periodic', 'unscheduled'];
export const RECEPTION_MODES: readonly ReceptionMode[] = ['in_person', 'online'];

/** Who entered a hold or a correction (the actor, kept in the event so the session view can show it). */
export interface RecordedBy {
  id: string;
  name: string;
}

/** A session is planned; `date` may lie in the future. */
export type ReceptionSessionScheduled = Event<
  'ReceptionSessionScheduled',
  {
    sessionId: string;
    unitId: string;
    hostPersonId: string;
    date: IsoDate;
    kind: ReceptionKind;
    mode: ReceptionMode;
  }
>;

/**
 * The session took place. `headPersonId` is the unit's head in office on `heldOn` (null if none);
 * `heldByHead` is true when that head was the host. `countsAsHeads` (docs/reference/api-contract.md): the head hosted it
 * **and** the hold was recorded by that head or by a person who was that head's delegate when it was
 * recorded — only such sessions count toward the head's reception duty. Holds recorded before
 * `countsAsHeads` existed count as `heldByHead`. `lateEntry` / `workingDaysLate`: recorded after the
 * grace (docs/reference/deadlines.md §9); late holds still count in `held` and are listed as `heldLate`.
 */
export type ReceptionSessionHeld = Event<
  'ReceptionSessionHeld',
  {
    heldOn: IsoDate;
    hostPersonId: string;
    citizensReceived: number;
    caseIds: string[];
    heldByHead: boolean;
    headPersonId: string | null;
    countsAsHeads?: boolean;
    recordedBy?: RecordedBy;
    lateEntry?: true;
    workingDaysLate?: number;
  }
>;

export type ReceptionSessionCancelled = Event<'ReceptionSessionCancelled', { reason: string }>;

/**
 * A mistaken hold corrected by an audited event (docs/reference/api-contract.md `POST /reception-sessions/:id/correct`): the
 * hold as it now stands (every field, so a fold needs no earlier event), or `void: true` when it did
 * not take place. Never a late entry; `countsAsHeads` is decided again for the person who records it.
 */
export type ReceptionSessionCorrected = Event<
  'ReceptionSessionCorrected',
  {
    at: IsoDate;
    reason: string;
    void: boolean;
    heldOn: IsoDate;
    hostPersonId: string;
    citizensReceived: number;
    heldByHead: boolean;
    headPersonId: string | null;
    countsAsHeads: boolean;
    recordedBy: RecordedBy;
  }
>;

export type ReceptionEvent =
  ReceptionSessionScheduled | ReceptionSessionHeld | ReceptionSessionCancelled | ReceptionSessionCorrected;

export const RECEPTION_EVENT_TYPES: readonly ReceptionEvent['type'][] = [
  'ReceptionSessionScheduled',
  'ReceptionSessionHeld',
  'ReceptionSessionCancelled',
  'ReceptionSessionCorrected',
];

/** The one place reception-session stream ids are built. */
export const receptionStreamId = (sessionId: string): string => `reception-${sessionId}`;
