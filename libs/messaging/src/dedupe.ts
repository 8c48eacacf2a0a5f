/**
 * Consumer-side deduplication. The relay delivers at least once: after a crash or a retried send the same
 * event (same CloudEvent `id`) can arrive again, possibly after later events of its stream. A consumer
 * processes an event only the first time it sees its id.
 *
 * The in-memory deduper below suits stateless consumers (notifications, caches) and tests. A consumer
 * with durable effects should instead record what it applied in its own database, in the same
 * transaction as the effect: either the event ids (`INSERT … ON CONFLICT DO NOTHING` on a unique id
 * column) or, per stream, the last applied `data.version` (skip versions ≤ it).
 */

export interface Deduper {
  /** True the first time an id is offered (and remembers it); false for a duplicate. */
  firstTime(id: string): boolean;
  /** Whether an id is remembered, without remembering it. */
  has(id: string): boolean;
  /** Remembered ids (≤ capacity). */
  readonly size: number;
}

/**
 * A bounded set of recently seen event ids; beyond `capacity` the oldest are forgotten. Choose a capacity
 * larger than the number of events that can be redelivered at once (at least a few relay batches).
 */
export function createDeduper(capacity: number): Deduper {
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new Error('deduper capacity must be an integer >= 1');
  const seen = new Set<string>();
  return {
    firstTime(id: string): boolean {
      if (seen.has(id)) return false;
      seen.add(id);
      if (seen.size > capacity) {
        const oldest = seen.values().next();
        if (!oldest.done) seen.delete(oldest.value);
      }
      return true;
    },
    has: (id: string) => seen.has(id),
    get size() {
      return seen.size;
    },
  };
}
