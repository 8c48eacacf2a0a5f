import { CASE_EVENT_TYPES, type CaseEvent, assertNever } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

/**
 * `rm_statistics` (temporal): the facts the periodic reports count (TT 02/2021/TT-TTCP), one group of
 * rows per case stream (`subject_id` = `case-<id>`). Each row is one countable act with the business
 * date it took effect (`on_date`), the unit it is attributed to (docs/reference/api-contract.md `GET /statistics`,
 * "Attribution") and the dimensions a report splits it by; every version is kept with the instant it
 * was recorded, so a report can be re-issued exactly as it was filed (`recordedBefore`), and every
 * figure is a `count(*)` over an index range (`unit_id`, `figure`, `on_date`), never a walk over cases.
 *
 * Figures (`figure`):
 * - `case` (`fact_id` ''): the case's context, in `state` — not counted;
 * - `received`: the receiving unit on `receivedAt`; a letter transferred in: the unit it was
 *   transferred to on the transfer's `at`, with `from_unit_id` (a roll-up counts a transfer inside its
 *   subtree once);
 * - `classified`: a classification with its `kind`, so `received.byKind` can take the kind as
 *   classified on any date;
 * - `accepted`, `rejected`, `resolved`: the responsible (competent, else receiving) unit on the act's date;
 *   `resolved` carries `outcome`, `timeliness` (`on_time`, `late`, `without_deadline`) and `late_entry`;
 * - `guided`, `archived` (`outcome` = the reason), `transferred`: the unit holding the case (the
 *   receiving unit: a letter stays with it until it is transferred);
 * - `dialogue`: a dialogue held, to the responsible unit;
 * - `open`: a span `[on_date, until_date)` of business days during which the case was open under one
 *   responsible unit (`until_date` null while it still is). A unit merger ends the ceasing unit's span on
 *   `effectiveOn`; a closing act (reject, guide, archive, resolve, withdraw, terminate) ends the last.
 *
 * Merger moves are not `transferred` and never move acts already counted: a ceased unit's figures stay
 * with it.
 */
export const STATISTICS_FIGURES = [
  'received',
  'classified',
  'accepted',
  'rejected',
  'guided',
  'archived',
  'transferred',
  'resolved',
  'dialogue',
  'open',
] as const;
export type StatisticsFigure = (typeof STATISTICS_FIGURES)[number];

export const CONTEXT_FACT = '';

/** The context of a case, kept in its `case` row. */
export interface StatisticsCaseState {
  caseId: string;
  trackingCode: string;
  receivingUnitId: string;
  competentUnitId: string | null;
  kind: string | null;
  level: number | null;
  channel: string | null;
  field: string | null;
  /** The tracked resolution deadline (KN-RES…, TC-RES) started at acceptance, if any. */
  resolutionDeadlineNo: number | null;
  resolutionDueOn: string | null;
  /** The responsible unit from each date on, in the order the acts were recorded. */
  timeline: { on: string; unitId: string }[];
  /** The business date of the first closing act (the case is open before it). */
  closedOn: string | null;
}

const FACT_COLUMNS = {
  from_unit_id: null,
  until_date: null,
  kind: null,
  level: null,
  channel: null,
  field: null,
  outcome: null,
  timeliness: null,
  late_entry: false,
  state: null,
} as const;

const isLateEntry = (e: StoredEvent): boolean =>
  e.metadata?.lateEntry === true || (e.data as { lateEntry?: unknown }).lateEntry === true;

const responsible = (s: StatisticsCaseState): string => s.competentUnitId ?? s.receivingUnitId;

/** The open spans of a case: the timeline sorted by date (stable), cut at the first closing act. */
export function openSpans(s: StatisticsCaseState): { unitId: string; from: string; until: string | null }[] {
  const points = [...s.timeline].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const spans: { unitId: string; from: string; until: string | null }[] = [];
  for (const p of points) {
    const last = spans[spans.length - 1];
    if (last && last.unitId === p.unitId) continue;
    if (last) {
      if (last.from === p.on) {
        spans.pop();
        const before = spans[spans.length - 1];
        if (before && before.unitId === p.unitId) {
          before.until = null;
          continue;
        }
      } else last.until = p.on;
    }
    spans.push({ unitId: p.unitId, from: p.on, until: null });
  }
  if (s.closedOn === null) return spans;
  const closed = s.closedOn;
  return spans
    .filter((sp) => sp.from < closed)
    .map((sp) => ({ ...sp, until: sp.until === null || sp.until > closed ? closed : sp.until }));
}

export const statisticsProjection = defineProjection({
  name: 'statistics.v1',
  table: 'rm_statistics',
  keyColumns: ['subject_id', 'fact_id'],
  groupColumns: ['subject_id'],
  temporal: true,
  handles: CASE_EVENT_TYPES.filter(
    (t) =>
      t !== 'HandlerAssigned' &&
      t !== 'HandlerUnassigned' &&
      t !== 'DeadlineMissed' &&
      t !== 'CaseClosed' &&
      t !== 'LookupPinReissued',
  ),
  groupsOf: (e) => [{ subject_id: e.streamId }],
  evolve: (rows, stored, group) => {
    const e = stored as unknown as CaseEvent;
    const subject = String(group.subject_id);
    const ctxRow = rows.find((r) => r.fact_id === CONTEXT_FACT);
    const facts = rows.filter((r) => r.fact_id !== CONTEXT_FACT && r.figure !== 'open');
    const fact = (
      s: StatisticsCaseState,
      figure: StatisticsFigure,
      unitId: string,
      on: string,
      extra: Row = {},
    ): Row => ({
      subject_id: subject,
      fact_id: `${figure}:${stored.version}`,
      figure,
      case_id: s.caseId,
      tracking_code: s.trackingCode,
      unit_id: unitId,
      on_date: on,
      seq: stored.version,
      ...FACT_COLUMNS,
      kind: s.kind,
      level: s.level,
      channel: s.channel,
      field: s.field,
      late_entry: isLateEntry(stored),
      ...extra,
    });
    const result = (s: StatisticsCaseState, list: Row[]): Row[] => [
      {
        subject_id: subject,
        fact_id: CONTEXT_FACT,
        figure: 'case',
        case_id: s.caseId,
        tracking_code: s.trackingCode,
        unit_id: responsible(s),
        on_date: s.timeline[0]!.on,
        seq: 0,
        ...FACT_COLUMNS,
        kind: s.kind,
        level: s.level,
        channel: s.channel,
        field: s.field,
        state: s,
      },
      ...list,
      ...openSpans(s).map((sp, i) => ({
        subject_id: subject,
        fact_id: `open:${i + 1}`,
        figure: 'open',
        case_id: s.caseId,
        tracking_code: s.trackingCode,
        unit_id: sp.unitId,
        on_date: sp.from,
        seq: 0,
        ...FACT_COLUMNS,
        until_date: sp.until,
        kind: s.kind,
        level: s.level,
        channel: s.channel,
        field: s.field,
      })),
    ];
    if (e.type === 'CaseReceived') {
      const d = e.data;
      const s: StatisticsCaseState = {
        caseId: d.caseId,
        trackingCode: d.trackingCode,
        receivingUnitId: d.receivingUnitId,
        competentUnitId: null,
        kind: null,
        level: null,
        channel: d.channel,
        field: d.field ?? null,
        resolutionDeadlineNo: null,
        resolutionDueOn: null,
        timeline: [{ on: d.receivedAt, unitId: d.receivingUnitId }],
        closedOn: null,
      };
      return result(s, [fact(s, 'received', d.receivingUnitId, d.receivedAt)]);
    }
    if (!ctxRow) return rows;
    const s = ctxRow.state as StatisticsCaseState;
    const close = (on: string): StatisticsCaseState => ({
      ...s,
      closedOn: s.closedOn === null || on < s.closedOn ? on : s.closedOn,
    });
    switch (e.type) {
      case 'CaseAmended': {
        // A corrected channel or field applies from registration, to every fact of the case.
        const d = e.data;
        const patch: Row = {
          ...(d.channel !== undefined ? { channel: d.channel } : {}),
          ...(d.field !== undefined ? { field: d.field } : {}),
        };
        const next: StatisticsCaseState = {
          ...s,
          ...(d.channel !== undefined ? { channel: d.channel } : {}),
          ...(d.field !== undefined ? { field: d.field } : {}),
        };
        return result(
          next,
          facts.map((f) => ({ ...f, ...patch })),
        );
      }
      case 'CaseReclassified': {
        // The corrected kind replaces the one classified (the classification's date stays).
        const d = e.data;
        const next: StatisticsCaseState = {
          ...s,
          kind: d.kind,
          level: d.level,
          competentUnitId: d.competentUnitId,
          timeline: [...s.timeline, { on: d.at, unitId: d.competentUnitId }],
        };
        // Only the classification in force is corrected: one made by another unit before a transfer
        // keeps its kind for the days it was in force.
        const latest = facts
          .filter((f) => f.figure === 'classified')
          .reduce<Row | null>((a, f) => (a === null || Number(f.seq) > Number(a.seq) ? f : a), null);
        return result(
          next,
          facts.map((f) => (f === latest ? { ...f, kind: d.kind, level: d.level } : f)),
        );
      }
      case 'CaseClassified': {
        const d = e.data;
        const next: StatisticsCaseState = {
          ...s,
          kind: d.kind,
          level: d.level,
          competentUnitId: d.competentUnitId,
          timeline: [...s.timeline, { on: d.classifiedAt, unitId: d.competentUnitId }],
        };
        return result(next, [...facts, fact(next, 'classified', d.competentUnitId, d.classifiedAt)]);
      }
      case 'CaseAccepted': {
        const d = e.data;
        const next: StatisticsCaseState = {
          ...s,
          resolutionDeadlineNo: d.resolutionDeadline?.deadlineNo ?? null,
          resolutionDueOn: d.resolutionDeadline?.dueOn ?? null,
        };
        return result(next, [...facts, fact(next, 'accepted', responsible(next), d.acceptedAt)]);
      }
      case 'CaseRejected': {
        const next = close(e.data.at);
        return result(next, [...facts, fact(next, 'rejected', responsible(next), e.data.at)]);
      }
      case 'CaseGuided': {
        const next = close(e.data.at);
        return result(next, [...facts, fact(next, 'guided', next.receivingUnitId, e.data.at)]);
      }
      case 'CaseArchived': {
        const next = close(e.data.at);
        return result(next, [
          ...facts,
          fact(next, 'archived', next.receivingUnitId, e.data.at, { outcome: e.data.reason }),
        ]);
      }
      case 'CaseWithdrawn':
      case 'CaseTerminated':
        return result(close(e.data.at), facts);
      case 'CaseResolved': {
        const d = e.data;
        const next = close(d.decidedAt);
        const no = s.resolutionDeadlineNo;
        const entry = no === null ? undefined : d.deadlineOutcomes.find((o) => o.deadlineNo === no);
        const dueOn = entry?.dueOn ?? s.resolutionDueOn;
        const timeliness =
          no === null || !dueOn ? 'without_deadline' : d.decidedAt <= dueOn ? 'on_time' : 'late';
        return result(next, [
          ...facts,
          fact(next, 'resolved', responsible(next), d.decidedAt, { outcome: d.outcome, timeliness }),
        ]);
      }
      case 'DeadlineExtended': {
        const d = e.data;
        if (d.deadline.deadlineNo !== s.resolutionDeadlineNo) return result(s, facts);
        return result({ ...s, resolutionDueOn: d.deadline.dueOn }, facts);
      }
      case 'CaseResumed': {
        const d = e.data.deadline;
        if (!d || d.deadlineNo !== s.resolutionDeadlineNo) return result(s, facts);
        return result({ ...s, resolutionDueOn: d.dueOn }, facts);
      }
      case 'CaseSuspended':
        return result(s, facts);
      case 'DialogueRecorded':
        return result(s, [...facts, fact(s, 'dialogue', responsible(s), e.data.heldAt)]);
      case 'CaseTransferred': {
        const d = e.data;
        if (d.kind === 'unit_merger') {
          const next: StatisticsCaseState = {
            ...s,
            receivingUnitId: d.receivingUnitId,
            competentUnitId: d.competentUnitId,
          };
          return result(
            { ...next, timeline: [...s.timeline, { on: d.at, unitId: responsible(next) }] },
            facts,
          );
        }
        const next: StatisticsCaseState = {
          ...s,
          receivingUnitId: d.receivingUnitId,
          competentUnitId: d.competentUnitId,
          resolutionDeadlineNo: null,
          resolutionDueOn: null,
        };
        const moved = { ...next, timeline: [...s.timeline, { on: d.at, unitId: responsible(next) }] };
        return result(moved, [
          ...facts,
          fact(s, 'transferred', d.fromUnitId, d.at),
          fact(moved, 'received', d.toUnitId, d.at, { from_unit_id: d.fromUnitId }),
        ]);
      }
      case 'HandlerAssigned':
      case 'HandlerUnassigned':
      case 'DeadlineMissed':
      case 'DeadlineCorrected':
      case 'DeadlineStarted':
      case 'CaseClosed':
      case 'LookupPinReissued':
        return rows;
      default:
        return assertNever(e, 'case event');
    }
  },
});
