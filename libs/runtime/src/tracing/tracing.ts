import type { Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * OpenTelemetry tracing: HTTP, Express and pg instrumentation, exported over OTLP (http/protobuf).
 * Off unless configured: it starts only when `OTEL_EXPORTER_OTLP_ENDPOINT` (or
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set and `OTEL_SDK_DISABLED` is not `true`. The standard
 * `OTEL_*` variables (sampler, headers, resource attributes, service name) apply.
 */
export function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').toLowerCase() === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

/**
 * Query strings can carry what a user typed (a search, a lookup code): spans keep the path and
 * never the query.
 */
class QueryStringRedactor implements SpanProcessor {
  onStart(span: Span & { attributes?: Record<string, unknown> }): void {
    const a = span.attributes ?? {};
    if (typeof a['url.query'] === 'string' && a['url.query'] !== '')
      span.setAttribute('url.query', 'REDACTED');
    for (const key of ['url.full', 'http.url', 'http.target']) {
      const v = a[key];
      if (typeof v === 'string' && v.includes('?'))
        span.setAttribute(key, `${v.slice(0, v.indexOf('?'))}?REDACTED`);
    }
  }
  onEnd(): void {}
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let sdk: NodeSDK | null = null;

export interface TracingOptions {
  serviceName: string;
  /** Where spans go (tests: an in-memory exporter); default a batch processor over OTLP. */
  spanProcessors?: SpanProcessor[];
}

/** Starts the SDK once for the process. Call it before the application's modules are loaded. */
export function startTracing(options: TracingOptions): void {
  if (sdk) return;
  sdk = new NodeSDK({
    serviceName: options.serviceName,
    spanProcessors: [
      new QueryStringRedactor(),
      ...(options.spanProcessors ?? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter() })]),
    ],
    // Metrics are prom-client's (/metrics) and logs are pino's: the SDK exports traces only.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      // Only queries inside a traced unit of work (a request, a command, a projection batch): the
      // pollers' idle queries would otherwise each be a trace. Statements, never their parameters.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Flushes and stops the SDK started here (tests; the entries use trace-context's shutdownTracing). */
export async function stopTracing(): Promise<void> {
  const s = sdk;
  sdk = null;
  await s?.shutdown().catch(() => undefined);
}
