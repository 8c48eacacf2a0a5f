import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandBus, type AsyncContext, type Command, type ICommand } from '@nestjs/cqrs';
import { SpanStatusCode } from '@opentelemetry/api';
import { DomainError } from '../../../domain/src/index.js';
import { secondsSince, type CommandOutcome, tracer } from '../../../runtime/src/index.js';
import { ProblemError } from '../common/problem.js';
import { retryOnConflict } from '../commands/conflict-retry.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { ApplicationCommand, streamOf } from './messages.js';

/**
 * The CommandBus of the application, provided under @nestjs/cqrs's `CommandBus` token in place of
 * the default one, so that every handler gets what cuts across every command without decorating it:
 *
 * - a tracing span `command <stream>` (when tracing is on): the handler's reads and its append are
 *   its children, and the events it appends carry its traceparent;
 * - the command metrics: latency by stream category and outcome (`donthu_command_duration_seconds`);
 * - the audit actor: a command without a principal is refused (an event must say who did it), and
 *   the span records who asked;
 * - the retries: an append that lost the race on its stream (`StreamConflict`, only without
 *   If-Match) runs the handler again — it re-reads and re-decides — a bounded number of times, with
 *   the same message, so an idempotent command keeps its deterministic event ids. An If-Match that
 *   does not match is 412 at once. The background processes retry with the same `retryOnConflict`.
 */
@Injectable()
export class ApplicationCommandBus extends CommandBus {
  constructor(
    moduleRef: ModuleRef,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    super(moduleRef);
  }

  override execute<R = void>(command: Command<R>, context?: AsyncContext): Promise<R>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class's own overload, mirrored
  override execute<T extends ICommand, R = any>(command: T, context?: AsyncContext): Promise<R>;
  override execute<R>(command: ICommand, context?: AsyncContext): Promise<R> {
    const stream = streamOf(command);
    const principal = command instanceof ApplicationCommand ? command.meta.principal : undefined;
    if (!principal?.id)
      throw new Error(`${command.constructor.name}: a command needs the principal who asks`);
    return tracer().startActiveSpan(
      `command ${stream}`,
      {
        attributes: {
          'donthu.stream.category': stream,
          'donthu.command': command.constructor.name,
          'donthu.actor.id': principal.id,
        },
      },
      async (span) => {
        const started = process.hrtime.bigint();
        let outcome: CommandOutcome = 'error';
        try {
          const retried = command instanceof ApplicationCommand && command.meta.ifMatch === undefined;
          const result = retried
            ? await retryOnConflict(() => super.execute(command, context) as Promise<R>, {
                metrics: this.runtime.metrics,
                stream,
              })
            : await (super.execute(command, context) as Promise<R>);
          outcome = 'ok';
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
          this.runtime.metrics.commandDuration.observe({ stream, outcome }, secondsSince(started));
          span.setAttribute('donthu.outcome', outcome);
          span.end();
        }
      },
    );
  }
}
