import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { QueryBus, type AsyncContext, type IQuery, type Query } from '@nestjs/cqrs';
import { SpanStatusCode } from '@opentelemetry/api';
import { secondsSince, tracer } from '../../../runtime/src/index.js';
import { DomainError } from '../../../domain/src/index.js';
import { ProblemError } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';

/**
 * The QueryBus of the application, provided under @nestjs/cqrs's `QueryBus` token in place of the
 * default one: every query gets a tracing span `query <name>` and its latency by query and outcome
 * (`donthu_query_duration_seconds`), without its handler knowing.
 */
@Injectable()
export class ApplicationQueryBus extends QueryBus {
  constructor(
    moduleRef: ModuleRef,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {
    super(moduleRef);
  }

  override execute<TResult>(query: Query<TResult>): Promise<TResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class's own overload, mirrored
  override execute<T extends IQuery, TResult = any>(query: T): Promise<TResult>;
  override execute<TResult>(query: Query<TResult>, asyncContext: AsyncContext): Promise<TResult>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class's own overload, mirrored
  override execute<T extends IQuery, TResult = any>(query: T, asyncContext: AsyncContext): Promise<TResult>;
  override execute<TResult>(query: IQuery, asyncContext?: AsyncContext): Promise<TResult> {
    const name = query.constructor.name;
    return tracer().startActiveSpan(
      `query ${name}`,
      { attributes: { 'donthu.query': name } },
      async (span) => {
        const started = process.hrtime.bigint();
        let outcome: 'ok' | 'rejected' | 'error' = 'error';
        try {
          const result = (await super.execute(query, asyncContext as AsyncContext)) as TResult;
          outcome = 'ok';
          return result;
        } catch (err) {
          if (err instanceof DomainError || err instanceof ProblemError) outcome = 'rejected';
          else {
            span.recordException(err instanceof Error ? err : String(err));
            span.setStatus({ code: SpanStatusCode.ERROR });
          }
          throw err;
        } finally {
          this.runtime.metrics.queryDuration.observe({ query: name, outcome }, secondsSince(started));
          span.setAttribute('donthu.outcome', outcome);
          span.end();
        }
      },
    );
  }
}
