import type { DutyPeriod, IsoDate, UnitLevel } from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';

/**
 * The head accountability reports as messages on the QueryBus (docs/accountability.md): plain data,
 * one `@QueryHandler` each (`accountability.query-handlers.ts`).
 */

/** `/accountability` and `/reception-duty`: a unit (default: the reader's), a period [from, to] and the two clocks. */
export interface AccountabilityFilter {
  unitId?: string;
  from: IsoDate;
  to: IsoDate;
  /** Business date the situation is judged on; default today in Vietnam. */
  asOf?: IsoDate;
  /** Instant: only what was recorded before it counts. */
  recordedBefore?: string;
  /** Also one row per head term of every unit below (default false). */
  includeSubunits?: boolean;
}

export interface ReceptionDutyItem {
  personId: string;
  fullName: string;
  acting: boolean;
  unitId: string;
  level: UnitLevel;
  /** term ∩ [from, to]: the days the figures cover. */
  from: IsoDate;
  to: IsoDate;
  /** The term itself (`termTo` null while it runs). */
  termFrom: IsoDate;
  termTo: IsoDate | null;
  period: DutyPeriod;
  required: number;
  held: number;
  /** Held days (counted in `held`) whose hold was entered late (docs/reference/deadlines.md §9; listed in /late-entries). */
  heldLate: number;
  missing: number;
  missingPeriods: string[];
}

export interface AccountabilityItem {
  /** null: the deadlines that fell due while the unit had no head in office (docs/reference/api-contract.md, Deadlines, accountability, late entries). */
  personId: string | null;
  fullName: string | null;
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  termFrom: IsoDate | null;
  termTo: IsoDate | null;
  acting: boolean;
  due: number;
  met: number;
  missed: number;
  open: number;
  onTimeRate: number | null;
  reportsDue: number;
  reportsMissed: number;
  receptionRequired: number;
  receptionHeld: number;
  dialoguesHeld: number;
  /** The row's deadlines (met or missed) whose completing act was a late entry. */
  lateEntries: number;
  /** The row's deadlines whose completing act was imported. */
  imported: number;
}

/**
 * GET /accountability: per head term overlapping [from, to], the deadline record, the reports, the
 * reception duty and the dialogues. `forExport`: the answer goes out as a file, which also needs
 * `exports.read` (checked after the scope).
 */
export class GetAccountability extends ApplicationQuery<{ items: AccountabilityItem[] }> {
  constructor(
    principal: Principal,
    readonly filter: AccountabilityFilter,
    readonly forExport = false,
  ) {
    super(principal);
  }
}

/** GET /reception-duty: per head term overlapping [from, to], the reception periods required, held and missing. */
export class GetReceptionDuty extends ApplicationQuery<{ items: ReceptionDutyItem[] }> {
  constructor(
    principal: Principal,
    readonly filter: AccountabilityFilter,
    readonly forExport = false,
  ) {
    super(principal);
  }
}
