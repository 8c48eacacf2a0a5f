import type { IsoDate } from '../shared/dates.js';
import type { CaseStatus } from './case.events.js';
import type { ExistingCase } from './case.state.js';

/**
 * What a citizen with the tracking code and the PIN may read (docs/reference/api-contract.md, GET /public/cases/:trackingCode):
 * nothing personal; for a denunciation (or a letter announced as one) nothing but its status.
 * `handlingUnitId` is for the application to turn into the unit's name.
 */
export interface PublicCaseFacts {
  trackingCode: string;
  status: CaseStatus;
  receivedAt: IsoDate | null;
  handlingUnitId: string | null;
  nextDueOn: IsoDate | null;
}

export function toPublicCaseFacts(state: ExistingCase): PublicCaseFacts {
  if ((state.kind ?? state.kindHint) === 'denunciation') {
    return {
      trackingCode: state.trackingCode,
      status: state.status,
      receivedAt: null,
      handlingUnitId: null,
      nextDueOn: null,
    };
  }
  // Open tracked deadlines, overdue ones included (open, or recorded missed and still awaiting the act);
  // a paused deadline owes nothing until the case resumes.
  const owed = state.deadlines
    .filter((d) => d.status === 'open' || (d.status === 'missed' && d.completedOn === undefined))
    .map((d) => d.deadline.dueOn)
    .sort();
  return {
    trackingCode: state.trackingCode,
    status: state.status,
    receivedAt: state.receivedAt,
    handlingUnitId: state.competentUnitId ?? state.receivingUnitId,
    nextDueOn: owed[0] ?? null,
  };
}
