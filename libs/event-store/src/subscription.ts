import type { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EventStore, GlobalCheckpoint, StoredEvent } from './event-store.port.js';
import { EVENTS_NOTIFY_CHANNEL } from './notify-channel.js';

export { EVENTS_NOTIFY_CHANNEL };

export interface SubscriptionOptions {
  /** Read strictly after this checkpoint (START_OF_LOG for everything). */
  from: GlobalCheckpoint;
  /** Events per readAll. Default 500. */
  batchSize?: number;
  /** Wait between polls when the log is drained. Default 1000 ms. */
  pollIntervalMs?: number;
  /**
   * Handles one batch (in log order). Returns the checkpoint to continue after, or nothing to continue
   * after the batch's last event. The subscription does not persist checkpoints: the handler does
   * (ideally in the same transaction as its effects).
   */
  handle: (events: StoredEvent[]) => Promise<GlobalCheckpoint | void>;
  /**
   * Optional wake-up hints (e.g. `listenForAppends(...).wakeUp`): anything it yields or emits
   * ('notification' or 'wake') makes the next poll happen now. Never required: polling alone is correct.
   */
  wakeUp?: AsyncIterable<unknown> | EventEmitter;
  /**
   * Called with a failure of readAll or handle; the subscription then retries the same batch after
   * pollIntervalMs. Without it, the first failure ends the subscription and `done` rejects.
   */
  onError?: (error: unknown) => void;
}

export interface Subscription {
  /** Stops polling; resolves once a batch in flight has been handled. */
  stop(): Promise<void>;
  /** Settles when the subscription ends: resolves after stop(), rejects on an unhandled failure. */
  readonly done: Promise<void>;
  /** The checkpoint after the last handled batch. */
  readonly checkpoint: GlobalCheckpoint;
}

/**
 * A catch-up subscription over the global log: polls `readAll` after a checkpoint, hands every batch to
 * `handle` in order, and sleeps `pollIntervalMs` when drained unless a wake-up hint arrives earlier.
 * At-least-once: after a crash it resumes from whatever checkpoint the handler persisted.
 */
export function subscribe(store: EventStore, options: SubscriptionOptions): Subscription {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const pollIntervalMs = Math.max(1, options.pollIntervalMs ?? 1000);
  let checkpoint: GlobalCheckpoint = { ...options.from };
  let stopped = false;
  let poked = false;
  let wake: (() => void) | null = null;

  const poke = (): void => {
    poked = true;
    wake?.();
  };
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (poked || stopped) {
        resolve();
        return;
      }
      const finish = (): void => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      wake = finish;
    });

  // Wake-up hints.
  let detach = (): void => {};
  const source = options.wakeUp;
  if (source && isAsyncIterable(source)) {
    const iterator = source[Symbol.asyncIterator]();
    void (async () => {
      try {
        while (!stopped) {
          const next = await iterator.next();
          if (next.done) return;
          poke();
        }
      } catch {
        // A broken hint source only means slower wake-ups: polling goes on.
      }
    })();
    detach = () => void iterator.return?.();
  } else if (source) {
    const emitter = source as EventEmitter;
    emitter.on('notification', poke);
    emitter.on('wake', poke);
    detach = () => {
      emitter.off('notification', poke);
      emitter.off('wake', poke);
    };
  }

  const loop = async (): Promise<void> => {
    try {
      while (!stopped) {
        poked = false;
        let events: StoredEvent[];
        try {
          events = await store.readAll({ after: checkpoint, limit: batchSize });
          if (events.length > 0 && !stopped) {
            const last = events[events.length - 1];
            const next = await options.handle(events);
            checkpoint = next ?? { transactionId: last.transactionId, position: last.globalPosition };
          }
        } catch (error) {
          if (!options.onError) throw error;
          options.onError(error);
          await sleep(pollIntervalMs);
          continue;
        }
        if (events.length < batchSize) await sleep(pollIntervalMs);
      }
    } finally {
      detach();
    }
  };
  const done = loop();
  done.catch(() => undefined); // observed through `done`; avoid an unhandled rejection warning

  return {
    async stop() {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
    done,
    get checkpoint() {
      return checkpoint;
    },
  };
}

export interface AppendListener {
  /** Emits 'notification' on every NOTIFY donthu_events; pass it as `wakeUp`. */
  wakeUp: EventEmitter;
  close(): Promise<void>;
}

/**
 * A dedicated connection that LISTENs for appends. A hint only: on embedded PGlite notifications reach
 * only the connection that inserted, so this one stays silent and subscriptions fall back to polling.
 */
export async function listenForAppends(connection: string | pg.ClientConfig): Promise<AppendListener> {
  const client = new pg.Client(
    typeof connection === 'string' ? { connectionString: connection } : connection,
  );
  client.on('error', () => undefined); // a lost hint connection must not crash the process
  await client.connect();
  await client.query(`LISTEN ${EVENTS_NOTIFY_CHANNEL}`);
  return {
    wakeUp: client,
    async close() {
      await client.end();
    },
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}
