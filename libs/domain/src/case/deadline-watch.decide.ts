import type { RuleId } from '../rules/rule.types.js';
import { nameBasedUuid } from '../shared/ids.js';
import type { IsoDate } from '../shared/dates.js';
import type { DeadlineMissed, HeadOfUnit } from './case.events.js';
import type { CaseState, TrackedDeadlineState } from './case.state.js';

/** Namespace of DeadlineMissed event ids (UUID v5). Fixed forever: changing it would double events on retry. */
export const DEADLINE_MISSED_NAMESPACE = '6f1d7c52-3b8e-4a2f-9d61-0c4e5a7b9e13';

/** A deterministic event id for one miss, so that a retried watcher run never appends it twice. */
export const missedEventId = (caseId: string, ruleId: RuleId, startOn: IsoDate, dueOn: IsoDate): string =>
  nameBasedUuid(`DeadlineMissed:${caseId}:${ruleId}:${startOn}:${dueOn}`, DEADLINE_MISSED_NAMESPACE);

export interface DeadlineWatchContext {
  /** Today in Vietnam. */
  today: IsoDate;
  /** The head (or acting head) of a unit in office on a date, or null if none was recorded. */
  headOfUnit: (unitId: string, onDate: IsoDate) => HeadOfUnit | null;
}

/**
 * Whether the watcher records a miss (docs/reference/deadlines.md §8): once graceUntil has passed with the record not
 * showing the deadline met — open, or paused by a suspension recorded too late to pause accountability.
 * A deadline started before late entries existed (no graceUntil) is missed once dueOn has passed.
 */
function due(d: TrackedDeadlineState, today: IsoDate): boolean {
  if (d.accountability !== undefined || d.leftAccountability) return false;
  const { graceUntil } = d.deadline;
  if (graceUntil === undefined) return d.status === 'open' && d.deadline.dueOn < today;
  const undecided = d.status === 'open' || (d.status === 'paused' && d.accountabilityPaused === false);
  return undecided && graceUntil < today;
}

/**
 * The watcher's decision for one case: a DeadlineMissed for every tracked deadline that is open (not
 * paused, completed or cancelled), not yet recorded as missed, and due before today. The responsible unit
 * is the competent unit, or the receiving unit before classification; its head is the one in office on dueOn.
 */
export function decideMissedDeadlines(state: CaseState, ctx: DeadlineWatchContext): DeadlineMissed[] {
  if (!state.exists) return [];
  // TC-XFER is the receiving unit's duty (to pass the denunciation on); every other deadline belongs
  // to the competent unit (the receiving unit before classification). The read models agree.
  const responsible = (ruleId: RuleId): string =>
    ruleId === 'TC-XFER' ? state.receivingUnitId : (state.competentUnitId ?? state.receivingUnitId);
  return state.deadlines
    .filter((d) => d.tracked && !d.missRecorded && due(d, ctx.today))
    .map(({ deadline }) => ({ deadline, unitId: responsible(deadline.ruleId) }))
    .map(({ deadline, unitId }) => ({
      type: 'DeadlineMissed',
      data: {
        caseId: state.caseId,
        deadlineNo: deadline.deadlineNo,
        ruleId: deadline.ruleId,
        startOn: deadline.startOn,
        dueOn: deadline.dueOn,
        unitId,
        headOfUnit: ctx.headOfUnit(unitId, deadline.accountabilityDueOn ?? deadline.dueOn),
        detectedOn: ctx.today,
      },
    }));
}
