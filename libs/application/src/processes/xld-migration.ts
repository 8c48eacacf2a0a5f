import { v5 as uuidv5 } from 'uuid';
import { foldCaseEvents } from '../folds.js';
import { caseStreamId, decide } from '../../../domain/src/index.js';
import { handleCommandWithRetries, type CommandRuntime } from '../commands/handle-command.js';
import { ProblemError } from '../common/problem.js';
import type { Runtime } from '../../../runtime/src/index.js';

export const XLD_MIGRATION_ACTOR = {
  id: 'system:xld-migration',
  name: 'XLD migration',
  roles: [] as string[],
};
export const XLD_MIGRATION_REASON =
  'XLD (xử lý đơn, 10 ngày làm việc) cho đơn chưa phân loại tiếp nhận trước khi có thời hạn XLD';
const NAMESPACE = '0f6d9b42-5c1e-4a8f-b3d7-2e9c6a1f8b50';

/** The id of the one `DeadlineStarted` the migration records on a case: a second run appends nothing. */
export const xldMigrationEventId = (caseId: string): string => uuidv5(`xld-migration:${caseId}`, NAMESPACE);

/**
 * The one-off migration of docs/reference/deadlines.md §10: every unclassified case registered before
 * XLD existed gets its XLD from its intake start (receipt, or a transfer's date), recorded as
 * `DeadlineStarted` with the migration's reason; such an XLD counts in accountability only if its
 * graceUntil lies after the migration. Idempotent (deterministic event ids, and the decision records
 * nothing for a case that has an XLD, is classified, untracked or waiting for calendar data); safe to
 * run at every worker start and from `donthu migrate-xld`.
 */
export async function runXldMigration(
  runtime: CommandRuntime & Pick<Runtime, 'dataSource' | 'config'>,
): Promise<{ casesChecked: number; xldStarted: number }> {
  const rows: { case_id: string }[] = await runtime.dataSource.query(
    `SELECT case_id FROM rm_cases WHERE status = 'received' ORDER BY case_id`,
  );
  let started = 0;
  for (const { case_id: caseId } of rows) {
    try {
      const result = await handleCommandWithRetries(
        runtime,
        caseStreamId(caseId),
        (history, ctx) => {
          const state = foldCaseEvents(history);
          if (!state.exists) return [];
          return decide({ type: 'StartMissingXld', data: { reason: XLD_MIGRATION_REASON } }, state, ctx);
        },
        {
          actor: XLD_MIGRATION_ACTOR,
          correlationId: 'xld-migration',
          eventId: () => xldMigrationEventId(caseId),
          duplicateMeansDone: true,
        },
      );
      started += result.appended.length;
    } catch (err) {
      // A case written to without pause through every retry: the next run decides it again.
      if (!(err instanceof ProblemError && err.problem.code === 'VERSION_CONFLICT')) throw err;
    }
  }
  return { casesChecked: rows.length, xldStarted: started };
}
