import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys for systems that file requests over Open311 (docs/open311.md): each key is issued for one
 * receiving unit and kept only as a SHA-256 hash; `open311_requests` records which key filed which
 * case, so that a key reads back only its own requests.
 */
export class CreateApiKeys1760000019160 implements MigrationInterface {
  name = 'CreateApiKeys1760000019160';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_keys (
      id text PRIMARY KEY,
      key_hash text NOT NULL UNIQUE,
      unit_id text NOT NULL,
      label text NOT NULL,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      revoked_at timestamptz,
      revoked_by text)`);
    await q.query(`CREATE TABLE open311_requests (
      case_id text PRIMARY KEY,
      api_key_id text NOT NULL REFERENCES api_keys (id),
      tracking_code text NOT NULL,
      service_code text NOT NULL,
      requested_at timestamptz NOT NULL)`);
    await q.query(
      'CREATE INDEX open311_requests_key_idx ON open311_requests (api_key_id, requested_at DESC)',
    );
    await q.query('CREATE UNIQUE INDEX open311_requests_code_idx ON open311_requests (tracking_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE open311_requests');
    await q.query('DROP TABLE api_keys');
  }
}
