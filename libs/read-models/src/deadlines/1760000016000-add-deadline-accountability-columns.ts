import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Columns of the deadlines read model for the intake clock and accountability (docs/reference/deadlines.md §8–9):
 * - `accountable`: false for a deadline whose `accountability` is null (an XLD completed by a
 *   classification that starts the kind's intake rule); such a row is never in `due`;
 * - `accountability_due_on`, `grace_until`: the due date accountability uses (extensions and pauses
 *   recorded in time only) and the last day (24:00 Vietnam) of its grace;
 * - `accountability`: the outcome decided over the record at `grace_until` (`met`, `missed`), null while open;
 * - `started_late`, `late_entry`: the act that started, or that completed or ended, the deadline was a late entry;
 * - `imported`: the completing act came in through the import;
 * - `completed_recorded_at`: when the completing act was recorded.
 */
export class AddDeadlineAccountabilityColumns1760000016000 implements MigrationInterface {
  name = 'AddDeadlineAccountabilityColumns1760000016000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_deadlines
      ADD COLUMN accountable boolean NOT NULL DEFAULT true,
      ADD COLUMN accountability_due_on date,
      ADD COLUMN grace_until date,
      ADD COLUMN accountability text,
      ADD COLUMN started_late boolean NOT NULL DEFAULT false,
      ADD COLUMN late_entry boolean NOT NULL DEFAULT false,
      ADD COLUMN imported boolean NOT NULL DEFAULT false,
      ADD COLUMN completed_recorded_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_deadlines
      DROP COLUMN accountable, DROP COLUMN accountability_due_on, DROP COLUMN grace_until,
      DROP COLUMN accountability, DROP COLUMN started_late, DROP COLUMN late_entry, DROP COLUMN imported,
      DROP COLUMN completed_recorded_at`);
  }
}
