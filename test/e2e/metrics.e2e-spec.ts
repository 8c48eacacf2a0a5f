import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/app.js';

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
});
