import { CommandHandler, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand, ExistingCase } from '../../../domain/src/case/index.js';
import type { Principal } from '../../../security/src/auth/roles.js';
import type { RegisterCaseInput as RegisterCaseDto } from './case.inputs.js';
import { CaseService, type CaseAction } from './case.service.js';

/** POST /cases, as a message on the CommandBus. */
export class RegisterCaseMessage implements ICommand {
  constructor(
    readonly dto: RegisterCaseDto,
    readonly principal: Principal,
    readonly opts: { eventIdSeed?: string; correlationId: string },
  ) {}
}

/**
 * Every other case command, as a message on the CommandBus: `build` turns the current state into
 * the domain command (the controller resolves units and ids first); the handler loads the stream,
 * decides with the calendar, rules and now, and appends with the expected version.
 */
export class ExecuteCaseCommandMessage implements ICommand {
  constructor(
    readonly caseId: string,
    readonly action: CaseAction,
    readonly build: (state: ExistingCase) => CaseCommand | Promise<CaseCommand>,
    readonly principal: Principal,
    readonly opts: { ifMatch?: number; eventIdSeed?: string; correlationId: string },
  ) {}
}

@CommandHandler(RegisterCaseMessage)
export class RegisterCaseHandler implements ICommandHandler<RegisterCaseMessage> {
  constructor(private readonly cases: CaseService) {}
  execute({ dto, principal, opts }: RegisterCaseMessage) {
    return this.cases.register(dto, principal, opts);
  }
}

@CommandHandler(ExecuteCaseCommandMessage)
export class ExecuteCaseCommandHandler implements ICommandHandler<ExecuteCaseCommandMessage> {
  constructor(private readonly cases: CaseService) {}
  execute({ caseId, action, build, principal, opts }: ExecuteCaseCommandMessage) {
    return this.cases.command(caseId, action, build, principal, opts);
  }
}

export const CASE_COMMAND_HANDLERS = [RegisterCaseHandler, ExecuteCaseCommandHandler];
