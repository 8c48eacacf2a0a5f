import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { requirePermission, type Principal } from '../../../../libs/security/src/index.js';
import { CurrentPrincipal } from '../auth/auth.guard.js';
import {
  IdempotencyService,
  fail,
  ProblemError,
  GetCase,
  GetCaseDialogues,
  ListCases,
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
import { correlationIdOf, idempotent, ifMatchOf } from '../common/request-context.js';
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
import { CommandBus, QueryBus } from '@nestjs/cqrs';

const CASE_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The business date of an act event (docs/reference/api-contract.md's business-date table); null for corrections and the like. */
function businessDateOfData(data: Record<string, unknown>): string | null {
  for (const key of ['receivedAt', 'classifiedAt', 'acceptedAt', 'heldAt', 'decidedAt', 'at', 'effectiveOn'])
    if (typeof data[key] === 'string') return data[key];
  return null;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseController {
  constructor(
    private readonly cases: CaseService,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly idem: IdempotencyService,
    private readonly waiter: ProjectionWaiter,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a petition as it arrives (reception desk)' })
  async register(
    @Body() dto: RegisterCaseDto,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The PIN leaves only in this response: what the idempotency store keeps (and a replay answers)
    // has `lookupPin: null`.
    let lookupPin: string | null = null;
    const body = await idempotent(this.idem, req, res, principal, 201, async (seed) => {
      const registered = await this.commands.execute(
        new RegisterCase(dto, { principal, eventIdSeed: seed, correlationId: correlationIdOf(req) }),
      );
      lookupPin = registered.receipt.lookupPin;
      return { ...registered, receipt: { ...registered.receipt, lookupPin: null } };
    });
    res.setHeader('ETag', `"${body.version}"`);
    res.setHeader('Location', `/api/v1/cases/${body.id}`);
    return { ...body, receipt: { ...body.receipt, lookupPin } };
  }

  @Post(':id/pin')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new lookup PIN for the citizen (the old one stops working); the history records the reissue, never the PIN',
  })
  async reissuePin(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    this.checkId(id);
    const ifMatch = ifMatchOf(req);
    let lookupPin: string | null = null;
    const body = await idempotent(this.idem, req, res, principal, 200, async (seed) => {
      const issued = await this.commands.execute(
        new ReissueLookupPin(id, {
          principal,
          ifMatch,
          eventIdSeed: seed,
          correlationId: correlationIdOf(req),
        }),
      );
      lookupPin = issued.lookupPin;
      return { ...issued, lookupPin: null };
    });
    res.setHeader('ETag', `"${body.version}"`);
    return { ...body, lookupPin };
  }

  @Get()
  @ApiOperation({ summary: 'List and search cases within your scope (never searches identities)' })
  async list(
    @Query() query: ListCasesQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ) {
    requirePermission(principal, 'case.read');
    await this.waiter.waitFor(query.minPosition, { res, reads: [READS.cases, READS.units] });
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
  async history(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    this.checkId(id);
    let events;
    try {
      ({ events } = await this.cases.load(id, principal));
    } catch (err) {
      // A damaged event: the raw events with the break marked, not a 500.
      if (err instanceof ProblemError) throw err;
      return this.cases.damagedHistory(id, principal, err);
    }
    requirePermission(principal, 'case.read.history');
    return {
      events: events.map((e) => ({
        position: Number(e.globalPosition),
        version: e.version,
        type: e.type,
        businessDate: businessDateOfData(e.data),
        lateEntry: e.data.lateEntry === true,
        // brought in by POST /admin/import (docs/reference/deadlines.md §9)
        imported: e.data.imported === true,
        occurredAt: e.occurredAt,
        recordedAt: e.recordedAt,
        actor: { id: e.metadata.actor.id, name: e.metadata.actor.name },
        data: e.data,
        hash: e.hash,
        prevHash: e.prevHash,
        // What an auditor needs to recompute the hash independently (docs/audit/verify-history.mjs).
        streamId: e.streamId,
        eventId: e.eventId,
        metadata: e.metadata,
      })),
    };
  }

  @Get(':id/dialogues')
  @ApiOperation({ summary: 'Dialogues (đối thoại) held on the case' })
  async dialogues(@Param('id') id: string, @Query() q: PageQuery, @CurrentPrincipal() principal: Principal) {
    this.checkId(id);
    return pageOf(await this.queries.execute(new GetCaseDialogues(principal, id)), q);
  }

  @Post(':id/classify')
  @HttpCode(200)
  classify(
    @Param('id') id: string,
    @Body() dto: ClassifyCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ClassifyCase(id, dto, meta));
  }

  @Post(':id/reclassify')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Correct the classification while the case is classified: the intake deadline is recomputed from the same start',
  })
  reclassify(
    @Param('id') id: string,
    @Body() dto: ReclassifyCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ReclassifyCase(id, dto, meta));
  }

  @Post(':id/amend')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'An audited correction of intake data (petitioners, signer count, subject, content, channel, field, forwardedBy, registryNo)',
  })
  amend(
    @Param('id') id: string,
    @Body() dto: AmendCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new AmendCase(id, dto, meta));
  }

  @Post(':id/accept')
  @HttpCode(200)
  accept(
    @Param('id') id: string,
    @Body() dto: AcceptCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new AcceptCase(id, dto, meta));
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(
    @Param('id') id: string,
    @Body() dto: RejectCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new RejectCase(id, dto, meta));
  }

  @Post(':id/guide')
  @HttpCode(200)
  guide(
    @Param('id') id: string,
    @Body() dto: GuideCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new GuideCase(id, dto, meta));
  }

  @Post(':id/archive')
  @HttpCode(200)
  archive(
    @Param('id') id: string,
    @Body() dto: ArchiveCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ArchiveCase(id, dto, meta));
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(
    @Param('id') id: string,
    @Body() dto: TransferCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new TransferCase(id, dto, meta));
  }

  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @Param('id') id: string,
    @Body() dto: AssignHandlerDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new AssignHandler(id, dto, meta));
  }

  @Post(':id/extend')
  @HttpCode(200)
  extend(
    @Param('id') id: string,
    @Body() dto: ExtendDeadlineDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ExtendDeadline(id, dto, meta));
  }

  @Post(':id/suspend')
  @HttpCode(200)
  suspend(
    @Param('id') id: string,
    @Body() dto: SuspendCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new SuspendCase(id, dto, meta));
  }

  @Post(':id/resume')
  @HttpCode(200)
  resume(
    @Param('id') id: string,
    @Body() dto: ResumeCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ResumeCase(id, dto, meta));
  }

  @Post(':id/dialogues')
  @HttpCode(200)
  dialogue(
    @Param('id') id: string,
    @Body() dto: RecordDialogueDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new RecordDialogue(id, dto, meta));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(
    @Param('id') id: string,
    @Body() dto: ResolveCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new ResolveCase(id, dto, meta));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(
    @Param('id') id: string,
    @Body() dto: WithdrawCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new WithdrawCase(id, dto, meta));
  }

  @Post(':id/terminate')
  @HttpCode(200)
  terminate(
    @Param('id') id: string,
    @Body() dto: TerminateCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new TerminateCase(id, dto, meta));
  }

  @Post(':id/close')
  @HttpCode(200)
  close(
    @Param('id') id: string,
    @Body() dto: CloseCaseDto,
    @CurrentPrincipal() p: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return this.run(id, req, res, p, (meta) => new CloseCase(id, dto, meta));
  }

  private checkId(id: string): void {
    if (!CASE_ID.test(id)) fail('NOT_FOUND', `no case ${id.slice(0, 64)}`);
  }

  /**
   * A command on an existing case: If-Match and Idempotency-Key read from the request, the message
   * on the bus, the ETag of the answer. A replay answers identities and the letter as they are now.
   */
  private async run<I>(
    id: string,
    req: Request,
    res: Response,
    principal: Principal,
    message: (meta: CommandMeta) => ExistingCaseCommand<I>,
  ) {
    this.checkId(id);
    const ifMatch = ifMatchOf(req);
    const body = await idempotent(
      this.idem,
      req,
      res,
      principal,
      200,
      (seed) =>
        this.commands.execute(
          message({ principal, ifMatch, eventIdSeed: seed, correlationId: correlationIdOf(req) }),
        ),
      async () => {
        // A replay answers identities and the letter as they are now, with the caller's rights.
        const { state, events } = await this.cases.load(id, principal);
        const now = await this.cases.view(state, events, null, principal);
        return { petitioners: now.petitioners, content: now.content };
      },
    );
    res.setHeader('ETag', `"${body.version}"`);
    return body;
  }
}
