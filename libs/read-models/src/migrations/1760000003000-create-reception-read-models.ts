import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of citizen reception and head accountability: `rm_reception_sessions`, `rm_dialogues` (both temporal). */
export class CreateReceptionReadModels1760000003000 implements MigrationInterface {
  name = 'CreateReceptionReadModels1760000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_reception_sessions (
      session_id text NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      unit_id text NOT NULL,
      host_person_id text NOT NULL,
      date date NOT NULL,
      kind text NOT NULL,
      mode text NOT NULL,
      status text NOT NULL,
      held_on date,
      held_host_person_id text,
      held_by_head boolean,
      head_person_id text,
      citizens_received int,
      case_ids jsonb NOT NULL DEFAULT '[]',
      cancel_reason text,
      PRIMARY KEY (session_id, position_from))`);
    await q.query(
      'CREATE UNIQUE INDEX rm_reception_sessions_current ON rm_reception_sessions (session_id) WHERE recorded_to IS NULL',
    );
    await q.query(
      "CREATE INDEX rm_reception_sessions_held ON rm_reception_sessions (unit_id, held_on) WHERE status = 'held'",
    );
    await q.query(`CREATE TABLE rm_dialogues (
      case_id text NOT NULL,
      dialogue_id text NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      receiving_unit_id text NOT NULL,
      competent_unit_id text,
      unit_id text NOT NULL,
      held_at date,
      PRIMARY KEY (case_id, dialogue_id, position_from))`);
    await q.query(
      'CREATE UNIQUE INDEX rm_dialogues_current ON rm_dialogues (case_id, dialogue_id) WHERE recorded_to IS NULL',
    );
    await q.query(
      "CREATE INDEX rm_dialogues_unit ON rm_dialogues (unit_id, held_at) WHERE dialogue_id <> ''",
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS rm_dialogues');
    await q.query('DROP TABLE IF EXISTS rm_reception_sessions');
  }
}
