import { maxDate, type IsoDate } from '../shared/dates.js';
import type { DecideContext } from '../shared/decide-context.js';
import { assertNever } from '../shared/event.js';
import { lateEntryOf } from '../case/late-entry.js';
import type {
  CloseInspection,
  ConcludeInspection,
  DecideInspection,
  InspectionCommand,
  IssueDirective,
  MoveRecommendation,
  ReportProgress,
  StartFieldwork,
  SubmitRemediationPlan,
  WaiveRecommendation,
} from './inspection.commands.js';
import {
  inspectionIllegal,
  inspectionInvalid,
  inspectionNotFound,
  recommendationNotFound,
  requireActionDate,
  requireInspectionDate,
  requireInspectionText,
} from './inspection.errors.js';
import {
  INSPECTION_KINDS,
  type ConcludedRecommendation,
  type DirectiveIssued,
  type FieldworkStarted,
  type InspectionClosed,
  type InspectionConcluded,
  type InspectionDecided,
  type InspectionEvent,
  type ProgressReported,
  type RecommendationMoved,
  type RecommendationWaived,
  type RemediationPlanSubmitted,
} from './inspection.events.js';
import type { InspectionState, RecommendationState } from './inspection.state.js';
import { REPORT_CADENCES } from './report-schedule.js';

type Concluded = Extract<InspectionState, { status: 'concluded' }>;

function requireExisting(state: InspectionState): Exclude<InspectionState, { status: 'none' }> {
  if (state.status === 'none') throw inspectionNotFound();
  return state;
}

function requireConcluded(state: InspectionState): Concluded {
  const s = requireExisting(state);
  if (s.status !== 'concluded')
    throw inspectionIllegal(`inspection ${s.inspectionId} is ${s.status}, not concluded`);
  return s;
}

function findRecommendation(
  s: Pick<Concluded, 'recommendations'>,
  recommendationId: string,
): RecommendationState {
  requireInspectionText(recommendationId, 'recommendationId');
  const rec = s.recommendations.find((r) => r.recommendationId === recommendationId);
  if (!rec) throw recommendationNotFound(recommendationId);
  return rec;
}

/** Plans, reports and waivers need an open recommendation of a concluded inspection. */
function requireOpenRecommendation(
  state: InspectionState,
  recommendationId: string,
): [Concluded, RecommendationState] {
  const s = requireConcluded(state);
  const rec = findRecommendation(s, recommendationId);
  if (rec.status !== 'open') throw inspectionIllegal(`recommendation ${recommendationId} is ${rec.status}`);
  return [s, rec];
}

export function recordInspectionDecision(
  cmd: DecideInspection,
  state: InspectionState,
  ctx: DecideContext,
): InspectionDecided {
  if (state.status !== 'none') throw inspectionIllegal(`inspection ${state.inspectionId} exists already`);
  const { inspectionId, title, kind, leadUnitId, inspectedUnitId, decidedOn } = cmd.data;
  requireInspectionText(inspectionId, 'inspectionId');
  requireInspectionText(title, 'title');
  if (!INSPECTION_KINDS.includes(kind))
    throw inspectionInvalid('kind', `kind must be one of ${INSPECTION_KINDS.join(', ')}`);
  requireInspectionText(leadUnitId, 'leadUnitId');
  requireInspectionText(inspectedUnitId, 'inspectedUnitId');
  requireActionDate(decidedOn, 'decidedOn', '0001-01-01', ctx.today);
  return {
    type: 'InspectionDecided',
    data: {
      inspectionId,
      title,
      kind,
      leadUnitId,
      inspectedUnitId,
      decidedOn,
      ...lateEntryOf(decidedOn, ctx),
    },
  };
}

export function startFieldwork(
  cmd: StartFieldwork,
  state: InspectionState,
  ctx: DecideContext,
): FieldworkStarted {
  const s = requireExisting(state);
  if (s.status !== 'decided') throw inspectionIllegal(`inspection ${s.inspectionId} is ${s.status}`);
  const startedOn = requireActionDate(cmd.data.startedOn, 'startedOn', s.decidedOn, ctx.today);
  return { type: 'FieldworkStarted', data: { startedOn, ...lateEntryOf(startedOn, ctx) } };
}

function checkRecommendation(
  r: ConcludedRecommendation,
  i: number,
  concludedOn: IsoDate,
  today: IsoDate,
): ConcludedRecommendation {
  const path = `recommendations[${i}]`;
  if (typeof r !== 'object' || r === null)
    throw inspectionInvalid(path, 'a recommendation must be an object');
  requireInspectionText(r.recommendationId, `${path}.recommendationId`);
  requireInspectionText(r.text, `${path}.text`);
  requireInspectionText(r.ownerUnitId, `${path}.ownerUnitId`);
  const dueOn = r.dueOn ?? null;
  const reportEvery = r.reportEvery ?? null;
  const reportDates = r.reportDates ?? null;
  if (dueOn !== null) {
    requireInspectionDate(dueOn, `${path}.dueOn`, today);
    if (dueOn < concludedOn)
      throw inspectionInvalid(`${path}.dueOn`, `dueOn ${dueOn} is before the conclusion (${concludedOn})`);
  }
  if (reportEvery !== null && reportDates !== null) {
    throw inspectionInvalid(`${path}.reportDates`, 'reportEvery and reportDates are mutually exclusive');
  }
  if (reportEvery !== null && !REPORT_CADENCES.includes(reportEvery)) {
    throw inspectionInvalid(
      `${path}.reportEvery`,
      `reportEvery must be one of ${REPORT_CADENCES.join(', ')}`,
    );
  }
  if (reportDates !== null) {
    if (!Array.isArray(reportDates) || reportDates.length === 0) {
      throw inspectionInvalid(`${path}.reportDates`, 'reportDates must be a non-empty list of dates');
    }
    let previous = concludedOn;
    reportDates.forEach((d, j) => {
      requireInspectionDate(d, `${path}.reportDates[${j}]`, today);
      if (d <= previous) {
        throw inspectionInvalid(
          `${path}.reportDates[${j}]`,
          'reportDates must be ascending and after the conclusion',
        );
      }
      previous = d;
    });
  }
  return {
    recommendationId: r.recommendationId,
    text: r.text,
    ownerUnitId: r.ownerUnitId,
    dueOn,
    reportEvery,
    reportDates: reportDates === null ? null : [...reportDates],
  };
}

/**
 * A recommendation with neither `reportEvery` nor `reportDates` gets no report schedule: the law
 * sets no cadence (docs/reference/legal.md §7), so donthu does not invent one.
 */
export function concludeInspection(
  cmd: ConcludeInspection,
  state: InspectionState,
  ctx: DecideContext,
): InspectionConcluded {
  const s = requireExisting(state);
  if (s.status !== 'decided' && s.status !== 'fieldwork')
    throw inspectionIllegal(`inspection ${s.inspectionId} is ${s.status}`);
  const { summary, recommendations } = cmd.data;
  const concludedOn = requireActionDate(
    cmd.data.concludedOn,
    'concludedOn',
    s.fieldworkStartedOn ?? s.decidedOn,
    ctx.today,
  );
  requireInspectionText(summary, 'summary');
  if (!Array.isArray(recommendations) || recommendations.length === 0) {
    throw inspectionInvalid('recommendations', 'a conclusion has at least one recommendation');
  }
  const checked = recommendations.map((r, i) => checkRecommendation(r, i, concludedOn, ctx.today));
  const seen = new Set<string>();
  checked.forEach((r, i) => {
    if (seen.has(r.recommendationId))
      throw inspectionInvalid(`recommendations[${i}].recommendationId`, 'duplicate recommendation id');
    seen.add(r.recommendationId);
  });
  const directiveDeadline = ctx.rules.compute('TT-DIRECT', concludedOn, {}, ctx.calendar);
  return {
    type: 'InspectionConcluded',
    data: {
      concludedOn,
      summary,
      recommendations: checked,
      directiveDeadline,
      ...lateEntryOf(concludedOn, ctx),
    },
  };
}

export function issueDirective(
  cmd: IssueDirective,
  state: InspectionState,
  ctx: DecideContext,
): DirectiveIssued {
  const s = requireConcluded(state);
  if (s.conclusion.directive !== null) {
    throw inspectionIllegal(`the directive was issued on ${s.conclusion.directive.issuedOn}`);
  }
  const issuedOn = requireActionDate(cmd.data.issuedOn, 'issuedOn', s.conclusion.concludedOn, ctx.today);
  const dueOn = s.conclusion.directiveDeadline.dueOn;
  return {
    type: 'DirectiveIssued',
    data: { issuedOn, dueOn, outcome: issuedOn <= dueOn ? 'met' : 'missed', ...lateEntryOf(issuedOn, ctx) },
  };
}

export function submitRemediationPlan(
  cmd: SubmitRemediationPlan,
  state: InspectionState,
  ctx: DecideContext,
): RemediationPlanSubmitted {
  const { recommendationId, actions } = cmd.data;
  const [s] = requireOpenRecommendation(state, recommendationId);
  const submittedOn = requireActionDate(
    cmd.data.submittedOn,
    'submittedOn',
    s.conclusion.concludedOn,
    ctx.today,
  );
  if (!Array.isArray(actions) || actions.length === 0)
    throw inspectionInvalid('actions', 'a plan lists at least one action');
  actions.forEach((a, i) => requireInspectionText(a, `actions[${i}]`));
  return {
    type: 'RemediationPlanSubmitted',
    data: { recommendationId, submittedOn, actions: [...actions], ...lateEntryOf(submittedOn, ctx) },
  };
}

export function reportProgress(
  cmd: ReportProgress,
  state: InspectionState,
  ctx: DecideContext,
): ProgressReported {
  const { recommendationId, progress, done } = cmd.data;
  const [s, rec] = requireOpenRecommendation(state, recommendationId);
  const lastReport = rec.reports.at(-1)?.reportedOn;
  const notBefore =
    lastReport === undefined ? s.conclusion.concludedOn : maxDate(lastReport, s.conclusion.concludedOn);
  const reportedOn = requireActionDate(cmd.data.reportedOn, 'reportedOn', notBefore, ctx.today);
  requireInspectionText(progress, 'progress');
  if (typeof done !== 'boolean') throw inspectionInvalid('done', 'done must be a boolean');
  return {
    type: 'ProgressReported',
    data: { recommendationId, reportedOn, progress, done, ...lateEntryOf(reportedOn, ctx) },
  };
}

export function waiveRecommendation(
  cmd: WaiveRecommendation,
  state: InspectionState,
  ctx: DecideContext,
): RecommendationWaived {
  const { recommendationId, reason } = cmd.data;
  const [s, rec] = requireOpenRecommendation(state, recommendationId);
  const lastReport = rec.reports.at(-1)?.reportedOn;
  const notBefore =
    lastReport === undefined ? s.conclusion.concludedOn : maxDate(lastReport, s.conclusion.concludedOn);
  const at = requireActionDate(cmd.data.at, 'at', notBefore, ctx.today);
  requireInspectionText(reason, 'reason');
  return { type: 'RecommendationWaived', data: { recommendationId, at, reason, ...lateEntryOf(at, ctx) } };
}

/**
 * Hands an open recommendation to a merger's successor. Idempotent: repeating the last move is a
 * no-op (no event), so the worker may re-run a merger plan. The schedule and history are untouched.
 */
export function moveRecommendation(
  cmd: MoveRecommendation,
  state: InspectionState,
  ctx: DecideContext,
): RecommendationMoved[] {
  const { recommendationId, fromUnitId, toUnitId } = cmd.data;
  const s = requireExisting(state);
  if (s.status !== 'concluded' && s.status !== 'closed') {
    throw inspectionIllegal(`inspection ${s.inspectionId} is ${s.status}, not concluded`);
  }
  const rec = findRecommendation(s, recommendationId);
  requireInspectionText(fromUnitId, 'fromUnitId');
  requireInspectionText(toUnitId, 'toUnitId');
  if (fromUnitId === toUnitId) throw inspectionInvalid('toUnitId', 'toUnitId must differ from fromUnitId');
  const effectiveOn = requireActionDate(cmd.data.effectiveOn, 'effectiveOn', '0001-01-01', ctx.today);
  const last = rec.moves.at(-1);
  if (last && last.fromUnitId === fromUnitId && last.toUnitId === toUnitId && rec.ownerUnitId === toUnitId)
    return [];
  if (s.status === 'closed') throw inspectionIllegal(`inspection ${s.inspectionId} is closed`);
  if (rec.status !== 'open') throw inspectionIllegal(`recommendation ${recommendationId} is ${rec.status}`);
  if (rec.ownerUnitId !== fromUnitId) {
    throw inspectionIllegal(
      `recommendation ${recommendationId} is owned by ${rec.ownerUnitId}, not ${fromUnitId}`,
    );
  }
  return [{ type: 'RecommendationMoved', data: { recommendationId, fromUnitId, toUnitId, effectiveOn } }];
}

export function closeInspection(
  cmd: CloseInspection,
  state: InspectionState,
  ctx: DecideContext,
): InspectionClosed {
  const s = requireConcluded(state);
  const open = s.recommendations.filter((r) => r.status === 'open').map((r) => r.recommendationId);
  if (open.length > 0) throw inspectionIllegal(`recommendations still open: ${open.join(', ')}`);
  const settled = s.recommendations.map((r) => r.doneOn ?? r.waivedOn ?? s.conclusion.concludedOn);
  const directive = s.conclusion.directive?.issuedOn;
  const notBefore = [s.conclusion.concludedOn, ...settled, ...(directive ? [directive] : [])].reduce(maxDate);
  const closedOn = requireActionDate(cmd.data.closedOn, 'closedOn', notBefore, ctx.today);
  return { type: 'InspectionClosed', data: { closedOn, ...lateEntryOf(closedOn, ctx) } };
}

/** The inspection decider. */
export function decideInspection(
  cmd: InspectionCommand,
  state: InspectionState,
  ctx: DecideContext,
): InspectionEvent[] {
  switch (cmd.type) {
    case 'DecideInspection':
      return [recordInspectionDecision(cmd, state, ctx)];
    case 'StartFieldwork':
      return [startFieldwork(cmd, state, ctx)];
    case 'ConcludeInspection':
      return [concludeInspection(cmd, state, ctx)];
    case 'IssueDirective':
      return [issueDirective(cmd, state, ctx)];
    case 'SubmitRemediationPlan':
      return [submitRemediationPlan(cmd, state, ctx)];
    case 'ReportProgress':
      return [reportProgress(cmd, state, ctx)];
    case 'WaiveRecommendation':
      return [waiveRecommendation(cmd, state, ctx)];
    case 'MoveRecommendation':
      return moveRecommendation(cmd, state, ctx);
    case 'CloseInspection':
      return [closeInspection(cmd, state, ctx)];
    default:
      return assertNever(cmd, 'inspection command');
  }
}
