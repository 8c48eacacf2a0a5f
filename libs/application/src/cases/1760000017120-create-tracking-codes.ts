import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tracking codes are unique system-wide, enforced by the database (issue: units `nb-gia-vien` and
 * `nb-giavien` both issued `NBGIAVIEN-2026-000001`). Every issued code is a row of `tracking_codes`;
 * its primary key refuses a second one. The codes already issued are taken from the log, and the
 * counters (now kept per code prefix) start after the highest number issued under each prefix.
 */
export class CreateTrackingCodes1760000017120 implements MigrationInterface {
  name = 'CreateTrackingCodes1760000017120';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tracking_codes (
      code text PRIMARY KEY,
      case_id text NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO tracking_codes (code, case_id)
      SELECT data->>'trackingCode', data->>'caseId' FROM events
       WHERE type = 'CaseReceived' AND data->>'trackingCode' IS NOT NULL
      ON CONFLICT (code) DO NOTHING`);
    await q.query(`INSERT INTO tracking_counters (unit_id, year, last_value)
      SELECT split_part(code, '-', 1), split_part(code, '-', 2)::int, max(split_part(code, '-', 3)::int)
        FROM tracking_codes WHERE code ~ '^[A-Z0-9]+-[0-9]{4}-[0-9]{1,9}$'
       GROUP BY 1, 2
      ON CONFLICT (unit_id, year) DO UPDATE SET last_value = GREATEST(tracking_counters.last_value, EXCLUDED.last_value)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE tracking_codes');
  }
}
