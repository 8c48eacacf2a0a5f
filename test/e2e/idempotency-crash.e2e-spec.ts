import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  registration,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';
import { IdempotencyService } from '../../libs/application/src/index.js';

/**
 * Issue 12, item 3: requests interrupted by `kill -9` between claiming their Idempotency-Key and
 * storing the answer left the key "still being processed" for good (412), even when the command had
 * committed. The claim now holds for a lease; after it a retry answers the committed outcome (event ids
 * derive from the key) or runs the command. The crash is reproduced by putting the key's row back in
 * the state a killed request leaves: pending, no answer, its lease over.
 */

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  tick(app, 1000);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

async function crashAfterCommit(key: string): Promise<void> {
  const r = await app.runtime.pool.query(
    `UPDATE idempotency_keys SET state = 'pending', status_code = NULL, response = NULL,
            lease_until = now() - interval '1 second' WHERE key = $1`,
    [key],
  );
  expect(r.rowCount).toBe(1);
}

describe('Idempotency-Key after a crash', () => {
  it('registration committed, answer lost: the retry answers the same case and appends nothing', async () => {
    const body = registration({ receivedAt: '2026-11-20' });
    const headers = { 'idempotency-key': 'crash-register-1' };
    const first = await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers });
    expectStatus(first, 201);
    await crashAfterCommit('crash-register-1');
    const before = await eventCount(app);
    const retry = await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers });
    expectStatus(retry, 201);
    expect(retry.body).toMatchObject({
      id: first.body.id,
      trackingCode: first.body.trackingCode,
      version: first.body.version,
      position: first.body.position,
    });
    expect(await eventCount(app)).toBe(before);
    // And from then on it is an ordinary replay.
    const again = await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers });
    expectStatus(again, 201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
  });

  it('a command on a case committed, answer lost: the retry answers its outcome and appends nothing', async () => {
    const created = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: registration({ receivedAt: '2026-11-20' }),
    });
    expectStatus(created, 201);
    const body = { kind: 'complaint', level: 1, competentUnitId: UNITS.province, processable: true };
    const headers = { 'idempotency-key': 'crash-classify-1' };
    const path = `/api/v1/cases/${created.body.id}/classify`;
    const first = await app.request('POST', path, { token: t.reception, body, headers });
    expectStatus(first, 200);
    await crashAfterCommit('crash-classify-1');
    const before = await eventCount(app);
    const retry = await app.request('POST', path, { token: t.reception, body, headers });
    expectStatus(retry, 200);
    expect(retry.body).toMatchObject({
      id: created.body.id,
      version: first.body.version,
      status: first.body.status,
    });
    expect(await eventCount(app)).toBe(before);
  });

  it('a session scheduled, answer lost: the retry answers the same session', async () => {
    const body = {
      unitId: UNITS.province,
      hostPersonId: 'head-1',
      date: '2026-11-30',
      kind: 'periodic',
      mode: 'in_person',
    };
    const headers = { 'idempotency-key': 'crash-session-1' };
    const first = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body,
      headers,
    });
    expectStatus(first, 201);
    await crashAfterCommit('crash-session-1');
    const before = await eventCount(app);
    const retry = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body,
      headers,
    });
    expectStatus(retry, 201);
    expect(retry.body.id).toBe(first.body.id);
    expect(await eventCount(app)).toBe(before);
  });

  it('killed before anything was written: once the lease is over the retry runs the command', async () => {
    const body = registration({ receivedAt: '2026-11-21' });
    const hash = IdempotencyService.requestHash('POST', '/api/v1/cases', body);
    await app.runtime.pool.query(
      `INSERT INTO idempotency_keys (principal_id, key, request_hash, state, lease_until)
       VALUES ('rec-1', 'crash-before-append', $1, 'pending', now() - interval '1 second')`,
      [hash],
    );
    const before = await eventCount(app);
    const retry = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body,
      headers: { 'idempotency-key': 'crash-before-append' },
    });
    expectStatus(retry, 201);
    expect(await eventCount(app)).toBe(before + 1);
  });

  it('while the lease holds, the key is still being processed (412) and nothing is written', async () => {
    const body = registration({ receivedAt: '2026-11-21' });
    const hash = IdempotencyService.requestHash('POST', '/api/v1/cases', body);
    await app.runtime.pool.query(
      `INSERT INTO idempotency_keys (principal_id, key, request_hash, state, lease_until)
       VALUES ('rec-1', 'still-running', $1, 'pending', now() + interval '1 hour')`,
      [hash],
    );
    const before = await eventCount(app);
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body,
      headers: { 'idempotency-key': 'still-running' },
    });
    expectProblem(res, 412, 'VERSION_CONFLICT');
    expect(await eventCount(app)).toBe(before);
  }, 30_000);
});

describe('stored responses (issue 12, item 5)', () => {
  it('hold no petitioners and no letter; a replay fills them in as they are now, with the caller’s rights', async () => {
    const created = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: registration({ receivedAt: '2026-11-20', kindHint: 'complaint' }),
    });
    expectStatus(created, 201);
    const body = { kind: 'complaint', level: 1, competentUnitId: UNITS.province, processable: true };
    const headers = { 'idempotency-key': 'stored-no-identity' };
    const path = `/api/v1/cases/${created.body.id}/classify`;
    const first = await app.request('POST', path, { token: t.reception, body, headers });
    expectStatus(first, 200);
    expect(JSON.stringify(first.body.petitioners)).toMatch(/\S/);
    const stored = await app.runtime.pool.query<{ response: Record<string, unknown> }>(
      'SELECT response FROM idempotency_keys WHERE key = $1',
      ['stored-no-identity'],
    );
    expect(stored.rows[0].response.petitioners).toBeNull();
    expect(stored.rows[0].response.content).toBeNull();
    const replay = await app.request('POST', path, { token: t.reception, body, headers });
    expectStatus(replay, 200);
    expect(replay.headers.get('idempotency-replayed')).toBe('true');
    expect(replay.body.petitioners).toEqual(first.body.petitioners);
    expect(replay.body.content).toEqual(first.body.content);
  });

  it('a key older than IDEMPOTENCY_RETENTION answers 422 and appends nothing', async () => {
    const body = registration({ receivedAt: '2026-11-20' });
    const headers = { 'idempotency-key': 'old-key' };
    expectStatus(await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers }), 201);
    await app.runtime.pool.query(
      "UPDATE idempotency_keys SET created_at = created_at - interval '2 days' WHERE key = 'old-key'",
    );
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', '/api/v1/cases', { token: t.reception, body, headers }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await eventCount(app)).toBe(before);
  });
});
