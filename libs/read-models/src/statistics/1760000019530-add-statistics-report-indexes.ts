import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the set-based report queries (statistics.queries.ts, docs/statistics.md "How the figures
 * are read"):
 * - `rm_statistics_classified`: the classifications of each case, newest first (business date, then
 *   stream version), with the kind and the recording instants, so that the kind of a case as classified
 *   by the end of a period is read from the index alone, for all the cases of a report at once;
 * - `rm_statistics_open_until`: the open spans by unit and by the day they end (a span still open has
 *   none: `infinity`), so that the cases open on a day are read from the spans ending after it, not from
 *   every span that ever started before it.
 * Neither is limited to current rows: a report as recorded before an instant reads the same indexes.
 */
export class AddStatisticsReportIndexes1760000019530 implements MigrationInterface {
  name = 'AddStatisticsReportIndexes1760000019530';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX rm_statistics_classified ON rm_statistics (subject_id, on_date DESC, seq DESC)
         INCLUDE (kind, recorded_from, recorded_to) WHERE figure = 'classified'`,
    );
    await q.query(
      `CREATE INDEX rm_statistics_open_until ON rm_statistics (unit_id, (COALESCE(until_date, 'infinity'::date)), on_date)
         INCLUDE (case_id, recorded_from, recorded_to) WHERE figure = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS rm_statistics_open_until');
    await q.query('DROP INDEX IF EXISTS rm_statistics_classified');
  }
}
