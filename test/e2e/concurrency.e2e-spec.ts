/** Optimistic concurrency (If-Match / ETag, 412) and Idempotency-Key (replay, 422) over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  registerAndClassify,
  registration,
  startWorld,
  streamVersion,
  type TestApp,
  type Tokens,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

const assign = (caseId: string, handlerId: string, headers: Record<string, string> = {}) =>
  app.request('POST', `/api/v1/cases/${caseId}/assign`, { token: t.handler, body: { handlerId }, headers });

describe('If-Match', () => {
  it('a current If-Match succeeds; a stale one is 412 and appends nothing', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const view = await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler });
    expect(view.headers.get('etag')).toBe('"2"');
    const ok = await assign(id, 'h-1', { 'if-match': '"2"' });
    expectStatus(ok, 200);
    expect(ok.headers.get('etag')).toBe('"3"');
    const before = await eventCount(app);
    const stale = await assign(id, 'h-2', { 'if-match': '"2"' });
    expectProblem(stale, 412, 'VERSION_CONFLICT');
    expect(await eventCount(app)).toBe(before);
    expect(await streamVersion(app, id)).toBe(3);
    const ahead = await assign(id, 'h-2', { 'if-match': '"7"' });
    expectProblem(ahead, 412, 'VERSION_CONFLICT');
    expect(await streamVersion(app, id)).toBe(3);
  });

  it('10 parallel commands with the same If-Match: exactly one 200, nine 412, one event appended', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const before = await eventCount(app);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => assign(id, `h-${i}`, { 'if-match': '"2"' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(9).fill(412)]);
    for (const r of results.filter((x) => x.status === 412)) expectProblem(r, 412, 'VERSION_CONFLICT');
    expect(await eventCount(app)).toBe(before + 1);
    expect(await streamVersion(app, id)).toBe(3);
    const winner = results.find((r) => r.status === 200)!;
    const view = await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler });
    expect(view.body.handlerId).toBe(winner.body.handlerId);
  }, 30_000);

  it('without If-Match, parallel commands are re-decided and all succeed', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => assign(id, `h-${i}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await streamVersion(app, id)).toBe(7);
  }, 30_000);
});

describe('Idempotency-Key', () => {
  it('the same key and body twice: the same response, one append', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const first = await assign(id, 'h-9', { 'idempotency-key': 'assign-once-1' });
    expectStatus(first, 200);
    const count = await eventCount(app);
    const second = await assign(id, 'h-9', { 'idempotency-key': 'assign-once-1' });
    expectStatus(second, 200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(await eventCount(app)).toBe(count);
  });

  it('the same key with another body: 422, nothing appended', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    expectStatus(await assign(id, 'h-1', { 'idempotency-key': 'assign-once-2' }), 200);
    const count = await eventCount(app);
    expectProblem(
      await assign(id, 'h-2', { 'idempotency-key': 'assign-once-2' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await eventCount(app)).toBe(count);
  });

  it('registration: a repeated key returns the same case (201) and registers once', async () => {
    const body = registration({ receivedAt: '2026-11-20', subject: 'Đơn gửi hai lần' });
    const headers = { 'idempotency-key': 'register-1' };
    const first = await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers });
    expectStatus(first, 201);
    const count = await eventCount(app);
    const second = await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers });
    expectStatus(second, 201);
    // docs/reference/api-contract.md, Idempotency: a replay answers the stored response with lookupPin null (the PIN is returned once).
    expect(second.body).toEqual({ ...first.body, receipt: { ...first.body.receipt, lookupPin: null } });
    expect(await eventCount(app)).toBe(count);
    const other = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: { ...body, subject: 'Khác' },
      headers,
    });
    expectProblem(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount(app)).toBe(count);
  });

  it('parallel requests with one key append once', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const count = await eventCount(app);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => assign(id, 'h-par', { 'idempotency-key': 'parallel-1' })),
    );
    expect(results.every((r) => r.status === 200 || r.status === 412)).toBe(true);
    expect(results.some((r) => r.status === 200)).toBe(true);
    expect(await eventCount(app)).toBe(count + 1);
  }, 30_000);

  it('a failed command releases its key: the same key may be used again', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    const bad = await app.request('POST', `/api/v1/cases/${id}/accept`, {
      token: t.handler,
      body: { acceptedAt: '2026-11-10' },
      headers: { 'idempotency-key': 'retry-1' },
    });
    expectProblem(bad, 400, 'VALIDATION_FAILED'); // before the receipt
    const good = await app.request('POST', `/api/v1/cases/${id}/accept`, {
      token: t.handler,
      body: { acceptedAt: '2026-11-18' },
      headers: { 'idempotency-key': 'retry-1' },
    });
    expectStatus(good, 200);
  });

  it('a key is per person: another person with the same key is a new request', async () => {
    const { id } = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    expectStatus(await assign(id, 'h-1', { 'idempotency-key': 'shared-key' }), 200);
    const other = await app.request('POST', `/api/v1/cases/${id}/assign`, {
      token: t.head,
      body: { handlerId: 'h-2' },
      headers: { 'idempotency-key': 'shared-key' },
    });
    expectStatus(other, 200);
    expect(other.body.handlerId).toBe('h-2');
  });
});
