import { isIsoDate, type IsoDate } from '../shared/dates.js';
import { unitInvalid } from './unit.errors.js';

/** One pending case to move to the successor unit; its deadlines carry over (docs/reference/legal.md §9). */
export interface MoveCaseStep {
  kind: 'MoveCase';
  caseId: string;
  fromUnitId: string;
  toUnitId: string;
  effectiveOn: IsoDate;
}

/** One open recommendation to hand to the successor unit; its schedule and history stay. */
export interface MoveRecommendationStep {
  kind: 'MoveRecommendation';
  inspectionId: string;
  recommendationId: string;
  fromUnitId: string;
  toUnitId: string;
  effectiveOn: IsoDate;
}

export type MergerStep = MoveCaseStep | MoveRecommendationStep;

export interface UnitMergerInput {
  ceasingUnitId: string;
  successorUnitId: string;
  effectiveOn: IsoDate;
  pendingCaseIds: readonly string[];
  openRecommendations: readonly { inspectionId: string; recommendationId: string }[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The commands a unit merger implies, for the worker to run one by one (each step is idempotent on
 * its own stream). Deterministic: cases first, by case id; then recommendations by inspection id and
 * recommendation id; duplicates are dropped. The `UnitMerged` event itself is not a step.
 */
export function planUnitMerger(input: UnitMergerInput): MergerStep[] {
  const { ceasingUnitId, successorUnitId, effectiveOn } = input;
  if (typeof ceasingUnitId !== 'string' || ceasingUnitId === '')
    throw unitInvalid('ceasingUnitId', 'ceasingUnitId is required');
  if (typeof successorUnitId !== 'string' || successorUnitId === '')
    throw unitInvalid('successorUnitId', 'successorUnitId is required');
  if (ceasingUnitId === successorUnitId)
    throw unitInvalid('successorUnitId', 'a unit cannot merge into itself');
  if (!isIsoDate(effectiveOn)) throw unitInvalid('effectiveOn', 'effectiveOn must be a date (YYYY-MM-DD)');
  const move = { fromUnitId: ceasingUnitId, toUnitId: successorUnitId, effectiveOn };

  const caseIds = [...new Set(input.pendingCaseIds)].sort(byCodeUnits);
  const recKeys = new Map<string, { inspectionId: string; recommendationId: string }>();
  for (const r of input.openRecommendations)
    recKeys.set(JSON.stringify([r.inspectionId, r.recommendationId]), r);
  const recs = [...recKeys.values()].sort(
    (a, b) =>
      byCodeUnits(a.inspectionId, b.inspectionId) || byCodeUnits(a.recommendationId, b.recommendationId),
  );

  return [
    ...caseIds.map((caseId): MoveCaseStep => ({ kind: 'MoveCase', caseId, ...move })),
    ...recs.map(({ inspectionId, recommendationId }): MoveRecommendationStep => ({
      kind: 'MoveRecommendation',
      inspectionId,
      recommendationId,
      ...move,
    })),
  ];
}
