import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '../../../security/src/auth/roles.js';
import { ImportService, type ImportInput, type ImportResult } from './import.service.js';

/** POST /admin/import and `donthu import`, as a message on the CommandBus. */
export class ImportHistoryMessage implements ICommand {
  constructor(
    readonly input: ImportInput,
    readonly principal: Principal,
    readonly opts: { correlationId: string },
  ) {}
}

@CommandHandler(ImportHistoryMessage)
export class ImportHistoryHandler implements ICommandHandler<ImportHistoryMessage, ImportResult> {
  constructor(private readonly imports: ImportService) {}
  execute({ input, principal, opts }: ImportHistoryMessage): Promise<ImportResult> {
    return this.imports.run(input, principal, opts);
  }
}

export const IMPORT_COMMAND_HANDLERS = [ImportHistoryHandler];
