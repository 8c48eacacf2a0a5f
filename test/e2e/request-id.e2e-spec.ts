import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/index.js';

/**
 * Request ids (X-Request-Id): accepted or generated, echoed, in every log line of the request, in a
 * problem document's `instance`, in the metadata of the events the request appends, and beside the
 * error and its stack when the server fails.
 */
describe('X-Request-Id', () => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const linesOf = (id: string) => lines.filter((l) => l.requestId === id);

  beforeAll(async () => {
    t = await createTestApp({
      logStream: {
        write(chunk: string) {
          for (const line of chunk.split('\n'))
            if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        },
      },
    });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('generates an id when none is sent, echoes it, and writes it in the request log line', async () => {
    const res = await t.request('GET', '/api/v1/units');
    const id = res.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(res.status).toBe(401);
    expect(res.body.instance).toBe(`urn:donthu:request:${id}`);
    const line = linesOf(id!).find((l) => l.msg === 'request completed');
    expect(line).toMatchObject({ service: 'donthu-api', res: { statusCode: 401 } });
  });

  it('never logs what a user searched for (q)', async () => {
    await t.request('GET', '/api/v1/cases?q=chuoi-rieng-tu&page=1', {
      headers: { 'x-request-id': 'req-query' },
    });
    const line = linesOf('req-query').find((l) => l.msg === 'request completed');
    expect(line).toMatchObject({ req: { url: '/api/v1/cases?q=[redacted]&page=1' } });
    expect(JSON.stringify(linesOf('req-query'))).not.toContain('chuoi-rieng-tu');
  });

  it("keeps the caller's id, and replaces one that is not a safe token", async () => {
    const kept = await t.request('GET', '/api/v1/units', { headers: { 'x-request-id': 'lb-7f3a:42' } });
    expect(kept.headers.get('x-request-id')).toBe('lb-7f3a:42');
    expect(kept.body.instance).toBe('urn:donthu:request:lb-7f3a:42');
    for (const bad of ['has space', 'x'.repeat(129), '<script>', '-leading-dash']) {
      const res = await t.request('GET', '/health/unknown', { headers: { 'x-request-id': bad } });
      expect(res.headers.get('x-request-id')).toMatch(UUID);
    }
  });

  it('puts the id in problems raised before the routes (malformed JSON) and in validation problems', async () => {
    const admin = await t.token('admin', ['admin']);
    const malformed = await t.request('POST', '/api/v1/units', {
      token: admin,
      raw: '{"id": ',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-malformed' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(malformed.body.instance).toBe('urn:donthu:request:req-malformed');
    const invalid = await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'p' },
      headers: { 'x-request-id': 'req-invalid' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      instance: 'urn:donthu:request:req-invalid',
    });
  });

  it('carries the id into the metadata of the events the request appends', async () => {
    const admin = await t.token('admin', ['admin']);
    const res = await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'p', name: 'Tỉnh', level: 'province' },
      headers: { 'x-request-id': 'create-unit-p' },
    });
    expect(res.status).toBe(201);
    const [event] = await t.runtime.store.readStream('unit-p');
    expect(event.metadata.correlationId).toBe('create-unit-p');
  });

  it('answers a server fault with a problem naming the request, and logs the error, its stack and the id', async () => {
    const admin = await t.token('admin', ['admin']);
    await t.runtime.pool.query('ALTER TABLE rm_units RENAME TO rm_units_away');
    try {
      const res = await t.request('GET', '/api/v1/units', {
        token: admin,
        headers: { 'x-request-id': 'req-fault' },
      });
      expect(res.status).toBeGreaterThanOrEqual(500);
      expect(res.body.instance).toBe('urn:donthu:request:req-fault');
      expect(res.text).not.toContain('rm_units');
      const error = linesOf('req-fault').find((l) => l.level === 50);
      expect(error).toMatchObject({ msg: 'request failed', method: 'GET', path: '/api/v1/units' });
      const err = error!.err as { message: string; stack: string };
      expect(err.message).toContain('rm_units');
      expect(err.stack).toContain('\n    at ');
    } finally {
      await t.runtime.pool.query('ALTER TABLE rm_units_away RENAME TO rm_units');
    }
  });
});
