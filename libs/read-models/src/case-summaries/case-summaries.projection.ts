import type { StoredEvent } from '../../../event-store/src/index.js';
import { CASE_EVENT_TYPES, type CaseEvent, assertNever } from '../../../domain/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

/**
 * The copy of the letter the case list keeps for search (architecture.md decision 7): the text only
 * while the case is not a denunciation — by its kind, or before classification by the desk's hint —
 * and '' once it is one (classify and reclassify drop it). The projections read the log with the
 * letters opened (case.letter.ts); a letter that could not be opened (erased) arrives as ''.
 */
function searchableLetter(content: unknown, kind: unknown, kindHint: unknown): string {
  if ((kind ?? kindHint) === 'denunciation') return '';
  return typeof content === 'string' ? content : '';
}

/** One row per case: the list and search read model (`GET /cases`). Holds no identities. */
export const caseSummariesProjection = defineProjection({
  name: 'case-summaries.v1',
  table: 'rm_cases',
  keyColumns: ['case_id'],
  groupColumns: ['case_id'],
  temporal: false,
  handles: [...CASE_EVENT_TYPES, 'LetterErased'],
  readsLetters: true,
  groupsOf: (e) => [{ case_id: (e.data as { caseId: string }).caseId }],
  evolve: (rows, stored) => {
    const e = stored as unknown as CaseEvent;
    const prev = rows[0];
    const base = (row: Row): Row[] => [
      {
        ...row,
        version: stored.version,
        last_position: stored.globalPosition,
        updated_at: stored.recordedAt,
      },
    ];
    if (e.type === 'CaseReceived') {
      const d = e.data;
      return base({
        case_id: d.caseId,
        tracking_code: d.trackingCode,
        kind: null,
        kind_hint: d.kindHint ?? null,
        level: null,
        status: 'received',
        channel: d.channel,
        field: d.field ?? null,
        receiving_unit_id: d.receivingUnitId,
        competent_unit_id: null,
        handler_id: null,
        received_at: d.receivedAt,
        accepted_at: null,
        decided_at: null,
        subject: d.subject,
        content: searchableLetter(d.content, null, d.kindHint ?? null),
        petitioner_count: d.petitioners.length,
      });
    }
    if (!prev) return rows; // an event for a case whose receipt this projection never saw
    // The letter's key was erased with the last of its petitioners (erasure.ts): no copy stays.
    // (Another stream's event: the case's version and position stay.)
    if ((stored.type as string) === 'LetterErased') return [{ ...prev, content: '' }];
    switch (e.type) {
      case 'CaseClassified':
        return base({
          ...prev,
          status: 'classified',
          content: searchableLetter(prev.content, e.data.kind, null),
          kind: e.data.kind,
          level: e.data.level,
          competent_unit_id: e.data.competentUnitId,
        });
      case 'CaseReclassified':
        return base({
          ...prev,
          content: searchableLetter(prev.content, e.data.kind, null),
          kind: e.data.kind,
          level: e.data.level,
          competent_unit_id: e.data.competentUnitId,
        });
      case 'CaseAmended': {
        // corrected intake data applies from registration (docs/reference/api-contract.md, Case commands: amend)
        const d = e.data;
        return base({
          ...prev,
          ...(d.subject !== undefined ? { subject: d.subject } : {}),
          ...(d.content !== undefined
            ? { content: searchableLetter(d.content, prev.kind, prev.kind_hint) }
            : {}),
          ...(d.channel !== undefined ? { channel: d.channel } : {}),
          ...(d.field !== undefined ? { field: d.field } : {}),
          ...(d.petitioners !== undefined ? { petitioner_count: d.petitioners.length } : {}),
        });
      }
      case 'CaseAccepted':
        return base({ ...prev, status: 'accepted', accepted_at: e.data.acceptedAt });
      case 'CaseRejected':
        return base({ ...prev, status: 'rejected' });
      case 'CaseGuided':
        return base({ ...prev, status: 'guided' });
      case 'CaseArchived':
        return base({ ...prev, status: 'archived' });
      case 'CaseTransferred':
        return e.data.kind === 'ordinary'
          ? base({
              ...prev,
              status: 'received',
              receiving_unit_id: e.data.receivingUnitId,
              competent_unit_id: null,
            })
          : base({
              ...prev,
              receiving_unit_id: e.data.receivingUnitId,
              competent_unit_id: e.data.competentUnitId,
            });
      case 'HandlerAssigned':
        return base({ ...prev, handler_id: e.data.handlerId });
      case 'HandlerUnassigned':
        return base({ ...prev, handler_id: null });
      case 'CaseSuspended':
        return base({ ...prev, status: 'suspended' });
      case 'CaseResumed':
        return base({ ...prev, status: 'accepted' });
      case 'CaseResolved':
        return base({ ...prev, status: 'resolved', decided_at: e.data.decidedAt });
      case 'CaseWithdrawn':
        return base({ ...prev, status: 'withdrawn' });
      case 'CaseTerminated':
        return base({ ...prev, status: 'terminated' });
      case 'CaseClosed':
        return base({ ...prev, status: 'closed' });
      case 'DeadlineExtended':
      case 'DialogueRecorded':
      case 'DeadlineMissed':
      case 'DeadlineCorrected':
      case 'DeadlineStarted':
      case 'LookupPinReissued':
        return base(prev);
      default:
        return assertNever(e, 'case event');
    }
  },
});

export type CaseSummaryEvent = StoredEvent;
