import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { vietnamDateOf, resolvePeriod } from '../../../../libs/domain/src/index.js';
import {
  statisticsCsv,
  statisticsXlsx,
  XLSX_TYPE,
  parseFigure,
  StatisticsQueries,
  type StatisticsRequest,
  fail,
  RUNTIME,
  type Runtime,
  UnitDirectory,
} from '../../../../libs/application/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { sendCsv, wantsCsv } from '../common/csv.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { StatisticsCasesQuery, StatisticsQuery } from './statistics.dto.js';

const wantsXlsx = (req: Pick<Request, 'headers'>): boolean =>
  typeof req.headers.accept === 'string' &&
  req.headers.accept.split(',').some((part) => part.split(';')[0]!.trim().toLowerCase() === XLSX_TYPE);

/**
 * `GET /statistics` and `GET /statistics/cases` (docs/reference/api-contract.md, Statistics): the periodic report figures of a unit
 * (TT 02/2021/TT-TTCP), for supervisors, heads (their scope), auditors and admins. JSON, or XLSX / CSV
 * by the Accept header.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly queries: StatisticsQueries,
    private readonly units: UnitDirectory,
    private readonly waiter: ProjectionWaiter,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  /** Checks the query (period, unit, scope) and turns it into a request of the read model. */
  private async request(q: StatisticsQuery, p: Principal, res: Response): Promise<StatisticsRequest> {
    const today = vietnamDateOf(this.runtime.clock());
    const resolved = resolvePeriod({ period: q.period, from: q.from, to: q.to }, today);
    if (!resolved.ok)
      fail('VALIDATION_FAILED', resolved.errors.map((e) => e.message).join('; '), resolved.errors);
    const unitId = q.unitId ?? p.unitId;
    if (!unitId)
      fail('VALIDATION_FAILED', 'unitId is required for a user without a unit', [
        { path: 'unitId', message: 'unitId is required for a user without a unit' },
      ]);
    if (!(await this.units.exists(unitId!)) || !(await this.units.inScope(p, [unitId!])))
      fail('NOT_FOUND', `no unit ${unitId}`);
    await this.waiter.waitFor(q.minPosition, {
      res,
      reads: [READS.statistics, READS.deadlines, READS.receptionSessions, READS.units],
    });
    return {
      unitId: unitId!,
      includeSubunits: q.includeSubunits ?? true,
      period: (resolved as { ok: true; period: StatisticsRequest['period'] }).period,
      asOf: q.asOf ?? today,
      ...(q.recordedBefore ? { recordedBefore: q.recordedBefore } : {}),
    };
  }

  @Get()
  @RequirePermission('statistics.read')
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiOperation({
    summary:
      'Periodic report figures of a unit (received, processed, resolved, open, dialogues, reception) for a period with its official cut-offs, the previous period and the same period a year earlier',
  })
  async report(
    @Query() q: StatisticsQuery,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const report = await this.queries.report(await this.request(q, p, res));
    const file = `thong-ke-${report.unitId}-${report.period.label.replace('…', '_')}`;
    if (wantsXlsx(req)) {
      const body = await statisticsXlsx(report);
      res.setHeader('Content-Type', XLSX_TYPE);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="${file.replace(/[^A-Za-z0-9._-]/g, '_')}.xlsx"`,
      );
      res.setHeader('Cache-Control', 'no-store');
      res.end(body);
      return;
    }
    if (wantsCsv(req)) return sendCsv(res, `${file}.csv`, statisticsCsv(report));
    return report;
  }

  @Get('cases')
  @RequirePermission('statistics.read')
  @ApiOperation({ summary: 'The cases (or reception sessions) behind one figure of the same report' })
  async cases(
    @Query() q: StatisticsCasesQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const selector = parseFigure(q.figure);
    if (!selector)
      fail('VALIDATION_FAILED', `no figure ${q.figure}`, [
        { path: 'figure', message: 'figure must name a figure of the report, such as resolved.late' },
      ]);
    return this.queries.cases(await this.request(q, p, res), selector!, q.page ?? 1, q.pageSize ?? 200);
  }
}
