import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the overdue board over current deadline rows (deadlines.queries.ts).
 * Most tracked deadlines end completed (or cancelled) and stay in the table, so an index on due dates
 * alone makes the board walk all of them. The board reads the overdue set as two disjoint parts:
 * - deadlines neither completed nor cancelled: paged in board order by `rm_deadlines_current_open_due`,
 *   counted per unit from `rm_deadlines_current_open_unit` alone (it holds every column the count
 *   filters on, so an index-only scan answers it);
 * - deadlines completed or cancelled only after the board's date: `rm_deadlines_current_closed_on`,
 *   by the later of the two dates (none for a board as of today, unless dates were entered ahead).
 */
export class AddOverdueBoardIndexes1760000007100 implements MigrationInterface {
  name = 'AddOverdueBoardIndexes1760000007100';

  async up(q: QueryRunner): Promise<void> {
    const open = 'recorded_to IS NULL AND deadline_no > 0 AND completed_on IS NULL AND cancelled_on IS NULL';
    await q.query(
      `CREATE INDEX rm_deadlines_current_open_due ON rm_deadlines (due_on, case_id, deadline_no) WHERE ${open}`,
    );
    await q.query(
      `CREATE INDEX rm_deadlines_current_open_unit ON rm_deadlines (unit_id, due_on) INCLUDE (state, paused_on)
         WHERE ${open}`,
    );
    await q.query(
      `CREATE INDEX rm_deadlines_current_closed_on ON rm_deadlines ((GREATEST(completed_on, cancelled_on)))
         WHERE recorded_to IS NULL AND deadline_no > 0 AND (completed_on IS NOT NULL OR cancelled_on IS NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_deadlines_current_closed_on');
    await q.query('DROP INDEX IF EXISTS rm_deadlines_current_open_unit');
    await q.query('DROP INDEX IF EXISTS rm_deadlines_current_open_due');
  }
}
