import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * OpenTelemetry tracing of one command, read from an in-memory exporter. Instrumenting ES modules
 * needs a loader registered before the application loads, which jest's module runtime bypasses, so
 * the command runs in a child process (testing/trace-one-command.ts, from source) that prints what
 * it recorded.
 */

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../../../../test/support/ts-register.mjs', import.meta.url));
const CHILD = fileURLToPath(new URL('./testing/trace-one-command.ts', import.meta.url));

interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  scope: string;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string }[];
}

interface Recorded {
  spans: SpanRecord[];
  logs: Record<string, unknown>[];
  metadata: Record<string, unknown>[];
  requestId: string;
}

function runChild(): Promise<Recorded> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', REGISTER, CHILD], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
      },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`child exited ${code}:\n${err}\n${out}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()!) as Recorded);
      } catch (e) {
        reject(new Error(`unreadable child output:\n${out}\n${err}`, { cause: e }));
      }
    });
  });
}

describe('tracing one command (OpenTelemetry, in-memory exporter)', () => {
  it('records the HTTP, Express, command and pg spans in one trace, stores its traceparent in the events, logs the trace id, and links the projections to it', async () => {
    const r = await runChild();
    const SERVER = 1;
    const server = r.spans.find((s) => s.scope.endsWith('instrumentation-http') && s.kind === SERVER);
    expect(server).toBeDefined();
    expect(server!.name).toBe('POST /api/v1/cases');
    expect(server!.attributes['http.route']).toBe('/api/v1/cases');
    const trace = server!.traceId;
    const inTrace = r.spans.filter((s) => s.traceId === trace);

    // Express middlewares and the route handler are children of the server span.
    expect(inTrace.some((s) => s.scope.endsWith('instrumentation-express'))).toBe(true);
    // The command: one span, its database work below it.
    const command = inTrace.filter((s) => s.name === 'command case');
    expect(command).toHaveLength(1);
    expect(command[0].attributes).toMatchObject({ 'donthu.stream.category': 'case', 'donthu.outcome': 'ok' });
    const inserts = inTrace.filter(
      (s) => s.scope.endsWith('instrumentation-pg') && s.parentSpanId === command[0].spanId,
    );
    expect(
      inserts.some((s) =>
        String(s.attributes['db.query.text'] ?? s.attributes['db.statement']).includes('INSERT INTO events'),
      ),
    ).toBe(true);
    // Statements are recorded, never their parameters (petitioners are sealed, but still).
    for (const s of r.spans) expect(JSON.stringify(s.attributes)).not.toContain('Trần Văn Bình');
    // Query strings are redacted: a search's span keeps the path only.
    const search = r.spans.find(
      (s) => s.kind === SERVER && s.attributes['url.path'] === '/api/v1/cases' && s.name.startsWith('GET'),
    );
    expect(search?.attributes['url.query']).toBe('REDACTED');
    for (const s of r.spans) expect(JSON.stringify(s.attributes)).not.toContain('chuoi-tim-kiem-rieng');

    // The event carries the command span's traceparent next to the request id.
    expect(r.metadata).toHaveLength(1);
    expect(r.metadata[0]).toMatchObject({
      correlationId: 'traced-command',
      traceparent: `00-${trace}-${command[0].spanId}-01`,
    });
    expect(r.requestId).toBe('traced-command');

    // The access log line carries the trace id beside the request id.
    const line = r.logs.find((l) => l.requestId === 'traced-command' && l.msg === 'request completed');
    expect(line).toMatchObject({ traceId: trace });

    // Each projection's batch is its own trace, linked to the command that wrote the event.
    const batches = r.spans.filter((s) => s.name === 'projection case-summaries.v1');
    expect(batches.length).toBeGreaterThan(0);
    expect(
      batches.some((b) => b.links.some((l) => l.traceId === trace && l.spanId === command[0].spanId)),
    ).toBe(true);
    // Its queries are its children.
    const batch = batches.find((b) => b.links.length > 0)!;
    expect(
      r.spans.some((s) => s.parentSpanId === batch.spanId && s.scope.endsWith('instrumentation-pg')),
    ).toBe(true);
  }, 120_000);
});
