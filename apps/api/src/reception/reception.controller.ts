import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/auth/roles.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { IdempotencyService } from '../../../../libs/application/src/common/idempotency.service.js';
import { correlationIdOf, idempotent, ifMatchOf } from '../common/request-context.js';
import { CancelSessionDto, HoldSessionDto, ScheduleSessionDto } from './reception.dto.js';
import { ReceptionService } from '../../../../libs/application/src/reception/reception.service.js';
import { CommandBus } from '@nestjs/cqrs';
import {
  CancelSession,
  HoldSession,
  ScheduleSession,
} from '../../../../libs/application/src/reception/reception.commands.js';

@ApiTags('reception')
@ApiBearerAuth()
@Controller('reception-sessions')
export class ReceptionController {
  constructor(
    private readonly sessions: ReceptionService,
    private readonly idem: IdempotencyService,
    private readonly commands: CommandBus,
  ) {}

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
    const view = await this.sessions.get(id, p);
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
