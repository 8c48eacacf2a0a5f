import { foldCaseEvents, loadUnitState } from '../folds.js';
import {
  caseStreamId,
  decideMissedDeadlines,
  missedEventId,
  type CaseState,
  type DeadlineMissed,
  vietnamDateOf,
  headOn,
  type UnitState,
} from '../../../domain/src/index.js';
import { handleCommandWithRetries } from '../commands/handle-command.js';
import { ProblemError } from '../common/problem.js';
import type { Runtime } from '../../../runtime/src/index.js';

export const WATCHER_ACTOR = {
  id: 'system:deadline-watcher',
  name: 'Deadline watcher',
  roles: [] as string[],
};

export interface WatchResult {
  casesChecked: number;
  missesRecorded: number;
}

/**
 * Appends `DeadlineMissed` once per open tracked deadline whose dueOn has passed (Vietnam today),
 * naming the head of the responsible unit in office on dueOn. Event ids are deterministic
 * (missedEventId), so a retry, a crash mid-run or a second watcher never doubles one.
 */
export async function runDeadlineWatch(
  runtime: Runtime,
  opts: { today?: string } = {},
): Promise<WatchResult> {
  const today = opts.today ?? vietnamDateOf(runtime.clock());
  // Candidates from the read model; each case is then re-decided from its own stream (the truth).
  const rows: { case_id: string }[] = await runtime.dataSource.query(
    `SELECT DISTINCT case_id FROM rm_deadlines
     WHERE recorded_to IS NULL AND deadline_no > 0 AND state = 'open' AND NOT miss_recorded AND due_on < $1::date`,
    [today],
  );
  const units = new Map<string, UnitState>();
  const unitState = async (unitId: string): Promise<UnitState> => {
    if (!units.has(unitId)) units.set(unitId, await loadUnitState(runtime.store, unitId));
    return units.get(unitId)!;
  };
  let recorded = 0;
  for (const { case_id: caseId } of rows) {
    const streamId = caseStreamId(caseId);
    try {
      const result = await handleCommandWithRetries(
        runtime,
        streamId,
        async (history) => {
          const state: CaseState = foldCaseEvents(history);
          if (!state.exists) return [];
          await unitState(state.competentUnitId ?? state.receivingUnitId);
          return decideMissedDeadlines(state, {
            today,
            headOfUnit: (unitId, onDate) => {
              const s = units.get(unitId);
              const h = s ? headOn(s, onDate) : null;
              return h ? { personId: h.personId, fullName: h.fullName } : null;
            },
          });
        },
        {
          actor: WATCHER_ACTOR,
          correlationId: `deadline-watch:${today}`,
          eventId: (_i, e) => {
            const d = e.data as DeadlineMissed['data'];
            return missedEventId(caseId, d.ruleId, d.startOn, d.dueOn);
          },
          // The miss is already recorded (a retry, a crash mid-run, a second watcher).
          duplicateMeansDone: true,
        },
      );
      recorded += result.appended.length;
    } catch (err) {
      // A case written to without pause through every retry: the next run re-decides it.
      if (!(err instanceof ProblemError && err.problem.code === 'VERSION_CONFLICT')) throw err;
    }
  }
  return { casesChecked: rows.length, missesRecorded: recorded };
}
