import type { CaseCommand } from '../../../domain/src/index.js';
import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';
import type { CaseViewResult, PinReissued, RegisteredCase } from './case.results.js';
import type { PetitionerInput, RegisterCaseInput } from './case.inputs.js';

/**
 * The case commands as messages on the CommandBus: plain data, one `@CommandHandler` each
 * (`case.handlers.ts`). The HTTP layer builds them from its validated DTOs; the demo seeder builds
 * them directly.
 */

type Data<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>['data'];

/** A command on a case stream (the bus labels its span and metrics `case`). */
export abstract class CaseCommandMessage<R> extends ApplicationCommand<R> {
  static override readonly stream: string = 'case';
}

/** A command on an existing case; answers the case view after it. */
export abstract class ExistingCaseCommand<I> extends CaseCommandMessage<CaseViewResult> {
  constructor(
    readonly caseId: string,
    readonly input: I,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /cases: a letter as it arrives. */
export class RegisterCase extends CaseCommandMessage<RegisteredCase> {
  constructor(
    readonly input: RegisterCaseInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /cases/:id/pin: a new lookup PIN; the old one stops working. */
export class ReissueLookupPin extends CaseCommandMessage<PinReissued> {
  constructor(
    readonly caseId: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** What a classification takes; the application adds what it reads (the org tree, a previous case). */
export type ClassifyInput = Omit<Data<'ClassifyCase'>, 'previousCase' | 'competentWithinReceivingSubtree'>;
export type ReclassifyInput = Omit<
  Data<'ReclassifyCase'>,
  'previousCase' | 'competentWithinReceivingSubtree'
>;
/** An amendment; new petitioners and the letter arrive in clear and are sealed by the handler. */
export type AmendInput = Omit<Data<'AmendCase'>, 'petitioners' | 'sealedContent'> & {
  petitioners?: PetitionerInput[];
  content?: string;
};
/** A dialogue; its id is drawn by the handler. */
export type DialogueInput = Omit<Data<'RecordDialogue'>, 'dialogueId'>;

export class ClassifyCase extends ExistingCaseCommand<ClassifyInput> {}
export class ReclassifyCase extends ExistingCaseCommand<ReclassifyInput> {}
export class AmendCase extends ExistingCaseCommand<AmendInput> {}
export class AcceptCase extends ExistingCaseCommand<Data<'AcceptCase'>> {}
export class RejectCase extends ExistingCaseCommand<Data<'RejectCase'>> {}
export class GuideCase extends ExistingCaseCommand<Data<'GuideCase'>> {}
export class ArchiveCase extends ExistingCaseCommand<Data<'ArchiveCase'>> {}
export class TransferCase extends ExistingCaseCommand<Data<'TransferCase'>> {}
/** `byHead` is the handler's to find out, never the caller's to say. */
export class AssignHandler extends ExistingCaseCommand<Omit<Data<'AssignHandler'>, 'byHead'>> {}
export class ExtendDeadline extends ExistingCaseCommand<Data<'ExtendDeadline'>> {}
export class SuspendCase extends ExistingCaseCommand<Data<'SuspendCase'>> {}
export class ResumeCase extends ExistingCaseCommand<Data<'ResumeCase'>> {}
export class RecordDialogue extends ExistingCaseCommand<DialogueInput> {}
export class ResolveCase extends ExistingCaseCommand<Data<'ResolveCase'>> {}
export class WithdrawCase extends ExistingCaseCommand<Data<'WithdrawCase'>> {}
export class TerminateCase extends ExistingCaseCommand<Data<'TerminateCase'>> {}
export class CloseCase extends ExistingCaseCommand<Data<'CloseCase'>> {}
