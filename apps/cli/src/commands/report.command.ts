import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import type { Command } from 'commander';
import { vietnamDateOf, resolvePeriod } from '../../../../libs/domain/src/index.js';
import {
  ApplicationModule,
  createRunner,
  GetStatistics,
  ProblemError,
  statisticsCsv,
  statisticsXlsx,
  type StatisticsReport,
} from '../../../../libs/application/src/index.js';
import type { Principal } from '../../../../libs/security/src/index.js';
import { createRuntime, type Runtime } from '../../../../libs/runtime/src/index.js';

export interface ReportOptions {
  unit: string;
  period?: string;
  from?: string;
  to?: string;
  asOf?: string;
  recordedBefore?: string;
  subunits?: boolean;
  format: string;
  out: string;
}

export class ReportInputError extends Error {}

/** Who files the report from the command line: the operator of the installation, every unit in scope. */
const CLI_PRINCIPAL: Principal = { id: 'cli', name: 'donthu report', roles: ['admin'], unitId: null };

/**
 * The report through the application's QueryBus (the same `GetStatistics` as `GET /statistics`), in a
 * standalone context of the application module; an unknown unit or a bad period is the caller's error.
 */
async function statisticsReport(rt: Runtime, query: GetStatistics): Promise<StatisticsReport> {
  const app = await NestFactory.createApplicationContext(ApplicationModule.forRuntime({ runtime: rt }), {
    logger: ['warn', 'error'],
  });
  try {
    return await app.get(QueryBus).execute(query);
  } catch (err) {
    if (err instanceof ProblemError && err.problem.status < 500) throw new ReportInputError(err.message);
    throw err;
  } finally {
    await app.close();
  }
}

/**
 * Writes the periodic report of a unit (the figures of `GET /statistics`) to a file as XLSX, CSV or
 * JSON. The projections it reads are caught up first (safe beside a running worker).
 */
export async function writeReport(rt: Runtime, o: ReportOptions): Promise<{ file: string; bytes: number }> {
  if (!['xlsx', 'csv', 'json'].includes(o.format))
    throw new ReportInputError('--format must be xlsx, csv or json');
  const today = vietnamDateOf(rt.clock());
  const resolved = resolvePeriod({ period: o.period, from: o.from, to: o.to }, today);
  if (!resolved.ok)
    throw new ReportInputError(resolved.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
    throw new ReportInputError('--as-of must be a date written YYYY-MM-DD');
  if (o.recordedBefore !== undefined && Number.isNaN(Date.parse(o.recordedBefore)))
    throw new ReportInputError('--recorded-before must be an ISO 8601 instant');
  await createRunner(rt).catchUpAll();
  const report = await statisticsReport(
    rt,
    new GetStatistics(CLI_PRINCIPAL, {
      unitId: o.unit,
      includeSubunits: o.subunits !== false,
      ...(o.period !== undefined ? { period: o.period } : {}),
      ...(o.from !== undefined ? { from: o.from } : {}),
      ...(o.to !== undefined ? { to: o.to } : {}),
      asOf: o.asOf ?? today,
      ...(o.recordedBefore ? { recordedBefore: new Date(o.recordedBefore).toISOString() } : {}),
    }),
  );
  const body =
    o.format === 'xlsx'
      ? await statisticsXlsx(report)
      : Buffer.from(
          o.format === 'csv' ? statisticsCsv(report) : `${JSON.stringify(report, null, 2)}\n`,
          'utf8',
        );
  writeFileSync(o.out, body);
  return { file: o.out, bytes: body.length };
}

/** `donthu report --unit <id> --period 2026-Q3 --format xlsx --out <file>`: for scheduled filing. */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'write the periodic report of a unit (TT 02/2021/TT-TTCP periods: 2026-Q1…Q4, 2026-H1, 2026-9M, 2026) to a file',
    )
    .requiredOption('--unit <id>', 'the unit (its sub-units are rolled up)')
    .option('--period <label>', 'a reporting period with its official cut-offs; default the current quarter')
    .option('--from <date>', 'first day of a custom range (instead of --period)')
    .option('--to <date>', 'last day of a custom range')
    .option('--as-of <date>', 'business date the figures are judged on (default today)')
    .option('--recorded-before <instant>', 're-issue the report as it was on that instant')
    .option('--no-subunits', 'only the unit itself')
    .option('--format <format>', 'xlsx, csv or json', 'xlsx')
    .requiredOption('--out <file>', 'the file to write')
    .action(async (o: ReportOptions) => {
      const rt = await createRuntime({ role: 'cli' });
      try {
        const { file, bytes } = await writeReport(rt, o);
        console.log(`${file}: ${bytes} bytes`);
      } catch (err) {
        if (!(err instanceof ReportInputError)) throw err;
        console.error(err.message);
        process.exitCode = 2;
      } finally {
        await rt.close();
      }
    });
}
