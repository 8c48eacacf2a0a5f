/**
 * The one clock of the HTTP tests. A test app's clock (`createTestApp({ now })`, `app.setNow`) is the
 * runtime's "now" and the event store's `recordedAt`; nothing reads the machine's time.
 */
import type { TestApp } from './app.js';

/** "Today" of every e2e file: 2026-11-22 in Vietnam (a Sunday), 10:00 local time. */
export const NOW = '2026-11-22T03:00:00.000Z';
/** When the default organisation is set up (units must exist a day before they can merge). */
export const SETUP_TIME = '2025-12-01T03:00:00.000Z';
/** The timeout of a test that drives the HTTP API through several steps. */
export const LONG = 60_000;

/** Sets the app's clock (today, decisions and `recordedAt`) to an instant. */
export function setClock(app: TestApp, iso: string): void {
  app.setNow(iso);
}

/**
 * Advances the clock by `ms` milliseconds from `base` (default NOW) and returns the new instant, so
 * that commands are recorded at distinct instants and `asOf` / `recordedBefore` can tell them apart.
 */
export function tick(app: TestApp, ms: number, base = NOW): string {
  const iso = new Date(Date.parse(base) + ms).toISOString();
  setClock(app, iso);
  return iso;
}
