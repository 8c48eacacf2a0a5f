import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { wantsCsv } from '../common/csv.js';
import { overdueCsvResponse } from '../accountability/overdue-csv.js';
import { BoardQuery, UpcomingQuery } from './deadline.dto.js';
import { DeadlineQueries } from './deadline.queries.js';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlineController {
  constructor(
    private readonly queries: DeadlineQueries,
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
    await this.waiter.waitFor(q.minPosition, { res, reads: [READS.deadlines, READS.units] });
    if (wantsCsv(req)) return overdueCsvResponse(this.queries, p, q, res); // Accept: text/csv (needs exports.read)
    return this.queries.overdue(p, q);
  }

  @Get('unclassified')
  @RequirePermission('boards.read')
  @ApiOperation({
    summary: 'Letters nobody has classified, oldest first, with their XLD (letter processing) due date',
  })
  async unclassified(@Query() q: BoardQuery, @CurrentPrincipal() p: Principal) {
    await this.waiter.waitFor(q.minPosition);
    return this.queries.unclassified(p, q);
  }

  @Get('upcoming')
  @RequirePermission('boards.read')
  @ApiOperation({ summary: 'Open tracked deadlines due from asOf to asOf + withinDays' })
  async upcoming(
    @Query() q: UpcomingQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.waiter.waitFor(q.minPosition, { res, reads: [READS.deadlines, READS.units] });
    return this.queries.upcoming(p, q);
  }
}
