import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import {
  CloseInspection,
  ConcludeInspection,
  DecideInspection,
  GetFollowUp,
  GetInspection,
  GetInspectionHistory,
  IssueDirective,
  ListInspections,
  ReportProgress,
  SubmitRemediationPlan,
  WaiveRecommendation,
} from '../../../../libs/application/src/index.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';
import {
  CloseInspectionDto,
  ConcludeInspectionDto,
  DecideInspectionDto,
  FollowUpQuery,
  IssueDirectiveDto,
  ListInspectionsQuery,
  ReportProgressDto,
  SubmitPlanDto,
  WaiveRecommendationDto,
} from './inspection.dto.js';
import { QueryBus } from '@nestjs/cqrs';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionController {
  constructor(
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
    private readonly endpoint: CommandEndpoint,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record the decision to inspect, check or survey a unit (head of the lead unit, admin)',
  })
  decide(@Body() dto: DecideInspectionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new DecideInspection(dto, meta), {
      ifMatch: false,
      location: (inspection) => `/api/v1/inspections/${inspection.id}`,
    });
  }

  @Get()
  @ApiOperation({
    summary:
      'Inspections led by, of, or owing recommendations to a unit (and its subunits), newest decision first',
  })
  async list(
    @Query() q: ListInspectionsQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.waiter.waitThenRead(q.minPosition, { res, reads: [READS.inspections, READS.units] }, () =>
      this.queries.execute(new ListInspections(p, q)),
    );
  }

  // Declared before `:id` so that `follow-up` is not taken for an inspection id.
  @Get('follow-up')
  @RequirePermission('boards.read')
  @ApiOperation({
    summary:
      'Open recommendations of a unit (and its subunits) with their report schedule on asOf (a business date), as recorded before recordedBefore (an instant)',
  })
  async followUp(
    @Query() q: FollowUpQuery,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.waiter.waitThenRead(q.minPosition, { res, reads: [READS.inspections, READS.units] }, () =>
      this.queries.execute(new GetFollowUp(p, q)),
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'The inspection, its conclusion and recommendations, folded from its stream' })
  async get(
    @Param('id') id: string,
    @CurrentPrincipal() p: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    const view = await this.queries.execute(new GetInspection(p, id));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Every event of the inspection with its actor, business date and hashes (as a case’s history)',
  })
  history(@Param('id') id: string, @CurrentPrincipal() p: Principal) {
    return this.queries.execute(new GetInspectionHistory(p, id));
  }

  @Post(':id/conclusion')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record the conclusion and its recommendations (ids r1, r2, … are assigned here)',
  })
  conclude(@Param('id') id: string, @Body() dto: ConcludeInspectionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new ConcludeInspection(id, dto, meta));
  }

  @Post(':id/directive')
  @HttpCode(200)
  @ApiOperation({
    summary: "The head's implementation directive (due 15 days after the conclusion, TT-DIRECT)",
  })
  directive(@Param('id') id: string, @Body() dto: IssueDirectiveDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new IssueDirective(id, { issuedOn: dto.issuedOn }, meta));
  }

  @Post(':id/recommendations/:rid/plan')
  @HttpCode(200)
  @ApiOperation({ summary: "The owner unit's remediation plan (a later plan revises the earlier)" })
  plan(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: SubmitPlanDto,
    @CommandCall() call: CommandCall,
  ) {
    return this.endpoint.run(call, (meta) => new SubmitRemediationPlan(id, rid, dto, meta));
  }

  @Post(':id/recommendations/:rid/reports')
  @HttpCode(200)
  @ApiOperation({ summary: 'A progress report; done: true completes the recommendation on reportedOn' })
  report(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: ReportProgressDto,
    @CommandCall() call: CommandCall,
  ) {
    return this.endpoint.run(call, (meta) => new ReportProgress(id, rid, dto, meta));
  }

  @Post(':id/recommendations/:rid/waive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive a recommendation (head of the lead unit, admin)' })
  waive(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: WaiveRecommendationDto,
    @CommandCall() call: CommandCall,
  ) {
    return this.endpoint.run(call, (meta) => new WaiveRecommendation(id, rid, dto, meta));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the inspection: every recommendation must be done or waived (else 409)' })
  close(@Param('id') id: string, @Body() dto: CloseInspectionDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new CloseInspection(id, { closedOn: dto.closedOn }, meta));
  }
}
