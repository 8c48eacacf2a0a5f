import { type CaseEvent, assertNever } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

const DIALOGUE_EVENTS = ['CaseReceived', 'CaseClassified', 'CaseTransferred', 'DialogueRecorded'] as const;
type DialogueRelevant = Extract<CaseEvent, { type: (typeof DIALOGUE_EVENTS)[number] }>;

/** The context row of a case in `rm_dialogues` (one per case; dialogue rows have their own id). */
export const CASE_CONTEXT_ROW = '';

/**
 * `rm_dialogues` (temporal): per case, a context row (`dialogue_id = ''`) holding the responsible
 * unit (competent ?? receiving), and one row per recorded dialogue (đối thoại) with `held_at` and the
 * responsible unit at the moment the dialogue was recorded (`unit_id`). A later transfer or merger
 * does not move dialogues already held: they were that unit's work. `/accountability` counts
 * `dialoguesHeld` from these rows.
 */
export const dialoguesProjection = defineProjection({
  name: 'dialogues.v1',
  table: 'rm_dialogues',
  keyColumns: ['case_id', 'dialogue_id'],
  groupColumns: ['case_id'],
  temporal: true,
  handles: DIALOGUE_EVENTS,
  groupsOf: (e: StoredEvent) => [{ case_id: (e.data as { caseId: string }).caseId }],
  evolve: (rows, stored) => {
    const e = stored as unknown as DialogueRelevant;
    const ctx = rows.find((r) => r.dialogue_id === CASE_CONTEXT_ROW);
    const dialogues = rows.filter((r) => r.dialogue_id !== CASE_CONTEXT_ROW);
    const context = (receiving: string, competent: string | null): Row => ({
      case_id: e.data.caseId,
      dialogue_id: CASE_CONTEXT_ROW,
      receiving_unit_id: receiving,
      competent_unit_id: competent,
      unit_id: competent ?? receiving,
      held_at: null,
    });
    switch (e.type) {
      case 'CaseReceived':
        return [context(e.data.receivingUnitId, null), ...dialogues];
      case 'CaseClassified':
        if (!ctx) return rows;
        return [context(String(ctx.receiving_unit_id), e.data.competentUnitId), ...dialogues];
      case 'CaseTransferred':
        if (!ctx) return rows;
        return [context(e.data.receivingUnitId, e.data.competentUnitId), ...dialogues];
      case 'DialogueRecorded':
        if (!ctx) return rows;
        return [
          ctx,
          ...dialogues.filter((d) => d.dialogue_id !== e.data.dialogueId),
          { ...ctx, dialogue_id: e.data.dialogueId, held_at: e.data.heldAt },
        ];
      default:
        return assertNever(e, 'case event');
    }
  },
});
