/**
 * Shared helpers for the HTTP end-to-end tests: a unit tree, tokens per role, a movable clock,
 * problem assertions and event counting.
 */
import { expect } from '@jest/globals';
import type { TestApp, TestResponse } from '../support/app.js';

/** "Today" of every e2e file: 2026-11-22 in Vietnam (a Sunday). */
export const NOW = '2026-11-22T03:00:00.000Z';
/** When the organisation is set up (units must exist a day before they can merge). */
export const SETUP_TIME = '2025-12-01T03:00:00.000Z';
export const LONG = 60_000;

/**
 * Moves both clocks of a test app: the runtime's (today, decisions) and the event store's
 * (`recordedAt`). `setNow` in test/support/app.ts only moves the first one, so every event would be
 * recorded at the same instant and `asOf` / `recordedBefore` could not tell commands apart.
 */
export function setClock(app: TestApp, iso: string): void {
  app.setNow(iso);
}

/** Advances the clocks by `ms` milliseconds from `base` (default NOW); returns the new instant. */
export function tick(app: TestApp, ms: number, base = NOW): string {
  const iso = new Date(Date.parse(base) + ms).toISOString();
  setClock(app, iso);
  return iso;
}

/** The unit tree most tests use. */
export const UNITS = {
  province: 'hanoi',
  department: 'hanoi-ttr',
  commune1: 'hanoi-c1',
  commune2: 'hanoi-c2',
  otherProvince: 'danang',
  otherCommune: 'danang-c1',
} as const;

export interface Tokens {
  admin: string;
  reception: string;
  receptionC1: string;
  receptionC2: string;
  handler: string;
  handlerC1: string;
  head: string;
  supervisor: string;
  auditor: string;
  communeUser: string;
  otherReception: string;
}

export async function tokens(app: TestApp): Promise<Tokens> {
  return {
    admin: await app.token('admin-1', ['admin'], undefined, 'Quản trị'),
    reception: await app.token('rec-1', ['reception'], UNITS.province, 'Lễ tân'),
    receptionC1: await app.token('rec-c1', ['reception'], UNITS.commune1, 'Lễ tân xã 1'),
    receptionC2: await app.token('rec-c2', ['reception'], UNITS.commune2, 'Lễ tân xã 2'),
    handler: await app.token('handler-1', ['handler'], UNITS.province, 'Cán bộ Nguyễn'),
    handlerC1: await app.token('handler-c1', ['handler'], UNITS.commune1, 'Cán bộ xã'),
    head: await app.token('head-1', ['head'], UNITS.province, 'Chủ tịch'),
    supervisor: await app.token('sup-1', ['supervisor'], UNITS.province, 'Giám sát'),
    auditor: await app.token('aud-1', ['auditor'], UNITS.province, 'Kiểm toán'),
    communeUser: await app.token('c2-handler', ['handler'], UNITS.commune2, 'Cán bộ xã 2'),
    otherReception: await app.token('rec-dn', ['reception'], UNITS.otherProvince, 'Lễ tân Đà Nẵng'),
  };
}

/** Creates the unit tree (at SETUP_TIME, so that units can later merge), then sets the clock to NOW. */
export async function createUnitTree(app: TestApp, admin: string): Promise<void> {
  setClock(app, SETUP_TIME);
  const units: [string, string, string, string | undefined][] = [
    [UNITS.province, 'UBND thành phố Hà Nội', 'province', undefined],
    [UNITS.department, 'Thanh tra thành phố', 'department', UNITS.province],
    [UNITS.commune1, 'UBND xã Một', 'commune', UNITS.province],
    [UNITS.commune2, 'UBND xã Hai', 'commune', UNITS.province],
    [UNITS.otherProvince, 'UBND thành phố Đà Nẵng', 'province', undefined],
    [UNITS.otherCommune, 'UBND xã Đà Nẵng', 'commune', UNITS.otherProvince],
  ];
  for (const [id, name, level, parentId] of units) {
    const res = await app.request('POST', '/api/v1/units', {
      token: admin,
      body: { id, name, level, ...(parentId ? { parentId } : {}) },
    });
    expect(res.status).toBe(201);
  }
  setClock(app, NOW);
}

/** A registration body with sensible defaults. */
export function registration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: '2026-06-30',
    channel: 'in_person',
    receivingUnitId: UNITS.province,
    petitioners: [
      {
        fullName: 'Trần Văn Bình',
        idNumber: '001099012345',
        phone: '0912345678',
        address: 'Số 1 Tràng Tiền',
      },
    ],
    subject: 'Khiếu nại quyết định thu hồi đất',
    content: 'Đề nghị xem xét lại việc bồi thường khi thu hồi đất.',
    field: 'land',
    ...overrides,
  };
}

/** Asserts an RFC 9457 problem answer with a code. */
export function expectProblem(res: TestResponse, status: number, code: string): void {
  if (res.status !== status)
    throw new Error(`expected ${status} ${code}, got ${res.status}: ${res.text.slice(0, 500)}`);
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
  expect(typeof res.body.type).toBe('string');
  expect(typeof res.body.title).toBe('string');
  expect(typeof res.body.detail).toBe('string');
}

/** Asserts a status, printing the body when it differs (a readable failure). */
export function expectStatus(res: TestResponse, status: number): void {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${res.text.slice(0, 800)}`);
}

export async function eventCount(app: TestApp): Promise<number> {
  const r = await app.runtime.pool.query<{ n: string }>('SELECT count(*)::text AS n FROM events');
  return Number(r.rows[0].n);
}

export async function streamVersion(app: TestApp, caseId: string): Promise<number> {
  const r = await app.runtime.pool.query<{ v: number | null }>(
    'SELECT max(version) AS v FROM events WHERE stream_id = $1',
    [`case-${caseId}`],
  );
  return r.rows[0].v ?? 0;
}

/** Registers a case (reception token) and returns its id and the 201 body. */
export async function register(app: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  const res = await app.request('POST', '/api/v1/cases', { token, body: registration(overrides) });
  expectStatus(res, 201);
  return res.body as { id: string; trackingCode: string; version: number; position: number; status: string };
}

/** Runs a case command expecting 200; returns the command response. */
export async function command(
  app: TestApp,
  token: string,
  caseId: string,
  action: string,
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  const res = await app.request('POST', `/api/v1/cases/${caseId}/${action}`, { token, body, headers });
  expectStatus(res, 200);
  return res;
}

/**
 * The legal fields of a deadline view (rule, version, dates, status), without the accountability
 * fields (graceUntil, accountabilityDueOn, accountability, lateEntry, completedOn) that
 * test/e2e/law.e2e-spec.ts checks.
 */
export function legal<T extends { ruleId: string }>(d: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of ['ruleId', 'ruleVersion', 'startOn', 'dueOn', 'status', 'provisional'])
    if (k in d) out[k] = (d as Record<string, unknown>)[k];
  return out as Partial<T>;
}

/**
 * The legal fields of the case's deadlines other than XLD (letter processing, started at
 * registration): the specs that check the kind's own deadlines use it; law.e2e-spec.ts checks XLD.
 */
export const withoutXld = <T extends { ruleId: string }>(deadlines: T[]): Partial<T>[] =>
  deadlines.filter((d) => d.ruleId !== 'XLD').map(legal);

/**
 * Registers and classifies a case in one go. The classification is dated the day the letter was
 * received (its XLD is met) unless `classification.at` says otherwise.
 */
export async function registerAndClassify(
  app: TestApp,
  t: Tokens,
  reg: Record<string, unknown>,
  classification: Record<string, unknown>,
) {
  const created = await register(app, t.reception, reg);
  const res = await command(app, t.reception, created.id, 'classify', {
    processable: true,
    competentUnitId: reg.receivingUnitId ?? UNITS.province,
    ...(typeof reg.receivedAt === 'string' ? { at: reg.receivedAt } : {}),
    ...classification,
  });
  return { id: created.id, trackingCode: created.trackingCode, view: res.body };
}

export interface DeadlineView {
  ruleId: string;
  ruleVersion: string;
  startOn: string;
  dueOn: string;
  status: string;
  provisional?: boolean;
}

/** The last deadline of a rule in a case view (parsed JSON). */
export const deadlineOf = (view: { deadlines: DeadlineView[] }, ruleId: string): DeadlineView | undefined =>
  view.deadlines.filter((d) => d.ruleId === ruleId).at(-1);
