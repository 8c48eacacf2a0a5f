import type { IsoDate } from '../../../../libs/domain/src/shared/dates.js';
import type { Runtime } from '../runtime/runtime.tokens.js';

export interface ReportsQuery {
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  recordedBefore?: string;
}

/**
 * Inspection reports of the unit's recommendations due in [from, to] (`reportsDue`) and those not
 * made by their due date as judged on `asOf` (`reportsMissed`).
 *
 * The inspections module (apps/api/src/inspections) was not available when accountability was
 * built, so this answers 0 / 0. Replace the body with a call to its `reportsForUnit(runtime, q)`.
 */
export async function reportsOfUnit(_runtime: Runtime, _q: ReportsQuery): Promise<{ due: number; missed: number }> {
  return { due: 0, missed: 0 };
}
