/**
 * Cases over HTTP: registration bodies, a client for the case commands, and readers of the case
 * view's deadlines. Every expected date in the suites is a literal computed by hand from the holiday
 * table (docs/reference/deadlines.md, The holiday calendar).
 */
import type { TestApp } from './app.js';
import { expectStatus } from './http.js';
import { CONTRACT_UNITS, UNITS, type Tokens } from './organisation.js';

/** A letter as most suites register it (received 2026-06-30 at the default province). */
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

/** A letter as the contract suites register it (received 2026-10-01 at the contract province). */
export function contractRegistration(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    receivedAt: '2026-10-01',
    channel: 'in_person',
    receivingUnitId: CONTRACT_UNITS.p,
    petitioners: [
      { fullName: 'Phạm Thị Hoa', idNumber: '001188000111', phone: '0987654321', address: 'Số 9 phố Huế' },
    ],
    subject: 'Khiếu nại việc bồi thường',
    content: 'Đề nghị xem xét lại mức bồi thường khi thu hồi đất.',
    field: 'land',
    ...overrides,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- case views are read as JSON
export type View = any;

/** Registers a case (201) with `registration` defaults and returns the 201 body. */
export async function register(app: TestApp, token: string, overrides: Record<string, unknown> = {}) {
  return client(app).register(token, overrides);
}

/** Runs a case command expecting 200; returns the whole response. */
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
 * Registers and classifies a case in one go. The classification is dated the day the letter was
 * received (its XLD is met) unless `classification.at` says otherwise.
 */
export async function registerAndClassify(
  app: TestApp,
  t: Pick<Tokens, 'reception'>,
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

/**
 * A small client for the case endpoints, bound to an app. `letter` gives the registration defaults
 * (`registration` unless told otherwise; the contract suites pass `contractRegistration`).
 */
export function client(
  app: TestApp,
  letter: (o: Record<string, unknown>) => Record<string, unknown> = registration,
) {
  return {
    /** Registers a case (201) and returns the 201 body. */
    async register(token: string, overrides: Record<string, unknown> = {}): Promise<View> {
      const res = await app.request('POST', '/api/v1/cases', { token, body: letter(overrides) });
      expectStatus(res, 201);
      return res.body;
    },
    /** A case command (200); returns the case view answered. */
    async cmd(token: string, id: string, action: string, payload: Record<string, unknown>): Promise<View> {
      const res = await app.request('POST', `/api/v1/cases/${id}/${action}`, { token, body: payload });
      expectStatus(res, 200);
      return res.body;
    },
    async view(token: string, id: string): Promise<View> {
      const res = await app.request('GET', `/api/v1/cases/${id}`, { token });
      expectStatus(res, 200);
      return res.body;
    },
    /** Registers and classifies; the competent unit defaults to the receiving unit. */
    async intake(
      token: string,
      kind: string,
      reg: Record<string, unknown> = {},
      cls: Record<string, unknown> = {},
    ): Promise<View> {
      const created = await this.register(token, reg);
      const receivingUnitId = (letter(reg).receivingUnitId as string | undefined) ?? UNITS.province;
      // classified the day it was received (XLD met) unless `cls.at` says otherwise
      return this.cmd(token, created.id, 'classify', {
        kind,
        competentUnitId: receivingUnitId,
        processable: true,
        ...(typeof reg.receivedAt === 'string' ? { at: reg.receivedAt } : {}),
        ...cls,
      });
    },
  };
}

/** A deadline of the case view, its legal fields. */
export interface DeadlineView {
  ruleId: string;
  ruleVersion: string;
  startOn: string;
  dueOn: string;
  status: string;
  provisional?: boolean;
}

/** The deadlines of a rule in a case view. */
export const deadlines = (view: View, ruleId: string): DeadlineView[] =>
  (view.deadlines as DeadlineView[]).filter((d) => d.ruleId === ruleId);

/** The one deadline of a rule in a case view (fails when there is none or several). */
export const only = (view: View, ruleId: string): DeadlineView => {
  const found = deadlines(view, ruleId);
  if (found.length !== 1)
    throw new Error(`expected one ${ruleId} deadline, got ${JSON.stringify(view.deadlines)}`);
  return found[0];
};

/** The last deadline of a rule in a case view. */
export const deadlineOf = (view: { deadlines: DeadlineView[] }, ruleId: string): DeadlineView | undefined =>
  view.deadlines.filter((d) => d.ruleId === ruleId).at(-1);

/** The informational date of a rule (`dates[]`). */
export const dateOf = (view: View, ruleId: string): string | undefined =>
  (view.dates as { ruleId: string; dueOn: string }[]).find((d) => d.ruleId === ruleId)?.dueOn;

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
export const withoutXld = <T extends { ruleId: string }>(list: T[]): Partial<T>[] =>
  list.filter((d) => d.ruleId !== 'XLD').map(legal);
