import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts of the open deadlines (docs/projections.md, "Counts kept beside the rows"), so that the
 * overdue and upcoming boards answer their exact `total` from a few thousand rows instead of counting
 * half a million.
 *
 * `rm_deadline_open_counts` holds, per combination of the columns the two boards filter on
 * (`unit_id`, `due_on`, `start_on`, `state`, `paused_on`), how many current rows of `rm_deadlines`
 * are open deadlines: `recorded_to IS NULL AND deadline_no > 0 AND completed_on IS NULL AND
 * cancelled_on IS NULL` (the set `rm_deadlines_current_open_due` indexes). A combination whose count
 * falls to zero is removed.
 *
 * Statement-level triggers on `rm_deadlines` keep it, from the transition tables of each INSERT,
 * UPDATE and DELETE (and TRUNCATE empties it): in the same transaction as the rows and the
 * projection's checkpoint, whichever writer wrote them (the runner's bulk and per-row writers, a
 * seed). `rm_deadline_open_counts_attach(table)` attaches the triggers to a table and recomputes
 * the counts from it: this migration calls it on `rm_deadlines` (which also fills the counts for the
 * rows already there), and a rebuild calls it on its new table in the swap's transaction
 * (`rebuilt` of `deadlines.v1`), since a table made with `LIKE` has no triggers.
 */
export class AddOpenDeadlineCounts1760000019520 implements MigrationInterface {
  name = 'AddOpenDeadlineCounts1760000019520';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE rm_deadline_open_counts (
      unit_id text,
      due_on date,
      start_on date,
      state text,
      paused_on date,
      n bigint NOT NULL
    )`);
    // One row per combination, nulls included (the key of the triggers' upserts).
    await q.query(`CREATE UNIQUE INDEX rm_deadline_open_counts_key ON rm_deadline_open_counts
      (unit_id, due_on, start_on, state, paused_on) NULLS NOT DISTINCT`);
    // The rows a statement brought to zero, found without a scan.
    await q.query(
      'CREATE INDEX rm_deadline_open_counts_zero ON rm_deadline_open_counts (unit_id) WHERE n = 0',
    );
    const open = 'recorded_to IS NULL AND deadline_no > 0 AND completed_on IS NULL AND cancelled_on IS NULL';
    const key = 'unit_id, due_on, start_on, state, paused_on';
    const add = (rows: string, sign: '' | '-') => `
      INSERT INTO rm_deadline_open_counts AS c (${key}, n)
      SELECT ${key}, ${sign}count(*) FROM ${rows} WHERE ${open} GROUP BY ${key}
      ON CONFLICT (${key}) DO UPDATE SET n = c.n + EXCLUDED.n`;
    await q.query(`CREATE FUNCTION rm_deadline_open_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          DELETE FROM rm_deadline_open_counts;
          RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
          INSERT INTO rm_deadline_open_counts AS c (${key}, n)
          SELECT ${key}, sum(n) FROM (
            SELECT ${key}, -1 AS n FROM old_rows WHERE ${open}
            UNION ALL
            SELECT ${key}, 1 AS n FROM new_rows WHERE ${open}
          ) d GROUP BY ${key} HAVING sum(n) <> 0
          ON CONFLICT (${key}) DO UPDATE SET n = c.n + EXCLUDED.n;
        ELSIF TG_OP = 'INSERT' THEN
          ${add('new_rows', '')};
        ELSE
          ${add('old_rows', '-')};
        END IF;
        DELETE FROM rm_deadline_open_counts WHERE n = 0;
        RETURN NULL;
      END
    $$`);
    await q.query(`CREATE FUNCTION rm_deadline_open_counts_attach(t regclass) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        EXECUTE format('DROP TRIGGER IF EXISTS rm_deadline_open_counts_insert ON %s', t);
        EXECUTE format('DROP TRIGGER IF EXISTS rm_deadline_open_counts_update ON %s', t);
        EXECUTE format('DROP TRIGGER IF EXISTS rm_deadline_open_counts_delete ON %s', t);
        EXECUTE format('DROP TRIGGER IF EXISTS rm_deadline_open_counts_truncate ON %s', t);
        EXECUTE format('CREATE TRIGGER rm_deadline_open_counts_insert AFTER INSERT ON %s
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rm_deadline_open_counts_apply()', t);
        EXECUTE format('CREATE TRIGGER rm_deadline_open_counts_update AFTER UPDATE ON %s
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rm_deadline_open_counts_apply()', t);
        EXECUTE format('CREATE TRIGGER rm_deadline_open_counts_delete AFTER DELETE ON %s
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rm_deadline_open_counts_apply()', t);
        EXECUTE format('CREATE TRIGGER rm_deadline_open_counts_truncate AFTER TRUNCATE ON %s
          FOR EACH STATEMENT EXECUTE FUNCTION rm_deadline_open_counts_apply()', t);
        DELETE FROM rm_deadline_open_counts;
        EXECUTE format('INSERT INTO rm_deadline_open_counts (${key}, n)
          SELECT ${key}, count(*) FROM %s WHERE ${open} GROUP BY ${key}', t);
      END
    $$`);
    await q.query("SELECT rm_deadline_open_counts_attach('rm_deadlines')");
  }

  async down(q: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate'])
      await q.query(`DROP TRIGGER IF EXISTS rm_deadline_open_counts_${op} ON rm_deadlines`);
    await q.query('DROP FUNCTION IF EXISTS rm_deadline_open_counts_attach(regclass)');
    await q.query('DROP FUNCTION IF EXISTS rm_deadline_open_counts_apply()');
    await q.query('DROP TABLE IF EXISTS rm_deadline_open_counts');
  }
}
