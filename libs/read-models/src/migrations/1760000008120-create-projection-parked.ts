import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parked projections (docs/projections.md, "A poison event parks its projection"): one row per
 * projection that met an event it cannot apply. The runner skips it until `donthu projections retry`
 * deletes the row; every other projection goes on. `error` is a stable code, never text from the event.
 */
export class CreateProjectionParked1760000008120 implements MigrationInterface {
  name = 'CreateProjectionParked1760000008120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projection_parked (
      name text PRIMARY KEY,
      position bigint NOT NULL,
      transaction_id text NOT NULL,
      stream_id text NOT NULL,
      event_id text NOT NULL,
      event_type text NOT NULL,
      error text NOT NULL,
      parked_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE projection_parked');
  }
}
