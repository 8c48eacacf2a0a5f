import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log (architecture.md §3, §6). No `streams` table: the unique (stream_id, version) index is
 * both the concurrency fence and the head lookup (see docs/event-store.md).
 */
export class CreateEvents1760000000000 implements MigrationInterface {
  name = 'CreateEvents1760000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        global_position bigserial PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        version         int         NOT NULL CHECK (version >= 1),
        event_id        uuid        NOT NULL,
        type            text        NOT NULL,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        occurred_at     timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL,
        prev_hash       text        NOT NULL,
        hash            text        NOT NULL,
        CONSTRAINT events_event_id_key UNIQUE (event_id),
        CONSTRAINT events_stream_version_key UNIQUE (stream_id, version)
      )`);
    await queryRunner.query(
      `CREATE INDEX events_transaction_position_idx ON events (transaction_id, global_position)`,
    );
    // No NOTIFY trigger: a NOTIFY inside the appending transaction takes a cluster-wide lock held through
    // its commit (WAL flush), which serialises concurrent appends. The store sends pg_notify
    // ('donthu_events') itself, after the commit, as a wake-up hint (docs/event-store.md).
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE IF EXISTS events`);
  }
}
