import { ApplicationCommand, type CommandMeta } from '../bus/messages.js';
import type { SessionCommandResult } from './reception.service.js';
import type {
  CancelSessionInput,
  CorrectSessionInput,
  HoldSessionInput,
  ScheduleSessionInput,
} from './reception.inputs.js';

/**
 * The citizen-reception session commands as messages on the CommandBus: plain data, one
 * `@CommandHandler` each (`reception.handlers.ts`); each answers the session's view after it.
 */

/** A command on a reception-session stream (the bus labels its span and metrics `reception`). */
export abstract class ReceptionCommandMessage extends ApplicationCommand<SessionCommandResult> {
  static override readonly stream: string = 'reception';
}

/** POST /reception-sessions. The session's id derives from the Idempotency-Key when there is one. */
export class ScheduleSession extends ReceptionCommandMessage {
  constructor(
    readonly input: ScheduleSessionInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /reception-sessions/:id/hold: the session took place. */
export class HoldSession extends ReceptionCommandMessage {
  constructor(
    readonly sessionId: string,
    readonly input: HoldSessionInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /reception-sessions/:id/cancel. */
export class CancelSession extends ReceptionCommandMessage {
  constructor(
    readonly sessionId: string,
    readonly input: CancelSessionInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}

/** POST /reception-sessions/:id/correct: a mistaken hold corrected by an audited event, with a reason. */
export class CorrectSession extends ReceptionCommandMessage {
  constructor(
    readonly sessionId: string,
    readonly input: CorrectSessionInput,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
