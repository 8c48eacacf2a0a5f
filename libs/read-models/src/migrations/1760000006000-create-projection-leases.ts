import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scale-out of the projection runner (docs/projections.md, "Several workers: leases").
 * `projection_leases`: one row per projection, held by at most one worker (`owner`) until
 * `expires_at` (database time). `worker_heartbeats`: when each worker was last seen, so that a
 * worker can tell how many workers are alive and take only its fair share of the projections.
 */
export class CreateProjectionLeases1760000006000 implements MigrationInterface {
  name = 'CreateProjectionLeases1760000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projection_leases (
      name text PRIMARY KEY,
      owner text,
      expires_at timestamptz,
      heartbeat_at timestamptz)`);
    await q.query(`CREATE TABLE worker_heartbeats (
      owner text PRIMARY KEY,
      seen_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE worker_heartbeats');
    await q.query('DROP TABLE projection_leases');
  }
}
