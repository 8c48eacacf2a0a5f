import type { IsoDate, ReportCadence } from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { StreamHistoryView } from '../common/history-view.js';
import type { inspectionView } from './inspection.service.js';

/**
 * The inspection queries as messages on the QueryBus: plain data, one `@QueryHandler` each
 * (`inspection.query-handlers.ts`).
 */

/** GET /inspections/:id: the inspection folded from its stream, with its version (If-Match). */
export type InspectionResult = ReturnType<typeof inspectionView> & { version: number };

/** The filters of `GET /inspections/follow-up`, validated by whoever received them. */
export interface FollowUpInput {
  unitId?: string;
  includeSubunits?: boolean;
  /** The business date the schedule is judged on (today by default). */
  asOf?: string;
  /** Only what was recorded before this instant. */
  recordedBefore?: string;
  page?: number;
  pageSize?: number;
}

export interface FollowUpItem {
  inspectionId: string;
  recommendationId: string;
  ownerUnitId: string;
  status: 'open';
  nextReportDue: IsoDate | null;
  overdue: boolean;
  overdueReports: number;
  remediationDueOn: IsoDate | null;
  remediationOverdue: boolean;
  title: string;
  text: string;
  leadUnitId: string;
  inspectedUnitId: string;
  concludedOn: IsoDate;
  reportEvery: ReportCadence | null;
  reportDates: IsoDate[] | null;
  lastReportOn: IsoDate | null;
}

export interface FollowUpList {
  items: FollowUpItem[];
  total: number;
  page: number;
  pageSize: number;
  asOf: IsoDate;
}

/** GET /inspections/follow-up: open recommendations of a unit (and its subunits) with their report schedule. */
export class GetFollowUp extends ApplicationQuery<FollowUpList> {
  constructor(
    principal: Principal,
    readonly filter: FollowUpInput,
  ) {
    super(principal);
  }
}

/** GET /inspections/:id: the inspection, its conclusion and recommendations. */
export class GetInspection extends ApplicationQuery<InspectionResult> {
  constructor(
    principal: Principal,
    readonly inspectionId: string,
  ) {
    super(principal);
  }
}

/** GET /inspections/:id/history: every event of the inspection, as a case's history. */
export class GetInspectionHistory extends ApplicationQuery<StreamHistoryView> {
  constructor(
    principal: Principal,
    readonly inspectionId: string,
  ) {
    super(principal);
  }
}

/** The filters of `GET /inspections`, validated by whoever received them. */
export interface InspectionListInput {
  unitId?: string;
  includeSubunits?: boolean;
  status?: 'decided' | 'fieldwork' | 'concluded' | 'closed';
  page?: number;
  pageSize?: number;
}

export interface InspectionListItem {
  id: string;
  title: string;
  kind: string;
  leadUnitId: string;
  inspectedUnitId: string;
  status: string;
  decidedOn: IsoDate;
  concludedOn: IsoDate | null;
  directiveIssuedOn: IsoDate | null;
  closedOn: IsoDate | null;
  recommendations: number;
  openRecommendations: number;
}

export interface InspectionList {
  items: InspectionListItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /inspections: the inspections led by, of, or owing recommendations to a unit (and its subunits). */
export class ListInspections extends ApplicationQuery<InspectionList> {
  constructor(
    principal: Principal,
    readonly filter: InspectionListInput,
  ) {
    super(principal);
  }
}
