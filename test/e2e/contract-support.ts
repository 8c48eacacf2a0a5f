/**
 * Helpers of the contract suites (contract*.e2e-spec.ts). These suites are written from the words of
 * the project's contract documents (docs/reference/api-contract.md, docs/reference/deadlines.md and docs/reference/legal.md) only; every expected date is a literal
 * computed by hand from the holiday table of docs/reference/deadlines.md (The holiday calendar).
 */
import { expect } from '@jest/globals';
import type { TestApp, TestResponse } from '../support/app.js';

export const TODAY_INSTANT = '2026-11-22T03:00:00.000Z'; // 2026-11-22 (Sunday) in Vietnam
export const LONG = 60_000;

/** The organisation every contract suite builds: two provinces, communes and a department. */
export const U = {
  p: 'ct-p', // province
  c1: 'ct-c1', // commune under p
  c2: 'ct-c2', // commune under p
  dep: 'ct-dep', // department under p
  q: 'ct-q', // another province
  q1: 'ct-q1', // commune under q
} as const;

export async function buildUnits(app: TestApp, admin: string): Promise<void> {
  app.setNow('2024-12-02T03:00:00.000Z');
  const rows: [string, string, string, string?][] = [
    [U.p, 'UBND tỉnh Kiểm Định', 'province'],
    [U.c1, 'UBND xã Một', 'commune', U.p],
    [U.c2, 'UBND xã Hai', 'commune', U.p],
    [U.dep, 'Sở Xây dựng', 'department', U.p],
    [U.q, 'UBND tỉnh Khác', 'province'],
    [U.q1, 'UBND xã Khác', 'commune', U.q],
  ];
  for (const [id, name, level, parentId] of rows) {
    const res = await app.request('POST', '/api/v1/units', {
      token: admin,
      body: { id, name, level, ...(parentId ? { parentId } : {}) },
    });
    ok(res, 201);
  }
  app.setNow(TODAY_INSTANT);
}

/** Fails with the body when the status differs (readable failures). */
export function ok(res: TestResponse, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 800)}`);
}

/** docs/reference/api-contract.md §Errors: application/problem+json {type, title, status, detail, code}. */
export function problem(res: TestResponse, status: number, code: string): void {
  if (res.status !== status || res.body?.code !== code)
    throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 800)}`);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(typeof res.body.type).toBe('string');
  expect(typeof res.body.title).toBe('string');
  expect(res.body.status).toBe(status);
  expect(typeof res.body.detail).toBe('string');
}

/** A 400 for invalid input also carries errors: [{path, message}]. */
export function invalid(res: TestResponse): void {
  problem(res, 400, 'VALIDATION_FAILED');
  expect(Array.isArray(res.body.errors)).toBe(true);
  expect(res.body.errors.length).toBeGreaterThan(0);
  for (const e of res.body.errors) {
    expect(typeof e.path).toBe('string');
    expect(typeof e.message).toBe('string');
  }
}

export async function eventCount(app: TestApp): Promise<number> {
  const r = await app.runtime.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(r.rows[0].n);
}

export function body(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: '2026-10-01',
    channel: 'in_person',
    receivingUnitId: U.p,
    petitioners: [
      { fullName: 'Phạm Thị Hoa', idNumber: '001188000111', phone: '0987654321', address: 'Số 9 phố Huế' },
    ],
    subject: 'Khiếu nại việc bồi thường',
    content: 'Đề nghị xem xét lại mức bồi thường khi thu hồi đất.',
    field: 'land',
    ...overrides,
  };
}

export interface Deadline {
  ruleId: string;
  ruleVersion: string;
  startOn: string;
  dueOn: string;
  status: string;
  provisional?: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- case views are read as JSON
export type View = any;

export const deadlines = (view: View, ruleId: string): Deadline[] =>
  (view.deadlines as Deadline[]).filter((d) => d.ruleId === ruleId);

export const only = (view: View, ruleId: string): Deadline => {
  const found = deadlines(view, ruleId);
  if (found.length !== 1)
    throw new Error(`expected one ${ruleId} deadline, got ${JSON.stringify(view.deadlines)}`);
  return found[0];
};

export const dateOf = (view: View, ruleId: string): string | undefined =>
  (view.dates as { ruleId: string; dueOn: string }[]).find((d) => d.ruleId === ruleId)?.dueOn;

/** A small client bound to an app. */
export function client(app: TestApp) {
  return {
    async register(token: string, overrides: Record<string, unknown> = {}): Promise<View> {
      const res = await app.request('POST', '/api/v1/cases', { token, body: body(overrides) });
      ok(res, 201);
      return res.body;
    },
    async cmd(token: string, id: string, action: string, payload: Record<string, unknown>): Promise<View> {
      const res = await app.request('POST', `/api/v1/cases/${id}/${action}`, { token, body: payload });
      ok(res, 200);
      return res.body;
    },
    async view(token: string, id: string): Promise<View> {
      const res = await app.request('GET', `/api/v1/cases/${id}`, { token });
      ok(res, 200);
      return res.body;
    },
    /** Registers and classifies; competent unit defaults to the receiving unit. */
    async intake(
      token: string,
      kind: string,
      reg: Record<string, unknown> = {},
      cls: Record<string, unknown> = {},
    ): Promise<View> {
      const created = await this.register(token, reg);
      // classified the day it was received (XLD met) unless `cls.at` says otherwise
      return this.cmd(token, created.id, 'classify', {
        kind,
        competentUnitId: (reg.receivingUnitId as string | undefined) ?? U.p,
        processable: true,
        ...(typeof reg.receivedAt === 'string' ? { at: reg.receivedAt } : {}),
        ...cls,
      });
    },
  };
}

/** Tokens of every role at the province (and a few at the communes and the other province). */
export async function contractTokens(app: TestApp): Promise<Record<string, string>> {
  const spec: [string, string, string[], string | undefined, string][] = [
    ['admin', 'ct-admin', ['admin'], undefined, 'Quản trị'],
    ['rec', 'ct-rec', ['reception'], U.p, 'Lễ tân'],
    ['recC1', 'ct-rec-c1', ['reception'], U.c1, 'Lễ tân xã 1'],
    ['recC2', 'ct-rec-c2', ['reception'], U.c2, 'Lễ tân xã 2'],
    ['recQ', 'ct-rec-q', ['reception'], U.q, 'Lễ tân Q'],
    ['h', 'ct-h', ['handler'], U.p, 'Cán bộ thụ lý'],
    ['h2', 'ct-h2', ['handler'], U.p, 'Cán bộ khác'],
    ['hC1', 'ct-h-c1', ['handler'], U.c1, 'Cán bộ xã'],
    ['head', 'ct-head', ['head'], U.p, 'Chủ tịch tỉnh'],
    ['headC1', 'ct-head-c1', ['head'], U.c1, 'Chủ tịch xã'],
    ['sup', 'ct-sup', ['supervisor'], U.p, 'Giám sát'],
    ['supQ', 'ct-sup-q', ['supervisor'], U.q, 'Giám sát Q'],
    ['aud', 'ct-aud', ['auditor'], U.p, 'Kiểm toán'],
    ['audQ', 'ct-aud-q', ['auditor'], U.q, 'Kiểm toán Q'],
  ];
  const t: Record<string, string> = {};
  for (const [key, sub, roles, unit, name] of spec) t[key] = await app.token(sub, roles, unit, name);
  return t;
}
