import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { correlationIdOf, idempotent, ifMatchOf } from '../common/request-context.js';
import {
  IdempotencyService,
  AppointHead,
  CancelUnitMerger,
  CreateUnit,
  EndDelegation,
  GetUnit,
  ListUnits,
  MergeUnit,
  NameDelegate,
  RenameUnit,
  type UnitCommandMessage,
} from '../../../../libs/application/src/index.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import {
  AppointHeadDto,
  CancelMergerDto,
  CreateUnitDto,
  MergeUnitDto,
  NameDelegateDto,
  RenameUnitDto,
  UnitAsOfQuery,
} from './unit.dto.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../../../libs/application/src/index.js';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
    private readonly idem: IdempotencyService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a unit (admin)' })
  create(
    @Body() dto: CreateUnitDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 201, (meta) => new CreateUnit(dto, meta));
  }

  @Get()
  @ApiOperation({
    summary: 'The units in your scope; ?asOf=<date> gives the tree, names and heads on that day',
  })
  async list(
    @Query() q: UnitAsOfQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.waiter.waitFor(q.minPosition, { res, reads: [READS.units] });
    return this.queries.execute(new ListUnits(p, q.asOf));
  }

  @Get(':id')
  get(@Param('id') id: string, @Query() q: UnitAsOfQuery, @CurrentPrincipal() p: Principal) {
    return this.queries.execute(new GetUnit(p, id, q.asOf));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a unit, from today (admin)' })
  rename(
    @Param('id') id: string,
    @Body() dto: RenameUnitDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 200, (meta) => new RenameUnit(id, dto.name, meta));
  }

  @Post(':id/heads')
  @ApiOperation({
    summary: 'Appoint the head (or acting head) from a date; the previous term ends the day before (admin)',
  })
  appoint(
    @Param('id') id: string,
    @Body() dto: AppointHeadDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 201, (meta) => new AppointHead(id, dto, meta));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge the unit into a successor on a date; pending cases and recommendations move (admin)',
  })
  merge(
    @Param('id') id: string,
    @Body() dto: MergeUnitDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 200, (meta) => new MergeUnit(id, dto, meta));
  }

  @Post(':id/merge/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a scheduled merger before its effectiveOn, with a reason (admin)' })
  cancelMerger(
    @Param('id') id: string,
    @Body() dto: CancelMergerDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 200, (meta) => new CancelUnitMerger(id, dto, meta));
  }

  @Post(':id/heads/:personId/delegates')
  @ApiOperation({
    summary:
      'Name who may record reception holds as this head’s own, from a date not before today (admin or that head)',
  })
  nameDelegate(
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Body() dto: NameDelegateDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 201, (meta) => new NameDelegate(id, personId, dto, meta));
  }

  @Delete(':id/heads/:personId/delegates/:delegateId')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a delegation from today (admin or that head)' })
  endDelegation(
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Param('delegateId') delegateId: string,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.command(req, res, p, 200, (meta) => new EndDelegation(id, personId, delegateId, meta));
  }

  /** Idempotency-Key and If-Match for every unit command, as for cases (docs/reference/api-contract.md Conventions); ETag answers the version. */
  private async command(
    req: Request,
    res: Response,
    principal: Principal,
    status: number,
    message: (meta: CommandMeta) => UnitCommandMessage,
  ) {
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(this.idem, req, res, principal, status, (seed) =>
      this.commands.execute(
        message({ principal, correlationId: correlationIdOf(req), ifMatch, eventIdSeed: seed }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }
}
