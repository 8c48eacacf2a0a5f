import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  decideInspection,
  evolveInspection,
  inspectionStreamId,
  type ConcludedRecommendation,
  type InspectionCommand,
  type InspectionState,
  vietnamDateOf,
  DomainError,
} from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { commandOptions, type CommandMeta } from '../bus/messages.js';
import { handleCommand, seededId } from '../commands/handle-command.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import {
  CloseInspection,
  ConcludeInspection,
  DecideInspection,
  IssueDirective,
  ReportProgress,
  SubmitRemediationPlan,
  WaiveRecommendation,
} from './inspection.commands.js';
import { foldInspectionEvents } from './inspection.fold.js';
import {
  InspectionService,
  inspectionView,
  recommendationIdOf,
  type ExistingInspection,
  type InspectionCommandResult,
} from './inspection.service.js';

/**
 * One handler per inspection command. Who may do what is checked by InspectionService's rules (lead
 * unit's heads and admins; owner units for plans and reports; out of scope → 404); then
 * `handleCommand` on `inspection-<id>` (412 on a stale If-Match, decide, append). The inspection
 * loaded for the checks is decided on without a second read or fold; the view after is evolved from
 * the decided events.
 */
@Injectable()
abstract class InspectionHandler {
  constructor(
    @Inject(RUNTIME) protected readonly runtime: Runtime,
    protected readonly runner: ProjectionRunner,
    protected readonly inspections: InspectionService,
  ) {}

  protected async run(
    inspectionId: string,
    meta: CommandMeta,
    command: InspectionCommand,
    loaded?: { state: InspectionState; events: StoredEvent[] },
  ): Promise<InspectionCommandResult> {
    const decided: { state?: InspectionState } = {};
    const result = await handleCommand(
      this.runtime,
      inspectionStreamId(inspectionId),
      (history, ctx) => {
        const state = loaded && history === loaded.events ? loaded.state : foldInspectionEvents(history);
        if (state.status === 'none' && command.type !== 'DecideInspection') {
          throw new DomainError('NOT_FOUND', `no inspection ${inspectionId}`);
        }
        const events = decideInspection(command, state, ctx);
        decided.state = events.reduce(evolveInspection, state);
        return events;
      },
      { ...commandOptions(meta), ...(loaded ? { history: loaded.events } : {}) },
      () => this.runner.poke(),
    );
    // A replay of a command that committed earlier decided nothing now: its outcome is folded.
    const state = (decided.state ?? foldInspectionEvents(result.events)) as ExistingInspection;
    const position = result.position ?? result.events.at(-1)?.globalPosition ?? null;
    return {
      ...inspectionView(state, vietnamDateOf(this.runtime.clock())),
      version: result.version,
      ...(position ? { position: Number(position) } : {}),
    };
  }
}

@CommandHandler(DecideInspection)
export class DecideInspectionHandler
  extends InspectionHandler
  implements ICommandHandler<DecideInspection, InspectionCommandResult>
{
  async execute({ input, meta }: DecideInspection): Promise<InspectionCommandResult> {
    await this.inspections.requireUnits(
      [
        { path: 'leadUnitId', unitId: input.leadUnitId },
        { path: 'inspectedUnitId', unitId: input.inspectedUnitId },
      ],
      input.decidedOn,
    );
    await this.inspections.requireLead(meta.principal, input.leadUnitId, 'deciding an inspection');
    await this.inspections.requireInScope(meta.principal, [
      { path: 'inspectedUnitId', unitId: input.inspectedUnitId },
    ]);
    // From the Idempotency-Key when there is one: a retry after a crash finds the same inspection.
    const inspectionId = meta.eventIdSeed ? seededId(meta.eventIdSeed, 'inspection') : randomUUID();
    return this.run(inspectionId, meta, {
      type: 'DecideInspection',
      data: {
        inspectionId,
        title: input.title,
        kind: input.kind,
        leadUnitId: input.leadUnitId,
        inspectedUnitId: input.inspectedUnitId,
        decidedOn: input.decidedOn,
      },
    });
  }
}

@CommandHandler(ConcludeInspection)
export class ConcludeInspectionHandler
  extends InspectionHandler
  implements ICommandHandler<ConcludeInspection, InspectionCommandResult>
{
  async execute({ inspectionId, input, meta }: ConcludeInspection): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    await this.inspections.requireLead(meta.principal, loaded.state.leadUnitId, 'concluding');
    const owners = input.recommendations.map((r, i) => ({
      path: `recommendations[${i}].ownerUnitId`,
      unitId: r.ownerUnitId,
    }));
    await this.inspections.requireUnits(owners);
    await this.inspections.requireInScope(meta.principal, owners);
    const recommendations: ConcludedRecommendation[] = input.recommendations.map((r, i) => ({
      recommendationId: recommendationIdOf(i),
      text: r.text,
      ownerUnitId: r.ownerUnitId,
      dueOn: r.dueOn ?? null,
      reportEvery: r.reportEvery ?? null,
      reportDates: r.reportDates ?? null,
    }));
    return this.run(
      inspectionId,
      meta,
      {
        type: 'ConcludeInspection',
        data: { concludedOn: input.concludedOn, summary: input.summary, recommendations },
      },
      loaded,
    );
  }
}

@CommandHandler(IssueDirective)
export class IssueDirectiveHandler
  extends InspectionHandler
  implements ICommandHandler<IssueDirective, InspectionCommandResult>
{
  async execute({ inspectionId, input, meta }: IssueDirective): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    await this.inspections.requireLead(meta.principal, loaded.state.leadUnitId, 'issuing the directive');
    return this.run(
      inspectionId,
      meta,
      { type: 'IssueDirective', data: { issuedOn: input.issuedOn } },
      loaded,
    );
  }
}

@CommandHandler(CloseInspection)
export class CloseInspectionHandler
  extends InspectionHandler
  implements ICommandHandler<CloseInspection, InspectionCommandResult>
{
  async execute({ inspectionId, input, meta }: CloseInspection): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    await this.inspections.requireLead(meta.principal, loaded.state.leadUnitId, 'closing');
    return this.run(
      inspectionId,
      meta,
      { type: 'CloseInspection', data: { closedOn: input.closedOn } },
      loaded,
    );
  }
}

@CommandHandler(WaiveRecommendation)
export class WaiveRecommendationHandler
  extends InspectionHandler
  implements ICommandHandler<WaiveRecommendation, InspectionCommandResult>
{
  async execute({
    inspectionId,
    recommendationId,
    input,
    meta,
  }: WaiveRecommendation): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    this.inspections.recommendation(loaded.state, recommendationId);
    await this.inspections.requireLead(meta.principal, loaded.state.leadUnitId, 'waiving a recommendation');
    return this.run(
      inspectionId,
      meta,
      { type: 'WaiveRecommendation', data: { recommendationId, at: input.at, reason: input.reason } },
      loaded,
    );
  }
}

@CommandHandler(SubmitRemediationPlan)
export class SubmitRemediationPlanHandler
  extends InspectionHandler
  implements ICommandHandler<SubmitRemediationPlan, InspectionCommandResult>
{
  async execute({
    inspectionId,
    recommendationId,
    input,
    meta,
  }: SubmitRemediationPlan): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    const rec = this.inspections.recommendation(loaded.state, recommendationId);
    await this.inspections.requireOwner(meta.principal, rec.ownerUnitId, 'submitting a remediation plan');
    return this.run(
      inspectionId,
      meta,
      {
        type: 'SubmitRemediationPlan',
        data: { recommendationId, submittedOn: input.submittedOn, actions: [...input.actions] },
      },
      loaded,
    );
  }
}

@CommandHandler(ReportProgress)
export class ReportProgressHandler
  extends InspectionHandler
  implements ICommandHandler<ReportProgress, InspectionCommandResult>
{
  async execute({
    inspectionId,
    recommendationId,
    input,
    meta,
  }: ReportProgress): Promise<InspectionCommandResult> {
    const loaded = await this.inspections.load(inspectionId, meta.principal);
    const rec = this.inspections.recommendation(loaded.state, recommendationId);
    await this.inspections.requireOwner(meta.principal, rec.ownerUnitId, 'reporting progress');
    return this.run(
      inspectionId,
      meta,
      {
        type: 'ReportProgress',
        data: { recommendationId, reportedOn: input.reportedOn, progress: input.progress, done: input.done },
      },
      loaded,
    );
  }
}

export const INSPECTION_COMMAND_HANDLERS = [
  DecideInspectionHandler,
  ConcludeInspectionHandler,
  IssueDirectiveHandler,
  CloseInspectionHandler,
  WaiveRecommendationHandler,
  SubmitRemediationPlanHandler,
  ReportProgressHandler,
];
