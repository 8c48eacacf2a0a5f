/**
 * `GET /inspections?unitId=&includeSubunits=&status=` (docs/reference/api-contract.md "Inspections and
 * their conclusions"): the inspections led by, of, or owing recommendations to a unit and the units
 * below it, newest decision first, in the reader's scope; a status filter; paging; validation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestApp,
  createUnitTree,
  eventCount,
  expectInvalid,
  expectProblem,
  expectStatus,
  LONG,
  settle,
  signRoster,
  UNITS,
  type TestApp,
  type TestResponse,
} from '../support/index.js';

let app: TestApp;
let t: Record<'admin' | 'head' | 'headC1' | 'handlerC2' | 'handlerDept' | 'headOther' | 'supervisor', string>;
const ids: Record<'city' | 'commune' | 'other', string> = { city: '', commune: '', other: '' };

async function list(token: string, query = ''): Promise<TestResponse> {
  await settle(app);
  return app.request('GET', `/api/v1/inspections${query ? `?${query}` : ''}`, { token });
}

const idsOf = (res: TestResponse): string[] => (res.body.items as { id: string }[]).map((i) => i.id);

beforeAll(async () => {
  app = await createTestApp();
  t = await signRoster(app, {
    admin: ['admin-1', ['admin'], undefined, 'Quản trị'],
    head: ['head-1', ['head'], UNITS.province, 'Chủ tịch thành phố'],
    headC1: ['head-c1', ['head'], UNITS.commune1, 'Chủ tịch xã Một'],
    handlerC2: ['handler-c2', ['handler'], UNITS.commune2, 'Cán bộ xã Hai'],
    handlerDept: ['handler-ttr', ['handler'], UNITS.department, 'Thanh tra viên'],
    headOther: ['head-dn', ['head'], UNITS.otherProvince, 'Chủ tịch Đà Nẵng'],
    supervisor: ['sup-1', ['supervisor'], UNITS.province, 'Giám sát'],
  });
  await createUnitTree(app, t.admin);
  const decide = async (token: string, body: Record<string, unknown>): Promise<string> => {
    const res = await app.request('POST', '/api/v1/inspections', { token, body });
    expectStatus(res, 201);
    return res.body.id as string;
  };
  // The city's inspectorate inspects commune 1 (concluded: commune 2 owns a recommendation), then the
  // department itself is surveyed later; Đà Nẵng checks its own commune.
  ids.commune = await decide(t.head, {
    title: 'Thanh tra việc quản lý đất đai tại xã Một',
    kind: 'inspection',
    leadUnitId: UNITS.department,
    inspectedUnitId: UNITS.commune1,
    decidedOn: '2026-03-02',
  });
  const concluded = await app.request('POST', `/api/v1/inspections/${ids.commune}/conclusion`, {
    token: t.head,
    body: {
      concludedOn: '2026-06-01',
      summary: 'Phát hiện sai phạm trong giao đất.',
      recommendations: [
        { text: 'Thu hồi đất giao sai đối tượng', ownerUnitId: UNITS.commune1, dueOn: '2026-12-31' },
        { text: 'Rà soát hồ sơ giao đất liền kề', ownerUnitId: UNITS.commune2, dueOn: '2026-12-31' },
      ],
    },
  });
  expectStatus(concluded, 200);
  ids.city = await decide(t.head, {
    title: 'Khảo sát công tác tiếp công dân của Thanh tra thành phố',
    kind: 'survey',
    leadUnitId: UNITS.province,
    inspectedUnitId: UNITS.department,
    decidedOn: '2026-09-15',
  });
  ids.other = await decide(t.headOther, {
    title: 'Kiểm tra việc giải quyết khiếu nại tại xã',
    kind: 'check',
    leadUnitId: UNITS.otherProvince,
    inspectedUnitId: UNITS.otherCommune,
    decidedOn: '2026-10-01',
  });
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('GET /inspections', () => {
  it('an admin without a unit reads every inspection, newest decision first', async () => {
    const res = await list(t.admin);
    expectStatus(res, 200);
    expect(idsOf(res)).toEqual([ids.other, ids.city, ids.commune]);
    expect(res.body).toMatchObject({ total: 3, page: 1 });
  });

  it("a head reads their unit's and the units' below it, with each inspection's facts", async () => {
    const res = await list(t.head);
    expectStatus(res, 200);
    expect(idsOf(res)).toEqual([ids.city, ids.commune]);
    expect(res.body.items[1]).toEqual({
      id: ids.commune,
      title: 'Thanh tra việc quản lý đất đai tại xã Một',
      kind: 'inspection',
      leadUnitId: UNITS.department,
      inspectedUnitId: UNITS.commune1,
      status: 'concluded',
      decidedOn: '2026-03-02',
      concludedOn: '2026-06-01',
      directiveIssuedOn: null,
      closedOn: null,
      recommendations: 2,
      openRecommendations: 2,
    });
  });

  it('a unit that owes a recommendation sees the inspection; the lead unit sees what it leads', async () => {
    expect(idsOf(await list(t.handlerC2))).toEqual([ids.commune]);
    expect(idsOf(await list(t.handlerDept))).toEqual([ids.city, ids.commune]);
    expect(idsOf(await list(t.headC1))).toEqual([ids.commune]);
  });

  it('includeSubunits=false keeps only the unit itself; status filters', async () => {
    const own = await list(t.head, `unitId=${UNITS.province}&includeSubunits=false`);
    expect(idsOf(own)).toEqual([ids.city]);
    expect(idsOf(await list(t.supervisor, 'status=concluded'))).toEqual([ids.commune]);
    expect(idsOf(await list(t.supervisor, 'status=closed'))).toEqual([]);
  });

  it('pages: total counts every inspection, items only the page', async () => {
    const first = await list(t.admin, 'pageSize=2');
    expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(idsOf(first)).toEqual([ids.other, ids.city]);
    const second = await list(t.admin, 'pageSize=2&page=2');
    expect(idsOf(second)).toEqual([ids.commune]);
    const past = await list(t.admin, 'pageSize=2&page=3');
    expect(past.body).toMatchObject({ items: [], total: 3, page: 3 });
  });

  it('a unit out of scope or unknown is a 404; a bad status a 400 naming it; nothing is written', async () => {
    const before = await eventCount(app);
    expectProblem(await list(t.head, `unitId=${UNITS.otherProvince}`), 404, 'NOT_FOUND');
    expectProblem(await list(t.admin, 'unitId=khong-co'), 404, 'NOT_FOUND');
    const bad = await list(t.head, 'status=done');
    expectInvalid(bad);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toContain('status');
    expectInvalid(await list(t.head, 'pageSize=500'));
    expect(await eventCount(app)).toBe(before);
  });
});

describe('inspection acts recorded late are listed in /late-entries (docs/reference/api-contract.md "Late entries")', () => {
  it('the back-dated decisions and conclusion, by the lead unit, with minPosition and a type filter', async () => {
    const head = await app.runtime.store.headPosition();
    const res = await app.request(
      'GET',
      `/api/v1/late-entries?unitId=${UNITS.province}&minPosition=${head}`,
      { token: t.supervisor },
    );
    expectStatus(res, 200);
    const rows = res.body.items as { streamId: string; type: string; businessDate: string; unitId: string }[];
    expect(rows.map((r) => [r.streamId, r.type, r.businessDate, r.unitId])).toEqual([
      [`inspection-${ids.commune}`, 'InspectionDecided', '2026-03-02', UNITS.department],
      [`inspection-${ids.commune}`, 'InspectionConcluded', '2026-06-01', UNITS.department],
      [`inspection-${ids.city}`, 'InspectionDecided', '2026-09-15', UNITS.province],
    ]);
    const concluded = await app.request(
      'GET',
      `/api/v1/late-entries?unitId=${UNITS.province}&type=InspectionConcluded`,
      { token: t.supervisor },
    );
    expect(concluded.body.total).toBe(1);
    // no business date on this list: asOf is not one of its parameters
    expectInvalid(await app.request('GET', '/api/v1/late-entries?asOf=2026-11-01', { token: t.supervisor }));
  });
});
