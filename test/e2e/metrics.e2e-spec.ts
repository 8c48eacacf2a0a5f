import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestApp,
  createUnitTree,
  expectProblem,
  register,
  type TestApp,
  tokens,
  UNITS,
} from '../support/index.js';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('exposes the head position and the lag of every projection in Prometheus text format, without a token', async () => {
    const admin = await t.token('admin', ['admin']);
    await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'p', name: 'Tỉnh', level: 'province' },
    });
    const before = await t.request('GET', '/metrics');
    expect(before.status).toBe(200);
    expect(before.headers.get('content-type')).toContain('text/plain');
    expect(before.text).toMatch(/^donthu_event_store_head_position 1$/m);
    expect(before.text).toMatch(/^donthu_projection_lag_events\{projection="units\.v1"\} 1$/m);
    expect(before.text).toMatch(/^donthu_database_up 1$/m);
    await t.catchUp();
    const after = await t.request('GET', '/metrics');
    expect(after.text).toMatch(/^donthu_projection_lag_events\{projection="units\.v1"\} 0$/m);
  });

  it('answers liveness apart from readiness, without a token', async () => {
    const live = await t.request('GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', projections: { 'units.v1': { lag: 0 } } });
  });
});

describe('GET /metrics: HTTP, command and projection metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  /** The value of one sample line (`name{labels} value`), or undefined when absent. */
  const sample = (text: string, name: string, labels: string): number | undefined => {
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`${name}{${labels}}`) || l === `${name} ${labels}`);
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('counts requests and their latency by route template and status, never by concrete path', async () => {
    const tk = await tokens(t);
    await createUnitTree(t, tk.admin);
    await t.request('GET', `/api/v1/units/${UNITS.province}`, { token: tk.admin });
    await t.request('GET', `/api/v1/units/${UNITS.commune1}`, { token: tk.admin });
    await t.request('GET', '/api/v1/no-such-thing', { token: tk.admin });
    const m = (await t.request('GET', '/metrics')).text;
    expect(sample(m, 'donthu_http_requests_total', 'method="POST",route="/api/v1/units",status="201"')).toBe(
      6,
    );
    expect(
      sample(m, 'donthu_http_requests_total', 'method="GET",route="/api/v1/units/:id",status="200"'),
    ).toBe(2);
    expect(sample(m, 'donthu_http_requests_total', 'method="GET",route="unmatched",status="404"')).toBe(1);
    expect(
      sample(
        m,
        'donthu_http_request_duration_seconds_count',
        'method="GET",route="/api/v1/units/:id",status="200"',
      ),
    ).toBe(2);
    expect(
      sample(
        m,
        'donthu_http_request_duration_seconds_bucket',
        'le="+Inf",method="GET",route="/api/v1/units/:id",status="200"',
      ),
    ).toBe(2);
    expect(m).not.toContain(`/api/v1/units/${UNITS.province}"`);
  });

  it('records command latency by stream and outcome, and counts conflicts', async () => {
    const tk = await tokens(t);
    const created = await register(t, tk.reception);
    const stale = await t.request('POST', `/api/v1/cases/${created.id}/classify`, {
      token: tk.reception,
      body: { processable: true, competentUnitId: UNITS.province, kind: 'complaint', level: 1 },
      headers: { 'if-match': '"7"' },
    });
    expectProblem(stale, 412, 'VERSION_CONFLICT');
    const m = (await t.request('GET', '/metrics')).text;
    expect(sample(m, 'donthu_command_duration_seconds_count', 'stream="unit",outcome="ok"')).toBe(6);
    expect(sample(m, 'donthu_command_duration_seconds_count', 'stream="case",outcome="ok"')).toBe(1);
    expect(sample(m, 'donthu_command_duration_seconds_count', 'stream="case",outcome="conflict"')).toBe(1);
    expect(sample(m, 'donthu_command_conflicts_total', 'stream="case"')).toBe(1);
    expect(m).toMatch(/^# TYPE donthu_command_retries_total counter$/m);
  });

  it('counts the events each projection applied', async () => {
    const before = (await t.request('GET', '/metrics')).text;
    expect(sample(before, 'donthu_projection_events_applied_total', 'projection="units.v1"')).toBeUndefined();
    await t.catchUp();
    const head = Number(await t.runtime.store.headPosition());
    const m = (await t.request('GET', '/metrics')).text;
    expect(sample(m, 'donthu_projection_events_applied_total', 'projection="units.v1"')).toBe(head);
    expect(
      sample(m, 'donthu_projection_batch_duration_seconds_count', 'projection="units.v1"'),
    ).toBeGreaterThan(0);
  });
});
