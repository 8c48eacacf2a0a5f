import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Link,
  type SpanContext,
} from '@opentelemetry/api';

/**
 * What the rest of the code needs of tracing, through `@opentelemetry/api` only: without a started
 * SDK (tracing off, the default) every function here is a cheap no-op and returns nothing.
 */

/** `traceId` and `spanId` of the active span, for log lines; empty when there is none. */
export function traceFields(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const c = span.spanContext();
  return isSpanContextValid(c) ? { traceId: c.traceId, spanId: c.spanId } : {};
}

/** The W3C `traceparent` of the active span (stored in event metadata), or undefined. */
export function currentTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The span context a stored `traceparent` names, or undefined when absent or malformed. */
export function spanContextOf(traceparent: unknown): SpanContext | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const c = trace.getSpanContext(propagation.extract(ROOT_CONTEXT, { traceparent }));
  return c && isSpanContextValid(c) ? c : undefined;
}

/** Links from a batch's span to the spans that wrote its events (at most `max`, one per trace). */
export function linksTo(traceparents: unknown[], max = 64): Link[] {
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const tp of traceparents) {
    const c = spanContextOf(tp);
    if (!c || seen.has(c.traceId)) continue;
    seen.add(c.traceId);
    links.push({ context: c });
    if (links.length >= max) break;
  }
  return links;
}

export const tracer = () => trace.getTracer('donthu');

/** Exports the spans still buffered and stops tracing (at shutdown); nothing when tracing is off. */
export async function shutdownTracing(): Promise<void> {
  const proxy = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const provider = proxy.getDelegate?.() as { shutdown?: () => Promise<void> } | undefined;
  await provider?.shutdown?.().catch(() => undefined);
}
