import 'reflect-metadata';
import { Command } from 'commander';
import { registerCalendarCommand } from './commands/calendar.command.js';
import { registerDeadlineCommand } from './commands/deadline.command.js';
import { registerImportCommand } from './commands/import.command.js';
import { registerOpsCommands } from './commands/ops.command.js';
import { registerReportCommand } from './commands/report.command.js';
import { registerTokenCommand } from './commands/token.command.js';
import { registerApiKeysCommand } from './commands/apikeys.command.js';

const program = new Command();
program
  .name('donthu')
  .description(
    'donthu command line: deadlines and calendar checks, tokens, migrations, demo data, projections, verification, vault, periodic reports, import, Open311 API keys',
  )
  .showHelpAfterError();
registerDeadlineCommand(program);
registerCalendarCommand(program);
registerTokenCommand(program);
registerOpsCommands(program);
registerReportCommand(program);
registerImportCommand(program);
registerApiKeysCommand(program);
await program.parseAsync(process.argv);
