import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import { planUnitMerger } from './unit-merger.plan.js';

describe('planUnitMerger', () => {
  const input = {
    ceasingUnitId: 'xa-a',
    successorUnitId: 'phuong-b',
    effectiveOn: '2026-07-01',
    pendingCaseIds: ['c-3', 'c-1', 'c-2', 'c-1'],
    openRecommendations: [
      { inspectionId: 'i-2', recommendationId: 'r-1' },
      { inspectionId: 'i-1', recommendationId: 'r-2' },
      { inspectionId: 'i-1', recommendationId: 'r-1' },
      { inspectionId: 'i-2', recommendationId: 'r-1' },
    ],
  };
  const move = { fromUnitId: 'xa-a', toUnitId: 'phuong-b', effectiveOn: '2026-07-01' };

  it('moves cases first, then recommendations, each sorted and without duplicates', () =>
    expect(planUnitMerger(input)).toEqual([
      { kind: 'MoveCase', caseId: 'c-1', ...move },
      { kind: 'MoveCase', caseId: 'c-2', ...move },
      { kind: 'MoveCase', caseId: 'c-3', ...move },
      { kind: 'MoveRecommendation', inspectionId: 'i-1', recommendationId: 'r-1', ...move },
      { kind: 'MoveRecommendation', inspectionId: 'i-1', recommendationId: 'r-2', ...move },
      { kind: 'MoveRecommendation', inspectionId: 'i-2', recommendationId: 'r-1', ...move },
    ]));

  it('is deterministic whatever the input order', () =>
    expect(
      planUnitMerger({
        ...input,
        pendingCaseIds: [...input.pendingCaseIds].reverse(),
        openRecommendations: [...input.openRecommendations].reverse(),
      }),
    ).toEqual(planUnitMerger(input)));

  it('plans nothing for a unit with nothing pending', () =>
    expect(planUnitMerger({ ...input, pendingCaseIds: [], openRecommendations: [] })).toEqual([]));

  it('rejects a merger into itself', () => {
    expect(() => planUnitMerger({ ...input, successorUnitId: 'xa-a' })).toThrow(DomainError);
    try {
      planUnitMerger({ ...input, successorUnitId: 'xa-a' });
    } catch (e) {
      expect((e as DomainError).code).toBe('VALIDATION_FAILED');
      expect((e as DomainError).path).toBe('successorUnitId');
    }
  });
});
