import type { DecideContext } from '../../domain/src/index.js';
import { DomainError } from '../../domain/src/index.js';
import type { EventActor, StoredEvent } from '../../event-store/src/index.js';
import { handleCommandWithRetries, type CommandRuntime } from './commands/handle-command.js';

export { decideContext } from './commands/handle-command.js';

export interface ProcessCommandOptions {
  actor: EventActor;
  /** The event that caused this command (its correlation id is kept, its id is the causation id). */
  cause: StoredEvent;
  /** The id of the i-th event decided: deterministic, so a re-run cannot append twice. */
  eventId: (i: number) => string;
}

/**
 * A background process's command on one stream (the unit-merger's moves), through the one command
 * loop: load → decide → append with the exact expected version, re-deciding after a conflict. The
 * command no longer applying (a DomainError) or having been applied already (its deterministic ids are
 * stored) is not an error: the process moves on. A conflict that outlives the retries, or any other
 * failure, is thrown: the process stops there and retries from its checkpoint (never skips the step).
 * Returns whether events were appended.
 */
export async function runProcessCommand(
  runtime: CommandRuntime,
  streamId: string,
  decide: (history: StoredEvent[], ctx: DecideContext) => { type: string; data: object }[],
  options: ProcessCommandOptions,
): Promise<boolean> {
  const result = await handleCommandWithRetries(
    runtime,
    streamId,
    (history, ctx) => {
      try {
        return decide(history, ctx);
      } catch (err) {
        if (err instanceof DomainError) return [];
        throw err;
      }
    },
    {
      actor: options.actor,
      correlationId: options.cause.metadata.correlationId,
      causationId: options.cause.eventId,
      eventId: (i) => options.eventId(i),
      duplicateMeansDone: true,
    },
  );
  return result.appended.length > 0;
}
