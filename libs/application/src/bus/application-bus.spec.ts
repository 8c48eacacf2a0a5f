import { describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import {
  CommandBus,
  CommandHandler,
  QueryBus,
  QueryHandler,
  type ICommandHandler,
  type IQueryHandler,
} from '@nestjs/cqrs';
import { DomainError } from '../../../domain/src/index.js';
import { Metrics } from '../../../runtime/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { fail, problem, ProblemError } from '../common/problem.js';
import { CONFLICT_ATTEMPTS, StreamConflict } from '../commands/conflict-retry.js';
import { RUNTIME } from '../runtime.tokens.js';
import { ApplicationCommandBus } from './application-command-bus.js';
import { ApplicationQueryBus } from './application-query-bus.js';
import {
  COMMAND_HANDLER_CLASSES,
  HandlerRegistration,
  QUERY_HANDLER_CLASSES,
} from './handler-registration.js';
import { ApplicationCommand, ApplicationQuery, type CommandMeta } from './messages.js';

/**
 * The application's buses, in a real Nest context, with handlers that know nothing of metrics or
 * tracing: whatever they do, the bus records the command's latency and outcome around them.
 */

const clerk: Principal = { id: 'cb-1', name: 'Cán bộ', roles: ['handler'], unitId: 'u1' };

abstract class SampleCommand<R> extends ApplicationCommand<R> {
  static override readonly stream: string = 'sample';
}

class Succeed extends SampleCommand<{ echoed: string }> {
  constructor(
    readonly word: string,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
class Refuse extends SampleCommand<void> {}
class Conflict extends SampleCommand<void> {}
class Break extends SampleCommand<void> {}
/** Loses the race on its stream `losses` times, then appends; counts the handler's runs. */
class Race extends SampleCommand<{ runs: number; seed: string | undefined }> {
  constructor(
    readonly losses: number,
    meta: CommandMeta,
  ) {
    super(meta);
  }
}
class Count extends ApplicationQuery<number> {}

@CommandHandler(Succeed)
class SucceedHandler implements ICommandHandler<Succeed> {
  execute(c: Succeed) {
    return Promise.resolve({ echoed: c.word });
  }
}
@CommandHandler(Refuse)
class RefuseHandler implements ICommandHandler<Refuse> {
  execute(): Promise<void> {
    throw new DomainError('ILLEGAL_TRANSITION', 'not now');
  }
}
@CommandHandler(Conflict)
class ConflictHandler implements ICommandHandler<Conflict> {
  execute(): Promise<void> {
    return Promise.resolve().then(() => fail('VERSION_CONFLICT', 'stale'));
  }
}
@CommandHandler(Break)
class BreakHandler implements ICommandHandler<Break> {
  execute(): Promise<void> {
    return Promise.reject(new Error('disk on fire'));
  }
}
const runs = new Map<Race, number>();
@CommandHandler(Race)
class RaceHandler implements ICommandHandler<Race> {
  execute(c: Race) {
    const n = (runs.get(c) ?? 0) + 1;
    runs.set(c, n);
    // As handleCommand does: a stale If-Match is a plain 412, a lost race without it a StreamConflict.
    if (n <= c.losses)
      return Promise.reject(
        c.meta.ifMatch !== undefined
          ? new ProblemError(problem('VERSION_CONFLICT', 'stale If-Match'))
          : new StreamConflict('sample-1'),
      );
    return Promise.resolve({ runs: n, seed: c.meta.eventIdSeed });
  }
}
@Injectable()
@QueryHandler(Count)
class CountHandler implements IQueryHandler<Count> {
  execute() {
    return Promise.resolve(42);
  }
}

const COMMANDS = [SucceedHandler, RefuseHandler, ConflictHandler, BreakHandler, RaceHandler];
const QUERIES = [CountHandler];

async function boot() {
  const metrics = new Metrics();
  @Module({
    imports: [DiscoveryModule],
    providers: [
      { provide: RUNTIME, useValue: { metrics } },
      { provide: CommandBus, useClass: ApplicationCommandBus },
      { provide: QueryBus, useClass: ApplicationQueryBus },
      ...COMMANDS,
      ...QUERIES,
      { provide: COMMAND_HANDLER_CLASSES, useValue: COMMANDS },
      { provide: QUERY_HANDLER_CLASSES, useValue: QUERIES },
      HandlerRegistration,
    ],
  })
  class SampleModule {}
  const app = await NestFactory.createApplicationContext(SampleModule, { logger: false });
  return { app, metrics };
}

async function sample(metrics: Metrics, name: string, labels: string): Promise<number | undefined> {
  const text = await metrics.registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('the application buses', () => {
  it('are provided in place of @nestjs/cqrs defaults', async () => {
    const { app } = await boot();
    expect(app.get(CommandBus)).toBeInstanceOf(ApplicationCommandBus);
    expect(app.get(QueryBus)).toBeInstanceOf(ApplicationQueryBus);
    await app.close();
  });

  it('record every command by stream and outcome, around handlers that know nothing of metrics', async () => {
    const { app, metrics } = await boot();
    const bus = app.get(CommandBus);
    const meta = { principal: clerk, correlationId: 'r-1' };
    await expect(bus.execute(new Succeed('xin chào', meta))).resolves.toEqual({ echoed: 'xin chào' });
    await expect(bus.execute(new Succeed('lần hai', meta))).resolves.toEqual({ echoed: 'lần hai' });
    await expect(bus.execute(new Refuse(meta))).rejects.toBeInstanceOf(DomainError);
    await expect(bus.execute(new Conflict(meta))).rejects.toThrow('stale');
    await expect(bus.execute(new Break(meta))).rejects.toThrow('disk on fire');
    const count = (outcome: string) =>
      sample(metrics, 'donthu_command_duration_seconds_count', `stream="sample",outcome="${outcome}"`);
    expect(await count('ok')).toBe(2);
    expect(await count('rejected')).toBe(1);
    expect(await count('conflict')).toBe(1);
    expect(await count('error')).toBe(1);
    await app.close();
  });

  it('run the handler again after a lost race (it re-reads and re-decides), with the same message', async () => {
    const { app, metrics } = await boot();
    const bus = app.get(CommandBus);
    const meta = { principal: clerk, correlationId: 'r-3', eventIdSeed: 'cb-1:key-1' };
    // The same message each time: an idempotent command keeps its seed, so its event ids.
    await expect(bus.execute(new Race(3, meta))).resolves.toEqual({ runs: 4, seed: 'cb-1:key-1' });
    expect(await sample(metrics, 'donthu_command_retries_total', 'stream="sample"')).toBe(3);
    expect(
      await sample(metrics, 'donthu_command_duration_seconds_count', 'stream="sample",outcome="ok"'),
    ).toBe(1);
    await app.close();
  });

  it('never retry a command with If-Match: a stale version is 412 at once', async () => {
    const { app, metrics } = await boot();
    const race = new Race(1, { principal: clerk, correlationId: 'r-4', ifMatch: 2 });
    await expect(app.get(CommandBus).execute(race)).rejects.toMatchObject({
      problem: { code: 'VERSION_CONFLICT', status: 412 },
    });
    expect(runs.get(race)).toBe(1);
    expect(await sample(metrics, 'donthu_command_retries_total', 'stream="sample"')).toBeUndefined();
    await app.close();
  });

  it('answer 412 VERSION_CONFLICT when the race is lost on every attempt', async () => {
    const { app, metrics } = await boot();
    const race = new Race(Number.MAX_SAFE_INTEGER, { principal: clerk, correlationId: 'r-5' });
    const err = await app
      .get(CommandBus)
      .execute(race)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect(err).not.toBeInstanceOf(StreamConflict);
    expect((err as ProblemError).problem).toMatchObject({ code: 'VERSION_CONFLICT', status: 412 });
    expect(runs.get(race)).toBe(CONFLICT_ATTEMPTS);
    expect(
      await sample(metrics, 'donthu_command_duration_seconds_count', 'stream="sample",outcome="conflict"'),
    ).toBe(1);
    await app.close();
  }, 30_000);

  it('refuse a command that does not say who asks (no audit actor)', async () => {
    const { app, metrics } = await boot();
    const bus = app.get(CommandBus);
    const anonymous = { principal: undefined as unknown as Principal, correlationId: 'r-2' };
    expect(() => bus.execute(new Succeed('ai đó', anonymous))).toThrow(/principal/);
    expect(
      await sample(metrics, 'donthu_command_duration_seconds_count', 'stream="sample",outcome="ok"'),
    ).toBeUndefined();
    await app.close();
  });

  it('record every query by name and outcome', async () => {
    const { app, metrics } = await boot();
    await expect(app.get(QueryBus).execute(new Count(clerk))).resolves.toBe(42);
    expect(await sample(metrics, 'donthu_query_duration_seconds_count', 'query="Count",outcome="ok"')).toBe(
      1,
    );
    await app.close();
  });
});
