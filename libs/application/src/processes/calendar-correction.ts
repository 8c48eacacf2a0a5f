import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { foldCaseEvents } from '../folds.js';
import {
  caseStreamId,
  decide,
  isPending,
  createBusinessCalendar,
  DomainError,
} from '../../../domain/src/index.js';
import type { BusinessCalendar, CalendarYear, Deadline } from '../../../domain/src/index.js';
import type { EventActor } from '../../../event-store/src/index.js';
import { handleCommandWithRetries } from '../commands/handle-command.js';
import type { Runtime } from '../../../runtime/src/index.js';

const NAMESPACE = '9a4e2c71-3b8d-4f60-a1c5-7d2e8f0b6c39';

export interface CalendarDiffRow {
  caseId: string;
  trackingCode: string;
  deadlineNo: number;
  ruleId: string;
  ruleVersion: string;
  startOn: string;
  /** The stored due date. */
  dueOn: string;
  /** The due date over the new calendar data. */
  newDueOn: string;
  newBaseDueOn: string;
}

/** The loaded calendar with one year replaced (or added) by `year`. */
export function calendarWith(current: BusinessCalendar, year: CalendarYear): BusinessCalendar {
  const others = current
    .years()
    .filter((y) => y !== year.year)
    .map((y) => current.year(y));
  return createBusinessCalendar([...others, year]);
}

/**
 * A stored deadline's due date over other calendar data, with its stored rule id, version, start,
 * length and unit: a calendar-day rule rolls its `baseDueOn` (extensions and resumptions included)
 * forward over the new data; a working-day rule not moved since it started is counted again from its
 * start, one moved since (extended, resumed or corrected) rolls its `baseDueOn`. Null when the new data
 * cannot compute it (a year without data).
 */
export function dueOnOver(
  d: Deadline,
  moved: boolean,
  after: BusinessCalendar,
): { dueOn: string; baseDueOn: string } | null {
  try {
    if (d.unit === 'working_days') {
      if (!moved) {
        const dueOn = after.addWorkingDays(d.startOn, d.length);
        return { dueOn, baseDueOn: dueOn };
      }
      return { dueOn: after.rollForward(d.baseDueOn), baseDueOn: d.baseDueOn };
    }
    if (d.unit === 'calendar_days') return { dueOn: after.rollForward(d.baseDueOn), baseDueOn: d.baseDueOn };
    return null; // periodic rules are not tracked deadlines
  } catch (e) {
    if (e instanceof DomainError && e.code === 'CALENDAR_UNAVAILABLE') return null;
    throw e;
  }
}

/** The deadlines an extension, a resumption or a correction moved since they started. */
function movedDeadlines(events: { type: string; data: Record<string, unknown> }[]): Set<number> {
  const out = new Set<number>();
  for (const e of events) {
    const no =
      e.type === 'DeadlineCorrected'
        ? e.data.deadlineNo
        : e.type === 'DeadlineExtended' || e.type === 'CaseResumed'
          ? (e.data.deadline as { deadlineNo?: unknown } | null | undefined)?.deadlineNo
          : undefined;
    if (typeof no === 'number') out.add(no);
  }
  return out;
}

/**
 * `donthu calendar diff <year>` (docs/calendar.md): the open tracked deadlines whose due date would
 * change if `year` replaced the loaded data. Reads only; candidates from the deadlines read model,
 * each deadline then taken from its case's stream (the truth).
 */
export async function calendarDiff(
  runtime: Pick<Runtime, 'dataSource' | 'store' | 'calendar'>,
  year: CalendarYear,
): Promise<CalendarDiffRow[]> {
  const after = calendarWith(runtime.calendar, year);
  const rows: { case_id: string; tracking_code: string | null }[] = await runtime.dataSource.query(
    `SELECT DISTINCT d.case_id, c.tracking_code FROM rm_deadlines d
       LEFT JOIN rm_deadlines c ON c.case_id = d.case_id AND c.deadline_no = 0 AND c.recorded_to IS NULL
      WHERE d.recorded_to IS NULL AND d.deadline_no > 0 AND d.state IN ('open', 'paused')
      ORDER BY d.case_id`,
  );
  const out: CalendarDiffRow[] = [];
  for (const r of rows) {
    const events = await runtime.store.readStream(caseStreamId(r.case_id));
    const state = foldCaseEvents(events);
    if (!state.exists) continue;
    const moved = movedDeadlines(events);
    for (const t of state.deadlines) {
      if (!isPending(t)) continue;
      const next = dueOnOver(t.deadline, moved.has(t.deadline.deadlineNo), after);
      if (!next || next.dueOn === t.deadline.dueOn) continue;
      out.push({
        caseId: state.caseId,
        trackingCode: state.trackingCode,
        deadlineNo: t.deadline.deadlineNo,
        ruleId: t.deadline.ruleId,
        ruleVersion: t.deadline.ruleVersion,
        startOn: t.deadline.startOn,
        dueOn: t.deadline.dueOn,
        newDueOn: next.dueOn,
        newBaseDueOn: next.baseDueOn,
      });
    }
  }
  return out;
}

/**
 * `donthu calendar correct <year>` (docs/calendar.md): records a `DeadlineCorrected` (rule id and
 * version, the old and new due date, the reason) for each deadline `calendarDiff` lists. Run after the
 * new file is installed; event ids derive from the file's content and the deadline, so running it
 * again records nothing new.
 */
export async function recordCalendarCorrections(
  runtime: Runtime,
  year: CalendarYear,
  reason: string,
  actor: EventActor,
): Promise<{ corrected: number; rows: CalendarDiffRow[] }> {
  if (reason.trim() === '') throw new DomainError('VALIDATION_FAILED', 'reason is required', 'reason');
  const rows = await calendarDiff(runtime, year);
  const fileHash = createHash('sha256').update(JSON.stringify(year)).digest('hex').slice(0, 16);
  let corrected = 0;
  for (const row of rows) {
    const result = await handleCommandWithRetries(
      runtime,
      caseStreamId(row.caseId),
      (history, ctx) => {
        const state = foldCaseEvents(history);
        if (!state.exists) return [];
        try {
          return decide(
            {
              type: 'CorrectDeadline',
              data: {
                deadlineNo: row.deadlineNo,
                dueOn: row.newDueOn,
                baseDueOn: row.newBaseDueOn,
                reason,
                calendarYear: year.year,
              },
            },
            state,
            ctx,
          );
        } catch (e) {
          // completed or ended since the diff: nothing to correct
          if (e instanceof DomainError) return [];
          throw e;
        }
      },
      {
        actor,
        correlationId: `calendar-correction:${year.year}:${fileHash}`,
        eventId: () => uuidv5(`${year.year}:${fileHash}:${row.caseId}:${row.deadlineNo}`, NAMESPACE),
        duplicateMeansDone: true,
      },
    );
    corrected += result.appended.length;
  }
  return { corrected, rows };
}
