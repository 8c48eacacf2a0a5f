import type { IsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type { ReceptionEvent, ReceptionKind, ReceptionMode, RecordedBy } from './reception.events.js';

interface Scheduled {
  sessionId: string;
  unitId: string;
  /** The planned host. */
  hostPersonId: string;
  date: IsoDate;
  kind: ReceptionKind;
  mode: ReceptionMode;
}

export interface SessionOutcome {
  heldOn: IsoDate;
  /** Who actually received citizens (may differ from the planned host). */
  hostPersonId: string;
  citizensReceived: number;
  caseIds: string[];
  heldByHead: boolean;
  headPersonId: string | null;
  /** Counts toward the head's duty: hosted by the head and entered by the head or a delegate. */
  countsAsHeads?: boolean;
  /** Who entered the hold (or its latest correction); absent on holds recorded before it was kept. */
  recordedBy?: RecordedBy;
  /** The hold was entered after the grace (docs/reference/deadlines.md §9); a correction keeps the mark. */
  lateEntry?: true;
  workingDaysLate?: number;
}

export type ReceptionState =
  | { status: 'none' }
  | ({ status: 'scheduled' } & Scheduled)
  | ({ status: 'held'; held: SessionOutcome } & Scheduled)
  | ({ status: 'voided'; held: SessionOutcome; reason: string } & Scheduled)
  | ({ status: 'cancelled'; reason: string } & Scheduled);

export const initialReceptionState = (): ReceptionState => ({ status: 'none' });

/** A hold recorded before `countsAsHeads` existed counts as it did then: when the head hosted it. */
export const countsAsHeadsOf = (o: Pick<SessionOutcome, 'countsAsHeads' | 'heldByHead'>): boolean =>
  o.countsAsHeads ?? o.heldByHead;

export function evolveReception(state: ReceptionState, event: ReceptionEvent): ReceptionState {
  switch (event.type) {
    case 'ReceptionSessionScheduled':
      return { status: 'scheduled', ...event.data };
    case 'ReceptionSessionHeld': {
      if (state.status !== 'scheduled') return state;
      const { status: _status, ...scheduled } = state;
      return { ...scheduled, status: 'held', held: { ...event.data, caseIds: [...event.data.caseIds] } };
    }
    case 'ReceptionSessionCancelled': {
      if (state.status !== 'scheduled') return state;
      const { status: _status, ...scheduled } = state;
      return { ...scheduled, status: 'cancelled', reason: event.data.reason };
    }
    case 'ReceptionSessionCorrected': {
      if (state.status !== 'held') return state;
      const { status: _status, held, ...scheduled } = state;
      const d = event.data;
      const outcome: SessionOutcome = {
        ...held,
        heldOn: d.heldOn,
        hostPersonId: d.hostPersonId,
        citizensReceived: d.citizensReceived,
        heldByHead: d.heldByHead,
        headPersonId: d.headPersonId,
        countsAsHeads: d.countsAsHeads,
        recordedBy: d.recordedBy,
      };
      return d.void
        ? { ...scheduled, status: 'voided', held: outcome, reason: d.reason }
        : { ...scheduled, status: 'held', held: outcome };
    }
    default:
      return assertNever(event, 'reception event');
  }
}

export const foldReception = (events: readonly ReceptionEvent[]): ReceptionState =>
  events.reduce(evolveReception, initialReceptionState());
