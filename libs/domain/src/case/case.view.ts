import type { IsoDate } from '../shared/dates.js';
import type { CaseChannel, CaseKind, CaseStatus, ComplaintLevel, ResolutionOutcome } from './case.events.js';
import type { DeadlineStatus, ExistingCase, TrackedDeadlineState } from './case.state.js';

export interface CaseDeadlineView {
  ruleId: string;
  ruleVersion: IsoDate | null;
  startOn: IsoDate;
  /** Null only for an XLD waiting for calendar data (`pendingCalendar`, docs/reference/deadlines.md §10). */
  dueOn: IsoDate | null;
  status: DeadlineStatus;
  provisional?: boolean;
  pendingCalendar?: true;
  /** docs/reference/deadlines.md §8–9: the last day the record could show it met for accountability. */
  graceUntil?: IsoDate;
  /** The due date accountability uses (extensions and pauses recorded by graceUntil only). */
  accountabilityDueOn?: IsoDate;
  /** The record's outcome: met only if completed on time and recorded by graceUntil; null: not counted. */
  accountability?: 'met' | 'missed' | 'open' | null;
  /** The act that completed or ended it was a late entry. */
  lateEntry?: boolean;
  completedOn?: IsoDate;
  /** When the act that completed or ended it was recorded (ISO instant), next to `completedOn`. */
  completedRecordedAt?: string;
}

/**
 * When each deadline's completing or ending act was recorded, by `deadlineNo`: the recording instant of
 * the last event whose `deadlineOutcomes` marks it met, missed or cancelled (as `evolve` sets
 * `completedOn`). The store's metadata is not part of the fold, so the caller hands the instants in.
 */
export function completionsRecordedAt(
  events: readonly { data: Record<string, unknown>; recordedAt: string }[],
): Map<number, string> {
  const at = new Map<number, string>();
  for (const e of events) {
    const outcomes = (e.data as { deadlineOutcomes?: unknown }).deadlineOutcomes;
    if (!Array.isArray(outcomes)) continue;
    // An event just written whose instant the store did not hand back: leave the deadline without it.
    const recordedAt = e.recordedAt === '' ? undefined : e.recordedAt;
    for (const o of outcomes as { deadlineNo?: unknown; outcome?: unknown }[]) {
      if (typeof o.deadlineNo !== 'number') continue;
      if (o.outcome === 'met' || o.outcome === 'missed' || o.outcome === 'cancelled') {
        if (recordedAt === undefined) at.delete(o.deadlineNo);
        else at.set(o.deadlineNo, recordedAt);
      }
    }
  }
  return at;
}

/** A deadline's accountability outcome as the record shows it today (docs/reference/deadlines.md §8–9). */
export function accountabilityOn(d: TrackedDeadlineState, today: IsoDate): 'met' | 'missed' | 'open' | null {
  if (d.leftAccountability) return null;
  if (d.accountability !== undefined) return d.accountability;
  if (d.missRecorded || d.deadline.enteredAfterGrace) return 'missed';
  const { graceUntil } = d.deadline;
  if (graceUntil === undefined) {
    // recorded before late entries existed: the legal outcome
    if (d.status === 'cancelled') return null;
    if (d.status === 'met' || d.status === 'missed') return d.status;
    if (d.status === 'paused') return 'open';
    return d.deadline.dueOn < today ? 'missed' : 'open';
  }
  if (d.status === 'paused' && d.accountabilityPaused !== false) return 'open';
  return graceUntil < today ? 'missed' : 'open';
}

/** The case view of docs/reference/api-contract.md (`GET /cases/:id`) without petitioners, which the application adds. */
export interface CaseView {
  id: string;
  trackingCode: string;
  kind: CaseKind | null;
  level: ComplaintLevel | null;
  /** A complaint against a disciplinary decision. */
  disciplinary: boolean;
  status: CaseStatus;
  receivingUnitId: string;
  competentUnitId: string | null;
  handlerId: string | null;
  receivedAt: IsoDate;
  acceptedAt: IsoDate | null;
  version: number;
  deadlines: CaseDeadlineView[];
  dates: { ruleId: string; dueOn: IsoDate }[];
  subject: string;
  channel: CaseChannel;
  previousCaseId: string | null;
  decidedAt: IsoDate | null;
  outcome: ResolutionOutcome | null;
  dialogues: number;
  /** Received before the earliest calendar data or XLD's first version: nothing is tracked (docs/reference/deadlines.md §10). */
  untracked: boolean;
  /** A letter without a name (LTC Art. 25). */
  anonymous: boolean;
}

/**
 * Builds the view; a deadline still open with dueOn before `today` shows as missed. `recordedAt`
 * (from `completionsRecordedAt`) gives each completed deadline its `completedRecordedAt`.
 */
export function toCaseView(
  state: ExistingCase,
  today: IsoDate,
  recordedAt: ReadonlyMap<number, string> = new Map(),
): CaseView {
  return {
    id: state.caseId,
    trackingCode: state.trackingCode,
    kind: state.kind,
    level: state.level,
    disciplinary: state.disciplinary,
    status: state.status,
    receivingUnitId: state.receivingUnitId,
    competentUnitId: state.competentUnitId,
    handlerId: state.handlerId,
    receivedAt: state.receivedAt,
    acceptedAt: state.acceptedAt,
    version: state.version,
    deadlines: [
      ...state.deadlines.map((d) => {
        const { deadline, status } = d;
        const view: CaseDeadlineView = {
          ruleId: deadline.ruleId,
          ruleVersion: deadline.ruleVersion,
          startOn: deadline.startOn,
          dueOn: deadline.dueOn,
          status: status === 'open' && deadline.dueOn < today ? 'missed' : status,
        };
        if (deadline.provisional) view.provisional = true;
        if (deadline.graceUntil !== undefined) {
          view.graceUntil = deadline.graceUntil;
          view.accountabilityDueOn = deadline.accountabilityDueOn ?? deadline.dueOn;
          view.accountability = accountabilityOn(d, today);
          if (d.lateEntry) view.lateEntry = true;
          if (d.completedOn !== undefined) {
            view.completedOn = d.completedOn;
            const completedRecordedAt = recordedAt.get(deadline.deadlineNo);
            if (completedRecordedAt !== undefined) view.completedRecordedAt = completedRecordedAt;
          }
        }
        return view;
      }),
      ...(state.xldPendingCalendar
        ? [
            {
              ruleId: 'XLD',
              ruleVersion: null,
              startOn: state.intakeStartOn,
              dueOn: null,
              status: 'open' as const,
              pendingCalendar: true as const,
            },
          ]
        : []),
    ],
    dates: state.dates.map(({ ruleId, dueOn }) => ({ ruleId, dueOn })),
    subject: state.subject,
    channel: state.channel,
    previousCaseId: state.previousCaseId,
    decidedAt: state.decidedAt,
    outcome: state.outcome,
    dialogues: state.dialogues.length,
    untracked: state.untracked,
    anonymous: state.anonymous,
  };
}
