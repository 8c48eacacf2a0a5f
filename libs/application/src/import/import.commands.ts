import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';
import { ImportService, type ImportInput, type ImportResult } from './import.service.js';

/** POST /admin/import and `donthu import`, as a message on the CommandBus. */
export class ImportHistoryMessage extends ApplicationCommand<ImportResult> {
  /** Its case streams are written by the import, one append each; the bus labels the whole `import`. */
  static override readonly stream: string = 'import';
  constructor(
    readonly input: ImportInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

@CommandHandler(ImportHistoryMessage)
export class ImportHistoryHandler implements ICommandHandler<ImportHistoryMessage, ImportResult> {
  constructor(private readonly imports: ImportService) {}
  execute({ input, meta }: ImportHistoryMessage): Promise<ImportResult> {
    return this.imports.run(input, meta.principal, { correlationId: meta.correlationId });
  }
}

export const IMPORT_COMMAND_HANDLERS = [ImportHistoryHandler];
