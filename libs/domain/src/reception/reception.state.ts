import type { IsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type { ReceptionEvent, ReceptionKind, ReceptionMode } from './reception.events.js';

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
}

export type ReceptionState =
  | { status: 'none' }
  | ({ status: 'scheduled' } & Scheduled)
  | ({ status: 'held'; held: SessionOutcome } & Scheduled)
  | ({ status: 'cancelled'; reason: string } & Scheduled);

export const initialReceptionState = (): ReceptionState => ({ status: 'none' });

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
    default:
      return assertNever(event, 'reception event');
  }
}

export const foldReception = (events: readonly ReceptionEvent[]): ReceptionState =>
  events.reduce(evolveReception, initialReceptionState());
