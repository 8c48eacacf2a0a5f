import type { IsoDate } from '../../../../libs/domain/src/index.js';
import { reportsForUnit } from '../../../../libs/read-models/src/index.js';
import type { Runtime } from '../../../../libs/application/src/index.js';

export interface ReportsQuery {
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  asOf: IsoDate;
  recordedBefore?: string;
}

/**
 * Inspection reports of the unit's recommendations due in [from, to] (`reportsDue`) and those due
 * before `asOf` with no satisfying report dated ≤ `asOf` (`reportsMissed`), from the inspections
 * module (`reportsForUnit`, over `rm_recommendations`). `/accountability` calls it with a head
 * term ∩ the period, so a report counts against the head in office on its due date.
 */
export function reportsOfUnit(runtime: Runtime, q: ReportsQuery): Promise<{ due: number; missed: number }> {
  return reportsForUnit(runtime.dataSource, q);
}
