import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';
import {
  AppointHead,
  CancelUnitMerger,
  CreateUnit,
  EndDelegation,
  GetUnit,
  ListUnits,
  MergeUnit,
  NameDelegate,
  RenameUnit,
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
  UnitListQuery,
} from './unit.dto.js';
import { QueryBus } from '@nestjs/cqrs';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitController {
  constructor(
    private readonly queries: QueryBus,
    private readonly endpoint: CommandEndpoint,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a unit (admin)' })
  create(@Body() dto: CreateUnitDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new CreateUnit(dto, meta));
  }

  @Get()
  @ApiOperation({
    summary: 'The units in your scope; ?asOf=<date> gives the tree, names and heads on that day',
  })
  async list(
    @Query() q: UnitListQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.waiter.waitThenRead(q.minPosition, { res, reads: [READS.units] }, () =>
      this.queries.execute(new ListUnits(p, q.asOf, { page: q.page, pageSize: q.pageSize })),
    );
  }

  @Get(':id')
  get(@Param('id') id: string, @Query() q: UnitAsOfQuery, @CurrentPrincipal() p: Principal) {
    return this.queries.execute(new GetUnit(p, id, q.asOf));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a unit, from today (admin)' })
  rename(@Param('id') id: string, @Body() dto: RenameUnitDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new RenameUnit(id, dto.name, meta));
  }

  @Post(':id/heads')
  @ApiOperation({
    summary: 'Appoint the head (or acting head) from a date; the previous term ends the day before (admin)',
  })
  appoint(@Param('id') id: string, @Body() dto: AppointHeadDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new AppointHead(id, dto, meta));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Merge the unit into a successor on a date; pending cases and recommendations move (admin)',
  })
  merge(@Param('id') id: string, @Body() dto: MergeUnitDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new MergeUnit(id, dto, meta));
  }

  @Post(':id/merge/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a scheduled merger before its effectiveOn, with a reason (admin)' })
  cancelMerger(@Param('id') id: string, @Body() dto: CancelMergerDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new CancelUnitMerger(id, dto, meta));
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
    @CommandCall() call: CommandCall,
  ) {
    return this.endpoint.run(call, (meta) => new NameDelegate(id, personId, dto, meta));
  }

  @Delete(':id/heads/:personId/delegates/:delegateId')
  @HttpCode(200)
  @ApiOperation({ summary: 'End a delegation from today (admin or that head)' })
  endDelegation(
    @Param('id') id: string,
    @Param('personId') personId: string,
    @Param('delegateId') delegateId: string,
    @CommandCall() call: CommandCall,
  ) {
    return this.endpoint.run(call, (meta) => new EndDelegation(id, personId, delegateId, meta));
  }
}
