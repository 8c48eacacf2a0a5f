/**
 * HTTP assertions of the e2e suites: statuses with readable failures, RFC 9457 problems
 * (docs/reference/api-contract.md, Errors), and the count of events a request left behind.
 */
import { expect } from '@jest/globals';
import type { TestApp, TestResponse } from './app.js';

/** Asserts a status, printing the body when it differs (a readable failure). */
export function expectStatus(res: TestResponse, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 800)}`);
}

/** Asserts an `application/problem+json` answer `{type, title, status, detail, code}` with this status and code. */
export function expectProblem(res: TestResponse, status: number, code: string): void {
  if (res.status !== status || res.body?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 800)}`);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.type).toBe('string');
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

/** A 400 `VALIDATION_FAILED` problem that also carries `errors: [{path, message}]`. */
export function expectInvalid(res: TestResponse): void {
  expectProblem(res, 400, 'VALIDATION_FAILED');
  expect(Array.isArray(res.body.errors)).toBe(true);
  expect(res.body.errors.length).toBeGreaterThan(0);
  for (const e of res.body.errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
  }
}

/** Events in the store (a refused request must leave the count unchanged). */
export async function eventCount(app: TestApp): Promise<number> {
  const r = await app.runtime.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(r.rows[0].n);
}

/** The version of a case's stream (0 before its first event). */
export async function streamVersion(app: TestApp, caseId: string): Promise<number> {
  const r = await app.runtime.pool.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM events WHERE stream_id = $1',
    [`case-${caseId}`],
  );
  return r.rows[0].v ?? 0;
}
