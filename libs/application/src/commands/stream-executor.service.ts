import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { DecideContext } from '../../../domain/src/shared/decide-context.js';
import type { Actor } from '../../../domain/src/shared/actor.js';
import { VersionConflict, type StoredEvent } from '../../../event-store/src/event-store.port.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { decideContext } from '../process-command.js';
import { ProjectionRunner } from '../../../read-models/src/runner/projection-runner.js';
import { fail, ProblemError } from '../common/problem.js';
import { DomainError } from '../../../domain/src/shared/domain-error.js';
import { secondsSince, streamCategory, type CommandOutcome } from '../../../runtime/src/metrics.js';
import { SpanStatusCode } from '@opentelemetry/api';
import { currentTraceparent, tracer } from '../../../runtime/src/tracing/trace-context.js';

const EVENT_ID_NAMESPACE = '2b0f6c1e-8a4d-4f7b-9c3e-5d1a7e9b0c24';

export interface DomainEventLike {
  type: string;
  data: object;
}

export interface ExecuteOptions {
  /** From `If-Match`: the version the caller saw. A stale one → 412, nothing appended. */
  ifMatch?: number;
  actor: Actor;
  correlationId: string;
  /** Seeds deterministic event ids (the Idempotency-Key), so a retried request cannot append twice. */
  eventIdSeed?: string;
  /** The stream as the caller just read it (saves a read on the first attempt). */
  history?: StoredEvent[];
}

export interface ExecuteResult {
  events: StoredEvent[];
  appended: DomainEventLike[];
  version: number;
  position: string | null;
}

/**
 * Load a stream → decide → append with the exact expected version. Without If-Match a conflict
 * (another writer got there first) re-reads and re-decides a few times before giving up.
 */
@Injectable()
export class StreamExecutor {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
  ) {}

  context(): DecideContext {
    return decideContext(this.runtime);
  }

  /** Runs a command (see `run`) and records its latency, outcome, conflicts and retries. */
  async execute(
    streamId: string,
    decide: (history: StoredEvent[], ctx: DecideContext) => DomainEventLike[] | Promise<DomainEventLike[]>,
    options: ExecuteOptions,
  ): Promise<ExecuteResult> {
    const category = streamCategory(streamId);
    // A span per command (when tracing is on): its reads and the append are its children, and the
    // events it appends carry its traceparent, so the projections' work links back to it.
    return tracer().startActiveSpan(
      `command ${category}`,
      { attributes: { 'donthu.stream.category': category, 'donthu.stream.id': streamId } },
      async (span) => {
        const started = process.hrtime.bigint();
        let outcome: CommandOutcome = 'error';
        try {
          const result = await this.run(streamId, decide, options);
          outcome = 'ok';
          if (result.position !== null) span.setAttribute('donthu.position', result.position);
          return result;
        } catch (err) {
          // A stale If-Match or a conflict that outlived the retries; a broken rule or bad input.
          if (err instanceof ProblemError && err.problem.code === 'VERSION_CONFLICT') outcome = 'conflict';
          else if (err instanceof DomainError || err instanceof ProblemError) outcome = 'rejected';
          else {
            span.recordException(err instanceof Error ? err : String(err));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          throw err;
        } finally {
          this.runtime.metrics.command(streamId, outcome, secondsSince(started));
          span.setAttribute('donthu.outcome', outcome);
          span.end();
        }
      },
    );
  }

  /** The id of the `i`-th event a command seeded by `seed` appends to `streamId`. */
  static seededEventId(seed: string, streamId: string, i: number): string {
    return uuidv5(`${seed}:${streamId}:${i}`, EVENT_ID_NAMESPACE);
  }

  /** A new stream's id derived from an Idempotency-Key seed, so that a retried creation finds its stream. */
  static seededId(seed: string, kind: string): string {
    return uuidv5(`${kind}:${seed}`, EVENT_ID_NAMESPACE);
  }

  /**
   * When the command seeded by `seed` is already in `history` (it committed, and its answer was lost —
   * the API died before storing it), the outcome it had: the stream up to its last event.
   */
  static committedIn(history: StoredEvent[], streamId: string, seed: string): ExecuteResult | null {
    const first = StreamExecutor.seededEventId(seed, streamId, 0);
    const at = history.findIndex((e) => e.eventId === first);
    if (at < 0) return null;
    let n = 1;
    while (history[at + n]?.eventId === StreamExecutor.seededEventId(seed, streamId, n)) n++;
    const last = history[at + n - 1];
    return {
      events: history.slice(0, at + n),
      appended: [],
      version: last.version,
      position: last.globalPosition,
    };
  }

  /** Reads `streamId` and looks for the committed outcome of the command seeded by `seed`. */
  async committedOutcome(streamId: string, seed: string): Promise<ExecuteResult | null> {
    return StreamExecutor.committedIn(await this.runtime.store.readStream(streamId), streamId, seed);
  }

  private async run(
    streamId: string,
    decide: (history: StoredEvent[], ctx: DecideContext) => DomainEventLike[] | Promise<DomainEventLike[]>,
    options: ExecuteOptions,
  ): Promise<ExecuteResult> {
    const stream = { stream: streamCategory(streamId) };
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) this.runtime.metrics.commandRetries.inc(stream);
      const history =
        attempt === 0 && options.history ? options.history : await this.runtime.store.readStream(streamId);
      const version = history.length ? history[history.length - 1].version : 0;
      if (options.eventIdSeed) {
        // A retry of a request that committed but never answered: answer what it did.
        const committed = StreamExecutor.committedIn(history, streamId, options.eventIdSeed);
        if (committed) return committed;
      }
      if (options.ifMatch !== undefined && options.ifMatch !== version) {
        this.runtime.metrics.commandConflicts.inc(stream);
        fail('VERSION_CONFLICT', `If-Match "${options.ifMatch}" is stale: the current version is ${version}`);
      }
      const appended = await decide(history, this.context());
      if (appended.length === 0) return { events: history, appended, version, position: null };
      const newEvents = appended.map((e, i) => ({
        eventId: options.eventIdSeed
          ? StreamExecutor.seededEventId(options.eventIdSeed, streamId, i)
          : randomUUID(),
        type: e.type,
        data: e.data as Record<string, unknown>,
      }));
      try {
        const result = await this.runtime.store.append(streamId, newEvents, {
          expectedVersion: version === 0 ? 'no_stream' : version,
          metadata: {
            actor: { id: options.actor.id, name: options.actor.name, roles: options.actor.roles },
            correlationId: options.correlationId,
            causationId: null,
            ...traceMetadata(),
          },
        });
        this.runner.poke(); // projections in this process apply it now rather than at the next poll
        // The stream after the append, without reading it back: callers fold type and data only.
        const written = newEvents.map((e, i): StoredEvent => ({
          streamId,
          version: version + i + 1,
          globalPosition: i === newEvents.length - 1 ? result.lastPosition : '',
          transactionId: '',
          eventId: e.eventId,
          type: e.type,
          data: e.data,
          metadata: {} as StoredEvent['metadata'],
          occurredAt: '',
          recordedAt: '',
          prevHash: '',
          hash: '',
        }));
        return {
          events: [...history, ...written],
          appended,
          version: result.nextVersion,
          position: result.lastPosition,
        };
      } catch (err) {
        if (!(err instanceof VersionConflict)) throw err;
        this.runtime.metrics.commandConflicts.inc(stream);
        if (options.ifMatch !== undefined || attempt >= 5) {
          fail('VERSION_CONFLICT', 'the stream changed while this command ran; reload and retry');
        }
      }
    }
  }
}

/** `{ traceparent }` of the active span when tracing is on; nothing otherwise. */
function traceMetadata(): { traceparent?: string } {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
}
