import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the overdue board over current deadline rows (apps/api/src/deadlines/deadline.queries.ts).
 * Most tracked deadlines end completed (or cancelled) and stay in the table, so an index on due dates
 * alone makes the board walk all of them. The board reads the overdue set as two disjoint parts:
 * - deadlines neither completed nor cancelled: `rm_deadlines_current_open_due`, in board order, with
 *   the columns its filters need, so the count can be answered from the index;
 * - deadlines completed or cancelled only after the board's date: `rm_deadlines_current_closed_on`,
 *   by the later of the two dates (empty for a board as of today, unless dates were entered ahead).
 */
export class AddOverdueBoardIndexes1760000007100 implements MigrationInterface {
  name = 'AddOverdueBoardIndexes1760000007100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX rm_deadlines_current_open_due ON rm_deadlines (due_on, case_id, deadline_no)
         INCLUDE (unit_id, state, paused_on)
         WHERE recorded_to IS NULL AND deadline_no > 0 AND completed_on IS NULL AND cancelled_on IS NULL`,
    );
    await q.query(
      `CREATE INDEX rm_deadlines_current_closed_on ON rm_deadlines ((GREATEST(completed_on, cancelled_on)))
         WHERE recorded_to IS NULL AND deadline_no > 0 AND (completed_on IS NOT NULL OR cancelled_on IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_deadlines_current_closed_on');
    await q.query('DROP INDEX IF EXISTS rm_deadlines_current_open_due');
  }
}
