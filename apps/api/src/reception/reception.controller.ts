import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import {
  CancelSession,
  CorrectSession,
  GetSession,
  GetSessionHistory,
  HoldSession,
  ListSessions,
  ScheduleSession,
} from '../../../../libs/application/src/index.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';
import {
  CancelSessionDto,
  CorrectSessionDto,
  HoldSessionDto,
  ListSessionsQuery,
  ScheduleSessionDto,
} from './reception.dto.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { QueryBus } from '@nestjs/cqrs';

@ApiTags('reception')
@ApiBearerAuth()
@Controller('reception-sessions')
export class ReceptionController {
  constructor(
    private readonly queries: QueryBus,
    private readonly endpoint: CommandEndpoint,
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
    return this.waiter.waitThenRead(
      q.minPosition,
      { res, reads: [READS.receptionSessions, READS.units] },
      () => this.queries.execute(new ListSessions(p, q)),
    );
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
  correct(@Param('id') id: string, @Body() dto: CorrectSessionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new CorrectSession(id, dto, meta));
  }

  @Post()
  @ApiOperation({
    summary: 'Schedule a citizen-reception session (reception staff); the date may lie in the future',
  })
  schedule(@Body() dto: ScheduleSessionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new ScheduleSession(dto, meta), {
      ifMatch: false,
      location: (session) => `/api/v1/reception-sessions/${session.id}`,
    });
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
  hold(@Param('id') id: string, @Body() dto: HoldSessionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new HoldSession(id, dto, meta));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a scheduled session (reception staff)' })
  cancel(@Param('id') id: string, @Body() dto: CancelSessionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new CancelSession(id, dto, meta));
  }
}
