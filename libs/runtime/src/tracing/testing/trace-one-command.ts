/**
 * Runs in a child process (tracing.int-spec.ts): starts tracing with an in-memory exporter before the
 * application's modules load (as tracing/register.ts does in production), serves the API on a fresh
 * database, sends one command, lets the projections apply it, and prints the finished spans, the log
 * lines and the events' metadata as one JSON document on stdout.
 */
import { register } from 'node:module';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { startTracing, stopTracing } from '../tracing.js';

const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);
const memory = new InMemorySpanExporter();
startTracing({ serviceName: 'donthu-test', spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
await waitForAllMessagesAcknowledged();

const { createTestApp } = await import('../../../../../test/support/app.js');
const logs: Record<string, unknown>[] = [];
const t = await createTestApp({
  logStream: {
    write(chunk: string) {
      for (const line of chunk.split('\n')) if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
    },
  },
});
try {
  const admin = await t.token('admin', ['admin']);
  const unit = await t.request('POST', '/api/v1/units', {
    token: admin,
    body: { id: 'hanoi', name: 'UBND thành phố Hà Nội', level: 'province' },
  });
  if (unit.status !== 201) throw new Error(`unit: ${unit.status} ${unit.text}`);
  await t.catchUp();
  memory.reset();
  const reception = await t.token('rec-1', ['reception'], 'hanoi', 'Lễ tân');
  const res = await t.request('POST', '/api/v1/cases', {
    token: reception,
    headers: { 'x-request-id': 'traced-command' },
    body: {
      receivedAt: '2026-06-30',
      channel: 'in_person',
      receivingUnitId: 'hanoi',
      petitioners: [{ fullName: 'Trần Văn Bình', idNumber: '001099012345' }],
      subject: 'Khiếu nại quyết định thu hồi đất',
      content: 'Đề nghị xem xét lại việc bồi thường khi thu hồi đất.',
      field: 'land',
    },
  });
  if (res.status !== 201) throw new Error(`case: ${res.status} ${res.text}`);
  await t.catchUp();
  // A query string can hold what a user typed: spans must not keep it.
  await t.request('GET', '/api/v1/cases?q=chuoi-tim-kiem-rieng', { token: reception });
  const events = await t.runtime.store.readStream(`case-${(res.body as { id: string }).id}`);
  const spans = memory.getFinishedSpans().map((s) => ({
    name: s.name,
    kind: s.kind,
    traceId: s.spanContext().traceId,
    spanId: s.spanContext().spanId,
    parentSpanId: s.parentSpanContext?.spanId,
    scope: s.instrumentationScope.name,
    attributes: s.attributes,
    links: s.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })),
  }));
  process.stdout.write(
    `${JSON.stringify({ spans, logs, metadata: events.map((e) => e.metadata), requestId: res.headers.get('x-request-id') })}\n`,
  );
} finally {
  await t.close();
  await stopTracing();
}
