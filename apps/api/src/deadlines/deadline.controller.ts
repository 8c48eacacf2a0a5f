import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/security/src/index.js';
import {
  ExportOverdueDeadlines,
  ListOverdueDeadlines,
  ListUnclassifiedLetters,
  ListUpcomingDeadlines,
} from '../../../../libs/application/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { sendCsv, wantsCsv } from '../common/csv.js';
import { overdueCsv } from '../accountability/accountability.csv.js';
import { BoardQuery, UnclassifiedQuery, UpcomingQuery } from './deadline.dto.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlineController {
  constructor(
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get('overdue')
  @RequirePermission('boards.read')
  @ApiOperation({
    summary:
      'Tracked deadlines overdue on asOf (a business date), as recorded before recordedBefore (an instant)',
  })
  async overdue(
    @Query() q: BoardQuery,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (wantsCsv(req)) {
      await this.waiter.waitFor(q.minPosition, { res, reads: [READS.deadlines, READS.units] });
      // Accept: text/csv (needs exports.read): every page unless `page` is given
      const { asOf, items } = await this.queries.execute(new ExportOverdueDeadlines(p, q));
      return sendCsv(res, `overdue-${q.unitId ?? p.unitId ?? 'all'}-${asOf}.csv`, overdueCsv(items));
    }
    return this.waiter.waitThenRead(q.minPosition, { res, reads: [READS.deadlines, READS.units] }, () =>
      this.queries.execute(new ListOverdueDeadlines(p, q)),
    );
  }

  @Get('unclassified')
  @RequirePermission('boards.read')
  @ApiOperation({
    summary: 'Letters nobody has classified, oldest first, with their XLD (letter processing) due date',
  })
  async unclassified(
    @Query() q: UnclassifiedQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.waiter.waitThenRead(
      q.minPosition,
      { res, reads: [READS.cases, READS.deadlines, READS.units] },
      () => this.queries.execute(new ListUnclassifiedLetters(p, q)),
    );
  }

  @Get('upcoming')
  @RequirePermission('boards.read')
  @ApiOperation({ summary: 'Open tracked deadlines due from asOf to asOf + withinDays' })
  async upcoming(
    @Query() q: UpcomingQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.waiter.waitThenRead(q.minPosition, { res, reads: [READS.deadlines, READS.units] }, () =>
      this.queries.execute(new ListUpcomingDeadlines(p, q)),
    );
  }
}
