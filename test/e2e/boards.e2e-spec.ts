/**
 * Overdue and upcoming boards over HTTP: asOf (a business date), recordedBefore (an instant), unit
 * filters, heads in office on the due date, paused deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  command,
  expectProblem,
  expectStatus,
  LONG,
  registerAndClassify,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;
const ids: Record<string, string> = {};
let lastPosition = 0;
let beforeLateAccept = '';

interface BoardItem {
  caseId: string;
  trackingCode: string;
  ruleId: string;
  dueOn: string;
  daysOverdue?: number;
  daysLeft?: number;
  unitId: string;
  headOfUnit: { personId: string; fullName: string } | null;
  handlerId: string | null;
}

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
  tick(app, 1000);
  for (const [personId, fullName, from] of [
    ['head-a', 'Nguyễn Văn An', '2026-01-01'],
    ['head-b', 'Lê Thị Bích', '2026-11-01'],
  ])
    await appointHead(app, t.admin, UNITS.department, personId, fullName, from);
  tick(app, 10_000);
  // X: KN-ACC due Wed 2026-11-11 at the department, still open.
  ids.x = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-02' },
      { kind: 'complaint', competentUnitId: UNITS.department },
    )
  ).id;
  await command(app, t.handler, ids.x, 'assign', { handlerId: 'handler-1' });
  // Y: KN-ACC (7 WD after Thu 2026-10-01) due Mon 2026-10-12; accepted late on 2026-11-20 (below).
  ids.y = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-10-01' },
      { kind: 'complaint', competentUnitId: UNITS.department },
    )
  ).id;
  // Z: KN-RES1 from 2026-10-01 due Mon 2026-11-02 at commune 1, paused since 2026-10-20.
  ids.z = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-09-28' },
      { kind: 'complaint', competentUnitId: UNITS.commune1 },
    )
  ).id;
  await command(app, t.handler, ids.z, 'accept', { acceptedAt: '2026-10-01' });
  await command(app, t.handler, ids.z, 'suspend', {
    at: '2026-10-20',
    reason: 'Chờ ý kiến cơ quan chuyên môn',
  });
  // U: KN-ACC due Wed 2026-11-25 at the department; P: TCD-ANS due Mon 2026-11-30 at commune 1.
  ids.u = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-16' },
      { kind: 'complaint', competentUnitId: UNITS.department },
    )
  ).id;
  ids.p = (
    await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-16', kindHint: 'petition' },
      { kind: 'petition', competentUnitId: UNITS.commune1 },
    )
  ).id;
  beforeLateAccept = tick(app, 99_000);
  tick(app, 100_000);
  const accepted = await command(app, t.handler, ids.y, 'accept', { acceptedAt: '2026-11-20' });
  lastPosition = accepted.body.position;
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

async function board(path: string, token = t.head): Promise<BoardItem[]> {
  const sep = path.includes('?') ? '&' : '?';
  const res = await app.request('GET', `/api/v1/deadlines/${path}${sep}minPosition=${lastPosition}`, {
    token,
  });
  expectStatus(res, 200);
  expect(res.body).toMatchObject({ page: 1 });
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items as BoardItem[];
}

describe('GET /deadlines/overdue', () => {
  it('today: open deadlines past due, with calendar days overdue and the head in office on the due date', async () => {
    const items = await board('overdue');
    expect(items).toEqual([
      {
        caseId: ids.x,
        trackingCode: expect.stringMatching(/^HANOI-2026-\d{6}$/),
        ruleId: 'KN-ACC',
        dueOn: '2026-11-11',
        daysOverdue: 11,
        unitId: UNITS.department,
        headOfUnit: { personId: 'head-b', fullName: 'Lê Thị Bích' },
        handlerId: 'handler-1',
        // The classification that started KN-ACC (dated 2026-11-02) was recorded on 2026-11-22,
        // after its grace: a late entry (docs/reference/api-contract.md, boards).
        lateEntry: true,
      },
    ]);
  });

  it('asOf 2026-11-15: the deadline completed later (2026-11-20) still counts; the paused one does not', async () => {
    const items = await board('overdue?asOf=2026-11-15');
    expect(items.map((i) => [i.caseId, i.ruleId, i.dueOn, i.daysOverdue])).toEqual([
      [ids.y, 'KN-ACC', '2026-10-12', 34],
      [ids.x, 'KN-ACC', '2026-11-11', 4],
    ]);
    // The previous head was in office on 2026-10-12 (her successor's term starts 2026-11-01).
    expect(items[0].headOfUnit).toEqual({ personId: 'head-a', fullName: 'Nguyễn Văn An' });
    expect(items.some((i) => i.caseId === ids.z)).toBe(false);
  });

  it('pages: the exact total on every page, an empty page past the end (open and closed-later deadlines)', async () => {
    const pageOf = async (page: number) => {
      const res = await app.request(
        'GET',
        `/api/v1/deadlines/overdue?asOf=2026-11-15&pageSize=1&page=${page}&minPosition=${lastPosition}`,
        { token: t.head },
      );
      expectStatus(res, 200);
      const body = res.body as { items: BoardItem[]; total: number; page: number; pageSize: number };
      return [body.items.map((i) => i.caseId), body.total, body.page, body.pageSize];
    };
    // Y was completed after asOf (counted and read row by row), X is open (counted from the kept counts).
    expect(await pageOf(1)).toEqual([[ids.y], 2, 1, 1]);
    expect(await pageOf(2)).toEqual([[ids.x], 2, 2, 1]);
    expect(await pageOf(3)).toEqual([[], 2, 3, 1]);
  });

  it('asOf on the due date is not overdue yet', async () => {
    const items = await board('overdue?asOf=2026-10-12');
    expect(items).toEqual([]);
  });

  it('recordedBefore an instant before the late acceptance: what the system showed then', async () => {
    const items = await board(`overdue?recordedBefore=${encodeURIComponent(beforeLateAccept)}`);
    expect(items.map((i) => [i.caseId, i.dueOn, i.daysOverdue])).toEqual([
      [ids.y, '2026-10-12', 41],
      [ids.x, '2026-11-11', 11],
    ]);
  });

  it('unit filters: a commune, a unit without its subunits, and a head-less unit (headOfUnit null)', async () => {
    expect(await board(`overdue?unitId=${UNITS.commune1}&asOf=2026-12-05`)).toEqual([
      expect.objectContaining({
        caseId: ids.p,
        ruleId: 'TCD-ANS',
        dueOn: '2026-11-30',
        daysOverdue: 5,
        unitId: UNITS.commune1,
        headOfUnit: null,
      }),
    ]);
    expect(await board(`overdue?unitId=${UNITS.province}&includeSubunits=false`)).toEqual([]);
    expect(
      (await board(`overdue?unitId=${UNITS.province}&includeSubunits=true`)).map((i) => i.caseId),
    ).toEqual([ids.x]);
    expect((await board(`overdue?unitId=${UNITS.department}`, t.supervisor)).map((i) => i.caseId)).toEqual([
      ids.x,
    ]);
  });

  it('scope and roles: another province is 404, reception may not read boards (403)', async () => {
    const other = await app.token('sup-dn', ['supervisor'], UNITS.otherProvince);
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${UNITS.province}`, { token: other }),
      404,
      'NOT_FOUND',
    );
    expect((await board('overdue', other)).length).toBe(0);
    expectProblem(
      await app.request('GET', '/api/v1/deadlines/overdue', { token: t.reception }),
      403,
      'FORBIDDEN',
    );
    expectProblem(await app.request('GET', '/api/v1/deadlines/overdue'), 401, 'UNAUTHENTICATED');
  });
});

describe('GET /deadlines/upcoming', () => {
  it('open deadlines due from asOf to asOf + 7 days by default', async () => {
    const items = await board('upcoming');
    expect(items).toEqual([
      {
        caseId: ids.u,
        trackingCode: expect.any(String),
        ruleId: 'KN-ACC',
        dueOn: '2026-11-25',
        daysLeft: 3,
        unitId: UNITS.department,
        headOfUnit: { personId: 'head-b', fullName: 'Lê Thị Bích' },
        handlerId: null,
      },
    ]);
  });

  it('withinDays widens the window; the paused deadline never shows', async () => {
    const items = await board('upcoming?withinDays=8');
    expect(items.map((i) => [i.caseId, i.dueOn, i.daysLeft])).toEqual([
      [ids.u, '2026-11-25', 3],
      [ids.p, '2026-11-30', 8],
    ]);
    const early = await board('upcoming?asOf=2026-10-25&withinDays=10');
    expect(early.some((i) => i.caseId === ids.z)).toBe(false);
  });

  it('asOf in the past: Y was upcoming on 2026-10-08', async () => {
    const items = await board('upcoming?asOf=2026-10-08');
    expect(items.map((i) => [i.caseId, i.dueOn, i.daysLeft])).toEqual([[ids.y, '2026-10-12', 4]]);
  });

  it('asOf before a case was received: its deadline did not exist that day', async () => {
    // U (received 2026-11-16, due 2026-11-25) and P (due 2026-11-30) were unknown on 2026-11-12.
    const items = await board('upcoming?asOf=2026-11-12&withinDays=30');
    expect(items.map((i) => [i.caseId, i.dueOn])).toEqual([]);
  });
});

describe('heads of units kept between reads', () => {
  it('a head appointed after a board was read is on the next read that waits for it (read-your-writes)', async () => {
    const before = await board('overdue');
    expect(before[0]?.headOfUnit).toEqual({ personId: 'head-b', fullName: 'Lê Thị Bích' });
    tick(app, 1000);
    const appointed = await app.request('POST', `/api/v1/units/${UNITS.department}/heads`, {
      token: t.admin,
      body: { personId: 'head-c', fullName: 'Phạm Văn Cường', from: '2026-11-05' },
    });
    expectStatus(appointed, 201);
    expect(typeof appointed.body.position).toBe('number');
    lastPosition = appointed.body.position;
    const after = await board('overdue');
    expect(after.map((i) => [i.caseId, i.headOfUnit])).toEqual([
      [ids.x, { personId: 'head-c', fullName: 'Phạm Văn Cường' }],
    ]);
    // The unit read model's new version is kept too: the upcoming board (due 2026-11-25) agrees.
    expect((await board('upcoming'))[0]?.headOfUnit).toEqual({
      personId: 'head-c',
      fullName: 'Phạm Văn Cường',
    });
  });
});
