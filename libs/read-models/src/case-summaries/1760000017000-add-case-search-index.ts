import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FOLD_FROM, FOLD_TO } from './search-fold.js';

/**
 * Search over the case list as Vietnamese users type (`GET /cases?q=`): `donthu_fold(text)` lowers,
 * strips diacritics (đ → d; both tone-mark placements fold alike) and collapses spaces;
 * `donthu_case_search_text(…)` is what a case is found by — its tracking code, its subject and the
 * content the read model holds, unless the case is a denunciation (by its kind, or before
 * classification by the desk's kind hint): a denunciation's letter is never searched, and a case
 * classified or reclassified as one drops out at once. Never an identity: rm_cases holds none.
 *
 * `rm_cases.search_text` is that text, a generated column (it follows every write of the row, a
 * rebuild's shadow table included: `LIKE … INCLUDING ALL` copies it), with a trigram index (pg_trgm)
 * that serves `LIKE '%…%'`. Stored rather than an expression index: a broad search rechecks every
 * candidate row, and recomputing the folding there costs seconds on a million cases. The projection
 * runner never reads it into rows nor writes it (GENERATED_COLUMNS).
 */
export class AddCaseSearchIndex1760000017000 implements MigrationInterface {
  name = 'AddCaseSearchIndex1760000017000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`CREATE OR REPLACE FUNCTION donthu_fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$ SELECT btrim(regexp_replace(translate(lower(t), '${FOLD_FROM}', '${FOLD_TO}'), '\\s+', ' ', 'g')) $fn$`);
    await q.query(`CREATE OR REPLACE FUNCTION donthu_case_search_text(
        tracking_code text, subject text, content text, kind text, kind_hint text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$ SELECT donthu_fold(coalesce(tracking_code, '') || ' ' || coalesce(subject, '') ||
        CASE WHEN coalesce(kind, kind_hint, '') <> 'denunciation' THEN ' ' || coalesce(content, '') ELSE '' END) $fn$`);
    await q.query(`ALTER TABLE rm_cases ADD COLUMN search_text text GENERATED ALWAYS AS
      (donthu_case_search_text(tracking_code, subject, content, kind, kind_hint)) STORED`);
    await q.query('CREATE INDEX rm_cases_search_idx ON rm_cases USING gin (search_text gin_trgm_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_cases_search_idx');
    await q.query('ALTER TABLE rm_cases DROP COLUMN IF EXISTS search_text');
    await q.query('DROP FUNCTION IF EXISTS donthu_case_search_text(text, text, text, text, text)');
    await q.query('DROP FUNCTION IF EXISTS donthu_fold(text)');
  }
}
