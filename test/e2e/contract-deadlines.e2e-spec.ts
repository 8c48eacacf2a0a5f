/**
 * Contract: docs/reference/deadlines.md (counting, rule versions, variants, extensions, suspension, tracked rules,
 * transfers and mergers, met/missed) as seen through the case view (docs/reference/api-contract.md, The case view). Every expected date is a
 * literal computed by hand from the holiday table of docs/reference/deadlines.md (The holiday calendar).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  client,
  CONTRACT_ORGANISATION,
  contractRegistration,
  CONTRACT_UNITS as U,
  dateOf,
  deadlines,
  eventCount,
  expectInvalid,
  expectProblem,
  expectStatus,
  LONG,
  NOW,
  only,
  startWorld,
  type TestApp,
  type View,
} from '../support/index.js';
import { UnitMergerProcess, moveRecommendationForMerger } from '../../libs/application/src/index.js';

let app: TestApp;
let c: ReturnType<typeof client>;
let admin: string;
let rec: string; // reception of the province
let h: string; // handler of the province
let recQ: string; // reception of the other province
let hQ: string; // handler of the other province

beforeAll(async () => {
  const world = await startWorld({ organisation: CONTRACT_ORGANISATION });
  app = world.app;
  c = client(app, contractRegistration);
  ({ admin, rec } = world.tokens);
  h = await app.token('ct-h', ['handler'], U.p, 'Cán bộ');
  recQ = await app.token('ct-rec-q', ['reception'], U.q, 'Lễ tân Q');
  hQ = await app.token('ct-h-q', ['handler'], U.q, 'Cán bộ Q');
  app.setNow('2024-12-02T04:00:00.000Z');
  for (const id of ['ct-m1', 'ct-m2']) {
    expectStatus(
      await app.request('POST', '/api/v1/units', {
        token: admin,
        body: { id, name: `Xã ${id}`, level: 'commune', parentId: U.p },
      }),
      201,
    );
  }
  app.setNow(NOW);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('KN-ACC: the rule version in force on the start date (docs/reference/deadlines.md §4)', () => {
  it('received 2026-06-30: 10 working days, the version before 2026-07-01 → due 2026-07-14', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-06-30' });
    const d = only(v, 'KN-ACC');
    expect(d).toMatchObject({ startOn: '2026-06-30', dueOn: '2026-07-14' });
    expect(d.ruleVersion < '2026-07-01').toBe(true);
    expect(d.ruleVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.provisional ?? false).toBe(false);
    // Still open and due before today: missed at query time, with or without the watcher.
    expect(d.status).toBe('missed');
    const after = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-07-14' });
    expect(only(after, 'KN-ACC').status).toBe('met');
  });

  it('received 2026-07-01: 7 working days, version 2026-07-01 → due 2026-07-10; a late acceptance stays missed', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-07-01' });
    expect(only(v, 'KN-ACC')).toMatchObject({
      startOn: '2026-07-01',
      dueOn: '2026-07-10',
      ruleVersion: '2026-07-01',
    });
    const after = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-07-13' });
    expect(after.status).toBe('accepted');
    expect(only(after, 'KN-ACC').status).toBe('missed');
  });

  it('the 2026 New Year swap: Jan 1 and Fri Jan 2 off, Sat Jan 10 worked → received 2025-12-30 due 2026-01-14', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2025-12-30' });
    expect(only(v, 'KN-ACC')).toMatchObject({ startOn: '2025-12-30', dueOn: '2026-01-14' });
  });

  it('Tết 2026 (Feb 16–20 off) → received 2026-02-10 due 2026-03-03', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-02-10' });
    expect(only(v, 'KN-ACC').dueOn).toBe('2026-03-03');
  });

  it('no TCD-ANS and no denunciation intake rule on a complaint', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-10-01' });
    expect(deadlines(v, 'TCD-ANS')).toHaveLength(0);
    expect(deadlines(v, 'TC-PRE')).toHaveLength(0);
    expect(deadlines(v, 'TC-XFER')).toHaveLength(0);
    expect(only(v, 'KN-ACC').dueOn).toBe('2026-10-12');
  });
});

describe('TC-PRE / TC-XFER: chosen by the receiving unit subtree', () => {
  it('competent unit inside the subtree → TC-PRE 7 WD; Tết: received 2026-02-12 due 2026-03-02', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-02-12' }, { competentUnitId: U.c1 });
    expect(only(v, 'TC-PRE')).toMatchObject({ startOn: '2026-02-12', dueOn: '2026-03-02' });
    expect(deadlines(v, 'TC-XFER')).toHaveLength(0);
    expect(deadlines(v, 'KN-ACC')).toHaveLength(0);
  });

  it('competent unit = the receiving unit → TC-PRE', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-10-01' });
    expect(only(v, 'TC-PRE').dueOn).toBe('2026-10-12');
  });

  it('multi-location → 10 WD; National Day 2026 (Sat Aug 22 worked, Aug 31–Sep 2 off): 2026-08-20 → 2026-09-07', async () => {
    const v = await c.intake(
      rec,
      'denunciation',
      { receivedAt: '2026-08-20' },
      { competentUnitId: U.dep, multiLocation: true },
    );
    expect(only(v, 'TC-PRE')).toMatchObject({ startOn: '2026-08-20', dueOn: '2026-09-07' });
  });

  it('competent unit outside the subtree → TC-XFER 5 WD; 2026-01-05 → Saturday 2026-01-10 (make-up day)', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-01-05' }, { competentUnitId: U.q });
    expect(only(v, 'TC-XFER')).toMatchObject({ startOn: '2026-01-05', dueOn: '2026-01-10' });
    expect(deadlines(v, 'TC-PRE')).toHaveLength(0);
  });

  it('a commune receiving a denunciation for its parent province: outside its subtree → TC-XFER', async () => {
    const recC1 = await app.token('ct-rec-c1', ['reception'], U.c1);
    const v = await c.intake(
      recC1,
      'denunciation',
      { receivedAt: '2026-10-01', receivingUnitId: U.c1 },
      { competentUnitId: U.p },
    );
    expect(only(v, 'TC-XFER').dueOn).toBe('2026-10-08');
  });

  it('TC-XFER is completed by a transfer dated on its due date (met)', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-10-01' }, { competentUnitId: U.q });
    const after = await c.cmd(rec, v.id, 'transfer', {
      at: '2026-10-08',
      toUnitId: U.q,
      reason: 'Không thuộc thẩm quyền',
    });
    const view = await c.view(recQ, after.id);
    expect(only(view, 'TC-XFER').status).toBe('met');
  });

  it('TC-XFER is completed by guiding', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-11-16' }, { competentUnitId: U.q });
    const after = await c.cmd(rec, v.id, 'guide', { at: '2026-11-17', agency: 'UBND tỉnh Khác' });
    expect(after.status).toBe('guided');
    expect(only(after, 'TC-XFER').status).toBe('met');
  });
});

describe('TCD-ANS: petitions and reflections only (10 WD)', () => {
  it('30/4–1/5 and Hùng Kings (Apr 27): petition received 2026-04-24 → 2026-05-13', async () => {
    const v = await c.intake(rec, 'petition', { receivedAt: '2026-04-24' });
    expect(only(v, 'TCD-ANS')).toMatchObject({ startOn: '2026-04-24', dueOn: '2026-05-13' });
    expect(deadlines(v, 'KN-ACC')).toHaveLength(0);
  });

  it('a reflection gets TCD-ANS and it is completed by acceptance', async () => {
    const v = await c.intake(rec, 'reflection', { receivedAt: '2026-11-10' });
    expect(only(v, 'TCD-ANS')).toMatchObject({ dueOn: '2026-11-24', status: 'open' });
    const after = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-12' });
    expect(only(after, 'TCD-ANS').status).toBe('met');
  });

  it('a petition answered by resolve (outcome answered) completes TCD-ANS', async () => {
    const v = await c.intake(rec, 'petition', { receivedAt: '2026-11-10' });
    const after = await c.cmd(h, v.id, 'resolve', {
      decidedAt: '2026-11-20',
      outcome: 'answered',
      summary: 'Đã trả lời',
    });
    expect(after.status).toBe('resolved');
    expect(only(after, 'TCD-ANS').status).toBe('met');
  });

  it('a denunciation has no TCD-ANS', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-11-10' });
    expect(deadlines(v, 'TCD-ANS')).toHaveLength(0);
  });
});

describe('KN-RES1 / KN-RES2: calendar days from acceptance, variants, roll-forward', () => {
  const accept = async (level: 1 | 2, flags: Record<string, unknown>) => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-09-08' }, { level });
    return c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10', ...flags });
  };

  it('1st complaint accepted 2026-09-10: 30 → Sat Oct 10 rolls to 2026-10-12; complex 45 / remote 45 → 2026-10-26; remote complex 60 → 2026-11-09', async () => {
    const normal = only(await accept(1, {}), 'KN-RES1');
    expect(normal).toMatchObject({ startOn: '2026-09-10', dueOn: '2026-10-12' });
    expect(only(await accept(1, { complex: true }), 'KN-RES1').dueOn).toBe('2026-10-26');
    expect(only(await accept(1, { remoteArea: true }), 'KN-RES1').dueOn).toBe('2026-10-26');
    expect(only(await accept(1, { complex: true, remoteArea: true }), 'KN-RES1').dueOn).toBe('2026-11-09');
  });

  it('2nd complaint: 45 → 2026-10-26; complex 60 / remote 60 → 2026-11-09; remote complex 70 → 2026-11-19', async () => {
    const v = await accept(2, {});
    expect(deadlines(v, 'KN-RES1')).toHaveLength(0);
    expect(only(v, 'KN-RES2')).toMatchObject({ startOn: '2026-09-10', dueOn: '2026-10-26' });
    expect(only(await accept(2, { complex: true }), 'KN-RES2').dueOn).toBe('2026-11-09');
    expect(only(await accept(2, { remoteArea: true }), 'KN-RES2').dueOn).toBe('2026-11-09');
    expect(only(await accept(2, { complex: true, remoteArea: true }), 'KN-RES2').dueOn).toBe('2026-11-19');
  });

  it('the acceptance completes KN-ACC and the resolution deadline is open (or missed once past)', async () => {
    const v = await accept(1, {});
    expect(only(v, 'KN-ACC').status).toBe('met');
    expect(only(v, 'KN-RES1').status).toBe('missed'); // due 2026-10-12 < today, still open
  });

  it('roll-forward across National Day: accepted 2026-08-01 → Aug 31 off, Sep 1–2 off → 2026-09-03', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-07-27' });
    expect(only(v, 'KN-ACC').dueOn).toBe('2026-08-05');
    const a = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-08-01' });
    expect(only(a, 'KN-RES1').dueOn).toBe('2026-09-03');
  });

  it('roll-forward across Tết: accepted 2026-01-17 → Mon Feb 16 is Tết → 2026-02-23', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-01-12' });
    const a = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-01-17' });
    expect(only(a, 'KN-RES1').dueOn).toBe('2026-02-23');
  });

  it('a deadline that uses 2027 data is provisional: KN-RES2 remote complex accepted 2026-11-20 → 2027-01-29', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-16' }, { level: 2 });
    const a = await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-20', complex: true, remoteArea: true });
    expect(only(a, 'KN-RES2')).toMatchObject({ dueOn: '2027-01-29', provisional: true, status: 'open' });
  });

  it('resolve completes the resolution deadline (met on time); resolved → closed', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-02' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-05' });
    const r = await c.cmd(h, v.id, 'resolve', {
      decidedAt: '2026-11-10',
      decisionNo: '12/QĐ-UBND',
      outcome: 'partially_upheld',
      verificationAgreesWithRequest: true,
      summary: 'Chấp nhận một phần',
    });
    expect(r.status).toBe('resolved');
    expect(only(r, 'KN-RES1')).toMatchObject({ dueOn: '2026-12-07', status: 'met' });
    // Informational dates (docs/reference/deadlines.md §Tracked deadlines): KN-SEND1 3 WD, KN-EFF1 30 CD.
    expect(dateOf(r, 'KN-SEND1')).toBe('2026-11-13');
    expect(dateOf(r, 'KN-EFF1')).toBe('2026-12-10');
    expect(deadlines(r, 'KN-SEND1')).toHaveLength(0);
    const closed = await c.cmd(h, v.id, 'close', { at: '2026-11-20' });
    expect(closed.status).toBe('closed');
  });
});

describe('TC-RES: extensions 0 / 1 / 2, each ≤ 30 days, from the due date before roll-forward', () => {
  const acceptedDenunciation = async (flags: Record<string, unknown>) => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-09-08' });
    expect(only(v, 'TC-PRE').dueOn).toBe('2026-09-17');
    return c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10', ...flags });
  };

  it('accepted 2026-09-10 → 30 days → Sat Oct 10 → 2026-10-12; TC-NOTIF (5 WD) shown as an informational date', async () => {
    const v = await acceptedDenunciation({});
    expect(only(v, 'TC-RES')).toMatchObject({ startOn: '2026-09-10', dueOn: '2026-10-12' });
    expect(only(v, 'TC-PRE').status).toBe('met');
    expect(dateOf(v, 'TC-NOTIF')).toBe('2026-09-17');
    expect(deadlines(v, 'TC-NOTIF')).toHaveLength(0);
  });

  it('not complex: no extension (409 ILLEGAL_TRANSITION, nothing appended)', async () => {
    const v = await acceptedDenunciation({});
    const before = await eventCount(app);
    const res = await app.request('POST', `/api/v1/cases/${v.id}/extend`, {
      token: h,
      body: { at: '2026-10-01', reason: 'Cần thêm thời gian' },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(await eventCount(app)).toBe(before);
  });

  it('complex: one extension (default 30 days: Oct 10 + 30 = 2026-11-09), the second is refused', async () => {
    const v = await acceptedDenunciation({ complex: true });
    const e1 = await c.cmd(h, v.id, 'extend', {
      at: '2026-10-01',
      reason: 'Phức tạp',
      decisionNo: '01/QĐ-GH',
    });
    expect(e1.status).toBe('accepted');
    const tc = deadlines(e1, 'TC-RES');
    expect(tc.at(-1)?.dueOn).toBe('2026-11-09');
    expect(tc.filter((d) => d.status === 'open' || d.status === 'missed')).toHaveLength(1);
    const res = await app.request('POST', `/api/v1/cases/${v.id}/extend`, {
      token: h,
      body: { at: '2026-10-20', reason: 'Lần hai', days: 10 },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
  });

  it('especially complex: two extensions (30 → 2026-11-09, then 10 → 2026-11-19), the third is refused', async () => {
    const v = await acceptedDenunciation({ especiallyComplex: true });
    await c.cmd(h, v.id, 'extend', { at: '2026-10-01', reason: 'Đặc biệt phức tạp', days: 30 });
    const e2 = await c.cmd(h, v.id, 'extend', { at: '2026-10-20', reason: 'Lần hai', days: 10 });
    expect(deadlines(e2, 'TC-RES').at(-1)?.dueOn).toBe('2026-11-19');
    const res = await app.request('POST', `/api/v1/cases/${v.id}/extend`, {
      token: h,
      body: { at: '2026-11-10', reason: 'Lần ba', days: 5 },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
  });

  it('days > 30 is invalid input (400); extending a complaint is refused (409)', async () => {
    const v = await acceptedDenunciation({ especiallyComplex: true });
    const before = await eventCount(app);
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/extend`, {
        token: h,
        body: { at: '2026-10-01', reason: 'Quá dài', days: 31 },
      }),
    );
    expect(await eventCount(app)).toBe(before);
    const k = await c.intake(rec, 'complaint', { receivedAt: '2026-09-08' });
    await c.cmd(h, k.id, 'accept', { acceptedAt: '2026-09-10', complex: true });
    expectProblem(
      await app.request('POST', `/api/v1/cases/${k.id}/extend`, {
        token: h,
        body: { at: '2026-10-01', reason: 'Khiếu nại' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });

  it('denunciation conclusion: informational TC-CONCL-SEND (5 WD), TC-HANDLE and TC-PUB (7 WD)', async () => {
    const v = await acceptedDenunciation({});
    const r = await c.cmd(h, v.id, 'resolve', {
      decidedAt: '2026-11-10',
      outcome: 'partly_true',
      summary: 'Đúng một phần',
    });
    expect(r.status).toBe('resolved');
    expect(only(r, 'TC-RES').status).toBe('missed'); // concluded after 2026-10-12
    expect(dateOf(r, 'TC-CONCL-SEND')).toBe('2026-11-17');
    expect(dateOf(r, 'TC-HANDLE')).toBe('2026-11-19');
    expect(dateOf(r, 'TC-PUB')).toBe('2026-11-19');
  });
});

describe('Suspension: the resolution deadline pauses; the remainder resumes (docs/reference/deadlines.md §7)', () => {
  it('TC-RES accepted 2026-09-10 (Oct 10 before roll-forward), suspended 09-20, resumed 10-05: +15 → Sun Oct 25 → 2026-10-26', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-09-08' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10' });
    const s = await c.cmd(h, v.id, 'suspend', { at: '2026-09-20', reason: 'Chờ kết quả giám định' });
    expect(s.status).toBe('suspended');
    expect(only(s, 'TC-RES').status).toBe('paused');
    const r = await c.cmd(h, v.id, 'resume', { at: '2026-10-05' });
    expect(r.status).toBe('accepted');
    expect(only(r, 'TC-RES').dueOn).toBe('2026-10-26');
  });

  it('KN-RES1 accepted 2026-09-10, suspended 10-01, resumed 10-11: +10 → 2026-10-20', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-09-08' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10' });
    await c.cmd(h, v.id, 'suspend', { at: '2026-10-01', reason: 'Ốm đau' });
    const r = await c.cmd(h, v.id, 'resume', { at: '2026-10-11' });
    expect(only(r, 'KN-RES1').dueOn).toBe('2026-10-20');
  });

  it('while suspended the deadline is never missed: still paused after its old due date', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-09-08' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10' });
    await c.cmd(h, v.id, 'suspend', { at: '2026-09-20', reason: 'Chờ kết quả' });
    const view = await c.view(h, v.id);
    expect(view.status).toBe('suspended');
    expect(only(view, 'TC-RES').status).toBe('paused');
    await app.catchUp();
    const board = await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, {
      token: await app.token('ct-sup', ['supervisor'], U.p),
    });
    expectStatus(board, 200);
    expect(board.body.items.some((i: { caseId: string }) => i.caseId === v.id)).toBe(false);
  });
});

describe('Withdrawal and termination cancel the open deadlines', () => {
  it('withdraw a classified complaint: KN-ACC cancelled, status withdrawn', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-16' });
    const w = await c.cmd(h, v.id, 'withdraw', { at: '2026-11-18', reason: 'Rút đơn' });
    expect(w.status).toBe('withdrawn');
    expect(only(w, 'KN-ACC').status).toBe('cancelled');
  });

  it('terminate an accepted denunciation: TC-RES cancelled, status terminated', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-11-02' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-04' });
    const t = await c.cmd(h, v.id, 'terminate', { at: '2026-11-10', reason: 'Người bị tố cáo đã chết' });
    expect(t.status).toBe('terminated');
    expect(only(t, 'TC-RES').status).toBe('cancelled');
    expect(only(t, 'TC-PRE').status).toBe('met');
  });
});

describe('Transfers (docs/reference/deadlines.md, Transfers)', () => {
  it('an ordinary transfer completes the intake deadline, moves the case, and the new unit starts intake from `at`', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-10-01' });
    expect(only(v, 'KN-ACC').dueOn).toBe('2026-10-12');
    const t = await c.cmd(rec, v.id, 'transfer', {
      at: '2026-10-05',
      toUnitId: U.q,
      reason: 'Không thuộc thẩm quyền',
    });
    expect(t).toMatchObject({ status: 'received', receivingUnitId: U.q, competentUnitId: null });
    expect(only(t, 'KN-ACC').status).toBe('met');
    // The case left the province's scope (receiving and competent unit are both outside it).
    expectProblem(await app.request('GET', `/api/v1/cases/${v.id}`, { token: h }), 404, 'NOT_FOUND');
    const k = await c.cmd(recQ, v.id, 'classify', {
      kind: 'complaint',
      competentUnitId: U.q,
      processable: true,
    });
    const acc = deadlines(k, 'KN-ACC');
    expect(acc).toHaveLength(2);
    expect(acc[1]).toMatchObject({ startOn: '2026-10-05', dueOn: '2026-10-14', ruleVersion: '2026-07-01' });
    const a = await c.cmd(hQ, v.id, 'accept', { acceptedAt: '2026-10-14' });
    expect(deadlines(a, 'KN-ACC').map((d) => d.status)).toEqual(['met', 'met']);
    expect(a.receivingUnitId).toBe(U.q);
  });

  it('a transfer after the intake due date leaves it missed', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-10-01' });
    const t = await c.cmd(rec, v.id, 'transfer', { at: '2026-10-13', toUnitId: U.q, reason: 'Chuyển đơn' });
    expect(only(t, 'KN-ACC').status).toBe('missed');
  });

  // Ambiguous: §Transfers says "other open deadlines are cancelled", but docs/reference/legal.md §12.1 only
  // transfers before acceptance. Either the transfer of an accepted case is refused (409, nothing
  // appended) or it cancels the open resolution deadline.
  it('an accepted case: the transfer is refused, or it cancels the open resolution deadline', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-02' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-04' });
    const before = await eventCount(app);
    const res = await app.request('POST', `/api/v1/cases/${v.id}/transfer`, {
      token: h,
      body: { at: '2026-11-09', toUnitId: U.q, reason: 'Chuyển đơn' },
    });
    if (res.status === 409) {
      expectProblem(res, 409, 'ILLEGAL_TRANSITION');
      expect(await eventCount(app)).toBe(before);
      return;
    }
    expectStatus(res, 200);
    expect(only(res.body, 'KN-RES1').status).toBe('cancelled');
    expect(only(res.body, 'KN-ACC').status).toBe('met');
    expect(res.body.status).toBe('received');
  });

  it('a unit merger moves pending cases to the successor; status and every deadline stay exactly as they were', async () => {
    const recM1 = await app.token('ct-rec-m1', ['reception'], 'ct-m1');
    const hM1 = await app.token('ct-h-m1', ['handler'], 'ct-m1');
    const a = await c.intake(recM1, 'complaint', { receivedAt: '2026-11-02', receivingUnitId: 'ct-m1' });
    const b = await c.intake(recM1, 'complaint', { receivedAt: '2026-11-02', receivingUnitId: 'ct-m1' });
    const bAccepted = await c.cmd(hM1, b.id, 'accept', { acceptedAt: '2026-11-05' });
    expect(only(a, 'KN-ACC').dueOn).toBe('2026-11-11');
    expect(only(bAccepted, 'KN-RES1').dueOn).toBe('2026-12-07');
    expectStatus(
      await app.request('POST', '/api/v1/units/ct-m1/merge', {
        token: admin,
        body: { intoUnitId: 'ct-m2', effectiveOn: '2026-11-20' },
      }),
      200,
    );
    await app.catchUp();
    const merger = new UnitMergerProcess(app.runtime, app.runner, moveRecommendationForMerger(app.runtime));
    await merger.runOnce();
    const hM2 = await app.token('ct-h-m2', ['handler'], 'ct-m2');
    const va = await c.view(hM2, a.id);
    expect(va).toMatchObject({ status: 'classified', receivingUnitId: 'ct-m2', competentUnitId: 'ct-m2' });
    expect(va.deadlines).toEqual(a.deadlines);
    const vb = await c.view(hM2, b.id);
    expect(vb).toMatchObject({ status: 'accepted', receivingUnitId: 'ct-m2', competentUnitId: 'ct-m2' });
    expect(vb.deadlines).toEqual(bAccepted.deadlines);
    expect(only(vb, 'KN-RES1')).toMatchObject({ dueOn: '2026-12-07', status: 'open' });
    // The history keeps the move.
    const auditor = await app.token('ct-aud', ['auditor'], U.p);
    const hist = await app.request('GET', `/api/v1/cases/${a.id}/history`, { token: auditor });
    expectStatus(hist, 200);
    expect(hist.body.events.length).toBeGreaterThan(a.version);
  });
});

describe('Met / missed at query time (docs/reference/deadlines.md §8)', () => {
  it('a completion exactly on dueOn is met; the day after is missed', async () => {
    const v1 = await c.intake(rec, 'complaint', { receivedAt: '2026-10-01' });
    const r1 = await c.cmd(h, v1.id, 'reject', { at: '2026-10-12', reason: 'Không đủ điều kiện thụ lý' });
    expect(r1.status).toBe('rejected');
    expect(only(r1, 'KN-ACC').status).toBe('met');
    const v2 = await c.intake(rec, 'complaint', { receivedAt: '2026-10-01' });
    const r2 = await c.cmd(rec, v2.id, 'archive', { at: '2026-10-13', reason: 'illegible' });
    expect(r2.status).toBe('archived');
    expect(only(r2, 'KN-ACC').status).toBe('missed');
  });

  it('an open deadline due today is still open; due yesterday it is missed', async () => {
    // KN-ACC of 2026-11-12 (Thu) → 7 WD → 2026-11-23 (Mon), open. Of 2026-11-11 → 2026-11-20 (Fri), missed.
    const open = await c.intake(rec, 'complaint', { receivedAt: '2026-11-12' });
    expect(only(open, 'KN-ACC')).toMatchObject({ dueOn: '2026-11-23', status: 'open' });
    const missed = await c.intake(rec, 'complaint', { receivedAt: '2026-11-11' });
    expect(only(missed, 'KN-ACC')).toMatchObject({ dueOn: '2026-11-20', status: 'missed' });
  });

  it('the guide completes KN-ACC and reaches status guided; guiding twice is refused', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-16' });
    const g = await c.cmd(rec, v.id, 'guide', {
      at: '2026-11-17',
      agency: 'Tòa án nhân dân',
      note: 'Hướng dẫn',
    });
    expect(g.status).toBe('guided');
    expect(only(g, 'KN-ACC').status).toBe('met');
    expectProblem(
      await app.request('POST', `/api/v1/cases/${v.id}/guide`, {
        token: rec,
        body: { at: '2026-11-18', agency: 'Tòa án' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('Dialogue rules and resolution outcomes', () => {
  it('a 2nd complaint cannot be resolved without a dialogue (409); with one it can; dialogues keep the status', async () => {
    const v: View = await c.intake(rec, 'complaint', { receivedAt: '2026-11-02' }, { level: 2 });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-04' });
    const before = await eventCount(app);
    const res = await app.request('POST', `/api/v1/cases/${v.id}/resolve`, {
      token: h,
      body: { decidedAt: '2026-11-20', outcome: 'rejected', summary: 'Bác đơn' },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(await eventCount(app)).toBe(before);
    const d = await c.cmd(h, v.id, 'dialogues', {
      heldAt: '2026-11-10',
      noticeOn: '2026-11-04',
      participants: ['Phạm Thị Hoa', 'Cán bộ'],
      minutes: 'Biên bản đối thoại',
      outcome: 'disagreed',
    });
    expect(d.status).toBe('accepted');
    const list = await app.request('GET', `/api/v1/cases/${v.id}/dialogues`, { token: h });
    expectStatus(list, 200);
    const r = await c.cmd(h, v.id, 'resolve', {
      decidedAt: '2026-11-20',
      outcome: 'rejected',
      summary: 'Bác đơn',
    });
    expect(r.status).toBe('resolved');
    expect(only(r, 'KN-RES2').status).toBe('met');
  });

  it('assign keeps the status and sets handlerId', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-16' });
    const a = await c.cmd(h, v.id, 'assign', { handlerId: 'ct-h' });
    expect(a).toMatchObject({ status: 'classified', handlerId: 'ct-h' });
  });

  it('a complaint outcome of a denunciation is refused; a command in the wrong state is 409', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-02' });
    expectProblem(
      await app.request('POST', `/api/v1/cases/${v.id}/resolve`, {
        token: h,
        body: { decidedAt: '2026-11-20', outcome: 'upheld', summary: 'x' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    ); // not accepted yet
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-11-04' });
    const res = await app.request('POST', `/api/v1/cases/${v.id}/resolve`, {
      token: h,
      body: { decidedAt: '2026-11-20', outcome: 'true', summary: 'x' },
    });
    expect([400, 409]).toContain(res.status);
    const fresh = await c.register(rec, { receivedAt: '2026-11-16' });
    expectProblem(
      await app.request('POST', `/api/v1/cases/${fresh.id}/accept`, {
        token: h,
        body: { acceptedAt: '2026-11-17' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });
});

describe('Combinations', () => {
  it('suspension then extension: the extension adds to the resumed due date before roll-forward (Oct 25 + 30 → 2026-11-24)', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-09-08' });
    await c.cmd(h, v.id, 'accept', { acceptedAt: '2026-09-10', especiallyComplex: true });
    await c.cmd(h, v.id, 'suspend', { at: '2026-09-20', reason: 'Chờ kết quả' });
    const r = await c.cmd(h, v.id, 'resume', { at: '2026-10-05' });
    expect(deadlines(r, 'TC-RES').at(-1)?.dueOn).toBe('2026-10-26');
    const e = await c.cmd(h, v.id, 'extend', { at: '2026-10-20', reason: 'Đặc biệt phức tạp' });
    expect(deadlines(e, 'TC-RES').at(-1)?.dueOn).toBe('2026-11-24');
  });

  it('a transfer restarts intake under the rule version in force on the transfer date', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-06-25' });
    expect(only(v, 'KN-ACC').dueOn).toBe('2026-07-09');
    await c.cmd(rec, v.id, 'transfer', { at: '2026-07-02', toUnitId: U.q, reason: 'Chuyển đơn' });
    const k = await c.cmd(recQ, v.id, 'classify', {
      kind: 'complaint',
      competentUnitId: U.q,
      processable: true,
    });
    const acc = deadlines(k, 'KN-ACC');
    expect(acc[0].status).toBe('met');
    expect(acc[0].ruleVersion < '2026-07-01').toBe(true);
    expect(acc[1]).toMatchObject({ startOn: '2026-07-02', dueOn: '2026-07-13', ruleVersion: '2026-07-01' });
  });

  it('a transferred denunciation classified by the new unit: TC-PRE from the transfer date', async () => {
    const v = await c.intake(rec, 'denunciation', { receivedAt: '2026-10-01' }, { competentUnitId: U.q });
    await c.cmd(rec, v.id, 'transfer', { at: '2026-10-05', toUnitId: U.q, reason: 'Không thuộc thẩm quyền' });
    const k = await c.cmd(recQ, v.id, 'classify', {
      kind: 'denunciation',
      competentUnitId: U.q1,
      processable: true,
    });
    expect(only(k, 'TC-PRE')).toMatchObject({ startOn: '2026-10-05', dueOn: '2026-10-14' });
    expect(only(k, 'TC-XFER').status).toBe('met');
  });

  it('suspending a case whose intake deadline is open never pauses that deadline', async () => {
    const v = await c.intake(rec, 'complaint', { receivedAt: '2026-11-16' });
    const res = await app.request('POST', `/api/v1/cases/${v.id}/suspend`, {
      token: h,
      body: { at: '2026-11-17', reason: 'Chờ' },
    });
    if (res.status === 409) return expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expectStatus(res, 200);
    expect(only(res.body, 'KN-ACC').status).toBe('open');
  });

  it('a merger changes only the unit that ceased (competent unit elsewhere stays)', async () => {
    app.setNow('2024-12-02T05:00:00.000Z');
    for (const id of ['ct-m3', 'ct-m4'])
      expectStatus(
        await app.request('POST', '/api/v1/units', {
          token: admin,
          body: { id, name: `Xã ${id}`, level: 'commune', parentId: U.p },
        }),
        201,
      );
    app.setNow(NOW);
    const v = await c.intake(
      rec,
      'complaint',
      { receivedAt: '2026-11-16', receivingUnitId: U.p },
      { competentUnitId: 'ct-m3' },
    );
    const w = await c.intake(
      rec,
      'complaint',
      { receivedAt: '2026-11-16', receivingUnitId: U.p },
      { competentUnitId: U.c2 },
    );
    expectStatus(
      await app.request('POST', '/api/v1/units/ct-m3/merge', {
        token: admin,
        body: { intoUnitId: 'ct-m4', effectiveOn: '2026-11-21' },
      }),
      200,
    );
    await app.catchUp();
    await new UnitMergerProcess(app.runtime, app.runner, moveRecommendationForMerger(app.runtime)).runOnce();
    const after = await c.view(h, v.id);
    expect(after).toMatchObject({ receivingUnitId: U.p, competentUnitId: 'ct-m4', status: 'classified' });
    expect(after.deadlines).toEqual(v.deadlines);
    expect((await c.view(h, w.id)).version).toBe(w.version); // untouched
  });

  it('the watcher records a miss once, naming the head in office on dueOn; a later completion keeps it missed', async () => {
    const { runDeadlineWatch } = await import('../../libs/application/src/index.js');
    expectStatus(
      await app.request('POST', `/api/v1/units/${U.c2}/heads`, {
        token: admin,
        body: { personId: 'ct-chu-tich-c2', fullName: 'Hoàng Văn Chủ', from: '2026-01-01' },
      }),
      201,
    );
    const recC2 = await app.token('ct-rec-c2', ['reception'], U.c2);
    const hC2 = await app.token('ct-h-c2', ['handler'], U.c2);
    const v = await c.intake(recC2, 'complaint', { receivedAt: '2026-10-01', receivingUnitId: U.c2 });
    await app.catchUp();
    await runDeadlineWatch(app.runtime);
    await app.catchUp();
    await runDeadlineWatch(app.runtime);
    const auditor = await app.token('ct-aud', ['auditor'], U.p);
    const hist = await app.request('GET', `/api/v1/cases/${v.id}/history`, { token: auditor });
    expectStatus(hist, 200);
    const added = hist.body.events.filter((e: { version: number }) => e.version > v.version);
    expect(added).toHaveLength(1);
    expect(JSON.stringify(added[0].data)).toContain('ct-chu-tich-c2');
    const late = await c.cmd(hC2, v.id, 'accept', { acceptedAt: '2026-11-20' });
    expect(only(late, 'KN-ACC').status).toBe('missed');
  });
});
