/**
 * The whole setup of an HTTP suite in one call: the real app on a fresh database (app.ts), an
 * organisation's units created through the API and its people's tokens (organisation.ts), and the
 * clock (clock.ts) bound to the app.
 *
 *   let app: TestApp;
 *   let t: Tokens;
 *   beforeAll(async () => {
 *     ({ app, tokens: t } = await startWorld({ runProjections: true }));
 *   }, LONG);
 *   afterAll(async () => {
 *     await app?.close();
 *   }, LONG);
 */
import { createTestApp, type TestApp, type TestAppOptions } from './app.js';
import { setClock, tick } from './clock.js';
import {
  CONTRACT_ROSTER,
  CONTRACT_TREE,
  CONTRACT_UNITS,
  createUnitTree,
  DEFAULT_ROSTER,
  DEFAULT_TREE,
  type Roster,
  signRoster,
  UNITS,
  type UnitTree,
} from './organisation.js';

/** A unit tree, the people working in it (an `admin` among them, who creates the units) and its unit ids. */
export interface Organisation<K extends string, U> {
  tree: UnitTree;
  roster: Roster<K> & Roster<'admin'>;
  units: U;
}

/** The default tree and its people (most suites). */
export const DEFAULT_ORGANISATION = {
  tree: DEFAULT_TREE,
  roster: DEFAULT_ROSTER,
  units: UNITS,
} satisfies Organisation<keyof typeof DEFAULT_ROSTER, typeof UNITS>;

/** The contract suites' tree and its people. */
export const CONTRACT_ORGANISATION = {
  tree: CONTRACT_TREE,
  roster: CONTRACT_ROSTER,
  units: CONTRACT_UNITS,
} satisfies Organisation<keyof typeof CONTRACT_ROSTER, typeof CONTRACT_UNITS>;

export interface WorldOptions extends TestAppOptions {
  /** Create the organisation's units through the API (default true); false: only sign its tokens. */
  createUnits?: boolean;
}

/** A running app with its organisation: what a suite's `beforeAll` sets up. */
export interface World<K extends string, U> {
  app: TestApp;
  /** The app's checked HTTP client (`app.request`). */
  request: TestApp['request'];
  /** A token for every person of the roster. */
  tokens: Record<K, string>;
  /** The organisation's unit ids. */
  units: U;
  /** Sets the app's clock (clock.ts `setClock`). */
  setClock(iso: string): void;
  /** Advances the app's clock from `base` (clock.ts `tick`). */
  tick(ms: number, base?: string): string;
  close(): Promise<void>;
}

/** The default organisation: `UNITS`, and the `Tokens` of `DEFAULT_ROSTER`. */
export function startWorld(options?: WorldOptions): Promise<World<keyof typeof DEFAULT_ROSTER, typeof UNITS>>;
/** Another organisation (e.g. `CONTRACT_ORGANISATION`). */
export function startWorld<K extends string, U>(
  options: WorldOptions & { organisation: Organisation<K, U> },
): Promise<World<K, U>>;
/**
 * Starts the app (createTestApp's options), signs the organisation's tokens and creates its units at
 * the tree's `setupAt` (the clock is at NOW afterwards). A failed setup closes what it started.
 */
export async function startWorld(
  options: WorldOptions & { organisation?: Organisation<string, unknown> } = {},
): Promise<World<string, unknown>> {
  const { organisation = DEFAULT_ORGANISATION, createUnits = true, ...appOptions } = options;
  const app = await createTestApp(appOptions);
  try {
    const tokens: Record<string, string> = await signRoster(app, organisation.roster);
    if (createUnits) await createUnitTree(app, tokens.admin, organisation.tree);
    return {
      app,
      request: app.request.bind(app),
      tokens,
      units: organisation.units,
      setClock: (iso) => setClock(app, iso),
      tick: (ms, base) => tick(app, ms, base),
      close: () => app.close(),
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
