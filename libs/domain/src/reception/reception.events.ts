import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';

export type ReceptionKind = 'periodic' | 'unscheduled';
export type ReceptionMode = 'in_person' | 'online';

export const RECEPTION_KINDS: readonly ReceptionKind[] = ['periodic', 'unscheduled'];
export const RECEPTION_MODES: readonly ReceptionMode[] = ['in_person', 'online'];

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
 * `heldByHead` is true when that head was the host — only such sessions count toward the head's
 * reception duty (docs/reference/api-contract.md `/reception-duty`).
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
  }
>;

export type ReceptionSessionCancelled = Event<'ReceptionSessionCancelled', { reason: string }>;

export type ReceptionEvent = ReceptionSessionScheduled | ReceptionSessionHeld | ReceptionSessionCancelled;

export const RECEPTION_EVENT_TYPES: readonly ReceptionEvent['type'][] = [
  'ReceptionSessionScheduled',
  'ReceptionSessionHeld',
  'ReceptionSessionCancelled',
];

/** The one place reception-session stream ids are built. */
export const receptionStreamId = (sessionId: string): string => `reception-${sessionId}`;
