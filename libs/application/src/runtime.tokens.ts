import type { Runtime } from '../../runtime/src/index.js';

/** Injection token of the process-wide Runtime (database, store, vault, calendar, rules, clock). */
export const RUNTIME = Symbol('donthu.runtime');
export type { Runtime };
