import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  caseStreamId,
  decide,
  initialCaseState,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ExistingCase,
  DomainError,
} from '../../../domain/src/index.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import {
  requirePermission,
  type Permission,
  type Principal,
  generateLookupPin,
  hashLookupPin,
} from '../../../security/src/index.js';
import { commandOptions } from '../bus/messages.js';
import { committedIn, decideContext, handleCommand, seededId } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { evolveCase } from '../folds.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  AcceptCase,
  AmendCase,
  ArchiveCase,
  AssignHandler,
  ClassifyCase,
  CloseCase,
  ExtendDeadline,
  GuideCase,
  ReclassifyCase,
  RecordDialogue,
  RegisterCase,
  ReissueLookupPin,
  RejectCase,
  ResolveCase,
  ResumeCase,
  SuspendCase,
  TerminateCase,
  TransferCase,
  WithdrawCase,
  type ExistingCaseCommand,
} from './case.commands.js';
import type { CaseViewResult, PinReissued, RegisteredCase } from './case.results.js';
import { CaseService, foldStored } from './case.service.js';

/**
 * One handler per case command. A command on an existing case: load the stream and fold it once
 * (404 when unknown or out of scope), check the role (403), then `handleCommand` (412 on a stale
 * If-Match; decide with the calendar, the rules and now; append with the expected version). The
 * answer is the state after, evolved from the decided events (no second fold); a conflict re-reads
 * and folds again.
 */
@Injectable()
abstract class ExistingCaseHandler<I, M extends ExistingCaseCommand<I>> {
  /** The permission the command needs besides the case being in scope. */
  protected abstract readonly permission: Permission;

  constructor(
    @Inject(RUNTIME) protected readonly runtime: Runtime,
    protected readonly runner: ProjectionRunner,
    protected readonly cases: CaseService,
    protected readonly units: UnitDirectory,
  ) {}

  /** The domain command, given the current state (may read the org tree, seal, refuse with a 4xx). */
  protected abstract toDomain(message: M, state: ExistingCase): CaseCommand | Promise<CaseCommand>;

  async execute(message: M): Promise<CaseViewResult> {
    const { caseId, meta } = message;
    const loaded = await this.cases.load(caseId, meta.principal);
    requirePermission(meta.principal, this.permission);
    const decided: { state?: CaseState } = {};
    const result = await handleCommand(
      this.runtime,
      caseStreamId(caseId),
      async (history, ctx) => {
        // The stream just loaded is folded already; after a conflict it is read and folded again.
        const state = history === loaded.events ? loaded.state : foldStored(history);
        if (!state.exists) throw new DomainError('NOT_FOUND', `no case ${caseId}`);
        const events = decide(await this.toDomain(message, state), state, ctx);
        decided.state = evolveCase(state, events);
        return events;
      },
      { ...commandOptions(meta), history: loaded.events },
      () => this.runner.poke(),
    );
    // A replay of a command that committed earlier decided nothing now: its outcome is folded.
    const after = (decided.state ?? foldStored(result.events)) as ExistingCase;
    return this.cases.view(
      after,
      result.events,
      result.position ?? result.events[result.events.length - 1]?.globalPosition ?? null,
      meta.principal,
    );
  }

  /** An existing unit that exists on the act's date (not before its `from`, not from its `ceasedOn`). */
  protected async requireUnit(unitId: string, path: string, on?: string): Promise<void> {
    if (!(await this.units.exists(unitId)))
      fail('VALIDATION_FAILED', `${path}: no such unit`, [{ path, message: 'no such unit' }]);
    const problem = await this.units.problemOn(unitId, on);
    if (problem) fail('VALIDATION_FAILED', `${path}: ${problem}`, [{ path, message: problem }]);
  }
}

/** A command whose domain form is its input as it is. */
abstract class PlainCaseHandler<
  I extends object,
  M extends ExistingCaseCommand<I>,
> extends ExistingCaseHandler<I, M> {
  protected abstract readonly type: CaseCommand['type'];
  protected toDomain(message: M): CaseCommand {
    return { type: this.type, data: { ...message.input } } as CaseCommand;
  }
}

/**
 * A classification or its correction: the same facts read for both — the competent unit exists on
 * the act's date and whether it lies within the receiving unit's subtree, the previous case when one
 * is named — differing only in the command type.
 */
abstract class ClassificationHandler<M extends ClassifyCase | ReclassifyCase> extends ExistingCaseHandler<
  M['input'],
  M
> {
  protected readonly permission = 'case.classify';
  protected abstract readonly type: 'ClassifyCase' | 'ReclassifyCase';
  protected async toDomain({ input, meta }: M, state: ExistingCase): Promise<CaseCommand> {
    await this.requireUnit(input.competentUnitId, 'competentUnitId', input.at);
    const previousCase = input.previousCaseId
      ? await this.cases.previousCaseFacts(input.previousCaseId, meta.principal)
      : undefined;
    return {
      type: this.type,
      data: {
        ...input,
        ...(previousCase ? { previousCase } : {}),
        competentWithinReceivingSubtree: await this.units.isWithin(
          input.competentUnitId,
          state.receivingUnitId,
        ),
      },
    } as CaseCommand;
  }
}

@CommandHandler(ClassifyCase)
export class ClassifyCaseHandler extends ClassificationHandler<ClassifyCase> {
  protected readonly type = 'ClassifyCase';
}

@CommandHandler(ReclassifyCase)
export class ReclassifyCaseHandler extends ClassificationHandler<ReclassifyCase> {
  protected readonly type = 'ReclassifyCase';
}

@CommandHandler(AmendCase)
export class AmendCaseHandler extends ExistingCaseHandler<AmendCase['input'], AmendCase> {
  protected readonly permission = 'case.classify';
  protected async toDomain({ input }: AmendCase, state: ExistingCase): Promise<CaseCommand> {
    const { petitioners, content, ...rest } = input;
    return {
      type: 'AmendCase',
      data: {
        ...rest,
        ...(petitioners ? { petitioners: await this.cases.sealPetitioners(petitioners) } : {}),
        // Sealed as at registration, whatever the case's kind (architecture.md decision 7).
        ...(content !== undefined
          ? { sealedContent: await this.cases.sealLetter(state.caseId, content) }
          : {}),
      },
    };
  }
}

@CommandHandler(TransferCase)
export class TransferCaseHandler extends ExistingCaseHandler<TransferCase['input'], TransferCase> {
  protected readonly permission = 'case.transfer';
  protected async toDomain({ input }: TransferCase): Promise<CaseCommand> {
    await this.requireUnit(input.toUnitId, 'toUnitId', input.at);
    return { type: 'TransferCase', data: { ...input } };
  }
}

/**
 * Assigning a case nobody has classified yet, or a denunciation, opens its identities to the
 * assignee: it is reserved to a head of the receiving or competent unit (docs/reference/api-contract.md, Case commands: assign). A handler
 * can no longer assign a denunciation to themselves and then read the denunciator's name.
 */
@CommandHandler(AssignHandler)
export class AssignHandlerHandler extends ExistingCaseHandler<AssignHandler['input'], AssignHandler> {
  protected readonly permission = 'case.command';
  protected async toDomain({ input, meta }: AssignHandler, state: ExistingCase): Promise<CaseCommand> {
    // Whether the assigner is a head of the receiving or competent unit is recorded: a later
    // classification as a denunciation removes a handler no such head assigned.
    const byHead = await this.requireAssigner(state, meta.principal);
    return { type: 'AssignHandler', data: { ...input, byHead } };
  }

  private async requireAssigner(state: ExistingCase, principal: Principal): Promise<boolean> {
    const units = [state.receivingUnitId, state.competentUnitId].filter((u): u is string => !!u);
    if (principal.roles.includes('head') && principal.unitId)
      for (const u of units) if (await this.units.isWithin(u, principal.unitId)) return true;
    if (state.kind !== null && state.kind !== 'denunciation') return false;
    return fail(
      'FORBIDDEN',
      state.kind === null
        ? 'assigning an unclassified case is reserved to a head of the receiving or competent unit'
        : 'assigning a denunciation is reserved to a head of the receiving or competent unit',
    );
  }
}

@CommandHandler(RecordDialogue)
export class RecordDialogueHandler extends ExistingCaseHandler<RecordDialogue['input'], RecordDialogue> {
  protected readonly permission = 'case.command';
  protected toDomain({ input }: RecordDialogue): CaseCommand {
    return { type: 'RecordDialogue', data: { ...input, dialogueId: randomUUID() } };
  }
}

@CommandHandler(AcceptCase)
export class AcceptCaseHandler extends PlainCaseHandler<AcceptCase['input'], AcceptCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'AcceptCase';
}

@CommandHandler(RejectCase)
export class RejectCaseHandler extends PlainCaseHandler<RejectCase['input'], RejectCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'RejectCase';
}

@CommandHandler(GuideCase)
export class GuideCaseHandler extends PlainCaseHandler<GuideCase['input'], GuideCase> {
  protected readonly permission = 'case.guide';
  protected readonly type = 'GuideCase';
}

@CommandHandler(ArchiveCase)
export class ArchiveCaseHandler extends PlainCaseHandler<ArchiveCase['input'], ArchiveCase> {
  protected readonly permission = 'case.archive';
  protected readonly type = 'ArchiveCase';
}

@CommandHandler(ExtendDeadline)
export class ExtendDeadlineHandler extends PlainCaseHandler<ExtendDeadline['input'], ExtendDeadline> {
  protected readonly permission = 'case.command';
  protected readonly type = 'ExtendDeadline';
}

@CommandHandler(SuspendCase)
export class SuspendCaseHandler extends PlainCaseHandler<SuspendCase['input'], SuspendCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'SuspendCase';
}

@CommandHandler(ResumeCase)
export class ResumeCaseHandler extends PlainCaseHandler<ResumeCase['input'], ResumeCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'ResumeCase';
}

@CommandHandler(ResolveCase)
export class ResolveCaseHandler extends PlainCaseHandler<ResolveCase['input'], ResolveCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'ResolveCase';
}

@CommandHandler(WithdrawCase)
export class WithdrawCaseHandler extends PlainCaseHandler<WithdrawCase['input'], WithdrawCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'WithdrawCase';
}

@CommandHandler(TerminateCase)
export class TerminateCaseHandler extends PlainCaseHandler<TerminateCase['input'], TerminateCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'TerminateCase';
}

@CommandHandler(CloseCase)
export class CloseCaseHandler extends PlainCaseHandler<CloseCase['input'], CloseCase> {
  protected readonly permission = 'case.command';
  protected readonly type = 'CloseCase';
}

/**
 * POST /cases. With an Idempotency-Key the case id derives from it: a retry after a crash finds the
 * case the first attempt registered and answers it, instead of registering the letter twice.
 */
@CommandHandler(RegisterCase)
export class RegisterCaseHandler implements ICommandHandler<RegisterCase, RegisteredCase> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly cases: CaseService,
    private readonly units: UnitDirectory,
  ) {}

  async execute({ input: dto, meta }: RegisterCase): Promise<RegisteredCase> {
    const { principal } = meta;
    requirePermission(principal, 'case.register');
    if (!(await this.units.exists(dto.receivingUnitId))) {
      fail('VALIDATION_FAILED', 'receivingUnitId: no such unit', [
        { path: 'receivingUnitId', message: 'no such unit' },
      ]);
    }
    // Read once: its name goes on the receipt.
    const receivingUnit = await this.units.state(dto.receivingUnitId);
    const problem = await this.units.problemOn(dto.receivingUnitId, dto.receivedAt, receivingUnit);
    if (problem)
      fail('VALIDATION_FAILED', `receivingUnitId: ${problem}`, [
        { path: 'receivingUnitId', message: problem },
      ]);
    if (!(await this.units.inScope(principal, [dto.receivingUnitId]))) {
      fail('FORBIDDEN', 'you may register cases only for your unit and the units below it');
    }
    const seed = meta.eventIdSeed;
    const caseId = seed ? seededId(seed, 'case') : randomUUID();
    const streamId = caseStreamId(caseId);
    const committed = seed
      ? committedIn(await this.runtime.store.readStream(streamId), streamId, seed)
      : null;
    if (committed) {
      const done = foldStored(committed.events) as ExistingCase;
      return {
        id: caseId,
        trackingCode: done.trackingCode,
        version: done.version,
        position: Number(committed.position),
        status: done.status,
        // The PIN of that first attempt was never answered: the desk reissues one (POST /cases/:id/pin).
        receipt: await this.cases.receiptOf(done, null),
      };
    }
    const base = {
      caseId,
      receivedAt: dto.receivedAt,
      channel: dto.channel,
      receivingUnitId: dto.receivingUnitId,
      signerCount: dto.signerCount ?? Math.max(1, dto.petitioners.length),
      subject: dto.subject,
      ...(dto.field ? { field: dto.field } : {}),
      ...(dto.kindHint ? { kindHint: dto.kindHint } : {}),
      ...(dto.anonymous !== undefined ? { anonymous: dto.anonymous } : {}),
      ...(dto.forwardedBy !== undefined ? { forwardedBy: dto.forwardedBy } : {}),
      ...(dto.registryNo !== undefined ? { registryNo: dto.registryNo } : {}),
    };
    // Validate first with placeholders, so a rejected request allocates no tracking code and seals nobody.
    const placeholder = dto.petitioners.map(() => ({ personRef: 'x', sealed: 'x', representative: false }));
    decide(
      {
        type: 'RegisterCase',
        data: { ...base, trackingCode: 'X', petitioners: placeholder, sealedContent: dto.content },
      },
      initialCaseState(),
      decideContext(this.runtime),
    );
    const lookupPin = generateLookupPin();
    // At once: the tracking code and the data keys are statements of their own, the PIN's hash is
    // scrypt on the thread pool (none of them depends on another).
    const [trackingCode, lookupPinHash, { sealedContent, petitioners }] = await Promise.all([
      this.cases.nextTrackingCode(dto.receivingUnitId, dto.receivedAt.slice(0, 4), caseId),
      hashLookupPin(caseId, lookupPin),
      // The letter is sealed whatever the desk hinted: the kind is known only at classification.
      this.cases.sealRegistration(caseId, dto.content, dto.petitioners),
    ]);
    const decided: { state?: CaseState } = {};
    const result = await handleCommand(
      this.runtime,
      streamId,
      (history, ctx) => {
        const state = foldStored(history);
        const events: CaseEvent[] = decide(
          {
            type: 'RegisterCase',
            data: { ...base, trackingCode, petitioners, lookupPinHash, sealedContent },
          },
          state,
          ctx,
        );
        decided.state = evolveCase(state, events);
        return events;
      },
      // A new random id: nothing to read (were it taken, the append conflicts and handleCommand reads).
      { ...commandOptions(meta), history: [] },
      () => this.runner.poke(),
    );
    const state = (decided.state ?? foldStored(result.events)) as ExistingCase;
    return {
      id: caseId,
      trackingCode,
      version: state.version,
      position: Number(result.position),
      status: state.status,
      // Returned only here (and by a reissue); the controller strips it before an idempotent replay is stored.
      receipt: await this.cases.receiptOf(state, lookupPin, receivingUnit),
    };
  }
}

/** POST /cases/:id/pin: a new lookup PIN; the old one stops working. Reception or handler in scope. */
@CommandHandler(ReissueLookupPin)
export class ReissueLookupPinHandler implements ICommandHandler<ReissueLookupPin, PinReissued> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly cases: CaseService,
  ) {}

  async execute({ caseId, meta }: ReissueLookupPin): Promise<PinReissued> {
    const loaded = await this.cases.load(caseId, meta.principal);
    requirePermission(meta.principal, 'case.pin');
    const lookupPin = generateLookupPin();
    const lookupPinHash = await hashLookupPin(loaded.state.caseId, lookupPin);
    const decided: { state?: CaseState } = {};
    const result = await handleCommand(
      this.runtime,
      caseStreamId(caseId),
      (history, ctx) => {
        const state = history === loaded.events ? loaded.state : foldStored(history);
        const events = decide({ type: 'ReissueLookupPin', data: { lookupPinHash } }, state, ctx);
        decided.state = evolveCase(state, events);
        return events;
      },
      { ...commandOptions(meta), history: loaded.events },
      () => this.runner.poke(),
    );
    const state = (decided.state ?? foldStored(result.events)) as ExistingCase;
    return {
      trackingCode: state.trackingCode,
      lookupPin,
      lookupUrl: this.cases.lookupUrl(state.trackingCode),
      version: state.version,
      position: Number(result.position ?? result.events[result.events.length - 1]?.globalPosition),
    };
  }
}

export const CASE_COMMAND_HANDLERS = [
  RegisterCaseHandler,
  ReissueLookupPinHandler,
  ClassifyCaseHandler,
  ReclassifyCaseHandler,
  AmendCaseHandler,
  AcceptCaseHandler,
  RejectCaseHandler,
  GuideCaseHandler,
  ArchiveCaseHandler,
  TransferCaseHandler,
  AssignHandlerHandler,
  ExtendDeadlineHandler,
  SuspendCaseHandler,
  ResumeCaseHandler,
  RecordDialogueHandler,
  ResolveCaseHandler,
  WithdrawCaseHandler,
  TerminateCaseHandler,
  CloseCaseHandler,
];
