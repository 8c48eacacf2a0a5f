import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cases brought in by `POST /admin/import` (docs/reference/deadlines.md §9), by the `externalId` the agency's
 * file gave them: an `externalId` imported once is refused by any other import, and an import run
 * again with the same `importId` skips the cases it already wrote (resumable batches).
 */
export class CreateImportedCases1760000018100 implements MigrationInterface {
  name = 'CreateImportedCases1760000018100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE imported_cases (
      external_id text PRIMARY KEY,
      import_id text NOT NULL,
      case_id text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT now())`);
    await q.query('CREATE INDEX imported_cases_import ON imported_cases (import_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE imported_cases');
  }
}
