import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApplicationCommand } from '../bus/messages.js';
import type { Principal } from '../../../security/src/index.js';
import { ImportService, type ImportInput, type ImportResult } from './import.service.js';

/** POST /admin/import and `donthu import`, as a message on the CommandBus. */
export class ImportHistoryMessage extends ApplicationCommand<ImportResult> {
  /** Its case streams are written by the import, one append each; the bus labels the whole `import`. */
  static override readonly stream: string = 'import';
  constructor(
    readonly input: ImportInput,
    readonly principal: Principal,
    readonly opts: { correlationId: string },
  ) {
    super({ principal, correlationId: opts.correlationId });
  }
}

@CommandHandler(ImportHistoryMessage)
export class ImportHistoryHandler implements ICommandHandler<ImportHistoryMessage, ImportResult> {
  constructor(private readonly imports: ImportService) {}
  execute({ input, principal, opts }: ImportHistoryMessage): Promise<ImportResult> {
    return this.imports.run(input, principal, opts);
  }
}

export const IMPORT_COMMAND_HANDLERS = [ImportHistoryHandler];
