import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A case by its tracking code (`GET /cases/<trackingCode>`, the public lookup, Open311). */
export class AddTrackingCodeIndex1760000016100 implements MigrationInterface {
  name = 'AddTrackingCodeIndex1760000016100';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX IF NOT EXISTS rm_cases_tracking_code_idx ON rm_cases (tracking_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_cases_tracking_code_idx');
  }
}
