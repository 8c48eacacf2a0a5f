import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who entered a reception session's hold and whether it counts as the head's own (docs/reference/api-contract.md), whether
 * it was a late entry (docs/reference/deadlines.md §9), and the stream version, on `rm_reception_sessions`. Rows
 * written before these columns keep NULL: `counts_as_heads` then reads as `held_by_head`.
 */
export class AddReceptionSessionRecordColumns1760000019300 implements MigrationInterface {
  name = 'AddReceptionSessionRecordColumns1760000019300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_reception_sessions
      ADD COLUMN counts_as_heads boolean,
      ADD COLUMN recorded_by jsonb,
      ADD COLUMN late_entry boolean NOT NULL DEFAULT false,
      ADD COLUMN working_days_late int,
      ADD COLUMN version int`);
    await q.query(
      'CREATE INDEX rm_reception_sessions_unit_date ON rm_reception_sessions (unit_id, date) WHERE recorded_to IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_reception_sessions_unit_date');
    await q.query(`ALTER TABLE rm_reception_sessions
      DROP COLUMN counts_as_heads, DROP COLUMN recorded_by, DROP COLUMN late_entry,
      DROP COLUMN working_days_late, DROP COLUMN version`);
  }
}
