import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { resolvePeriod, vietnamDateOf } from '../../../domain/src/index.js';
import { requirePermission, type Principal } from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { GetStatistics, GetStatisticsCases, type StatisticsFilter } from './statistics.queries.js';
import {
  parseFigure,
  StatisticsReports,
  type FigureCase,
  type StatisticsReport,
  type StatisticsRequest,
} from './statistics.report.js';

/** The report over the process's DataSource, and what turns a filter into a request of the read model. */
@Injectable()
export class StatisticsAccess {
  readonly reports: StatisticsReports;

  constructor(
    @InjectDataSource() db: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {
    this.reports = new StatisticsReports(db);
  }

  /** The period (400), the unit (400 without one, 404 unknown or out of scope), then the permission (403). */
  async request(principal: Principal, q: StatisticsFilter): Promise<StatisticsRequest> {
    const today = vietnamDateOf(this.runtime.clock());
    const resolved = resolvePeriod({ period: q.period, from: q.from, to: q.to }, today);
    if (!resolved.ok)
      fail('VALIDATION_FAILED', resolved.errors.map((e) => e.message).join('; '), resolved.errors);
    const unitId = q.unitId ?? principal.unitId;
    if (!unitId)
      fail('VALIDATION_FAILED', 'unitId is required for a user without a unit', [
        { path: 'unitId', message: 'unitId is required for a user without a unit' },
      ]);
    if (!(await this.units.exists(unitId!)) || !(await this.units.inScope(principal, [unitId!])))
      fail('NOT_FOUND', `no unit ${unitId}`);
    requirePermission(principal, 'statistics.read');
    return {
      unitId: unitId!,
      includeSubunits: q.includeSubunits ?? true,
      period: (resolved as { ok: true; period: StatisticsRequest['period'] }).period,
      asOf: q.asOf ?? today,
      ...(q.recordedBefore ? { recordedBefore: q.recordedBefore } : {}),
    };
  }
}

@QueryHandler(GetStatistics)
export class GetStatisticsHandler implements IQueryHandler<GetStatistics, StatisticsReport> {
  constructor(private readonly access: StatisticsAccess) {}

  async execute({ principal, filter }: GetStatistics): Promise<StatisticsReport> {
    return this.access.reports.report(await this.access.request(principal, filter));
  }
}

@QueryHandler(GetStatisticsCases)
export class GetStatisticsCasesHandler implements IQueryHandler<
  GetStatisticsCases,
  { items: FigureCase[]; total: number; page: number; pageSize: number }
> {
  constructor(private readonly access: StatisticsAccess) {}

  /** An unknown figure → 400 naming `figure`, before the period and the unit are looked at. */
  async execute({ principal, filter, figure, page, pageSize }: GetStatisticsCases) {
    const selector = parseFigure(figure);
    if (!selector)
      fail('VALIDATION_FAILED', `no figure ${figure}`, [
        { path: 'figure', message: 'figure must name a figure of the report, such as resolved.late' },
      ]);
    return this.access.reports.cases(await this.access.request(principal, filter), selector!, page, pageSize);
  }
}

export const STATISTICS_QUERY_HANDLERS = [GetStatisticsHandler, GetStatisticsCasesHandler];
