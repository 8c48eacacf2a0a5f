/**
 * Inspections over HTTP: decision → conclusion → directive → plans and reports → waiver → closure, the
 * follow-up board on several dates and recorded instants, a recommendation moved by a unit merger,
 * roles, scope and validation. "Today" is 2026-11-22 (Vietnam) throughout; each command is recorded
 * one second after the previous one so that `recordedBefore` can tell them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { moveRecommendationForMerger, UnitMergerProcess } from '../../libs/application/src/index.js';
import { reportsForUnit } from '../../libs/read-models/src/index.js';
import {
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  NOW,
  type Organisation,
  setClock,
  settle,
  startWorld,
  type TestApp,
  type TestResponse,
} from '../support/index.js';

const U = {
  province: 'tinh',
  inspectorate: 'thanh-tra',
  deptA: 'so-a',
  deptB: 'so-b',
  deptC: 'so-c',
  other: 'tinh-khac',
};

let app: TestApp;
let t: Record<string, string>;
let seconds = 0;

/** Moves the clocks one second on (today stays 2026-11-22) and returns the new instant. */
function nextInstant(): string {
  seconds += 1;
  const iso = new Date(Date.parse(NOW) + seconds * 1000).toISOString();
  setClock(app, iso);
  return iso;
}

async function post(token: string, path: string, body: unknown): Promise<TestResponse> {
  nextInstant();
  return app.request('POST', `/api/v1${path}`, { token, body });
}

/**
 * Applies every projection up to the newest event. `catchUp()` alone may stop early on a shared
 * PostgreSQL server: the log hides events behind any transaction still open in the cluster (another
 * database's included), so poll until the head is applied.
 */
async function board(token: string, query: Record<string, string>): Promise<TestResponse> {
  await settle(app);
  const res = await app.request(
    'GET',
    `/api/v1/inspections/follow-up?${new URLSearchParams(query).toString()}`,
    { token },
  );
  return res;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of parsed JSON
const rowOf = (res: TestResponse, inspectionId: string, recommendationId: string): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of parsed JSON
  (res.body.items as any[]).find(
    (i) => i.inspectionId === inspectionId && i.recommendationId === recommendationId,
  );

/** A province with its inspectorate and three departments, another province, and their people. */
const INSPECTIONS_ORGANISATION = {
  tree: {
    setupAt: '2025-10-01T03:00:00.000Z',
    units: [
      [U.province, 'UBND tỉnh', 'province', undefined],
      [U.inspectorate, 'Thanh tra tỉnh', 'department', U.province],
      [U.deptA, 'Sở Tài nguyên và Môi trường', 'department', U.province],
      [U.deptB, 'Sở Xây dựng', 'department', U.province],
      [U.deptC, 'Sở Giao thông vận tải', 'department', U.province],
      [U.other, 'UBND tỉnh khác', 'province', undefined],
    ],
  },
  roster: {
    admin: ['admin-1', ['admin'], undefined, 'Quản trị'],
    headInsp: ['chanh-thanh-tra', ['head'], U.inspectorate, 'Chánh Thanh tra'],
    headProv: ['chu-tich', ['head'], U.province, 'Chủ tịch UBND tỉnh'],
    handlerA: ['can-bo-a', ['handler'], U.deptA, 'Cán bộ Sở A'],
    handlerB: ['can-bo-b', ['handler'], U.deptB, 'Cán bộ Sở B'],
    handlerC: ['can-bo-c', ['handler'], U.deptC, 'Cán bộ Sở C'],
    handlerInsp: ['thanh-tra-vien', ['handler'], U.inspectorate, 'Thanh tra viên'],
    supervisor: ['giam-sat', ['supervisor'], U.province, 'Giám sát'],
    headOther: ['chu-tich-khac', ['head'], U.other, 'Chủ tịch tỉnh khác'],
    supOther: ['giam-sat-khac', ['supervisor'], U.other, 'Giám sát tỉnh khác'],
  },
  units: U,
} satisfies Organisation<string, typeof U>;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ now: NOW, organisation: INSPECTIONS_ORGANISATION }));
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('inspection A: the whole life cycle and the follow-up board', () => {
  let id: string;
  let beforeConclusion: string;
  let beforeReports: string;

  it('decides an inspection (head of the lead unit) → 201 with the id', async () => {
    const res = await post(t.headInsp, '/inspections', {
      title: 'Thanh tra việc quản lý, sử dụng đất đai',
      kind: 'inspection',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      decidedOn: '2025-12-01',
    });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({
      status: 'decided',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      version: 1,
      recommendations: [],
    });
    expect(typeof res.body.id).toBe('string');
    expect(res.headers.get('location')).toBe(`/api/v1/inspections/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    id = res.body.id;
  });

  it('concludes with recommendations; ids are generated (r1, r2)', async () => {
    beforeConclusion = nextInstant();
    const res = await post(t.headInsp, `/inspections/${id}/conclusion`, {
      concludedOn: '2026-01-15',
      summary: 'Phát hiện sai phạm trong giao đất, cho thuê đất.',
      recommendations: [
        {
          text: 'Thu hồi diện tích đất giao sai đối tượng',
          ownerUnitId: U.deptA,
          dueOn: '2027-06-30',
          reportEvery: '6m',
        },
        {
          text: 'Kiểm điểm trách nhiệm tập thể, cá nhân',
          ownerUnitId: U.deptB,
          dueOn: '2026-10-31',
          reportDates: ['2026-03-31', '2026-06-30', '2026-09-30'],
        },
      ],
    });
    expectStatus(res, 200);
    expect(res.body.status).toBe('concluded');
    expect(res.body.version).toBe(2);
    expect(typeof res.body.position).toBe('number');
    expect(res.body.conclusion).toMatchObject({
      concludedOn: '2026-01-15',
      directiveDueOn: '2026-01-30',
      directive: null,
    });
    expect(res.body.recommendations.map((r: { id: string }) => r.id)).toEqual(['r1', 'r2']);
    expect(res.body.recommendations[0]).toMatchObject({
      ownerUnitId: U.deptA,
      reportEvery: '6m',
      reportDates: null,
      status: 'open',
      dueOn: '2027-06-30',
    });
    expect(res.body.recommendations[1]).toMatchObject({
      ownerUnitId: U.deptB,
      reportEvery: null,
      reportDates: ['2026-03-31', '2026-06-30', '2026-09-30'],
    });
    // As of today (2026-11-22) nothing was reported yet: 2026-07-15 is due and missed.
    expect(res.body.recommendations[0].followUp).toMatchObject({
      nextReportDue: '2026-07-15',
      overdue: true,
      overdueReports: 1,
    });
  });

  it('a second conclusion is an illegal transition', async () => {
    const res = await post(t.headInsp, `/inspections/${id}/conclusion`, {
      concludedOn: '2026-01-16',
      summary: 'again',
      recommendations: [{ text: 'x', ownerUnitId: U.deptA }],
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
  });

  it("records the head's directive and the owner's plan", async () => {
    const directive = await post(t.headInsp, `/inspections/${id}/directive`, { issuedOn: '2026-01-20' });
    expectStatus(directive, 200);
    expect(directive.body.conclusion.directive).toEqual({ issuedOn: '2026-01-20', outcome: 'met' });
    const plan = await post(t.handlerA, `/inspections/${id}/recommendations/r1/plan`, {
      submittedOn: '2026-02-01',
      actions: ['Rà soát hồ sơ giao đất', 'Ban hành quyết định thu hồi'],
    });
    expectStatus(plan, 200);
    expect(plan.body.recommendations[0].plans).toEqual([
      { submittedOn: '2026-02-01', actions: ['Rà soát hồ sơ giao đất', 'Ban hành quyết định thu hồi'] },
    ]);
  });

  it('reports: one on its due date, one late that satisfies the next due date', async () => {
    beforeReports = nextInstant();
    const onTime = await post(t.handlerA, `/inspections/${id}/recommendations/r1/reports`, {
      reportedOn: '2026-07-15',
      progress: 'Đã thu hồi 60% diện tích',
      done: false,
    });
    expectStatus(onTime, 200);
    const late = await post(t.handlerB, `/inspections/${id}/recommendations/r2/reports`, {
      reportedOn: '2026-05-10',
      progress: 'Đã tổ chức kiểm điểm 2 tập thể',
      done: false,
    });
    expectStatus(late, 200);
    expect(late.body.recommendations[1].reports).toEqual([
      { reportedOn: '2026-05-10', progress: 'Đã tổ chức kiểm điểm 2 tập thể', done: false },
    ]);
  });

  it('roles: only the owner unit reports and plans; only the lead unit closes and waives', async () => {
    const before = await eventCount(app);
    expectProblem(
      await post(t.handlerA, `/inspections/${id}/recommendations/r2/reports`, {
        reportedOn: '2026-11-01',
        progress: 'x',
        done: false,
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post(t.handlerB, `/inspections/${id}/recommendations/r1/plan`, {
        submittedOn: '2026-11-01',
        actions: ['x'],
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post(t.handlerA, `/inspections/${id}/close`, { closedOn: '2026-11-22' }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post(t.handlerInsp, `/inspections/${id}/recommendations/r2/waive`, {
        at: '2026-11-01',
        reason: 'x',
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await post(t.supervisor, `/inspections/${id}/directive`, { issuedOn: '2026-01-21' }),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(app)).toBe(before);
  });

  it('reading: in scope of the lead, inspected or an owner unit; else 404', async () => {
    for (const token of [t.headInsp, t.handlerA, t.handlerB, t.supervisor, t.admin]) {
      const res = await app.request('GET', `/api/v1/inspections/${id}`, { token });
      expectStatus(res, 200);
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
    }
    expectProblem(
      await app.request('GET', `/api/v1/inspections/${id}`, { token: t.headOther }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', `/api/v1/inspections/${id}`, { token: t.handlerC }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await post(t.headOther, `/inspections/${id}/close`, { closedOn: '2026-11-22' }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', '/api/v1/inspections/00000000-0000-0000-0000-000000000000', {
        token: t.admin,
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await post(t.handlerA, `/inspections/${id}/recommendations/r9/reports`, {
        reportedOn: '2026-11-01',
        progress: 'x',
        done: false,
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('the follow-up board as of several dates', async () => {
    const q = { unitId: U.province };
    const feb = await board(t.supervisor, { ...q, asOf: '2026-02-01' });
    expectStatus(feb, 200);
    expect(rowOf(feb, id, 'r1')).toMatchObject({
      ownerUnitId: U.deptA,
      status: 'open',
      nextReportDue: '2026-07-15',
      overdue: false,
      overdueReports: 0,
      remediationDueOn: '2027-06-30',
    });
    expect(rowOf(feb, id, 'r2')).toMatchObject({
      nextReportDue: '2026-03-31',
      overdue: false,
      overdueReports: 0,
      remediationDueOn: '2026-10-31',
    });

    // The report of 2026-05-10 does not count on 2026-04-01: 2026-03-31 is overdue.
    const apr = await board(t.supervisor, { ...q, asOf: '2026-04-01' });
    expect(rowOf(apr, id, 'r2')).toMatchObject({
      nextReportDue: '2026-03-31',
      overdue: true,
      overdueReports: 1,
    });

    // On its due date a report is not yet overdue.
    const dueDay = await board(t.supervisor, { ...q, asOf: '2026-07-15' });
    expect(rowOf(dueDay, id, 'r1')).toMatchObject({
      nextReportDue: '2027-01-15',
      overdue: false,
      overdueReports: 0,
    });

    const jul = await board(t.supervisor, { ...q, asOf: '2026-07-16' });
    expect(rowOf(jul, id, 'r1')).toMatchObject({
      nextReportDue: '2027-01-15',
      overdue: false,
      overdueReports: 0,
    });
    // The late report (2026-05-10) satisfied 2026-06-30; 2026-03-31 stays missed.
    expect(rowOf(jul, id, 'r2')).toMatchObject({
      nextReportDue: '2026-03-31',
      overdue: true,
      overdueReports: 1,
    });

    const today = await board(t.supervisor, q);
    expect(today.body.asOf).toBe('2026-11-22');
    expect(rowOf(today, id, 'r1')).toMatchObject({
      nextReportDue: '2027-01-15',
      overdue: false,
      overdueReports: 0,
      remediationOverdue: false,
    });
    expect(rowOf(today, id, 'r2')).toMatchObject({
      nextReportDue: '2026-03-31',
      overdue: true,
      overdueReports: 2,
      remediationDueOn: '2026-10-31',
      remediationOverdue: true,
    });
    expect(today.body.total).toBe(today.body.items.length);

    // Only the owner's subtree: the department's own board.
    const deptA = await board(t.supervisor, { unitId: U.deptA });
    expect(deptA.body.items.map((i: { recommendationId: string }) => i.recommendationId)).toEqual(['r1']);
  });

  it('the board as recorded before an instant', async () => {
    const beforeReportsBoard = await board(t.supervisor, {
      unitId: U.province,
      recordedBefore: beforeReports,
    });
    expect(rowOf(beforeReportsBoard, id, 'r1')).toMatchObject({
      nextReportDue: '2026-07-15',
      overdue: true,
      overdueReports: 1,
    });
    expect(rowOf(beforeReportsBoard, id, 'r2')).toMatchObject({
      nextReportDue: '2026-03-31',
      overdue: true,
      overdueReports: 3,
    });
    const beforeConcl = await board(t.supervisor, { unitId: U.province, recordedBefore: beforeConclusion });
    expect(beforeConcl.body.items.filter((i: { inspectionId: string }) => i.inspectionId === id)).toEqual([]);
  });

  it('closing with open recommendations → 409 ILLEGAL_TRANSITION', async () => {
    const before = await eventCount(app);
    const res = await post(t.headInsp, `/inspections/${id}/close`, { closedOn: '2026-11-22' });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(res.body.detail).toContain('r1');
    expect(await eventCount(app)).toBe(before);
  });

  it('completes r1, waives r2, then closes', async () => {
    const done = await post(t.handlerA, `/inspections/${id}/recommendations/r1/reports`, {
      reportedOn: '2026-11-20',
      progress: 'Đã thu hồi toàn bộ',
      done: true,
    });
    expectStatus(done, 200);
    expect(done.body.recommendations[0]).toMatchObject({ status: 'done', doneOn: '2026-11-20' });
    expectProblem(
      await post(t.handlerA, `/inspections/${id}/recommendations/r1/reports`, {
        reportedOn: '2026-11-21',
        progress: 'x',
        done: false,
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const waived = await post(t.headInsp, `/inspections/${id}/recommendations/r2/waive`, {
      at: '2026-11-21',
      reason: 'Các cá nhân liên quan đã nghỉ hưu',
    });
    expectStatus(waived, 200);
    expect(waived.body.recommendations[1]).toMatchObject({ status: 'waived', waivedOn: '2026-11-21' });

    const on20 = await board(t.supervisor, { unitId: U.province, asOf: '2026-11-20' });
    expect(rowOf(on20, id, 'r1')).toBeUndefined();
    expect(rowOf(on20, id, 'r2')).toMatchObject({ overdueReports: 2 });
    const on22 = await board(t.supervisor, { unitId: U.province });
    expect(on22.body.items.filter((i: { inspectionId: string }) => i.inspectionId === id)).toEqual([]);

    const closed = await post(t.headInsp, `/inspections/${id}/close`, { closedOn: '2026-11-22' });
    expectStatus(closed, 200);
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-11-22' });
    const got = await app.request('GET', `/api/v1/inspections/${id}`, { token: t.supervisor });
    expect(got.body).toMatchObject({
      status: 'closed',
      recommendations: [
        { id: 'r1', status: 'done' },
        { id: 'r2', status: 'waived' },
      ],
    });
  });

  it('GET /inspections/:id/history: every act with its business date, actor and hashes', async () => {
    const res = await app.request('GET', `/api/v1/inspections/${id}/history`, { token: t.supervisor });
    expectStatus(res, 200);
    const events = res.body.events as {
      type: string;
      version: number;
      businessDate: string | null;
      actor: { id: string };
      hash: string;
      prevHash: string | null;
      lateEntry: boolean;
    }[];
    // The decision dated 2025-12-01 was recorded on 2026-11-22: a late entry (api-contract.md "Late
    // entries"); the closure, dated the day it was recorded, is not.
    expect(events[0]).toMatchObject({ type: 'InspectionDecided', version: 1, lateEntry: true });
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({
      type: 'InspectionClosed',
      businessDate: '2026-11-22',
      lateEntry: false,
    });
    expect(events.find((e) => e.type === 'RecommendationWaived')?.businessDate).toBe('2026-11-21');
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expectProblem(
      await app.request('GET', `/api/v1/inspections/${id}/history`, { token: t.supOther }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('inspection B: a 3-month cadence with day clamping, moved by a unit merger', () => {
  let id: string;
  let beforeMerger: string;

  it('concluded on 2025-11-30, reports fall due on 2026-02-28, 2026-05-30, 2026-08-30, …', async () => {
    const decided = await post(t.headProv, '/inspections', {
      title: 'Kiểm tra việc thực hiện dự án giao thông',
      kind: 'check',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptC,
      decidedOn: '2025-11-01',
    });
    expectStatus(decided, 201);
    id = decided.body.id;
    const concluded = await post(t.headProv, `/inspections/${id}/conclusion`, {
      concludedOn: '2025-11-30',
      summary: 'Chậm tiến độ giải ngân.',
      recommendations: [
        { text: 'Đẩy nhanh tiến độ giải ngân', ownerUnitId: U.deptC, dueOn: '2026-12-31', reportEvery: '3m' },
      ],
    });
    expectStatus(concluded, 200);

    const onDue = await board(t.supervisor, { unitId: U.province, asOf: '2026-02-28' });
    expect(rowOf(onDue, id, 'r1')).toMatchObject({
      ownerUnitId: U.deptC,
      nextReportDue: '2026-02-28',
      overdue: false,
      overdueReports: 0,
    });
    const after = await board(t.supervisor, { unitId: U.province, asOf: '2026-03-01' });
    expect(rowOf(after, id, 'r1')).toMatchObject({
      nextReportDue: '2026-02-28',
      overdue: true,
      overdueReports: 1,
    });

    const report = await post(t.handlerC, `/inspections/${id}/recommendations/r1/reports`, {
      reportedOn: '2026-05-20',
      progress: 'Đã giải ngân 40%',
      done: false,
    });
    expectStatus(report, 200);
    const today = await board(t.supervisor, { unitId: U.province });
    // 2026-02-28 and 2026-08-30 missed; 2026-05-30 satisfied by the report of 2026-05-20.
    expect(rowOf(today, id, 'r1')).toMatchObject({
      nextReportDue: '2026-02-28',
      overdue: true,
      overdueReports: 2,
      remediationDueOn: '2026-12-31',
    });

    expectProblem(
      await post(t.headInsp, `/inspections/${id}/close`, { closedOn: '2026-11-22' }),
      409,
      'ILLEGAL_TRANSITION',
    );
  });

  it('a unit merger moves the open recommendation to the successor; the schedule stays', async () => {
    beforeMerger = nextInstant();
    const merged = await post(t.admin, `/units/${U.deptC}/merge`, {
      intoUnitId: U.deptB,
      effectiveOn: '2026-11-01',
    });
    expectStatus(merged, 200);
    await settle(app);
    const merger = new UnitMergerProcess(app.runtime, app.runner, moveRecommendationForMerger(app.runtime));
    nextInstant();
    expect(await merger.runOnce()).toBe(1);
    await settle(app);

    const got = await app.request('GET', `/api/v1/inspections/${id}`, { token: t.handlerB });
    expectStatus(got, 200);
    expect(got.body.recommendations[0]).toMatchObject({
      id: 'r1',
      ownerUnitId: U.deptB,
      reportEvery: '3m',
      dueOn: '2026-12-31',
      status: 'open',
      moves: [{ fromUnitId: U.deptC, toUnitId: U.deptB, effectiveOn: '2026-11-01' }],
      reports: [{ reportedOn: '2026-05-20', progress: 'Đã giải ngân 40%', done: false }],
    });

    const b = await board(t.supervisor, { unitId: U.deptB });
    expect(rowOf(b, id, 'r1')).toMatchObject({
      ownerUnitId: U.deptB,
      nextReportDue: '2026-02-28',
      overdue: true,
      overdueReports: 2,
      remediationDueOn: '2026-12-31',
    });
    const bMarch = await board(t.supervisor, { unitId: U.deptB, asOf: '2026-03-01' });
    expect(rowOf(bMarch, id, 'r1')).toMatchObject({ nextReportDue: '2026-02-28', overdueReports: 1 });
    // What the board showed before the merger: the recommendation with the ceasing unit.
    const before = await board(t.supervisor, { unitId: U.province, recordedBefore: beforeMerger });
    expect(rowOf(before, id, 'r1')).toMatchObject({ ownerUnitId: U.deptC, overdueReports: 2 });

    // A re-run of the merger writes nothing.
    const events = await eventCount(app);
    const again = new UnitMergerProcess(app.runtime, app.runner, moveRecommendationForMerger(app.runtime));
    const cp = await app.runtime.pool.query(
      "DELETE FROM projection_checkpoints WHERE name = 'process.unit-merger.v1'",
    );
    expect(cp.rowCount).toBe(1);
    await again.runOnce();
    // The step itself is idempotent too (the domain answers a repeated move with no event).
    const mergedEvent = (await app.runtime.store.readStream(`unit-${U.deptC}`)).find(
      (e) => e.type === 'UnitMerged',
    )!;
    const step = {
      inspectionId: id,
      recommendationId: 'r1',
      fromUnitId: U.deptC,
      toUnitId: U.deptB,
      effectiveOn: '2026-11-01',
    };
    await moveRecommendationForMerger(app.runtime)(step, mergedEvent);
    expect(await eventCount(app)).toBe(events);
    const moved = (await app.runtime.store.readStream(`inspection-${id}`)).filter(
      (e) => e.type === 'RecommendationMoved',
    );
    expect(moved).toHaveLength(1);
    expect(moved[0]!.metadata.causationId).toBe(mergedEvent.eventId);
  });

  it('reportsForUnit sums the report schedule of the unit’s recommendations (for /accountability)', async () => {
    const year = { from: '2026-01-01', to: '2026-12-31', asOf: '2026-11-22' };
    // so-b: A.r2 (waived 2026-11-21: 3 due, 2 missed) + B.r1 (moved: 02-28, 05-30, 08-30, 11-30 due; 02-28, 08-30 missed).
    expect(await reportsForUnit(app.runtime.dataSource, { unitId: U.deptB, ...year })).toEqual({
      due: 7,
      missed: 4,
    });
    // so-a: A.r1 (done 2026-11-20): 2026-07-15 due and met.
    expect(await reportsForUnit(app.runtime.dataSource, { unitId: U.deptA, ...year })).toEqual({
      due: 1,
      missed: 0,
    });
    expect(await reportsForUnit(app.runtime.dataSource, { unitId: U.deptC, ...year })).toEqual({
      due: 0,
      missed: 0,
    });
    expect(
      await reportsForUnit(app.runtime.dataSource, {
        unitId: U.deptC,
        ...year,
        recordedBefore: beforeMerger,
      }),
    ).toEqual({ due: 4, missed: 2 });
    // The schedule counts only reports dated ≤ asOf: on 2026-05-25 the report of 05-20 counts, later due dates are not yet missed.
    expect(
      await reportsForUnit(app.runtime.dataSource, {
        unitId: U.deptB,
        from: '2026-01-01',
        to: '2026-06-30',
        asOf: '2026-05-25',
      }),
    ).toEqual({ due: 4, missed: 2 });
  });

  it('the successor reports on it; the ceased unit no longer may', async () => {
    const res = await post(t.handlerB, `/inspections/${id}/recommendations/r1/reports`, {
      reportedOn: '2026-11-22',
      progress: 'Đã giải ngân 80%',
      done: false,
    });
    expectStatus(res, 200);
    expect(res.body.recommendations[0].followUp).toMatchObject({
      nextReportDue: '2026-02-28',
      overdueReports: 2,
    });
    expectProblem(
      await post(t.handlerC, `/inspections/${id}/recommendations/r1/reports`, {
        reportedOn: '2026-11-22',
        progress: 'x',
        done: false,
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('validation, concurrency, board access', () => {
  it('invalid bodies → 400 problem+json with paths, nothing appended', async () => {
    const before = await eventCount(app);
    const empty = await post(t.headInsp, '/inspections', {});
    expectProblem(empty, 400, 'VALIDATION_FAILED');
    const paths = (res: TestResponse) => (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths(empty)).toEqual(
      expect.arrayContaining(['title', 'kind', 'leadUnitId', 'inspectedUnitId', 'decidedOn']),
    );

    // A valid decision but for one thing (two for the first): the paths of what is wrong, nothing else.
    const decision = {
      title: 'x',
      kind: 'survey',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      decidedOn: '2026-02-01',
    };
    for (const [change, wrong] of [
      [{ kind: 'audit', decidedOn: '2026-02-30' }, ['decidedOn', 'kind']], // unknown kind, impossible date
      [{ inspectedUnitId: 'ghost' }, ['inspectedUnitId']],
      [{ decidedOn: '2026-11-23' }, ['decidedOn']], // after today
      [{ budget: 1 }, ['budget']], // not a field of a decision
    ] as const) {
      const res = await post(t.headInsp, '/inspections', { ...decision, ...change });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(paths(res).sort()).toEqual(wrong);
    }
    expect(await eventCount(app)).toBe(before);
  });

  it('invalid conclusions → 400 with the recommendation paths', async () => {
    const created = await post(t.headInsp, '/inspections', {
      title: 'Khảo sát',
      kind: 'survey',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      decidedOn: '2026-02-01',
    });
    expectStatus(created, 201);
    const id = created.body.id as string;
    const before = await eventCount(app);
    const conclude = (body: unknown) => post(t.headInsp, `/inspections/${id}/conclusion`, body);
    const paths = (res: TestResponse) => (res.body.errors as { path: string }[]).map((e) => e.path);
    const base = { concludedOn: '2026-03-01', summary: 'Tóm tắt' };

    const none = await conclude({ ...base, recommendations: [] });
    expectProblem(none, 400, 'VALIDATION_FAILED');
    expect(paths(none)).toEqual(['recommendations']);

    const owner = await conclude({
      ...base,
      recommendations: [
        { text: 'a', ownerUnitId: U.deptA },
        { text: 'b', ownerUnitId: 'ghost' },
      ],
    });
    expectProblem(owner, 400, 'VALIDATION_FAILED');
    expect(paths(owner)).toEqual(['recommendations[1].ownerUnitId']);

    const ceased = await conclude({ ...base, recommendations: [{ text: 'a', ownerUnitId: U.deptC }] });
    expectProblem(ceased, 400, 'VALIDATION_FAILED');
    expect(paths(ceased)).toEqual(['recommendations[0].ownerUnitId']);

    const cadence = await conclude({
      ...base,
      recommendations: [{ text: 'a', ownerUnitId: U.deptA, reportEvery: '2m' }],
    });
    expectProblem(cadence, 400, 'VALIDATION_FAILED');
    expect(paths(cadence)).toEqual(['recommendations[0].reportEvery']);

    const dates = await conclude({
      ...base,
      recommendations: [{ text: 'a', ownerUnitId: U.deptA, reportDates: ['2026-13-01'] }],
    });
    expectProblem(dates, 400, 'VALIDATION_FAILED');
    expect(paths(dates)).toEqual(['recommendations[0].reportDates']);

    const both = await conclude({
      ...base,
      recommendations: [{ text: 'a', ownerUnitId: U.deptA, reportEvery: '6m', reportDates: ['2026-09-01'] }],
    });
    expectProblem(both, 400, 'VALIDATION_FAILED');
    expect(paths(both)).toEqual(['recommendations[0].reportDates']);

    const unordered = await conclude({
      ...base,
      recommendations: [{ text: 'a', ownerUnitId: U.deptA, reportDates: ['2026-09-01', '2026-06-01'] }],
    });
    expectProblem(unordered, 400, 'VALIDATION_FAILED');
    expect(paths(unordered)).toEqual(['recommendations[0].reportDates[1]']);

    const early = await conclude({
      ...base,
      concludedOn: '2026-01-31',
      recommendations: [{ text: 'a', ownerUnitId: U.deptA }],
    });
    expectProblem(early, 400, 'VALIDATION_FAILED');
    expect(paths(early)).toEqual(['concludedOn']);

    const extra = await conclude({
      ...base,
      recommendations: [{ text: 'a', ownerUnitId: U.deptA, priority: 1 }],
    });
    expectProblem(extra, 400, 'VALIDATION_FAILED');
    expect(paths(extra)).toEqual(['recommendations[0].priority']);
    expect(await eventCount(app)).toBe(before);

    // Targets and report dates may lie in the future.
    const ok = await conclude({
      ...base,
      recommendations: [
        { text: 'a', ownerUnitId: U.deptA, dueOn: '2027-12-31', reportDates: ['2026-12-15', '2027-06-15'] },
      ],
    });
    expectStatus(ok, 200);
    expect(ok.body.recommendations[0].followUp).toMatchObject({
      nextReportDue: '2026-12-15',
      overdue: false,
    });

    const report = await post(t.handlerA, `/inspections/${id}/recommendations/r1/reports`, {
      reportedOn: '2026-11-01',
      progress: 'x',
    });
    expectProblem(report, 400, 'VALIDATION_FAILED');
    expect(paths(report)).toEqual(['done']);
  });

  it('deciding needs a head whose scope covers the lead unit (or an admin)', async () => {
    const body = {
      title: 'Thanh tra',
      kind: 'inspection',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      decidedOn: '2026-02-01',
    };
    const before = await eventCount(app);
    expectProblem(await post(t.headOther, '/inspections', body), 403, 'FORBIDDEN');
    expectProblem(await post(t.handlerInsp, '/inspections', body), 403, 'FORBIDDEN');
    expectProblem(await post(t.supervisor, '/inspections', body), 403, 'FORBIDDEN');
    expect(await eventCount(app)).toBe(before);
    expectStatus(await post(t.admin, '/inspections', body), 201);
  });

  it('a stale If-Match → 412 VERSION_CONFLICT', async () => {
    const created = await post(t.headInsp, '/inspections', {
      title: 'Thanh tra',
      kind: 'inspection',
      leadUnitId: U.inspectorate,
      inspectedUnitId: U.deptA,
      decidedOn: '2026-02-01',
    });
    nextInstant();
    const res = await app.request('POST', `/api/v1/inspections/${created.body.id}/conclusion`, {
      token: t.headInsp,
      headers: { 'if-match': '"7"' },
      body: {
        concludedOn: '2026-03-01',
        summary: 's',
        recommendations: [{ text: 'a', ownerUnitId: U.deptA }],
      },
    });
    expectProblem(res, 412, 'VERSION_CONFLICT');
  });

  it('the board needs boards.read and a unit in scope', async () => {
    expectProblem(
      await app.request('GET', '/api/v1/inspections/follow-up', { token: t.handlerA }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('GET', `/api/v1/inspections/follow-up?unitId=${U.province}`, { token: t.supOther }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', '/api/v1/inspections/follow-up?unitId=ghost', { token: t.admin }),
      404,
      'NOT_FOUND',
    );
    const own = await app.request('GET', '/api/v1/inspections/follow-up', { token: t.supOther });
    expectStatus(own, 200);
    expect(own.body.items).toEqual([]);
    const headInsp = await app.request('GET', '/api/v1/inspections/follow-up', { token: t.headInsp });
    expectStatus(headInsp, 200);
    const bad = await app.request(
      'GET',
      '/api/v1/inspections/follow-up?asOf=2026-02-30&recordedBefore=yesterday',
      { token: t.supervisor },
    );
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect((bad.body.errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
      'asOf',
      'recordedBefore',
    ]);
  });
});
