import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Units over time (docs/reference/api-contract.md): `from_on`, the first day a unit exists (1990-01-01 for units created
 * before the field existed), and `delegations`, who may record reception holds as a head's own.
 */
export class AddUnitFromAndDelegations1760000019310 implements MigrationInterface {
  name = 'AddUnitFromAndDelegations1760000019310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_units
      ADD COLUMN from_on date NOT NULL DEFAULT '1990-01-01',
      ADD COLUMN delegations jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE rm_units DROP COLUMN from_on, DROP COLUMN delegations');
  }
}
