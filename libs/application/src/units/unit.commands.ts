import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';
import type { UnitCommandResult } from './unit.views.js';
import type {
  AppointHeadInput,
  CancelMergerInput,
  CreateUnitInput,
  MergeUnitInput,
  NameDelegateInput,
} from './unit.inputs.js';

/**
 * The unit commands as messages on the CommandBus: plain data, one `@CommandHandler` each
 * (`unit.handlers.ts`). Every one answers the unit's view after it, with its version (ETag) and
 * position; If-Match and Idempotency-Key ride in `meta`, as for cases.
 */

/** A command on a unit stream (the bus labels its span and metrics `unit`). */
export abstract class UnitCommandMessage extends ApplicationCommand<UnitCommandResult> {
  static override readonly stream: string = 'unit';
}

/** POST /units (admin). Without an id of its own, the unit's id derives from the Idempotency-Key. */
export class CreateUnit extends UnitCommandMessage {
  constructor(
    readonly input: CreateUnitInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** PATCH /units/:id: the new name, from today. */
export class RenameUnit extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly name: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /units/:id/heads: a head (or acting head) from a date. */
export class AppointHead extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly input: AppointHeadInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /units/:id/merge: the unit ceases into a successor on a date. */
export class MergeUnit extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly input: MergeUnitInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /units/:id/merge/cancel: a scheduled merger withdrawn before its effectiveOn, with a reason. */
export class CancelUnitMerger extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly input: CancelMergerInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /units/:id/heads/:personId/delegates: who may record reception holds as that head's own. */
export class NameDelegate extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly headPersonId: string,
    readonly input: NameDelegateInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** DELETE /units/:id/heads/:personId/delegates/:delegateId: the delegation ends from today. */
export class EndDelegation extends UnitCommandMessage {
  constructor(
    readonly unitId: string,
    readonly headPersonId: string,
    readonly delegateId: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
