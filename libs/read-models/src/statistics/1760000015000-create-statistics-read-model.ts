import type { MigrationInterface, QueryRunner } from 'typeorm';

/** `rm_statistics` (temporal): the facts the periodic reports count (statistics.projection.ts). */
export class CreateStatisticsReadModel1760000015000 implements MigrationInterface {
  name = 'CreateStatisticsReadModel1760000015000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_statistics (
      subject_id text NOT NULL,
      fact_id text NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      figure text NOT NULL,
      case_id text NOT NULL,
      tracking_code text NOT NULL,
      unit_id text NOT NULL,
      from_unit_id text,
      on_date date NOT NULL,
      until_date date,
      seq int NOT NULL,
      kind text,
      level int,
      channel text,
      field text,
      outcome text,
      timeliness text,
      late_entry boolean NOT NULL DEFAULT false,
      state jsonb,
      PRIMARY KEY (subject_id, fact_id, position_from))`);
    await q.query(
      'CREATE UNIQUE INDEX rm_statistics_current ON rm_statistics (subject_id, fact_id) WHERE recorded_to IS NULL',
    );
    await q.query(
      'CREATE INDEX rm_statistics_current_unit ON rm_statistics (unit_id, figure, on_date) WHERE recorded_to IS NULL',
    );
    await q.query(
      'CREATE INDEX rm_statistics_unit ON rm_statistics (unit_id, figure, on_date, recorded_from)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rm_statistics');
  }
}
