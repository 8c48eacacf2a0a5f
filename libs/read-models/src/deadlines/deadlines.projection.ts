import {
  CASE_EVENT_TYPES,
  type CaseDeadline,
  type CaseEvent,
  type DeadlineOutcomeEntry,
  assertNever,
} from '../../../domain/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

/** A deadline row as started, with the case context of `ctx`. */
function startedRow(ctx: Row, d: CaseDeadline, unitId: string): Row {
  return {
    ...ctx,
    deadline_no: d.deadlineNo,
    unit_id: unitId,
    rule_id: d.ruleId,
    rule_version: d.ruleVersion,
    start_on: d.startOn,
    due_on: d.dueOn,
    state: 'open',
    outcome: null,
    completed_on: null,
    paused_on: null,
    cancelled_on: null,
    miss_recorded: false,
    accountable: true,
    accountability_due_on: d.accountabilityDueOn ?? null,
    grace_until: d.graceUntil ?? null,
    accountability: d.enteredAfterGrace ? 'missed' : null,
  };
}

/** The accountability columns an outcome entry sets (docs/reference/deadlines.md §8–9). */
function accountabilityPatch(r: Row, o: DeadlineOutcomeEntry): Row {
  const patch: Row = {};
  if (o.lateEntry) patch.late_entry = true;
  // decided once: never changed afterwards
  if (o.accountability === null) patch.accountable = false;
  else if (o.accountability !== undefined && r.accountability === null)
    patch.accountability = o.accountability;
  return patch;
}

/**
 * Tracked deadlines, one group of rows per case (temporal: every version kept for `recordedBefore`).
 * Row 0 carries the case context (tracking code, units, handler); rows 1… are the deadlines, named by
 * their `deadlineNo`. Events spell out every deadline they complete, cancel, pause or resume, so this
 * projection needs no rule knowledge.
 */
export const deadlinesProjection = defineProjection({
  name: 'deadlines.v1',
  table: 'rm_deadlines',
  keyColumns: ['case_id', 'deadline_no'],
  groupColumns: ['case_id'],
  temporal: true,
  // the counts of open deadlines the boards' totals read (1760000019520-add-open-deadline-counts.ts)
  rebuilt: ['rm_deadline_open_counts_attach'],
  handles: CASE_EVENT_TYPES.filter(
    (t) => t !== 'DialogueRecorded' && t !== 'CaseClosed' && t !== 'LookupPinReissued',
  ),
  groupsOf: (e) => [{ case_id: (e.data as { caseId: string }).caseId }],
  evolve: (rows, stored) => {
    const e = stored as unknown as CaseEvent;
    const recordedAt = stored.recordedAt;
    // An act brought in by POST /admin/import (docs/reference/deadlines.md §9): counted in accountability's `imported`.
    const imported = (stored.data as { imported?: unknown }).imported === true;
    // The act that started a deadline was a late entry: the overdue board says so (`lateEntry`).
    const startedLate = (stored.data as { lateEntry?: unknown }).lateEntry === true;
    if (e.type === 'CaseReceived') {
      const d = e.data;
      const context: Row = {
        case_id: d.caseId,
        deadline_no: 0,
        tracking_code: d.trackingCode,
        kind: d.kindHint ?? null,
        receiving_unit_id: d.receivingUnitId,
        competent_unit_id: null,
        unit_id: d.receivingUnitId,
        handler_id: null,
        rule_id: null,
        rule_version: null,
        start_on: null,
        due_on: null,
        state: 'context',
        outcome: null,
        completed_on: null,
        paused_on: null,
        cancelled_on: null,
        miss_recorded: false,
      };
      const xld = d.xldDeadline;
      return xld
        ? [context, { ...startedRow(context, xld, d.receivingUnitId), started_late: startedLate }]
        : [context];
    }
    const ctx = rows.find((r) => r.deadline_no === 0);
    if (!ctx) return rows;
    const deadlines = rows.filter((r) => r.deadline_no !== 0);
    const started = (d: CaseDeadline, unitId: string): Row => ({
      ...startedRow(ctx, d, unitId),
      started_late: startedLate,
    });
    const withOutcomes = (list: Row[], outcomes: DeadlineOutcomeEntry[]): Row[] =>
      list.map((r) => {
        const o = outcomes.find((x) => x.deadlineNo === r.deadline_no);
        if (!o) return r;
        switch (o.outcome) {
          case 'met':
          case 'missed':
            return {
              ...r,
              state: 'completed',
              outcome: o.outcome,
              completed_on: o.on,
              completed_recorded_at: recordedAt,
              ...(o.leavesAccountability ? { accountable: false } : {}),
              ...(imported ? { imported: true } : {}),
              ...accountabilityPatch(r, o),
            };
          case 'cancelled':
            return {
              ...r,
              state: 'cancelled',
              cancelled_on: o.on,
              completed_recorded_at: recordedAt,
              ...accountabilityPatch(r, o),
            };
          case 'paused':
            return { ...r, state: 'paused', paused_on: o.on };
          case 'resumed':
            return { ...r, state: 'open', paused_on: null, due_on: o.dueOn, ...accountabilityPatch(r, o) };
          default:
            return assertNever(o.outcome, 'deadline outcome');
        }
      });
    const all = (c: Row, list: Row[]): Row[] => [c, ...list];
    const everywhere = (patch: Row, list: Row[]): Row[] => [
      { ...ctx, ...patch },
      ...list.map((r) => ({ ...r, ...patch })),
    ];
    switch (e.type) {
      case 'CaseClassified': {
        const c = {
          ...ctx,
          kind: e.data.kind,
          competent_unit_id: e.data.competentUnitId,
          unit_id: e.data.competentUnitId,
        };
        const d = e.data.intakeDeadline;
        // TC-XFER is the receiving unit's duty (to pass the denunciation on); the others the competent unit's.
        const unit = d?.ruleId === 'TC-XFER' ? String(ctx.receiving_unit_id) : e.data.competentUnitId;
        const settled = withOutcomes(deadlines, e.data.deadlineOutcomes ?? []);
        return all(
          c,
          (d ? [...settled, started(d, unit)] : settled).map((r) => ({
            ...r,
            kind: e.data.kind,
            competent_unit_id: e.data.competentUnitId,
          })),
        );
      }
      case 'CaseReclassified': {
        const c = {
          ...ctx,
          kind: e.data.kind,
          competent_unit_id: e.data.competentUnitId,
          unit_id: e.data.competentUnitId,
        };
        const d = e.data.intakeDeadline;
        const unit = d?.ruleId === 'TC-XFER' ? String(ctx.receiving_unit_id) : e.data.competentUnitId;
        const settled = withOutcomes(deadlines, e.data.deadlineOutcomes);
        return all(
          c,
          (d ? [...settled, startedRow(c, d, unit)] : settled).map((r) => ({
            ...r,
            kind: e.data.kind,
            competent_unit_id: e.data.competentUnitId,
          })),
        );
      }
      case 'CaseAmended':
        return rows;
      case 'CaseAccepted': {
        const list = withOutcomes(deadlines, e.data.deadlineOutcomes);
        const d = e.data.resolutionDeadline;
        return all(
          ctx,
          d ? [...list, started(d, String(ctx.competent_unit_id ?? ctx.receiving_unit_id))] : list,
        );
      }
      case 'CaseRejected':
      case 'CaseGuided':
      case 'CaseArchived':
      case 'CaseSuspended':
      case 'CaseResolved':
      case 'CaseWithdrawn':
      case 'CaseTerminated':
        return all(ctx, withOutcomes(deadlines, e.data.deadlineOutcomes));
      case 'CaseResumed': {
        const list = withOutcomes(deadlines, e.data.deadlineOutcomes);
        const d = e.data.deadline;
        return all(
          ctx,
          d
            ? list.map((r) =>
                r.deadline_no === d.deadlineNo
                  ? {
                      ...r,
                      state: 'open',
                      paused_on: null,
                      due_on: d.dueOn,
                      accountability_due_on: d.accountabilityDueOn ?? r.accountability_due_on ?? null,
                      grace_until: d.graceUntil ?? r.grace_until ?? null,
                    }
                  : r,
              )
            : list,
        );
      }
      case 'DeadlineExtended': {
        const d = e.data.deadline;
        return all(
          ctx,
          deadlines.map((r) =>
            r.deadline_no === d.deadlineNo
              ? {
                  ...r,
                  due_on: d.dueOn,
                  accountability_due_on: d.accountabilityDueOn ?? r.accountability_due_on ?? null,
                  grace_until: d.graceUntil ?? r.grace_until ?? null,
                }
              : r,
          ),
        );
      }
      case 'CaseTransferred': {
        const units = {
          receiving_unit_id: e.data.receivingUnitId,
          competent_unit_id: e.data.competentUnitId,
        };
        if (e.data.kind === 'ordinary') {
          const list = withOutcomes(deadlines, e.data.deadlineOutcomes).map((r) => ({ ...r, ...units }));
          const moved = { ...ctx, ...units, unit_id: e.data.receivingUnitId };
          const xld = e.data.xldDeadline;
          return all(moved, xld ? [...list, startedRow(moved, xld, e.data.receivingUnitId)] : list);
        }
        // Unit merger: pending deadlines due on or after the merger move to the successor; figures
        // that fell due before it stay with the ceasing unit.
        const at = e.data.at;
        const list = deadlines.map((r) => {
          const pending = r.state === 'open' || r.state === 'paused';
          const moves = r.unit_id === e.data.fromUnitId && pending && String(r.due_on) >= at;
          return { ...r, ...units, ...(moves ? { unit_id: e.data.toUnitId } : {}) };
        });
        return all({ ...ctx, ...units, unit_id: e.data.competentUnitId ?? e.data.receivingUnitId }, list);
      }
      case 'HandlerAssigned':
        return everywhere({ handler_id: e.data.handlerId }, deadlines);
      case 'HandlerUnassigned':
        return everywhere({ handler_id: null }, deadlines);
      case 'DeadlineMissed':
        return all(
          ctx,
          deadlines.map((r) =>
            r.deadline_no === e.data.deadlineNo
              ? { ...r, miss_recorded: true, accountability: r.accountability ?? 'missed' }
              : r,
          ),
        );
      case 'DeadlineCorrected': {
        const c = e.data;
        return all(
          ctx,
          deadlines.map((r) =>
            r.deadline_no === c.deadlineNo
              ? {
                  ...r,
                  due_on: c.dueOn,
                  ...(c.accountabilityDueOn !== undefined
                    ? { accountability_due_on: c.accountabilityDueOn, grace_until: c.graceUntil ?? null }
                    : {}),
                }
              : r,
          ),
        );
      }
      case 'DeadlineStarted': {
        const row = startedRow(ctx, e.data.deadline, e.data.unitId);
        return all(ctx, [...deadlines, e.data.accountable ? row : { ...row, accountable: false }]);
      }
      case 'DialogueRecorded':
      case 'CaseClosed':
      case 'LookupPinReissued':
        return rows;
      default:
        return assertNever(e, 'case event');
    }
  },
});
