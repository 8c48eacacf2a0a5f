import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending Idempotency-Key claim holds until `lease_until` (database time). A request that died
 * before completing (a crash, a kill) no longer blocks its key for good: once the lease is over, a
 * retry takes the claim over and answers the committed outcome or runs the command.
 */
export class IdempotencyClaimLease1760000008130 implements MigrationInterface {
  name = 'IdempotencyClaimLease1760000008130';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys ADD COLUMN lease_until timestamptz');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE idempotency_keys DROP COLUMN lease_until');
  }
}
