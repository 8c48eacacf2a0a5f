import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/index.js';
import { OpenApiCheck } from '../support/openapi-check.js';
import { undescribedOperations } from '../../apps/api/src/openapi/success-responses.js';

/**
 * The published document describes every answer: what each operation answers on success (status,
 * media types, the schema of a JSON body) and every operation lists its problem
 * responses (application/problem+json, the Problem schema) and the convention headers. Every e2e
 * suite checks each problem it receives against it (test/support/openapi-check.ts); this file checks
 * the document itself and that the check rejects what the document does not allow.
 */
describe('OpenAPI: successes, problems and headers', () => {
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
        // Open311 answers its errors in GeoReport's own format (docs/open311.md), JSON or XML.
        const errorTypes = path.startsWith('/open311/')
          ? ['application/json', 'text/xml']
          : ['application/problem+json'];
        for (const status of ['400', '404', '429', '500', '503'])
          expect([path, method, status, Object.keys(op.responses[status]?.content ?? {})]).toEqual([
            path,
            method,
            status,
            errorTypes,
          ]);
        if (path.startsWith('/api/v1') && method === 'post') expect(op.responses['412']).toBeDefined();
      }
    expect(operations).toBeGreaterThan(40);
    expect(
      doc.paths['/open311/v2/requests.json'].post.responses['403'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/Open311Errors',
    });
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

  it('documents the success of every operation: status, media types and the schema of a JSON body', () => {
    expect(undescribedOperations(doc)).toEqual([]);
    const content = (path: string, method: string, status: string) =>
      doc.paths[path][method].responses[status].content as Record<string, { schema: unknown }>;
    expect(content('/api/v1/cases/{id}', 'get', '200')['application/json'].schema).toEqual({
      $ref: '#/components/schemas/CaseView',
    });
    expect(doc.components.schemas.CaseView.required).toEqual(
      expect.arrayContaining(['id', 'trackingCode', 'status', 'version', 'deadlines']),
    );
    expect(Object.keys(content('/api/v1/cases', 'post', '201'))).toEqual(['application/json']);
    expect(Object.keys(content('/api/v1/statistics', 'get', '200'))).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
    expect(Object.keys(content('/api/v1/deadlines/overdue', 'get', '200'))).toContain('text/csv');
    expect(Object.keys(content('/api/v1/cases/{id}/documents/{file}', 'get', '200'))).toEqual([
      'application/pdf',
    ]);
    // The convention headers sit on the success answers too.
    expect(Object.keys(doc.paths['/api/v1/cases/{id}/accept'].post.responses['200'].headers)).toEqual(
      expect.arrayContaining(['ETag', 'X-Request-Id']),
    );
  });

  it('states the validation limits the server enforces in the request schemas', () => {
    const register = doc.components.schemas.RegisterCaseDto.properties;
    expect(register.subject).toMatchObject({ type: 'string', maxLength: 500, minLength: 1 });
    expect(register.content.maxLength).toBe(100_000);
    expect(register.signerCount).toMatchObject({ type: 'integer', minimum: 1, maximum: 100_000 });
    expect(register.petitioners.maxItems).toBe(200);
    expect(register.receivedAt).toMatchObject({ type: 'string', format: 'date' });
    expect(register.receivingUnitId.pattern).toEqual(expect.any(String));
    expect(doc.components.schemas.PetitionerDto.properties.fullName.maxLength).toBe(200);
  });

  it('the check every suite runs rejects a success body, status or media type the document does not allow', async () => {
    const check = new OpenApiCheck(t.app);
    const item = {
      caseId: 'c1',
      trackingCode: 'HN-2026-000001',
      ruleId: 'KN-ACC',
      dueOn: '2026-11-01',
      daysOverdue: 3,
      unitId: 'hn',
      headOfUnit: null,
      handlerId: null,
    };
    const board = { items: [item], total: 1, page: 1, pageSize: 50 };
    const json = 'application/json; charset=utf-8';
    await expect(check.check('GET', '/api/v1/deadlines/overdue', 200, json, board)).resolves.toBeUndefined();
    await expect(
      check.check('GET', '/api/v1/deadlines/overdue?unitId=hn', 200, json, {
        ...board,
        items: [{ ...item, daysOverdue: 'three' }],
      }),
    ).rejects.toThrow('does not match the document');
    await expect(
      check.check('GET', '/api/v1/deadlines/overdue', 200, json, { items: [item] }),
    ).rejects.toThrow('does not match the document');
    await expect(check.check('GET', '/api/v1/deadlines/overdue', 201, json, board)).rejects.toThrow(
      'does not list this success status',
    );
    await expect(
      check.check('GET', '/api/v1/deadlines/upcoming', 200, 'text/csv; charset=utf-8', undefined),
    ).rejects.toThrow('answered text/csv');
  });
});
