import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  followUp,
  INSPECTION_BUSINESS_DATE,
  vietnamDateOf,
  type IsoDate,
} from '../../../domain/src/index.js';
import {
  listInspections,
  openRecommendations,
  scheduleOfRow,
  type RecommendationRow,
} from '../../../read-models/src/index.js';
import { requirePermission } from '../../../security/src/index.js';
import { streamHistory, type StreamHistoryView } from '../common/history-view.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  GetFollowUp,
  GetInspection,
  GetInspectionHistory,
  ListInspections,
  type FollowUpItem,
  type InspectionList,
  type FollowUpList,
  type InspectionResult,
} from './inspection.queries.js';
import { InspectionService, inspectionView } from './inspection.service.js';

/** Unknown or out of scope → 404 (whoever's scope covers the lead, inspected or an owner unit reads). */
@QueryHandler(GetInspection)
export class GetInspectionHandler implements IQueryHandler<GetInspection, InspectionResult> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly inspections: InspectionService,
  ) {}

  async execute({ principal, inspectionId }: GetInspection): Promise<InspectionResult> {
    const { state, version } = await this.inspections.load(inspectionId, principal);
    return { ...inspectionView(state, vietnamDateOf(this.runtime.clock())), version };
  }
}

/** docs/reference/api-contract.md `GET /inspections/:id/history`: every event of the inspection, as a case's history. */
@QueryHandler(GetInspectionHistory)
export class GetInspectionHistoryHandler implements IQueryHandler<GetInspectionHistory, StreamHistoryView> {
  constructor(private readonly inspections: InspectionService) {}

  async execute({ principal, inspectionId }: GetInspectionHistory): Promise<StreamHistoryView> {
    const { events } = await this.inspections.load(inspectionId, principal);
    return streamHistory(
      events,
      (type) => (INSPECTION_BUSINESS_DATE as Record<string, string>)[type] ?? null,
    );
  }
}

/**
 * GET /inspections/follow-up over `rm_recommendations` (docs/reference/api-contract.md, "Two clocks on
 * boards"): one row per recommendation open on `asOf` (concluded by then, neither done nor waived by
 * then), owned by the unit (and its subunits unless `includeSubunits=false`), with the report schedule
 * judged by the domain's `followUp` on `asOf`. Ordered by next report due date (none last). The role
 * (`boards.read`, 403) first, then an unknown or out-of-scope unit (404).
 */
@QueryHandler(GetFollowUp)
export class GetFollowUpHandler implements IQueryHandler<GetFollowUp, FollowUpList> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ principal, filter: q }: GetFollowUp): Promise<FollowUpList> {
    requirePermission(principal, 'boards.read');
    const asOf = q.asOf ?? vietnamDateOf(this.runtime.clock());
    const { unitId, includeSubunits } = await this.units.listScope(principal, q);
    const rows = await openRecommendations(this.db, {
      unitId,
      includeSubunits,
      asOf,
      recordedBefore: q.recordedBefore,
    });
    const all = rows.map((row) => followUpItem(row, asOf));
    all.sort(
      (x, y) =>
        cmp(x.nextReportDue ?? '9999-12-31', y.nextReportDue ?? '9999-12-31') ||
        cmp(x.inspectionId, y.inspectionId) ||
        cmp(x.recommendationId, y.recommendationId),
    );
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 200;
    return {
      items: all.slice((page - 1) * pageSize, page * pageSize),
      total: all.length,
      page,
      pageSize,
      asOf,
    };
  }
}

/**
 * GET /inspections (docs/reference/api-contract.md "Inspections and their conclusions"): the current
 * inspections whose lead, inspected or a recommendation's owner unit is the unit asked (default: the
 * reader's own) or, unless `includeSubunits=false`, one below it; newest decision first. Whoever's
 * scope covers one of those units reads an inspection (as `GET /inspections/:id`), so an unknown or
 * out-of-scope unit is a 404.
 */
@QueryHandler(ListInspections)
export class ListInspectionsHandler implements IQueryHandler<ListInspections, InspectionList> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ principal, filter: q }: ListInspections): Promise<InspectionList> {
    const { unitId, includeSubunits } = await this.units.listScope(principal, q);
    if (!unitId && !principal.roles.includes('admin')) fail('NOT_FOUND', 'no unit');
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { rows, total } = await listInspections(this.db, {
      unitId,
      includeSubunits,
      status: q.status,
      page,
      pageSize,
    });
    const date = (v: unknown): IsoDate | null => (v === null || v === undefined ? null : String(v));
    return {
      items: rows.map((r) => ({
        id: String(r.inspection_id),
        title: String(r.title),
        kind: String(r.kind),
        leadUnitId: String(r.lead_unit_id),
        inspectedUnitId: String(r.inspected_unit_id),
        status: String(r.inspection_status),
        decidedOn: String(r.decided_on),
        concludedOn: date(r.concluded_on),
        directiveIssuedOn: date(r.directive_issued_on),
        closedOn: date(r.closed_on),
        recommendations: Number(r.recommendations),
        openRecommendations: Number(r.open_recommendations),
      })),
      total,
      page,
      pageSize,
    };
  }
}

function followUpItem(row: RecommendationRow, asOf: IsoDate): FollowUpItem {
  const { rec, reports } = scheduleOfRow(row);
  const f = followUp(rec, reports, asOf);
  const counted = reports.filter((d) => d <= asOf).sort();
  return {
    inspectionId: String(row.inspection_id),
    recommendationId: String(row.recommendation_id),
    ownerUnitId: String(row.owner_unit_id),
    status: 'open',
    nextReportDue: f.nextReportDue,
    overdue: f.overdue,
    overdueReports: f.overdueReports,
    remediationDueOn: rec.dueOn,
    remediationOverdue: f.remediationOverdue,
    title: String(row.title),
    text: String(row.text),
    leadUnitId: String(row.lead_unit_id),
    inspectedUnitId: String(row.inspected_unit_id),
    concludedOn: rec.concludedOn,
    reportEvery: rec.reportEvery,
    reportDates: rec.reportDates === null ? null : [...rec.reportDates],
    lastReportOn: counted.at(-1) ?? null,
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const INSPECTION_QUERY_HANDLERS = [
  GetInspectionHandler,
  GetInspectionHistoryHandler,
  GetFollowUpHandler,
  ListInspectionsHandler,
];
