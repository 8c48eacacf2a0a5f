import { vietnamDateOf } from '../../domain/src/shared/dates.js';
import type { DecideContext } from '../../domain/src/shared/decide-context.js';
import { DomainError } from '../../domain/src/shared/domain-error.js';
import {
  DuplicateEventId,
  VersionConflict,
  type EventActor,
  type StoredEvent,
} from '../../event-store/src/event-store.port.js';
import type { Runtime } from '../../runtime/src/runtime.js';

/** What a decision may know besides the stream: now (from the runtime's clock), the calendar, the law. */
export function decideContext(runtime: Pick<Runtime, 'clock' | 'calendar' | 'rules'>): DecideContext {
  const now = runtime.clock();
  return {
    now: now.toISOString(),
    today: vietnamDateOf(now),
    calendar: runtime.calendar,
    rules: runtime.rules,
  };
}

export interface ProcessCommandOptions {
  actor: EventActor;
  /** The event that caused this command (its correlation id is kept, its id is the causation id). */
  cause: StoredEvent;
  /** The id of the i-th event decided: deterministic, so a re-run cannot append twice. */
  eventId: (i: number) => string;
}

/**
 * A background process's command on one stream (the unit-merger's moves): load → decide → append
 * with the exact expected version, re-deciding after a conflict (five tries). The command no longer
 * applying (a DomainError) or having been applied already (its deterministic ids are stored) is not
 * an error: the process moves on. Returns whether events were appended.
 */
export async function runProcessCommand(
  runtime: Pick<Runtime, 'store' | 'clock' | 'calendar' | 'rules'>,
  streamId: string,
  decide: (history: StoredEvent[], ctx: DecideContext) => { type: string; data: object }[],
  options: ProcessCommandOptions,
): Promise<boolean> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const history = await runtime.store.readStream(streamId);
    let events: { type: string; data: object }[];
    try {
      events = decide(history, decideContext(runtime));
    } catch (err) {
      if (err instanceof DomainError) return false;
      throw err;
    }
    if (events.length === 0) return false;
    try {
      await runtime.store.append(
        streamId,
        events.map((e, i) => ({
          eventId: options.eventId(i),
          type: e.type,
          data: e.data as Record<string, unknown>,
        })),
        {
          expectedVersion: history.at(-1)?.version ?? 'no_stream',
          metadata: {
            actor: options.actor,
            correlationId: options.cause.metadata.correlationId,
            causationId: options.cause.eventId,
          },
        },
      );
      return true;
    } catch (err) {
      if (err instanceof DuplicateEventId) return false;
      if (!(err instanceof VersionConflict)) throw err;
    }
  }
  return false;
}
