import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  GetStatistics,
  GetStatisticsCases,
  statisticsCsv,
  statisticsXlsx,
  XLSX_TYPE,
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
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
  ) {}

  /** `minPosition`: wait (≤ 5 s) until the projections the report reads have applied it. */
  private wait(q: StatisticsQuery, res: Response): Promise<void> {
    return this.waiter.waitFor(q.minPosition, {
      res,
      reads: [READS.statistics, READS.deadlines, READS.receptionSessions, READS.units],
    });
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
    await this.wait(q, res);
    const report = await this.queries.execute(new GetStatistics(p, q));
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
    await this.wait(q, res);
    return this.queries.execute(new GetStatisticsCases(p, q, q.figure, q.page ?? 1, q.pageSize ?? 200));
  }
}
