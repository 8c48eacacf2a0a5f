import { Inject, Injectable, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { CommandBus, QueryBus, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';

/** Injection tokens of the handler classes of the application, registered on the buses at start-up. */
export const COMMAND_HANDLER_CLASSES = Symbol('donthu.command-handlers');
export const QUERY_HANDLER_CLASSES = Symbol('donthu.query-handlers');

/**
 * Registers every `@CommandHandler` and `@QueryHandler` of the application on the buses — what
 * `CqrsModule` does for its own buses; the application provides its own buses in their place (and no
 * in-memory EventBus). A handler listed but not provided stops start-up.
 */
@Injectable()
export class HandlerRegistration implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(COMMAND_HANDLER_CLASSES) private readonly commandHandlers: readonly Type[],
    @Inject(QUERY_HANDLER_CLASSES) private readonly queryHandlers: readonly Type[],
  ) {}

  onApplicationBootstrap(): void {
    const wrappers = this.discovery.getProviders();
    const find = <H>(classes: readonly Type[]) =>
      classes.map((cls) => {
        const wrapper = wrappers.find((w) => w.metatype === cls);
        if (!wrapper) throw new Error(`handler ${cls.name} is not provided by any module`);
        return wrapper as InstanceWrapper<H>;
      });
    this.commands.register(find<ICommandHandler>(this.commandHandlers));
    this.queries.register(find<IQueryHandler>(this.queryHandlers));
  }
}
