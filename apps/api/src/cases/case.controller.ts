import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requirePermission, type Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import {
  fail,
  GetCase,
  GetCaseDialogues,
  GetCaseHistory,
  ListCases,
  ExportCases,
  CaseService,
  AcceptCase,
  AmendCase,
  ArchiveCase,
  AssignHandler,
  ClassifyCase,
  CloseCase,
  ExtendDeadline,
  GuideCase,
  ReclassifyCase,
  RecordDialogue,
  RegisterCase,
  ReissueLookupPin,
  RejectCase,
  ResolveCase,
  ResumeCase,
  SuspendCase,
  TerminateCase,
  TransferCase,
  WithdrawCase,
  type ExistingCaseCommand,
} from '../../../../libs/application/src/index.js';
import type { CommandMeta } from '../../../../libs/application/src/index.js';
import { CommandCall, CommandEndpoint } from '../common/command-endpoint.js';
import { sendCsv, wantsCsv } from '../common/csv.js';
import { caseListCsv } from './case-list-csv.js';
import { ProjectionWaiter, READS } from '../common/projection-waiter.service.js';
import {
  AcceptCaseDto,
  AmendCaseDto,
  ReclassifyCaseDto,
  ArchiveCaseDto,
  AssignHandlerDto,
  CaseViewQuery,
  ClassifyCaseDto,
  CloseCaseDto,
  ExtendDeadlineDto,
  GuideCaseDto,
  ListCasesQuery,
  pageOf,
  PageQuery,
  RecordDialogueDto,
  RegisterCaseDto,
  RejectCaseDto,
  ResolveCaseDto,
  ResumeCaseDto,
  SuspendCaseDto,
  TerminateCaseDto,
  TransferCaseDto,
  WithdrawCaseDto,
} from './case.dto.js';
import { QueryBus } from '@nestjs/cqrs';

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly endpoint: CommandEndpoint,
    private readonly queries: QueryBus,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a petition as it arrives (reception desk)' })
  register(@Body() dto: RegisterCaseDto, @CommandCall() call: CommandCall) {
    return this.endpoint.run(call, (meta) => new RegisterCase(dto, meta), {
      ifMatch: false,
      location: (registered) => `/api/v1/cases/${registered.id}`,
      // The PIN leaves only in this response: what the idempotency store keeps (and a replay
      // answers) has `lookupPin: null`.
      storable: (registered) => ({ ...registered, receipt: { ...registered.receipt, lookupPin: null } }),
    });
  }

  @Post(':id/pin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new lookup PIN for the citizen (the old one stops working); the history records the reissue, never the PIN',
  })
  reissuePin(@Param('id') id: string, @CommandCall() call: CommandCall) {
    this.checkId(id);
    return this.endpoint.run(call, (meta) => new ReissueLookupPin(id, meta), {
      storable: (issued) => ({ ...issued, lookupPin: null }),
    });
  }

  @Get()
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'List and search cases within your scope (never searches identities); Accept: text/csv exports the whole list (exports.read)',
  })
  async list(
    @Query() query: ListCasesQuery,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    requirePermission(principal, 'case.read');
    await this.waiter.waitFor(query.minPosition, { res, reads: [READS.cases, READS.units] });
    if (wantsCsv(req)) {
      // Accept: text/csv (needs exports.read): the whole list, every page unless `page` is given
      const items = await this.queries.execute(new ExportCases(principal, query));
      return sendCsv(res, `ho-so-${query.unitId ?? principal.unitId ?? 'all'}.csv`, caseListCsv(items));
    }
    return this.queries.execute(new ListCases(principal, query));
  }

  @Get(':id')
  @ApiOperation({
    summary:
      'The case view, by id or tracking code, folded from its stream; ?asOf=<instant> folds only what was recorded by then',
  })
  async get(
    @Param('id') idOrTrackingCode: string,
    @Query() query: CaseViewQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    this.checkId(idOrTrackingCode);
    const view = await this.queries.execute(new GetCase(principal, idOrTrackingCode, query.asOf));
    res.setHeader('ETag', `"${view.version}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOperation({
    summary: 'Every event of the case with its actor and hashes (identities only in protected form)',
  })
  history(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    this.checkId(id);
    return this.queries.execute(new GetCaseHistory(principal, id));
  }

  @Get(':id/dialogues')
  @ApiOperation({ summary: 'Dialogues (đối thoại) held on the case' })
  async dialogues(@Param('id') id: string, @Query() q: PageQuery, @CurrentPrincipal() principal: Principal) {
    this.checkId(id);
    return pageOf(await this.queries.execute(new GetCaseDialogues(principal, id)), q);
  }

  @Post(':id/classify')
  @HttpCode(200)
  classify(@Param('id') id: string, @Body() dto: ClassifyCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ClassifyCase(id, dto, meta));
  }

  @Post(':id/reclassify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Correct the classification while the case is classified: the intake deadline is recomputed from the same start',
  })
  reclassify(@Param('id') id: string, @Body() dto: ReclassifyCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ReclassifyCase(id, dto, meta));
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'An audited correction of intake data (petitioners, signer count, subject, content, channel, field, forwardedBy, registryNo)',
  })
  amend(@Param('id') id: string, @Body() dto: AmendCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new AmendCase(id, dto, meta));
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(@Param('id') id: string, @Body() dto: AcceptCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new AcceptCase(id, dto, meta));
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@Param('id') id: string, @Body() dto: RejectCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new RejectCase(id, dto, meta));
  }

  @Post(':id/guide')
  @HttpCode(200)
  guide(@Param('id') id: string, @Body() dto: GuideCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new GuideCase(id, dto, meta));
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(@Param('id') id: string, @Body() dto: ArchiveCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ArchiveCase(id, dto, meta));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(@Param('id') id: string, @Body() dto: TransferCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new TransferCase(id, dto, meta));
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(@Param('id') id: string, @Body() dto: AssignHandlerDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new AssignHandler(id, dto, meta));
  }

  @Post(':id/extend')
  @HttpCode(200)
  extend(@Param('id') id: string, @Body() dto: ExtendDeadlineDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ExtendDeadline(id, dto, meta));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(@Param('id') id: string, @Body() dto: SuspendCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new SuspendCase(id, dto, meta));
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(@Param('id') id: string, @Body() dto: ResumeCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ResumeCase(id, dto, meta));
  }

  @Post(':id/dialogues')
  @HttpCode(200)
  dialogue(@Param('id') id: string, @Body() dto: RecordDialogueDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new RecordDialogue(id, dto, meta));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@Param('id') id: string, @Body() dto: ResolveCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new ResolveCase(id, dto, meta));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@Param('id') id: string, @Body() dto: WithdrawCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new WithdrawCase(id, dto, meta));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  terminate(@Param('id') id: string, @Body() dto: TerminateCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new TerminateCase(id, dto, meta));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@Param('id') id: string, @Body() dto: CloseCaseDto, @CommandCall() call: CommandCall) {
    return this.run(id, call, (meta) => new CloseCase(id, dto, meta));
  }

  private checkId(id: string): void {
    if (!CASE_ID.test(id)) fail('NOT_FOUND', `no case ${id.slice(0, 64)}`);
  }

  /** A command on an existing case. A replay answers identities and the letter as they are now. */
  private run<I>(id: string, call: CommandCall, message: (meta: CommandMeta) => ExistingCaseCommand<I>) {
    this.checkId(id);
    return this.endpoint.run(call, message, {
      refill: async () => {
        // A replay answers identities and the letter as they are now, with the caller's rights.
        const { state, events } = await this.cases.load(id, call.principal);
        const now = await this.cases.view(state, events, null, call.principal);
        return { petitioners: now.petitioners, content: now.content };
      },
    });
  }
}
