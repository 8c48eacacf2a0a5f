import type { ReceptionKind, ReceptionMode } from '../../../domain/src/index.js';

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

/** docs/reference/api-contract.md `POST /reception-sessions/:id/correct`: omitted fields keep their value. */
export interface CorrectSessionInput {
  at: string;
  reason: string;
  heldOn?: string;
  hostPersonId?: string;
  citizensReceived?: number;
  void?: boolean;
}

/** docs/reference/api-contract.md `GET /reception-sessions` (the schedule): `from`/`to` bound the session's `date`. */
export interface ListSessionsInput {
  unitId?: string;
  includeSubunits?: boolean;
  from?: string;
  to?: string;
  hostPersonId?: string;
  status?: string;
  page?: number;
  pageSize?: number;
}
