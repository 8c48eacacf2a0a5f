import type { ReceptionKind, ReceptionMode } from '../../../domain/src/reception/reception.events.js';

/** What the reception-session use cases take as input: plain data, already validated by whoever received it. */
export interface ScheduleSessionInput {
  unitId: string;
  hostPersonId: string;
  date: string;
  kind: ReceptionKind;
  mode: ReceptionMode;
}

export interface HoldSessionInput {
  heldOn: string;
  hostPersonId: string;
  citizensReceived: number;
  caseIds?: string[];
}

export interface CancelSessionInput {
  reason: string;
}
