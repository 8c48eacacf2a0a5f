import { Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from a fast read (5 ms) to a slow export (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds from an event's recording to its application by a projection: up to a long catch-up. */
const DELAY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];

export type CommandOutcome = 'ok' | 'rejected' | 'conflict' | 'error';

/**
 * The metrics a process records as things happen (HTTP requests, commands, projection batches), in
 * one Prometheus registry per runtime. Gauges read at scrape time (head position, lags) are added by
 * whoever serves `/metrics` (the API's controller, the worker's own listener).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'donthu_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'donthu_http_request_duration_seconds',
    help: 'time from a request to the end of its answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly commandDuration = new Histogram({
    name: 'donthu_command_duration_seconds',
    help: 'load → decide → append of one command on one stream, by stream category and outcome',
    labelNames: ['stream', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly commandConflicts = new Counter({
    name: 'donthu_command_conflicts_total',
    help: 'commands that found the stream moved on (a stale If-Match, or an append refused on its expected version), by stream category',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });
  readonly commandRetries = new Counter({
    name: 'donthu_command_retries_total',
    help: 'commands re-read and re-decided after a conflict (requests without If-Match), by stream category',
    labelNames: ['stream'] as const,
    registers: [this.registry],
  });

  readonly queryDuration = new Histogram({
    name: 'donthu_query_duration_seconds',
    help: 'one query of the application (read models, folded views), by query and outcome',
    labelNames: ['query', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly projectionEvents = new Counter({
    name: 'donthu_projection_events_applied_total',
    help: 'events of the global log a projection has read and applied in this process',
    labelNames: ['projection'] as const,
    registers: [this.registry],
  });
  readonly projectionBatchDuration = new Histogram({
    name: 'donthu_projection_batch_duration_seconds',
    help: 'time to apply one batch of a projection (read, write rows, advance the checkpoint)',
    labelNames: ['projection'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly projectionDelay = new Histogram({
    name: 'donthu_projection_delay_seconds',
    help: "time from the recording of a batch's newest event to its application by a projection",
    labelNames: ['projection'] as const,
    buckets: DELAY_BUCKETS,
    registers: [this.registry],
  });

  /** A command on `streamId` took `seconds` and ended with `outcome`. */
  command(streamId: string, outcome: CommandOutcome, seconds: number): void {
    this.commandDuration.observe({ stream: streamCategory(streamId), outcome }, seconds);
  }

  /** What the projection runner reports after each batch it applied (ProjectionObserver). */
  batchApplied(projection: string, events: number, seconds: number, newestRecordedAt?: string): void {
    this.projectionEvents.inc({ projection }, events);
    this.projectionBatchDuration.observe({ projection }, seconds);
    if (newestRecordedAt) {
      const delay = (Date.now() - Date.parse(newestRecordedAt)) / 1000;
      if (Number.isFinite(delay) && delay >= 0) this.projectionDelay.observe({ projection }, delay);
    }
  }
}

/** `case-123` → `case`: a label with a handful of values, never an id. */
export function streamCategory(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

/** Seconds elapsed since a `process.hrtime.bigint()` reading. */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
