/** A domain event: an explicit, persisted type string and a plain-data payload. */
export interface Event<Type extends string, Data extends object> {
  readonly type: Type;
  readonly data: Data;
}

/** A command: an imperative type string and a plain-data payload. */
export interface Command<Type extends string, Data extends object> {
  readonly type: Type;
  readonly data: Data;
}

/** Compile-time exhaustiveness check for `switch` over a union's `type`. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unhandled ${what}: ${JSON.stringify(value)}`);
}
