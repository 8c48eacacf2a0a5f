import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApplicationModule,
  ProblemError,
  ImportHistoryMessage,
  createRunner,
} from '../../../../libs/application/src/index.js';
import type { ImportResult } from '../../../../libs/application/src/index.js';
import { createRuntime } from '../../../../libs/runtime/src/index.js';

interface ImportOptions {
  reason?: string;
  actor?: string;
  actorName?: string;
  dryRun?: boolean;
  importId?: string;
}

/**
 * `donthu import <file> --reason … --actor <id>`: the use case of POST /admin/import (docs/import.md),
 * run as an administrator named by --actor. Problems are printed one per line (`row 12/acceptedAt: …`);
 * exit code 1 when the file is refused (nothing written), 2 for a usage error.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('bring in history handled before donthu from a CSV or XLSX file (docs/import.md)')
    .argument('<file>', 'the file (.csv or .xlsx)')
    .requiredOption('--reason <text>', 'why this history is brought in (kept in every imported event)')
    .requiredOption('--actor <id>', 'the administrator recorded as the actor')
    .option('--actor-name <name>', "the administrator's name", 'Quản trị viên')
    .option('--dry-run', 'validate only: nothing is written')
    .option('--import-id <id>', 'resume this import (default: derived from the file)')
    .action(async (file: string, opts: ImportOptions) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        console.error(`cannot read ${file}: ${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const runtime = await createRuntime({ role: 'cli' });
      const runner = createRunner(runtime);
      runner.start();
      const app = await NestFactory.createApplicationContext(
        ApplicationModule.forRuntime({ runtime, runner }),
        { logger: ['warn', 'error'] },
      );
      try {
        const result: ImportResult = await app.get(CommandBus).execute(
          new ImportHistoryMessage(
            {
              file: bytes,
              format: extname(file).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv',
              reason: opts.reason ?? '',
              ...(opts.dryRun ? { dryRun: true } : {}),
              ...(opts.importId ? { importId: opts.importId } : {}),
            },
            {
              principal: {
                id: opts.actor!,
                name: opts.actorName ?? 'Quản trị viên',
                roles: ['admin'],
                unitId: null,
              },
              correlationId: `cli-import:${Date.now()}`,
            },
          ),
        );
        await runner.catchUpAll();
        console.log(
          `${result.dryRun ? 'would import' : 'imported'} ${result.cases} case(s), ${result.events} event(s)` +
            ` (import ${result.importId}${result.alreadyImported ? `, ${result.alreadyImported} already imported` : ''})`,
        );
      } catch (e) {
        if (!(e instanceof ProblemError)) throw e;
        console.error(e.problem.detail);
        for (const err of e.problem.errors ?? []) console.error(`  ${err.path}: ${err.message}`);
        process.exitCode = 1;
      } finally {
        await app.close();
        await runner.stop();
        await runtime.close();
      }
    });
}
