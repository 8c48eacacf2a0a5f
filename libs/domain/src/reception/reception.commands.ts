import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type { ReceptionKind, ReceptionMode, RecordedBy } from './reception.events.js';

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
 * `recordedBy` is the person entering the hold; `delegatesOfHead` the people who are that head's
 * delegates today (the day it is recorded), from the unit stream.
 */
export type HoldReceptionSession = Command<
  'HoldReceptionSession',
  {
    heldOn: IsoDate;
    hostPersonId: string;
    citizensReceived: number;
    caseIds?: string[];
    headOnDate: { personId: string } | null;
    recordedBy?: RecordedBy;
    delegatesOfHead?: readonly string[];
  }
>;

export type CancelReceptionSession = Command<'CancelReceptionSession', { reason: string }>;

/**
 * Corrects a hold (docs/reference/api-contract.md `POST /reception-sessions/:id/correct`). Omitted fields keep their value;
 * `headOnDate` and `delegatesOfHead` are looked up for the corrected `heldOn` and today.
 */
export type CorrectReceptionHold = Command<
  'CorrectReceptionHold',
  {
    at: IsoDate;
    reason: string;
    heldOn?: IsoDate;
    hostPersonId?: string;
    citizensReceived?: number;
    void?: boolean;
    headOnDate: { personId: string } | null;
    recordedBy: RecordedBy;
    delegatesOfHead: readonly string[];
  }
>;

export type ReceptionCommand =
  ScheduleReceptionSession | HoldReceptionSession | CancelReceptionSession | CorrectReceptionHold;
