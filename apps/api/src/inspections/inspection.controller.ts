import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal, RequirePermission } from '../auth/auth.guard.js';
import {
  IdempotencyService,
  CloseInspection,
  ConcludeInspection,
  DecideInspection,
  GetFollowUp,
  GetInspection,
  GetInspectionHistory,
  IssueDirective,
  ReportProgress,
  SubmitRemediationPlan,
  WaiveRecommendation,
  type InspectionCommandMessage,
} from '../../../../libs/application/src/index.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import { correlationIdOf, idempotent, ifMatchOf } from '../common/request-context.js';
import {
  CloseInspectionDto,
  ConcludeInspectionDto,
  DecideInspectionDto,
  FollowUpQuery,
  IssueDirectiveDto,
  ReportProgressDto,
  SubmitPlanDto,
  WaiveRecommendationDto,
} from './inspection.dto.js';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { CommandMeta } from '../../../../libs/application/src/index.js';

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionController {
  constructor(
    private readonly queries: QueryBus,
    private readonly idem: IdempotencyService,
    private readonly waiter: ProjectionWaiter,
    private readonly commands: CommandBus,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Record the decision to inspect, check or survey a unit (head of the lead unit, admin)',
  })
  async decide(
    @Body() dto: DecideInspectionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const body = await idempotent(this.idem, req, res, p, 201, (seed) =>
      this.commands.execute(
        new DecideInspection(dto, { principal: p, eventIdSeed: seed, correlationId: correlationIdOf(req) }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    res.setHeader('Location', `/api/v1/inspections/${body.id}`);
    return body;
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
    await this.waiter.waitFor(q.minPosition, { res, reads: [READS.inspections, READS.units] });
    return this.queries.execute(new GetFollowUp(p, q));
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
  conclude(
    @Param('id') id: string,
    @Body() dto: ConcludeInspectionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new ConcludeInspection(id, dto, meta));
  }

  @Post(':id/directive')
  @HttpCode(200)
  @ApiOperation({
    summary: "The head's implementation directive (due 15 days after the conclusion, TT-DIRECT)",
  })
  directive(
    @Param('id') id: string,
    @Body() dto: IssueDirectiveDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new IssueDirective(id, { issuedOn: dto.issuedOn }, meta));
  }

  @Post(':id/recommendations/:rid/plan')
  @HttpCode(200)
  @ApiOperation({ summary: "The owner unit's remediation plan (a later plan revises the earlier)" })
  plan(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: SubmitPlanDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new SubmitRemediationPlan(id, rid, dto, meta));
  }

  @Post(':id/recommendations/:rid/reports')
  @HttpCode(200)
  @ApiOperation({ summary: 'A progress report; done: true completes the recommendation on reportedOn' })
  report(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: ReportProgressDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new ReportProgress(id, rid, dto, meta));
  }

  @Post(':id/recommendations/:rid/waive')
  @HttpCode(200)
  @ApiOperation({ summary: 'Waive a recommendation (head of the lead unit, admin)' })
  waive(
    @Param('id') id: string,
    @Param('rid') rid: string,
    @Body() dto: WaiveRecommendationDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new WaiveRecommendation(id, rid, dto, meta));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the inspection: every recommendation must be done or waived (else 409)' })
  close(
    @Param('id') id: string,
    @Body() dto: CloseInspectionDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(req, res, p, (meta) => new CloseInspection(id, { closedOn: dto.closedOn }, meta));
  }

  /** If-Match, Idempotency-Key and the ETag of the answer, as for case commands. */
  private async run(
    req: Request,
    res: Response,
    p: Principal,
    message: (meta: CommandMeta) => InspectionCommandMessage,
  ) {
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(this.idem, req, res, p, 200, (seed) =>
      this.commands.execute(
        message({ principal: p, ifMatch, eventIdSeed: seed, correlationId: correlationIdOf(req) }),
      ),
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }
}
