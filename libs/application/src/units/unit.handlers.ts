import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { DecideContext, UnitCommand } from '../../../domain/src/index.js';
import {
  vietnamDateOf,
  decideUnit,
  unitStreamId,
  evolveUnit,
  type UnitState,
} from '../../../domain/src/index.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { requirePermission, type Principal } from '../../../security/src/index.js';
import { commandOptions, type CommandMeta } from '../bus/messages.js';
import { handleCommand, seededId } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { foldUnitEvents } from '../folds.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import {
  AppointHead,
  CancelUnitMerger,
  CreateUnit,
  EndDelegation,
  MergeUnit,
  NameDelegate,
  RenameUnit,
} from './unit.commands.js';
import { UnitDirectory } from './unit-directory.service.js';
import { unitView, type UnitCommandResult } from './unit.views.js';

/**
 * One handler per unit command (admin only): check, then `handleCommand` on the unit's stream (412
 * on a stale If-Match, decide, append). The stream is folded once per attempt; the view after is
 * the state evolved by the decided events.
 */
@Injectable()
abstract class UnitHandler {
  constructor(
    @Inject(RUNTIME) protected readonly runtime: Runtime,
    protected readonly runner: ProjectionRunner,
    protected readonly directory: UnitDirectory,
  ) {}

  protected async mustExist(unitId: string): Promise<void> {
    if (!(await this.directory.exists(unitId))) fail('NOT_FOUND', `no unit ${unitId}`);
  }

  protected async run(
    unitId: string,
    meta: CommandMeta,
    build: (ctx: DecideContext) => UnitCommand,
  ): Promise<UnitCommandResult> {
    const decided: { state?: UnitState } = {};
    const result = await handleCommand(
      this.runtime,
      unitStreamId(unitId),
      (history, ctx) => {
        const state = foldUnitEvents(history);
        const events = decideUnit(build(ctx), state, ctx);
        decided.state = events.reduce(evolveUnit, state);
        return events;
      },
      commandOptions(meta),
      () => this.runner.poke(),
    );
    // A replay of a command that committed earlier decided nothing now: its outcome is folded.
    const after = decided.state ?? foldUnitEvents(result.events);
    const today = vietnamDateOf(this.runtime.clock());
    const view = unitView(after, today, today);
    return {
      ...view!,
      version: result.version,
      position: result.position ? Number(result.position) : undefined,
    };
  }
}

@CommandHandler(CreateUnit)
export class CreateUnitHandler extends UnitHandler implements ICommandHandler<CreateUnit, UnitCommandResult> {
  async execute({ input, meta }: CreateUnit): Promise<UnitCommandResult> {
    requirePermission(meta.principal, 'units.manage');
    // From the Idempotency-Key when there is one: a retry after a crash finds the same unit.
    const unitId = input.id ?? (meta.eventIdSeed ? seededId(meta.eventIdSeed, 'unit') : randomUUID());
    if (input.parentId && !(await this.directory.exists(input.parentId))) {
      fail('VALIDATION_FAILED', 'parentId: no such unit', [{ path: 'parentId', message: 'no such unit' }]);
    }
    if (input.parentId && input.from) {
      // A child's `from` may not precede its parent's.
      const parent = await this.directory.state(input.parentId);
      if (parent.status !== 'none' && input.from < parent.from) {
        const message = `a unit cannot begin before its parent (${parent.from})`;
        fail('VALIDATION_FAILED', `from: ${message}`, [{ path: 'from', message }]);
      }
    }
    return this.run(unitId, meta, (ctx) => ({
      type: 'CreateUnit',
      data: {
        unitId,
        name: input.name,
        level: input.level,
        parentId: input.parentId ?? null,
        createdAt: ctx.today,
        ...(input.from !== undefined ? { from: input.from } : {}),
      },
    }));
  }
}

@CommandHandler(RenameUnit)
export class RenameUnitHandler extends UnitHandler implements ICommandHandler<RenameUnit, UnitCommandResult> {
  async execute({ unitId, name, meta }: RenameUnit): Promise<UnitCommandResult> {
    requirePermission(meta.principal, 'units.manage');
    await this.mustExist(unitId);
    return this.run(unitId, meta, (ctx) => ({ type: 'RenameUnit', data: { name, on: ctx.today } }));
  }
}

@CommandHandler(AppointHead)
export class AppointHeadHandler
  extends UnitHandler
  implements ICommandHandler<AppointHead, UnitCommandResult>
{
  async execute({ unitId, input, meta }: AppointHead): Promise<UnitCommandResult> {
    requirePermission(meta.principal, 'units.manage');
    await this.mustExist(unitId);
    return this.run(unitId, meta, () => ({
      type: 'AppointHead',
      data: {
        personId: input.personId,
        fullName: input.fullName,
        from: input.from,
        acting: input.acting ?? false,
      },
    }));
  }
}

@CommandHandler(MergeUnit)
export class MergeUnitHandler extends UnitHandler implements ICommandHandler<MergeUnit, UnitCommandResult> {
  async execute({ unitId, input, meta }: MergeUnit): Promise<UnitCommandResult> {
    requirePermission(meta.principal, 'units.manage');
    await this.mustExist(unitId);
    if (input.intoUnitId === unitId)
      fail('VALIDATION_FAILED', 'a unit cannot merge into itself', [
        { path: 'intoUnitId', message: 'must be another unit' },
      ]);
    const successor = await this.directory.state(input.intoUnitId);
    if (successor.status === 'none')
      fail('VALIDATION_FAILED', 'intoUnitId: no such unit', [
        { path: 'intoUnitId', message: 'no such unit' },
      ]);
    if (successor.status === 'merged' && successor.mergedOn <= input.effectiveOn) {
      // Not into a unit that ceases before the merger (or on its day).
      const message = `the merger must take effect before ${input.intoUnitId} ceases (${successor.mergedOn})`;
      fail('VALIDATION_FAILED', `effectiveOn: ${message}`, [{ path: 'effectiveOn', message }]);
    }
    if (successor.status !== 'none' && input.effectiveOn < successor.from) {
      const message = `the merger takes effect before ${input.intoUnitId} exists (${successor.from})`;
      fail('VALIDATION_FAILED', `effectiveOn: ${message}`, [{ path: 'effectiveOn', message }]);
    }
    if (await this.directory.isWithin(input.intoUnitId, unitId)) {
      fail('VALIDATION_FAILED', 'a unit cannot merge into one of its own subunits', [
        { path: 'intoUnitId', message: 'is below the ceasing unit' },
      ]);
    }
    return this.run(unitId, meta, () => ({
      type: 'MergeUnit',
      data: { intoUnitId: input.intoUnitId, effectiveOn: input.effectiveOn },
    }));
  }
}

@CommandHandler(CancelUnitMerger)
export class CancelUnitMergerHandler
  extends UnitHandler
  implements ICommandHandler<CancelUnitMerger, UnitCommandResult>
{
  async execute({ unitId, input, meta }: CancelUnitMerger): Promise<UnitCommandResult> {
    requirePermission(meta.principal, 'units.manage');
    await this.mustExist(unitId);
    return this.run(unitId, meta, () => ({ type: 'CancelUnitMerger', data: { reason: input.reason } }));
  }
}

/** Admin, or that head (a head, in scope): who names and ends the head's delegates. */
abstract class DelegationHandler extends UnitHandler {
  protected async requireDelegator(
    unitId: string,
    headPersonId: string,
    principal: Principal,
  ): Promise<void> {
    if (!(await this.directory.exists(unitId)) || !(await this.directory.inScope(principal, [unitId])))
      fail('NOT_FOUND', `no unit ${unitId}`);
    if (principal.roles.includes('admin')) return;
    if (principal.roles.includes('head') && principal.id === headPersonId) return;
    fail('FORBIDDEN', "only that head or an admin may name or end the head's delegates");
  }
}

@CommandHandler(NameDelegate)
export class NameDelegateHandler
  extends DelegationHandler
  implements ICommandHandler<NameDelegate, UnitCommandResult>
{
  async execute({ unitId, headPersonId, input, meta }: NameDelegate): Promise<UnitCommandResult> {
    await this.requireDelegator(unitId, headPersonId, meta.principal);
    return this.run(unitId, meta, () => ({
      type: 'NameDelegate',
      data: { headPersonId, delegateId: input.delegateId, from: input.from, to: input.to ?? null },
    }));
  }
}

@CommandHandler(EndDelegation)
export class EndDelegationHandler
  extends DelegationHandler
  implements ICommandHandler<EndDelegation, UnitCommandResult>
{
  async execute({ unitId, headPersonId, delegateId, meta }: EndDelegation): Promise<UnitCommandResult> {
    await this.requireDelegator(unitId, headPersonId, meta.principal);
    return this.run(unitId, meta, () => ({ type: 'EndDelegation', data: { headPersonId, delegateId } }));
  }
}

export const UNIT_COMMAND_HANDLERS = [
  CreateUnitHandler,
  RenameUnitHandler,
  AppointHeadHandler,
  MergeUnitHandler,
  CancelUnitMergerHandler,
  NameDelegateHandler,
  EndDelegationHandler,
];
