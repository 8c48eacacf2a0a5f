import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The unit-merger process's own table: every recorded merger (the `UnitMerged` event), `pending`
 * until the worker carries it out on its `effective_on` (Vietnam date), then `done`; `cancelled`
 * when withdrawn before (docs/reference/api-contract.md `POST /units/:id/merge/cancel`).
 */
export class CreateUnitMergerSchedule1760000019320 implements MigrationInterface {
  name = 'CreateUnitMergerSchedule1760000019320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE unit_merger_schedule (
      merger_event_id uuid PRIMARY KEY,
      stream_id text NOT NULL,
      into_unit_id text NOT NULL,
      effective_on date NOT NULL,
      global_position bigint NOT NULL,
      status text NOT NULL DEFAULT 'pending',
      done_at timestamptz)`);
    await q.query(
      "CREATE INDEX unit_merger_schedule_pending ON unit_merger_schedule (effective_on) WHERE status = 'pending'",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS unit_merger_schedule');
  }
}
