import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  decideInspection,
  followUp,
  inspectionStreamId,
  reportDatesOf,
  type ConcludedRecommendation,
  type InspectionCommand,
  type InspectionState,
  type RecommendationState,
} from '../../../domain/src/inspection/index.js';
import { vietnamDateOf } from '../../../domain/src/shared/dates.js';
import { DomainError } from '../../../domain/src/shared/domain-error.js';
import { can, toActor, type Principal } from '../../../security/src/auth/roles.js';
import { StreamExecutor } from '../commands/stream-executor.service.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { foldInspectionEvents } from './inspection.fold.js';
import type {
  ConcludeInspectionInput as ConcludeInspectionDto,
  DecideInspectionInput as DecideInspectionDto,
} from './inspection.inputs.js';

export type ExistingInspection = Exclude<InspectionState, { status: 'none' }>;

/** Options every command carries from the request. */
export interface CommandOptions {
  correlationId: string;
  ifMatch?: number;
  eventIdSeed?: string;
}

const INSPECTION_ID = /^[A-Za-z0-9-]{1,64}$/;
const RECOMMENDATION_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Recommendation ids: r1, r2, … in the order the conclusion lists them (unique within the inspection). */
export const recommendationIdOf = (index: number): string => `r${index + 1}`;

function recommendationView(r: RecommendationState, today: string) {
  const f = followUp(r, reportDatesOf(r), today);
  return {
    id: r.recommendationId,
    text: r.text,
    ownerUnitId: r.ownerUnitId,
    dueOn: r.dueOn,
    reportEvery: r.reportEvery,
    reportDates: r.reportDates,
    status: r.status,
    doneOn: r.doneOn,
    waivedOn: r.waivedOn,
    waiveReason: r.waiveReason,
    plans: r.plans,
    reports: r.reports,
    moves: r.moves,
    /** The report schedule as of today (docs/reference/api-contract.md, Inspections and their conclusions: follow-up). */
    followUp: {
      asOf: today,
      nextReportDue: f.nextReportDue,
      overdue: f.overdue,
      overdueReports: f.overdueReports,
      remediationOverdue: f.remediationOverdue,
    },
  };
}

/** GET /inspections/:id: the inspection folded from its stream. */
export function inspectionView(s: ExistingInspection, today: string) {
  const concluded = s.status === 'concluded' || s.status === 'closed' ? s : null;
  return {
    id: s.inspectionId,
    title: s.title,
    kind: s.kind,
    leadUnitId: s.leadUnitId,
    inspectedUnitId: s.inspectedUnitId,
    decidedOn: s.decidedOn,
    status: s.status,
    fieldworkStartedOn: s.fieldworkStartedOn,
    conclusion: concluded
      ? {
          concludedOn: concluded.conclusion.concludedOn,
          summary: concluded.conclusion.summary,
          directiveDueOn: concluded.conclusion.directiveDeadline.dueOn,
          directiveDeadline: concluded.conclusion.directiveDeadline,
          directive: concluded.conclusion.directive,
        }
      : null,
    closedOn: s.status === 'closed' ? s.closedOn : null,
    recommendations: concluded ? concluded.recommendations.map((r) => recommendationView(r, today)) : [],
  };
}

/**
 * Inspections and their conclusions (docs/reference/api-contract.md "Inspections and their conclusions"). Who may do what
 * (docs/inspections.md): the lead unit's heads (anyone with role `head` whose scope covers the lead
 * unit) and admins decide, conclude, issue the directive, waive and close; handlers and heads whose
 * scope covers a recommendation's owner unit submit its plan and reports; anyone whose scope covers
 * the lead, inspected or an owner unit reads. Out of scope → 404, in scope but not allowed → 403.
 */
@Injectable()
export class InspectionService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly executor: StreamExecutor,
    private readonly units: UnitDirectory,
  ) {}

  private today(): string {
    return vietnamDateOf(this.runtime.clock());
  }

  /** Units whose people may read the inspection. */
  private unitsOf(s: ExistingInspection): string[] {
    const owners =
      s.status === 'concluded' || s.status === 'closed'
        ? s.recommendations.flatMap((r) => [r.ownerUnitId, ...r.moves.map((m) => m.fromUnitId)])
        : [];
    return [s.leadUnitId, s.inspectedUnitId, ...owners];
  }

  /** The inspection if the principal may see it; unknown or out of scope → 404. */
  async load(
    inspectionId: string,
    principal: Principal,
  ): Promise<{ state: ExistingInspection; version: number }> {
    if (!INSPECTION_ID.test(inspectionId))
      return fail('NOT_FOUND', `no inspection ${inspectionId.slice(0, 64)}`);
    const events = await this.runtime.store.readStream(inspectionStreamId(inspectionId));
    const state = foldInspectionEvents(events);
    if (state.status === 'none' || !(await this.units.inScope(principal, this.unitsOf(state)))) {
      return fail('NOT_FOUND', `no inspection ${inspectionId}`);
    }
    return { state, version: events.at(-1)?.version ?? 0 };
  }

  async get(inspectionId: string, principal: Principal) {
    const { state, version } = await this.load(inspectionId, principal);
    return { ...inspectionView(state, this.today()), version };
  }

  /** Admin anywhere, or a head whose scope covers the lead unit. */
  private async requireLead(principal: Principal, leadUnitId: string, what: string): Promise<void> {
    if (can(principal, 'units.manage')) return;
    if (principal.roles.includes('head') && (await this.units.inScope(principal, [leadUnitId]))) return;
    fail('FORBIDDEN', `${what}: only a head of the lead unit ${leadUnitId} (or above it) or an admin may`);
  }

  /** A handler or head whose scope covers the recommendation's owner unit. */
  private async requireOwner(principal: Principal, ownerUnitId: string, what: string): Promise<void> {
    const role = principal.roles.includes('handler') || principal.roles.includes('head');
    if (role && principal.unitId && (await this.units.isWithin(ownerUnitId, principal.unitId))) return;
    fail('FORBIDDEN', `${what}: only a handler or head of the owner unit ${ownerUnitId} (or above it) may`);
  }

  /**
   * Every unit a command names must lie in the actor's scope (an admin's is everything): a head of one
   * province may not open an inspection of another's commune nor give it recommendations.
   */
  private async requireInScope(
    principal: Principal,
    refs: { path: string; unitId: string }[],
  ): Promise<void> {
    for (const { path, unitId } of refs)
      if (!(await this.inInspectionScope(principal, unitId)))
        fail('FORBIDDEN', `${path}: unit ${unitId} is outside your scope`);
  }

  /**
   * The actor's scope, and for a department or agency (an inspectorate acts for the authority above
   * it: Thanh tra tỉnh inspects the departments of the province) the subtree of its parent.
   */
  private async inInspectionScope(principal: Principal, unitId: string): Promise<boolean> {
    if (await this.units.inScope(principal, [unitId])) return true;
    if (!principal.unitId) return false;
    const own = await this.units.state(principal.unitId);
    if (own.status === 'none' || !own.parentId) return false;
    if (own.level !== 'department' && own.level !== 'agency') return false;
    return this.units.isWithin(unitId, own.parentId);
  }

  /** Existing, not ceased units, else 400 with the paths. */
  private async requireUnits(refs: { path: string; unitId: string }[]): Promise<void> {
    const errors: { path: string; message: string }[] = [];
    for (const { path, unitId } of refs) {
      const s = await this.units.state(unitId);
      if (s.status === 'none') errors.push({ path, message: 'no such unit' });
      else if (s.status === 'merged')
        errors.push({ path, message: `unit ${unitId} ceased on ${s.mergedOn}` });
    }
    if (errors.length)
      fail('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }

  async decide(dto: DecideInspectionDto, principal: Principal, opts: CommandOptions) {
    await this.requireUnits([
      { path: 'leadUnitId', unitId: dto.leadUnitId },
      { path: 'inspectedUnitId', unitId: dto.inspectedUnitId },
    ]);
    await this.requireLead(principal, dto.leadUnitId, 'deciding an inspection');
    await this.requireInScope(principal, [{ path: 'inspectedUnitId', unitId: dto.inspectedUnitId }]);
    // From the Idempotency-Key when there is one: a retry after a crash finds the same inspection.
    const inspectionId = opts.eventIdSeed
      ? StreamExecutor.seededId(opts.eventIdSeed, 'inspection')
      : randomUUID();
    return this.execute(
      inspectionId,
      principal,
      () => ({
        type: 'DecideInspection',
        data: {
          inspectionId,
          title: dto.title,
          kind: dto.kind,
          leadUnitId: dto.leadUnitId,
          inspectedUnitId: dto.inspectedUnitId,
          decidedOn: dto.decidedOn,
        },
      }),
      opts,
    );
  }

  async conclude(
    inspectionId: string,
    dto: ConcludeInspectionDto,
    principal: Principal,
    opts: CommandOptions,
  ) {
    const { state } = await this.load(inspectionId, principal);
    await this.requireLead(principal, state.leadUnitId, 'concluding');
    const owners = dto.recommendations.map((r, i) => ({
      path: `recommendations[${i}].ownerUnitId`,
      unitId: r.ownerUnitId,
    }));
    await this.requireUnits(owners);
    await this.requireInScope(principal, owners);
    const recommendations: ConcludedRecommendation[] = dto.recommendations.map((r, i) => ({
      recommendationId: recommendationIdOf(i),
      text: r.text,
      ownerUnitId: r.ownerUnitId,
      dueOn: r.dueOn ?? null,
      reportEvery: r.reportEvery ?? null,
      reportDates: r.reportDates ?? null,
    }));
    return this.execute(
      inspectionId,
      principal,
      () => ({
        type: 'ConcludeInspection',
        data: { concludedOn: dto.concludedOn, summary: dto.summary, recommendations },
      }),
      opts,
    );
  }

  async issueDirective(inspectionId: string, issuedOn: string, principal: Principal, opts: CommandOptions) {
    const { state } = await this.load(inspectionId, principal);
    await this.requireLead(principal, state.leadUnitId, 'issuing the directive');
    return this.execute(
      inspectionId,
      principal,
      () => ({ type: 'IssueDirective', data: { issuedOn } }),
      opts,
    );
  }

  async close(inspectionId: string, closedOn: string, principal: Principal, opts: CommandOptions) {
    const { state } = await this.load(inspectionId, principal);
    await this.requireLead(principal, state.leadUnitId, 'closing');
    return this.execute(
      inspectionId,
      principal,
      () => ({ type: 'CloseInspection', data: { closedOn } }),
      opts,
    );
  }

  async waive(
    inspectionId: string,
    recommendationId: string,
    dto: { at: string; reason: string },
    principal: Principal,
    opts: CommandOptions,
  ) {
    const { state } = await this.load(inspectionId, principal);
    this.recommendation(state, recommendationId);
    await this.requireLead(principal, state.leadUnitId, 'waiving a recommendation');
    return this.execute(
      inspectionId,
      principal,
      () => ({ type: 'WaiveRecommendation', data: { recommendationId, at: dto.at, reason: dto.reason } }),
      opts,
    );
  }

  async submitPlan(
    inspectionId: string,
    recommendationId: string,
    dto: { submittedOn: string; actions: string[] },
    principal: Principal,
    opts: CommandOptions,
  ) {
    const { state } = await this.load(inspectionId, principal);
    const rec = this.recommendation(state, recommendationId);
    await this.requireOwner(principal, rec.ownerUnitId, 'submitting a remediation plan');
    return this.execute(
      inspectionId,
      principal,
      () => ({
        type: 'SubmitRemediationPlan',
        data: { recommendationId, submittedOn: dto.submittedOn, actions: [...dto.actions] },
      }),
      opts,
    );
  }

  async report(
    inspectionId: string,
    recommendationId: string,
    dto: { reportedOn: string; progress: string; done: boolean },
    principal: Principal,
    opts: CommandOptions,
  ) {
    const { state } = await this.load(inspectionId, principal);
    const rec = this.recommendation(state, recommendationId);
    await this.requireOwner(principal, rec.ownerUnitId, 'reporting progress');
    return this.execute(
      inspectionId,
      principal,
      () => ({
        type: 'ReportProgress',
        data: { recommendationId, reportedOn: dto.reportedOn, progress: dto.progress, done: dto.done },
      }),
      opts,
    );
  }

  /** The recommendation (404 when the inspection has none by that id, e.g. before the conclusion). */
  private recommendation(state: ExistingInspection, recommendationId: string): RecommendationState {
    const recs = state.status === 'concluded' || state.status === 'closed' ? state.recommendations : [];
    const rec = RECOMMENDATION_ID.test(recommendationId)
      ? recs.find((r) => r.recommendationId === recommendationId)
      : undefined;
    return (
      rec ??
      fail(
        'NOT_FOUND',
        `no recommendation ${recommendationId.slice(0, 64)} in inspection ${state.inspectionId}`,
      )
    );
  }

  private async execute(
    inspectionId: string,
    principal: Principal,
    build: () => InspectionCommand,
    opts: CommandOptions,
  ) {
    const result = await this.executor.execute(
      inspectionStreamId(inspectionId),
      (history, ctx) => {
        const state = foldInspectionEvents(history);
        const cmd = build();
        if (state.status === 'none' && cmd.type !== 'DecideInspection') {
          throw new DomainError('NOT_FOUND', `no inspection ${inspectionId}`);
        }
        return decideInspection(cmd, state, ctx);
      },
      {
        actor: toActor(principal),
        correlationId: opts.correlationId,
        ifMatch: opts.ifMatch,
        eventIdSeed: opts.eventIdSeed,
      },
    );
    const state = foldInspectionEvents(result.events) as ExistingInspection;
    const position = result.position ?? result.events.at(-1)?.globalPosition ?? null;
    return {
      ...inspectionView(state, this.today()),
      version: result.version,
      ...(position ? { position: Number(position) } : {}),
    };
  }
}
