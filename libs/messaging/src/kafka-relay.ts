import {
  compatibilityPartitioner,
  ProduceAcks,
  Producer,
  stringSerializers,
  type MessageToProduce,
} from '@platformatic/kafka';
import type pg from 'pg';
import {
  type EventStore,
  type GlobalCheckpoint,
  type StoredEvent,
  eventsAfter,
  readCheckpoint,
  viaPool,
  writeCheckpoint,
} from '../../event-store/src/index.js';
import { DEFAULT_EVENT_SOURCE, DEFAULT_TOPIC_PREFIX, toKafkaMessage } from './cloud-event.js';

/** pino-compatible subset (`logger.info({…}, 'msg')`). */
export interface RelayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Back-off of the relay loop after a failed batch (the batch is retried; the checkpoint never moves). */
export interface RelayRetryOptions {
  /** First delay. Default 200 ms. */
  initialMs?: number;
  /** Upper bound of a delay. Default 30 s. */
  maxMs?: number;
  /** Growth per consecutive failure. Default 2. */
  factor?: number;
}

export interface KafkaRelayOptions {
  store: EventStore;
  /** The database holding `projection_checkpoints` (normally the event store's database). */
  pool: pg.Pool;
  /** Bootstrap brokers (`host:port`). */
  brokers: string[];
  /** Kafka client id. Default 'donthu-relay'. */
  clientId?: string;
  /** Connection and request timeout. Default 30 s. */
  connectTimeoutMs?: number;
  /** The client's own retries of a failed request before the batch fails (the relay then backs off). Default 3. */
  clientRetries?: number;
  /** Checkpoint row name. Default 'relay.kafka.v1'. */
  name?: string;
  /** Topic = `${topicPrefix}.${category}`. Default 'donthu'. */
  topicPrefix?: string;
  /** CloudEvents `source`. Default 'donthu'. */
  source?: string;
  /** Events per batch (one readAll, one produce call). Default 500. */
  batchSize?: number;
  /** Sleep when the log is drained. Default 1000 ms. */
  pollMs?: number;
  /** Broker-side wait for the acks, per request. Default 30 s. */
  ackTimeoutMs?: number;
  logger?: RelayLogger;
  retry?: RelayRetryOptions;
  /**
   * The idempotent producer. Default false; correctness never relies on it: consumers deduplicate on
   * the event id.
   */
  idempotent?: boolean;
  /**
   * Test hook: runs after the broker acknowledged a batch and before the checkpoint is written. A throw
   * here behaves like a crash between publishing and checkpointing (the batch will be published again).
   */
  afterPublish?: (events: StoredEvent[]) => Promise<void>;
}

const SILENT: RelayLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Publishes the global event log to Kafka: reads a batch after its checkpoint, sends it (acks = all,
 * one request in flight, key = stream id), and only after the broker acknowledged it advances the
 * checkpoint row in `projection_checkpoints`. At-least-once: a crash between the two republishes the
 * batch; consumers deduplicate on the CloudEvent id. Run one relay per checkpoint name.
 */
export class KafkaRelay {
  readonly name: string;
  private readonly store: EventStore;
  private readonly pool: pg.Pool;
  private readonly brokers: string[];
  private readonly clientId: string;
  private readonly connectTimeoutMs: number;
  private readonly clientRetries: number;
  private readonly topicPrefix: string;
  private readonly source: string;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly ackTimeoutMs: number;
  private readonly logger: RelayLogger;
  private readonly retry: Required<RelayRetryOptions>;
  private readonly idempotent: boolean;
  private readonly afterPublish: ((events: StoredEvent[]) => Promise<void>) | undefined;

  private producer: Producer<string, string, string, string> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(options: KafkaRelayOptions) {
    this.store = options.store;
    this.pool = options.pool;
    if (!options.brokers || options.brokers.length === 0)
      throw new Error('KafkaRelay needs a non-empty `brokers`');
    this.brokers = options.brokers;
    this.clientId = options.clientId ?? 'donthu-relay';
    this.connectTimeoutMs = options.connectTimeoutMs ?? 30_000;
    this.clientRetries = Math.max(0, Math.floor(options.clientRetries ?? 3));
    this.name = options.name ?? 'relay.kafka.v1';
    this.topicPrefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX;
    this.source = options.source ?? DEFAULT_EVENT_SOURCE;
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
    this.pollMs = Math.max(1, options.pollMs ?? 1000);
    this.ackTimeoutMs = options.ackTimeoutMs ?? 30_000;
    this.logger = options.logger ?? SILENT;
    this.retry = {
      initialMs: Math.max(1, options.retry?.initialMs ?? 200),
      maxMs: Math.max(1, options.retry?.maxMs ?? 30_000),
      factor: Math.max(1, options.retry?.factor ?? 2),
    };
    this.idempotent = options.idempotent ?? false;
    this.afterPublish = options.afterPublish;
  }

  /** The stored checkpoint (START_OF_LOG when the row does not exist yet). */
  checkpoint(): Promise<GlobalCheckpoint> {
    return readCheckpoint(viaPool(this.pool), this.name);
  }

  /** Visible events after the checkpoint (not yet acknowledged by Kafka). */
  async lag(): Promise<number> {
    return eventsAfter(viaPool(this.pool), await this.checkpoint());
  }

  /**
   * One batch: read after the checkpoint, publish, await the acks, then advance the checkpoint. Returns
   * the number of events published (0 when drained). Throws on failure, leaving the checkpoint unchanged.
   * Calls are serialised (also with the loop of start()).
   */
  runOnce(): Promise<number> {
    const run = this.queue.then(() => this.publishBatch());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts the background loop (idempotent). Failures are logged and retried with exponential back-off. */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.runLoop();
  }

  /** Stops the loop (after the batch in flight) and disconnects the producer. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    if (this.loop) await this.loop;
    this.loop = null;
    await this.queue;
    const producer = this.producer;
    this.producer = null;
    if (producer) await producer.close().catch(() => undefined);
  }

  // ---------------------------------------------------------------------------------------------------

  private async runLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let delay: number;
      try {
        const published = await this.runOnce();
        failures = 0;
        delay = published >= this.batchSize ? 0 : this.pollMs;
      } catch (error) {
        failures++;
        delay = Math.min(this.retry.maxMs, this.retry.initialMs * this.retry.factor ** (failures - 1));
        this.logger.error(
          { err: error, relay: this.name, failures, retryInMs: delay },
          'kafka relay batch failed',
        );
      }
      if (delay > 0) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopping) {
        resolve();
        return;
      }
      const done = (): void => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async publishBatch(): Promise<number> {
    const after = await this.checkpoint();
    const events = await this.store.readAll({ after, limit: this.batchSize });
    if (events.length === 0) return 0;

    // One produce call for the batch, in log order, acks from every in-sync replica; the relay sends
    // one batch at a time, so a retried request can never overtake a later one (per-key order).
    await this.connectedProducer().send({ messages: this.messages(events), acks: ProduceAcks.ALL });
    if (this.afterPublish) await this.afterPublish(events);

    const last = events[events.length - 1];
    await this.saveCheckpoint({ transactionId: last.transactionId, position: last.globalPosition });
    this.logger.info(
      {
        relay: this.name,
        events: events.length,
        transactionId: last.transactionId,
        position: last.globalPosition,
      },
      'kafka relay published batch',
    );
    return events.length;
  }

  /** One message per event, in log order (so per key, too). */
  private messages(events: StoredEvent[]): MessageToProduce<string, string, string, string>[] {
    return events.map((event) => {
      const m = toKafkaMessage(event, { topicPrefix: this.topicPrefix, source: this.source });
      return {
        topic: m.topic,
        key: m.key,
        value: m.value,
        headers: m.headers,
        timestamp: BigInt(m.timestamp),
      };
    });
  }

  /** Upsert; never moves an existing checkpoint backwards. */
  private saveCheckpoint(cp: GlobalCheckpoint): Promise<void> {
    return writeCheckpoint(viaPool(this.pool), this.name, cp, { forwardOnly: true });
  }

  /** The producer, created on first use; it connects (and reconnects) to the brokers by itself. */
  private connectedProducer(): Producer<string, string, string, string> {
    if (!this.producer)
      this.producer = new Producer({
        clientId: this.clientId,
        bootstrapBrokers: this.brokers,
        serializers: stringSerializers,
        idempotent: this.idempotent,
        acks: ProduceAcks.ALL,
        autocreateTopics: true,
        // murmur2 masked as the Java client does: the same key lands on the same partition whoever produces it.
        partitioner: compatibilityPartitioner,
        timeout: this.ackTimeoutMs,
        connectTimeout: this.connectTimeoutMs,
        retries: this.clientRetries,
      });
    return this.producer;
  }
}
