import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `rm_recommendations` (projection `inspections.v1`): one group of rows per inspection. The row with
 * `recommendation_id = ''` carries the inspection itself (title, units, status) so that the rows of
 * the recommendations — created by the conclusion — can copy it; every other row is one
 * recommendation with its owner, schedule, report dates and status. Temporal: every version is kept
 * for `recordedBefore`.
 */
export class CreateInspectionReadModels1760000004000 implements MigrationInterface {
  name = 'CreateInspectionReadModels1760000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_recommendations (
      inspection_id text NOT NULL,
      recommendation_id text NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      title text NOT NULL,
      kind text NOT NULL,
      lead_unit_id text NOT NULL,
      inspected_unit_id text NOT NULL,
      inspection_status text NOT NULL,
      decided_on date NOT NULL,
      concluded_on date,
      directive_issued_on date,
      closed_on date,
      owner_unit_id text,
      text text,
      due_on date,
      report_every text,
      report_dates jsonb,
      reports jsonb NOT NULL DEFAULT '[]',
      plan_submitted_on date,
      status text NOT NULL,
      done_on date,
      waived_on date,
      moves jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (inspection_id, recommendation_id, position_from))`);
    await q.query(
      'CREATE UNIQUE INDEX rm_recommendations_current_key ON rm_recommendations (inspection_id, recommendation_id) WHERE recorded_to IS NULL',
    );
    await q.query(
      `CREATE INDEX rm_recommendations_current_owner ON rm_recommendations (owner_unit_id, status) WHERE recorded_to IS NULL AND recommendation_id <> ''`,
    );
    await q.query(
      `CREATE INDEX rm_recommendations_owner_recorded ON rm_recommendations (owner_unit_id, recorded_from) WHERE recommendation_id <> ''`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rm_recommendations');
  }
}
