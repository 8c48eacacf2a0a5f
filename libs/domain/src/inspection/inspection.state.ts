import type { Deadline } from '../rules/rule.types.js';
import type { IsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type { ConcludedRecommendation, InspectionEvent, InspectionKind } from './inspection.events.js';

export type RecommendationStatus = 'open' | 'done' | 'waived';

/** A recommendation and its follow-up; it satisfies `ScheduledRecommendation` for the schedule arithmetic. */
export interface RecommendationState extends ConcludedRecommendation {
  status: RecommendationStatus;
  concludedOn: IsoDate;
  /** Remediation plans in the order submitted (a later one revises the earlier). */
  plans: { submittedOn: IsoDate; actions: string[] }[];
  reports: { reportedOn: IsoDate; progress: string; done: boolean }[];
  doneOn: IsoDate | null;
  waivedOn: IsoDate | null;
  waiveReason: string | null;
  /** Owner changes by unit mergers, oldest first; `ownerUnitId` is the current owner. */
  moves: { fromUnitId: string; toUnitId: string; effectiveOn: IsoDate }[];
}

export interface InspectionInfo {
  inspectionId: string;
  title: string;
  kind: InspectionKind;
  leadUnitId: string;
  inspectedUnitId: string;
  decidedOn: IsoDate;
}

export interface Conclusion {
  concludedOn: IsoDate;
  summary: string;
  directiveDeadline: Deadline;
  directive: { issuedOn: IsoDate; outcome: 'met' | 'missed' } | null;
}

type Concluded = InspectionInfo & {
  fieldworkStartedOn: IsoDate | null;
  conclusion: Conclusion;
  recommendations: RecommendationState[];
};

export type InspectionState =
  | { status: 'none' }
  | ({ status: 'decided'; fieldworkStartedOn: null } & InspectionInfo)
  | ({ status: 'fieldwork'; fieldworkStartedOn: IsoDate } & InspectionInfo)
  | ({ status: 'concluded' } & Concluded)
  | ({ status: 'closed'; closedOn: IsoDate } & Concluded);

export const initialInspectionState = (): InspectionState => ({ status: 'none' });

function updateRecommendation(
  state: InspectionState,
  recommendationId: string,
  change: (rec: RecommendationState) => RecommendationState,
): InspectionState {
  if (state.status !== 'concluded') return state;
  return {
    ...state,
    recommendations: state.recommendations.map((r) =>
      r.recommendationId === recommendationId ? change(r) : r,
    ),
  };
}

export function evolveInspection(state: InspectionState, event: InspectionEvent): InspectionState {
  switch (event.type) {
    case 'InspectionDecided':
      return { status: 'decided', fieldworkStartedOn: null, ...event.data };
    case 'FieldworkStarted':
      if (state.status !== 'decided') return state;
      return { ...state, status: 'fieldwork', fieldworkStartedOn: event.data.startedOn };
    case 'InspectionConcluded': {
      if (state.status !== 'decided' && state.status !== 'fieldwork') return state;
      const { concludedOn, summary, recommendations, directiveDeadline } = event.data;
      return {
        ...state,
        status: 'concluded',
        conclusion: { concludedOn, summary, directiveDeadline, directive: null },
        recommendations: recommendations.map((r) => ({
          ...r,
          reportDates: r.reportDates === null ? null : [...r.reportDates],
          concludedOn,
          status: 'open',
          plans: [],
          reports: [],
          doneOn: null,
          waivedOn: null,
          waiveReason: null,
          moves: [],
        })),
      };
    }
    case 'DirectiveIssued':
      if (state.status !== 'concluded') return state;
      return {
        ...state,
        conclusion: {
          ...state.conclusion,
          directive: { issuedOn: event.data.issuedOn, outcome: event.data.outcome },
        },
      };
    case 'RemediationPlanSubmitted': {
      const { recommendationId, submittedOn, actions } = event.data;
      return updateRecommendation(state, recommendationId, (r) => ({
        ...r,
        plans: [...r.plans, { submittedOn, actions: [...actions] }],
      }));
    }
    case 'ProgressReported': {
      const { recommendationId, reportedOn, progress, done } = event.data;
      return updateRecommendation(state, recommendationId, (r) => ({
        ...r,
        reports: [...r.reports, { reportedOn, progress, done }],
        ...(done ? { status: 'done' as const, doneOn: reportedOn } : {}),
      }));
    }
    case 'RecommendationWaived': {
      const { recommendationId, at, reason } = event.data;
      return updateRecommendation(state, recommendationId, (r) => ({
        ...r,
        status: 'waived',
        waivedOn: at,
        waiveReason: reason,
      }));
    }
    case 'RecommendationMoved': {
      const { recommendationId, fromUnitId, toUnitId, effectiveOn } = event.data;
      return updateRecommendation(state, recommendationId, (r) => ({
        ...r,
        ownerUnitId: toUnitId,
        moves: [...r.moves, { fromUnitId, toUnitId, effectiveOn }],
      }));
    }
    case 'InspectionClosed':
      if (state.status !== 'concluded') return state;
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    default:
      return assertNever(event, 'inspection event');
  }
}

export const foldInspection = (events: readonly InspectionEvent[]): InspectionState =>
  events.reduce(evolveInspection, initialInspectionState());

/** The report dates of a recommendation, for `followUp` / `reportsDueBetween`. */
export const reportDatesOf = (rec: RecommendationState): IsoDate[] => rec.reports.map((r) => r.reportedOn);
