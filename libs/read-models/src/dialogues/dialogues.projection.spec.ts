import { describe, expect, it } from '@jest/globals';
import { fold, stored } from '../testing/projection-fold.js';
import { CASE_CONTEXT_ROW, dialoguesProjection } from './dialogues.projection.js';

describe('dialogues.v1', () => {
  it('credits a dialogue to the responsible unit when it was recorded', () => {
    const rows = fold(dialoguesProjection, [
      stored('case-c1', 'CaseReceived', { caseId: 'c1', receivingUnitId: 'xa-a' }),
      stored('case-c1', 'DialogueRecorded', { caseId: 'c1', dialogueId: 'd1', heldAt: '2026-06-01' }),
      stored('case-c1', 'CaseClassified', { caseId: 'c1', competentUnitId: 'so-tn' }),
      stored('case-c1', 'DialogueRecorded', { caseId: 'c1', dialogueId: 'd2', heldAt: '2026-06-10' }),
      stored('case-c1', 'CaseTransferred', { caseId: 'c1', receivingUnitId: 'tinh', competentUnitId: null }),
    ]);
    expect(rows).toEqual([
      {
        case_id: 'c1',
        dialogue_id: CASE_CONTEXT_ROW,
        receiving_unit_id: 'tinh',
        competent_unit_id: null,
        unit_id: 'tinh',
        held_at: null,
      },
      {
        case_id: 'c1',
        dialogue_id: 'd1',
        receiving_unit_id: 'xa-a',
        competent_unit_id: null,
        unit_id: 'xa-a',
        held_at: '2026-06-01',
      },
      {
        case_id: 'c1',
        dialogue_id: 'd2',
        receiving_unit_id: 'xa-a',
        competent_unit_id: 'so-tn',
        unit_id: 'so-tn',
        held_at: '2026-06-10',
      },
    ]);
  });

  it('ignores a dialogue of an unknown case', () =>
    expect(
      fold(dialoguesProjection, [
        stored('case-x', 'DialogueRecorded', { caseId: 'x', dialogueId: 'd', heldAt: '2026-06-01' }),
      ]),
    ).toEqual([]));
});
