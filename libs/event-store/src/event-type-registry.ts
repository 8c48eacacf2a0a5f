import { UnknownEventType } from './event-store.port.js';

/** Turns the payload of schema version `n` into the payload of version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventTypeDefinition {
  /** The schema version readers get. Stored events of older versions are upcast step by step. */
  currentVersion: number;
  /** `upcasters[n]` lifts version n to n + 1; every step from 1 to currentVersion - 1 must exist. */
  upcasters?: Record<number, Upcaster>;
}

/**
 * The event types a reader understands, with their upcasters. Given to the store, it makes every read
 * loud: an unknown type, a schema version from the future, or a missing upcaster step throws
 * UnknownEventType — an event is never skipped silently.
 */
export class EventTypeRegistry {
  private readonly types = new Map<string, Required<EventTypeDefinition>>();

  register(type: string, definition: EventTypeDefinition = { currentVersion: 1 }): this {
    if (!Number.isInteger(definition.currentVersion) || definition.currentVersion < 1) {
      throw new Error(`event type ${type}: currentVersion must be an integer >= 1`);
    }
    if (this.types.has(type)) throw new Error(`event type ${type} is already registered`);
    this.types.set(type, {
      currentVersion: definition.currentVersion,
      upcasters: definition.upcasters ?? {},
    });
    return this;
  }

  /** Registers several types that have no upcasters (schema version 1). */
  registerAll(types: Iterable<string>): this {
    for (const type of types) this.register(type);
    return this;
  }

  get knownTypes(): string[] {
    return [...this.types.keys()];
  }

  has(type: string): boolean {
    return this.types.has(type);
  }

  currentVersion(type: string): number | undefined {
    return this.types.get(type)?.currentVersion;
  }

  /** The payload lifted to the current schema version, or UnknownEventType. Does not mutate `data`. */
  upcast(
    type: string,
    schemaVersion: number,
    data: Record<string, unknown>,
  ): { data: Record<string, unknown>; schemaVersion: number } {
    const definition = this.types.get(type);
    if (!definition || schemaVersion > definition.currentVersion || schemaVersion < 1) {
      throw new UnknownEventType(type, schemaVersion);
    }
    let current = data;
    for (let v = schemaVersion; v < definition.currentVersion; v++) {
      const step = definition.upcasters[v];
      if (!step) throw new UnknownEventType(type, v);
      current = step(current);
    }
    return { data: current, schemaVersion: definition.currentVersion };
  }
}
