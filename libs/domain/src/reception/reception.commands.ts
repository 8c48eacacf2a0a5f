import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type { ReceptionKind, ReceptionMode } from './reception.events.js';

export type ScheduleReceptionSession = Command<
  'ScheduleReceptionSession',
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
 * `headOnDate` is the head of the session's unit in office on `heldOn`, looked up by the
 * application from the unit stream (`headOn`); null when the unit had no head that day.
 */
export type HoldReceptionSession = Command<
  'HoldReceptionSession',
  {
    heldOn: IsoDate;
    hostPersonId: string;
    citizensReceived: number;
    caseIds?: string[];
    headOnDate: { personId: string } | null;
  }
>;

export type CancelReceptionSession = Command<'CancelReceptionSession', { reason: string }>;

export type ReceptionCommand = ScheduleReceptionSession | HoldReceptionSession | CancelReceptionSession;
