import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import {
  IdempotencyService,
  CancelSession,
  CorrectSession,
  GetSession,
  GetSessionHistory,
  HoldSession,
  ListSessions,
  ScheduleSession,
} from '../../../../libs/application/src/index.js';
import { correlationIdOf, idempotent, ifMatchOf } from '../common/request-context.js';
import {
  CancelSessionDto,
  CorrectSessionDto,
  HoldSessionDto,
  ListSessionsQuery,
  ScheduleSessionDto,
} from './reception.dto.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';

@ApiTags('reception')
@ApiBearerAuth()
@Controller('reception-sessions')
export class ReceptionController {
  constructor(
    private readonly idem: IdempotencyService,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The schedule: sessions of a unit (default yours) and the units below it, dated from…to, by host or status (read model; minPosition waits)',
  })
  async list(
    @Query() q: ListSessionsQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.waiter.waitFor(q.minPosition, { res, reads: [READS.receptionSessions, READS.units] });
    return this.queries.execute(new ListSessions(p, q));
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      'Every event of the session with its actor, business date, late-entry mark and hashes (as a case’s history)',
  })
  history(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.queries.execute(new GetSessionHistory(p, id));
  }

  @Post(':id/correct')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Correct a mistaken hold by an audited event (heads), with a reason; void: true when it did not take place. Never a late entry',
  })
  async correct(
    @Param('id') id: string,
    @Body() dto: CorrectSessionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(this.idem, req, res, p, 200, (seed) =>
      this.commands.execute(
        new CorrectSession(id, dto, {
          principal: p,
          correlationId: correlationIdOf(req),
          eventIdSeed: seed,
          ifMatch,
        }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }

  @Post()
  @ApiOperation({
    summary: 'Schedule a citizen-reception session (reception staff); the date may lie in the future',
  })
  async schedule(
    @Body() dto: ScheduleSessionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = await idempotent(this.idem, req, res, p, 201, (seed) =>
      this.commands.execute(
        new ScheduleSession(dto, { principal: p, correlationId: correlationIdOf(req), eventIdSeed: seed }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    res.setHeader('Location', `/api/v1/reception-sessions/${body.id}`);
    return body;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A reception session, folded from its stream' })
  async get(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.execute(new GetSession(p, id));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record that the session took place (heads); it counts toward the head’s duty only if the head in office on heldOn hosted it',
  })
  async hold(
    @Param('id') id: string,
    @Body() dto: HoldSessionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(this.idem, req, res, p, 200, (seed) =>
      this.commands.execute(
        new HoldSession(id, dto, {
          principal: p,
          correlationId: correlationIdOf(req),
          eventIdSeed: seed,
          ifMatch,
        }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled session (reception staff)' })
  async cancel(
    @Param('id') id: string,
    @Body() dto: CancelSessionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(this.idem, req, res, p, 200, (seed) =>
      this.commands.execute(
        new CancelSession(id, dto, {
          principal: p,
          correlationId: correlationIdOf(req),
          eventIdSeed: seed,
          ifMatch,
        }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }
}
