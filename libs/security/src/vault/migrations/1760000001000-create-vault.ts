import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The personal-data vault: one wrapped data key per person. An erased person keeps a row with
 * `erased_at` set and no key material, so the erasure is known and the reference never reused.
 */
export class CreateVault1760000001000 implements MigrationInterface {
  name = 'CreateVault1760000001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE vault_keys (
        person_ref  text PRIMARY KEY,
        key_id      text NOT NULL,
        wrapped_key text NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        erased_at   timestamptz NULL,
        CONSTRAINT vault_keys_key_xor_erased CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
      )`);
    await queryRunner.query(
      'CREATE INDEX vault_keys_live_by_key_id ON vault_keys (key_id) WHERE erased_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE IF EXISTS vault_keys');
  }
}
