import { Inject, Injectable } from '@nestjs/common';
import {
  followUp,
  inspectionStreamId,
  reportDatesOf,
  type InspectionState,
  type RecommendationState,
} from '../../../domain/src/index.js';
import { can, type Principal } from '../../../security/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import { foldInspectionEvents } from './inspection.fold.js';

export type ExistingInspection = Exclude<InspectionState, { status: 'none' }>;

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

/** What an inspection command answers: the inspection's view after it, its version and position. */
export type InspectionCommandResult = ReturnType<typeof inspectionView> & {
  version: number;
  position?: number;
};

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
    private readonly units: UnitDirectory,
  ) {}

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
  ): Promise<{ state: ExistingInspection; events: StoredEvent[]; version: number }> {
    if (!INSPECTION_ID.test(inspectionId))
      return fail('NOT_FOUND', `no inspection ${inspectionId.slice(0, 64)}`);
    const events = await this.runtime.store.readStream(inspectionStreamId(inspectionId));
    const state = foldInspectionEvents(events);
    if (state.status === 'none' || !(await this.units.inScope(principal, this.unitsOf(state)))) {
      return fail('NOT_FOUND', `no inspection ${inspectionId}`);
    }
    return { state, events, version: events.at(-1)?.version ?? 0 };
  }

  /** Admin anywhere, or a head whose scope covers the lead unit. */
  async requireLead(principal: Principal, leadUnitId: string, what: string): Promise<void> {
    if (can(principal, 'units.manage')) return;
    if (principal.roles.includes('head') && (await this.units.inScope(principal, [leadUnitId]))) return;
    fail('FORBIDDEN', `${what}: only a head of the lead unit ${leadUnitId} (or above it) or an admin may`);
  }

  /** A handler or head whose scope covers the recommendation's owner unit. */
  async requireOwner(principal: Principal, ownerUnitId: string, what: string): Promise<void> {
    const role = principal.roles.includes('handler') || principal.roles.includes('head');
    if (role && principal.unitId && (await this.units.isWithin(ownerUnitId, principal.unitId))) return;
    fail('FORBIDDEN', `${what}: only a handler or head of the owner unit ${ownerUnitId} (or above it) may`);
  }

  /**
   * Every unit a command names must lie in the actor's scope (an admin's is everything): a head of one
   * province may not open an inspection of another's commune nor give it recommendations.
   */
  async requireInScope(principal: Principal, refs: { path: string; unitId: string }[]): Promise<void> {
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
  async requireUnits(refs: { path: string; unitId: string }[], on?: string): Promise<void> {
    const errors: { path: string; message: string }[] = [];
    for (const { path, unitId } of refs) {
      // Not before the unit's `from`, not from its `ceasedOn` (a merger still ahead does not count yet).
      const problem = await this.units.problemOn(unitId, on);
      if (problem) errors.push({ path, message: problem });
    }
    if (errors.length)
      fail('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
  }

  /** The recommendation (404 when the inspection has none by that id, e.g. before the conclusion). */
  recommendation(state: ExistingInspection, recommendationId: string): RecommendationState {
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
}
