import {
  INSPECTION_EVENT_TYPES,
  type ConcludedRecommendation,
  type InspectionEvent,
  assertNever,
} from '../../../domain/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

/** `recommendation_id` of the row that carries the inspection itself. */
export const INSPECTION_ROW_ID = '';

const inspectionIdOf = (streamId: string): string => streamId.replace(/^inspection-/, '');

/** The columns of a recommendation row that the inspection row leaves empty. */
const NO_RECOMMENDATION: Row = {
  owner_unit_id: null,
  text: null,
  due_on: null,
  report_every: null,
  report_dates: null,
  reports: [],
  plan_submitted_on: null,
  done_on: null,
  waived_on: null,
  moves: [],
};

const recommendationRow = (inspection: Row, r: ConcludedRecommendation): Row => ({
  ...inspection,
  recommendation_id: r.recommendationId,
  owner_unit_id: r.ownerUnitId,
  text: r.text,
  due_on: r.dueOn,
  report_every: r.reportEvery,
  report_dates: r.reportDates === null ? null : [...r.reportDates],
  reports: [],
  plan_submitted_on: null,
  status: 'open',
  done_on: null,
  waived_on: null,
  moves: [],
});

/**
 * Inspections and their recommendations (temporal; table `rm_recommendations`). One group per
 * inspection: the row `recommendation_id = ''` (status `inspection`) holds the decision, and one row
 * per recommendation (status `open` | `done` | `waived`) holds its owner, remediation target, report
 * schedule (`report_every` or `report_dates`), the dates of its reports (`reports`, a list of
 * `reportedOn`) and the moves made by unit mergers. Every row repeats the inspection's title, units
 * and status, so boards need no join. The schedule arithmetic is not stored: boards run the domain's
 * `followUp` / `reportsDueBetween` over these rows at query time.
 */
export const inspectionsProjection = defineProjection({
  name: 'inspections.v1',
  table: 'rm_recommendations',
  keyColumns: ['inspection_id', 'recommendation_id'],
  groupColumns: ['inspection_id'],
  temporal: true,
  handles: INSPECTION_EVENT_TYPES,
  groupsOf: (e) => [{ inspection_id: inspectionIdOf(e.streamId) }],
  evolve: (rows, stored) => {
    const e = stored as unknown as InspectionEvent;
    if (e.type === 'InspectionDecided') {
      const d = e.data;
      return [
        {
          inspection_id: d.inspectionId,
          recommendation_id: INSPECTION_ROW_ID,
          title: d.title,
          kind: d.kind,
          lead_unit_id: d.leadUnitId,
          inspected_unit_id: d.inspectedUnitId,
          inspection_status: 'decided',
          decided_on: d.decidedOn,
          concluded_on: null,
          directive_issued_on: null,
          closed_on: null,
          ...NO_RECOMMENDATION,
          status: 'inspection',
        },
      ];
    }
    const inspection = rows.find((r) => r.recommendation_id === INSPECTION_ROW_ID);
    if (!inspection) return rows;
    const everywhere = (patch: Row): Row[] => rows.map((r) => ({ ...r, ...patch }));
    const one = (recommendationId: string, change: (r: Row) => Row): Row[] =>
      rows.map((r) => (r.recommendation_id === recommendationId ? change(r) : r));
    switch (e.type) {
      case 'FieldworkStarted':
        return everywhere({ inspection_status: 'fieldwork' });
      case 'InspectionConcluded': {
        const concluded = { ...inspection, inspection_status: 'concluded', concluded_on: e.data.concludedOn };
        return [concluded, ...e.data.recommendations.map((r) => recommendationRow(concluded, r))];
      }
      case 'DirectiveIssued':
        return everywhere({ directive_issued_on: e.data.issuedOn });
      case 'RemediationPlanSubmitted':
        return one(e.data.recommendationId, (r) => ({ ...r, plan_submitted_on: e.data.submittedOn }));
      case 'ProgressReported': {
        const { recommendationId, reportedOn, done } = e.data;
        return one(recommendationId, (r) => ({
          ...r,
          reports: [...(r.reports as string[]), reportedOn],
          ...(done ? { status: 'done', done_on: reportedOn } : {}),
        }));
      }
      case 'RecommendationWaived':
        return one(e.data.recommendationId, (r) => ({ ...r, status: 'waived', waived_on: e.data.at }));
      case 'RecommendationMoved': {
        const { recommendationId, fromUnitId, toUnitId, effectiveOn } = e.data;
        return one(recommendationId, (r) => ({
          ...r,
          owner_unit_id: toUnitId,
          moves: [...(r.moves as unknown[]), { fromUnitId, toUnitId, effectiveOn }],
        }));
      }
      case 'InspectionClosed':
        return everywhere({ inspection_status: 'closed', closed_on: e.data.closedOn });
      default:
        return assertNever(e, 'inspection event');
    }
  },
});
