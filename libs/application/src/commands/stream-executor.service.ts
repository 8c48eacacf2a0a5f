import { Inject, Injectable } from '@nestjs/common';
import type { DecideContext, Actor } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { ProjectionRunner } from '../../../read-models/src/index.js';
import { ProblemError } from '../common/problem.js';
import { DomainError } from '../../../domain/src/index.js';
import { secondsSince, streamCategory, type CommandOutcome, tracer } from '../../../runtime/src/index.js';
import { SpanStatusCode } from '@opentelemetry/api';
import {
  committedIn,
  decideContext,
  handleCommandWithRetries,
  seededEventId,
  seededId,
  type CommandResult,
  type Decision,
  type DomainEventLike,
} from './handle-command.js';

export type { DomainEventLike };

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

export type ExecuteResult = CommandResult;

/**
 * The HTTP use cases' way into the one command loop (`handleCommand`): a span and the command
 * metrics around it, and the in-process projection runner poked after each append.
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
    return seededEventId(seed, streamId, i);
  }

  /** A new stream's id derived from an Idempotency-Key seed, so that a retried creation finds its stream. */
  static seededId(seed: string, kind: string): string {
    return seededId(seed, kind);
  }

  /**
   * When the command seeded by `seed` is already in `history` (it committed, and its answer was lost —
   * the API died before storing it), the outcome it had: the stream up to its last event.
   */
  static committedIn(history: StoredEvent[], streamId: string, seed: string): ExecuteResult | null {
    return committedIn(history, streamId, seed);
  }

  /** Reads `streamId` and looks for the committed outcome of the command seeded by `seed`. */
  async committedOutcome(streamId: string, seed: string): Promise<ExecuteResult | null> {
    return committedIn(await this.runtime.store.readStream(streamId), streamId, seed);
  }

  /** The one command loop (handle-command.ts); projections in this process apply what it appends now. */
  private run(streamId: string, decide: Decision, options: ExecuteOptions): Promise<ExecuteResult> {
    return handleCommandWithRetries(this.runtime, streamId, decide, options, () => this.runner.poke());
  }
}
