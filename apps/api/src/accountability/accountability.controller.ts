import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { GetAccountability, GetReceptionDuty } from '../../../../libs/application/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { sendCsv, wantsCsv } from '../common/csv.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { accountabilityCsv, receptionDutyCsv } from './accountability.csv.js';
import { AccountabilityQuery } from './accountability.dto.js';

const fileName = (base: string, q: AccountabilityQuery, unitId: string | undefined): string =>
  `${base}-${unitId ?? 'unit'}-${q.from}-${q.to}.csv`;

/**
 * `/accountability` (permission `accountability.read`: supervisors, admins) and `/reception-duty`
 * (`boards.read`: heads, supervisors, admins). With `Accept: text/csv` both answer CSV, which also
 * needs `exports.read` (checked by the query handler, after the scope).
 */
@ApiTags('accountability')
@ApiBearerAuth()
@Controller()
export class AccountabilityController {
  constructor(
    private readonly queries: QueryBus,
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
    await this.waiter.waitFor(q.minPosition, { res, reads: Object.values(READS) });
    const csv = wantsCsv(req);
    const result = await this.queries.execute(new GetAccountability(p, q, csv));
    if (!csv) return result;
    return sendCsv(
      res,
      fileName('accountability', q, q.unitId ?? p.unitId ?? undefined),
      accountabilityCsv(result.items),
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
    await this.waiter.waitFor(q.minPosition, { res, reads: Object.values(READS) });
    const csv = wantsCsv(req);
    const result = await this.queries.execute(new GetReceptionDuty(p, q, csv));
    if (!csv) return result;
    return sendCsv(
      res,
      fileName('reception-duty', q, q.unitId ?? p.unitId ?? undefined),
      receptionDutyCsv(result.items),
    );
  }
}
