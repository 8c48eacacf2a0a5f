import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Read models of the case workflow, projection checkpoints, idempotency records, tracking counters. */
export class CreateReadModels1760000002000 implements MigrationInterface {
  name = 'CreateReadModels1760000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projection_checkpoints (
      name text PRIMARY KEY,
      transaction_id text NOT NULL,
      position bigint NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE idempotency_keys (
      principal_id text NOT NULL,
      key text NOT NULL,
      request_hash text NOT NULL,
      state text NOT NULL,
      status_code int,
      response jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (principal_id, key))`);
    await q.query(`CREATE TABLE tracking_counters (
      unit_id text NOT NULL,
      year int NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (unit_id, year))`);
    await q.query(`CREATE TABLE rm_cases (
      case_id text PRIMARY KEY,
      tracking_code text NOT NULL,
      kind text,
      kind_hint text,
      level int,
      status text NOT NULL,
      channel text,
      field text,
      receiving_unit_id text NOT NULL,
      competent_unit_id text,
      handler_id text,
      received_at date NOT NULL,
      accepted_at date,
      decided_at date,
      subject text NOT NULL,
      content text NOT NULL,
      petitioner_count int NOT NULL DEFAULT 0,
      version int NOT NULL,
      last_position bigint NOT NULL,
      updated_at timestamptz NOT NULL)`);
    await q.query('CREATE INDEX rm_cases_receiving_idx ON rm_cases (receiving_unit_id)');
    await q.query('CREATE INDEX rm_cases_competent_idx ON rm_cases (competent_unit_id)');
    await q.query('CREATE INDEX rm_cases_status_idx ON rm_cases (status)');
    await q.query('CREATE INDEX rm_cases_received_idx ON rm_cases (received_at DESC, case_id)');
    // One group of rows per case: deadline_no 0 holds the case context (units, handler, tracking code),
    // deadline_no 1… the case's tracked deadlines. Temporal: every version is kept (recordedBefore).
    await q.query(`CREATE TABLE rm_deadlines (
      case_id text NOT NULL,
      deadline_no int NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      tracking_code text NOT NULL,
      kind text,
      receiving_unit_id text NOT NULL,
      competent_unit_id text,
      unit_id text NOT NULL,
      handler_id text,
      rule_id text,
      rule_version text,
      start_on date,
      due_on date,
      state text NOT NULL,
      outcome text,
      completed_on date,
      paused_on date,
      cancelled_on date,
      miss_recorded boolean NOT NULL DEFAULT false,
      PRIMARY KEY (case_id, deadline_no, position_from))`);
    await q.query(
      'CREATE UNIQUE INDEX rm_deadlines_current_key ON rm_deadlines (case_id, deadline_no) WHERE recorded_to IS NULL',
    );
    await q.query(
      'CREATE INDEX rm_deadlines_current_due ON rm_deadlines (due_on, unit_id) WHERE recorded_to IS NULL AND deadline_no > 0',
    );
    await q.query('CREATE INDEX rm_deadlines_unit ON rm_deadlines (unit_id, due_on) WHERE deadline_no > 0');
    await q.query('CREATE INDEX rm_deadlines_recorded ON rm_deadlines (recorded_from) WHERE deadline_no > 0');
    await q.query(`CREATE TABLE rm_units (
      unit_id text NOT NULL,
      position_from bigint NOT NULL,
      recorded_from timestamptz NOT NULL,
      recorded_to timestamptz,
      name text NOT NULL,
      level text NOT NULL,
      parent_id text,
      created_on date,
      merged_into text,
      merged_on date,
      names jsonb NOT NULL DEFAULT '[]',
      heads jsonb NOT NULL DEFAULT '[]',
      PRIMARY KEY (unit_id, position_from))`);
    await q.query('CREATE UNIQUE INDEX rm_units_current ON rm_units (unit_id) WHERE recorded_to IS NULL');
    await q.query('CREATE INDEX rm_units_parent ON rm_units (parent_id) WHERE recorded_to IS NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'rm_units',
      'rm_deadlines',
      'rm_cases',
      'tracking_counters',
      'idempotency_keys',
      'projection_checkpoints',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
