import type { TestApp } from './app.js';

/**
 * Waiting on a condition, never on the wall clock: polls `condition` until it holds and fails with
 * `what` once `timeoutMs` has passed (the timeout is a safety net, not a delay the test relies on).
 */
export async function waitUntil(
  what: string,
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, everyMs = 25 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Catches every projection up to the event log's head as it is now, parked ones included (the
 * suites that read boards need them all), waiting until they have applied it.
 */
export async function settle(app: TestApp): Promise<void> {
  const head = await app.runtime.store.headPosition();
  await waitUntil(
    `every projection applied position ${head}`,
    async () => {
      await app.catchUp();
      return head === '0' || (await app.runner.hasApplied(head));
    },
    { everyMs: 50 },
  );
}
