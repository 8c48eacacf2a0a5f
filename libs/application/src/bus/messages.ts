import { Command, Query } from '@nestjs/cqrs';
import type { Actor } from '../../../domain/src/index.js';
import { toActor, type Principal } from '../../../security/src/index.js';

/**
 * Who asks, and how: the envelope every command carries (plain data). The application bus reads the
 * principal (the audit actor) around every command; the handler passes the rest to `handleCommand`.
 */
export interface CommandMeta {
  principal: Principal;
  /** The request id (X-Request-Id), stored with every event the command appends. */
  correlationId: string;
  /** From `If-Match`: the version the caller saw. A stale one → 412, nothing appended. */
  ifMatch?: number;
  /** From `Idempotency-Key`: seeds the ids of the events, so a retried request cannot append twice. */
  eventIdSeed?: string;
}

/**
 * A command of the application: data only (no functions), typed by what it answers (`R`). Each
 * stream type has its own abstract subclass naming the stream category the bus labels its span and
 * metrics with; each concrete message has exactly one `@CommandHandler`.
 */
export abstract class ApplicationCommand<R> extends Command<R> {
  /** The stream category the command writes to (`case`, `unit`, `reception`, `inspection`…). */
  static readonly stream: string = 'other';
  constructor(readonly meta: CommandMeta) {
    super();
  }
}

/** A query of the application: data only, typed by what it answers; one `@QueryHandler` each. */
export abstract class ApplicationQuery<R> extends Query<R> {
  constructor(readonly principal: Principal) {
    super();
  }
}

/**
 * A query asked without a signed-in person: the citizen's lookup (tracking code + PIN) and the
 * Open311 reads (by API key). Data only, typed by what it answers; one `@QueryHandler` each; what it
 * may read is decided by its handler from the credentials it carries.
 */
export abstract class PublicQuery<R> extends Query<R> {}

/** The stream category of a command (its class's `stream`), for labels. */
export function streamOf(command: object): string {
  const ctor = command.constructor as { stream?: unknown };
  return typeof ctor.stream === 'string' ? ctor.stream : 'other';
}

/** What `handleCommand` needs of the envelope: the audit actor, the request id, If-Match, the seed. */
export function commandOptions(meta: CommandMeta): {
  actor: Actor;
  correlationId: string;
  ifMatch?: number;
  eventIdSeed?: string;
} {
  return {
    actor: toActor(meta.principal),
    correlationId: meta.correlationId,
    ...(meta.ifMatch !== undefined ? { ifMatch: meta.ifMatch } : {}),
    ...(meta.eventIdSeed !== undefined ? { eventIdSeed: meta.eventIdSeed } : {}),
  };
}
