import { Inject, Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import type { DecideContext } from '../../../domain/src/shared/decide-context.js';
import { vietnamDateOf } from '../../../domain/src/shared/dates.js';
import type { UnitCommand } from '../../../domain/src/unit/unit.commands.js';
import { decideUnit } from '../../../domain/src/unit/unit.decide.js';
import { unitStreamId } from '../../../domain/src/unit/unit.events.js';
import { evolveUnit, type UnitState } from '../../../domain/src/unit/unit.state.js';
import { ProjectionRunner } from '../../../read-models/src/runner/projection-runner.js';
import { requirePermission } from '../../../security/src/auth/roles.js';
import { commandOptions, type CommandMeta } from '../bus/messages.js';
import { handleCommand, seededId } from '../commands/handle-command.js';
import { fail } from '../common/problem.js';
import { foldUnitEvents } from '../folds.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { AppointHead, CreateUnit, MergeUnit, RenameUnit } from './unit.commands.js';
import { UnitDirectory } from './unit-directory.service.js';
import { unitView, type UnitCommandResult } from './unit.service.js';

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
    const view = unitView(after, vietnamDateOf(this.runtime.clock()));
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
    return this.run(unitId, meta, (ctx) => ({
      type: 'CreateUnit',
      data: {
        unitId,
        name: input.name,
        level: input.level,
        parentId: input.parentId ?? null,
        createdAt: ctx.today,
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
    if (successor.status === 'merged')
      fail('ILLEGAL_TRANSITION', `unit ${input.intoUnitId} has itself ceased`);
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

export const UNIT_COMMAND_HANDLERS = [
  CreateUnitHandler,
  RenameUnitHandler,
  AppointHeadHandler,
  MergeUnitHandler,
];
