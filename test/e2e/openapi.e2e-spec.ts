import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/app.js';
import { OpenApiCheck } from '../support/openapi-check.js';

/**
 * The published document describes the answers besides success: every operation lists its problem
 * responses (application/problem+json, the Problem schema) and the convention headers. Every e2e
 * suite checks each problem it receives against it (test/support/openapi-check.ts); this file checks
 * the document itself and that the check rejects what the document does not allow.
 */
describe('OpenAPI: problems and headers', () => {
  let t: TestApp;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an OpenAPI document is read as plain JSON
  let doc: any;
  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.request('GET', '/docs-json')).body;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('documents the problem responses of every operation and the Problem schema', () => {
    expect(doc.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'code']);
    let operations = 0;
    for (const [path, item] of Object.entries<
      Record<string, { responses: Record<string, { content?: object }> }>
    >(doc.paths))
      for (const [method, op] of Object.entries(item)) {
        operations++;
        for (const status of ['400', '404', '429', '500', '503'])
          expect([path, method, status, Object.keys(op.responses[status]?.content ?? {})]).toEqual([
            path,
            method,
            status,
            ['application/problem+json'],
          ]);
        if (path.startsWith('/api/v1') && method === 'post') expect(op.responses['412']).toBeDefined();
      }
    expect(operations).toBeGreaterThan(40);
  });

  it('declares X-Request-Id everywhere, Idempotency-Key and If-Match on commands, ETag on a case', () => {
    const params = (path: string, method: string): string[] =>
      (doc.paths[path][method].parameters as { in: string; name: string }[])
        .filter((p) => p.in === 'header')
        .map((p) => p.name);
    expect(params('/api/v1/cases', 'get')).toContain('X-Request-Id');
    expect(params('/api/v1/cases', 'post')).toEqual(
      expect.arrayContaining(['X-Request-Id', 'Idempotency-Key']),
    );
    expect(params('/api/v1/cases/{id}/accept', 'post')).toEqual(
      expect.arrayContaining(['If-Match', 'Idempotency-Key']),
    );
    expect(Object.keys(doc.paths['/api/v1/cases/{id}'].get.responses['200'].headers)).toEqual(
      expect.arrayContaining(['ETag', 'X-Request-Id']),
    );
    expect(Object.keys(doc.paths['/api/v1/cases'].get.responses['200'].headers)).toContain('Donthu-Stale');
  });

  it('the check every suite runs rejects an undocumented status and a malformed problem', async () => {
    const check = new OpenApiCheck(t.app);
    const good = {
      type: 'https://donthu.dev/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: 'no such resource',
      code: 'NOT_FOUND',
      instance: 'urn:donthu:request:x',
    };
    await expect(
      check.check('GET', '/api/v1/cases/abc', 404, 'application/problem+json', good),
    ).resolves.toBeUndefined();
    await expect(
      check.check('GET', '/health/live', 409, 'application/problem+json', {
        ...good,
        status: 409,
        code: 'ILLEGAL_TRANSITION',
      }),
    ).rejects.toThrow('does not document a 409 problem');
    await expect(
      check.check('GET', '/api/v1/cases/abc', 404, 'application/problem+json', {
        ...good,
        code: 'not found',
      }),
    ).rejects.toThrow('Problem schema');
    await expect(
      check.check('GET', '/api/v1/cases/abc', 404, 'application/problem+json', { ...good, status: 400 }),
    ).rejects.toThrow('says status 400');
  });
});
