import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requirePermission, type Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { sendCsv, wantsCsv } from '../common/csv.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { accountabilityCsv, receptionDutyCsv } from './accountability.csv.js';
import { AccountabilityQuery } from './accountability.dto.js';
import { AccountabilityQueries } from './accountability.queries.js';

const fileName = (base: string, q: AccountabilityQuery, unitId: string | undefined): string =>
  `${base}-${unitId ?? 'unit'}-${q.from}-${q.to}.csv`;

/**
 * `/accountability` (permission `accountability.read`: supervisors, admins) and `/reception-duty`
 * (`boards.read`: heads, supervisors, admins). With `Accept: text/csv` both answer CSV, which also
 * needs `exports.read`.
 */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller()
export class AccountabilityController {
  constructor(
    private readonly queries: AccountabilityQueries,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get('accountability')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Per head term overlapping [from, to]: deadlines due/met/missed/open, on-time rate, reports, reception duty, dialogues',
  })
  async accountability(
    @Query() q: AccountabilityQuery,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.jsonOrCsv(
      'accountability',
      q,
      p,
      req,
      res,
      () => this.queries.accountability(p, q),
      accountabilityCsv,
    );
  }

  @Get('reception-duty')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'Per head term overlapping [from, to]: reception periods required, days held in person, periods missing',
  })
  async receptionDuty(
    @Query() q: AccountabilityQuery,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.jsonOrCsv(
      'reception-duty',
      q,
      p,
      req,
      res,
      () => this.queries.receptionDuty(p, q),
      receptionDutyCsv,
    );
  }

  /**
   * The report as JSON, or with `Accept: text/csv` as a CSV file (which also needs `exports.read`;
   * scope is checked first, by the query).
   */
  private async jsonOrCsv<T extends { items: I[] }, I>(
    name: string,
    q: AccountabilityQuery,
    p: Principal,
    req: Request,
    res: Response,
    load: () => Promise<T>,
    toCsv: (items: I[]) => string,
  ): Promise<T | string> {
    await this.waiter.waitFor(q.minPosition, { res, reads: Object.values(READS) });
    const result = await load();
    if (!wantsCsv(req)) return result;
    requirePermission(p, 'exports.read');
    return sendCsv(res, fileName(name, q, q.unitId ?? p.unitId ?? undefined), toCsv(result.items));
  }
}
