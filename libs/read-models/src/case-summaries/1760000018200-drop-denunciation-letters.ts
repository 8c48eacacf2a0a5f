import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case list keeps a searchable copy of a letter only while the case is not a denunciation
 * (architecture.md decision 7; case-summaries.projection.ts). Rows written before that rule held the
 * letter of every case: the denunciations' copies go.
 */
export class DropDenunciationLetters1760000018200 implements MigrationInterface {
  name = 'DropDenunciationLetters1760000018200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE rm_cases SET content = '' WHERE coalesce(kind, kind_hint, '') = 'denunciation' AND content <> ''`,
    );
  }

  async down(): Promise<void> {
    // Nothing to restore: a rebuild of case-summaries.v1 writes the same rows.
  }
}
