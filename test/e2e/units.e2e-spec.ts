/** The organisation over HTTP: units, renames, heads, mergers (with the worker's merger process). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UnitMergerProcess } from '../../libs/application/src/processes/unit-merger.process.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  LONG,
  UNITS,
  command,
  createUnitTree,
  eventCount,
  expectProblem,
  expectStatus,
  registerAndClassify,
  tick,
  tokens,
  type Tokens,
} from './fixtures.js';

let app: TestApp;
let t: Tokens;
let lastPosition = 0;

beforeAll(async () => {
  app = await createTestApp({ runProjections: true });
  t = await tokens(app);
  await createUnitTree(app, t.admin);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('POST /units', () => {
  it('creates a unit (201) under a parent', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'hanoi-c3', name: 'UBND xã Ba', level: 'commune', parentId: UNITS.province },
    });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({
      id: 'hanoi-c3',
      name: 'UBND xã Ba',
      level: 'commune',
      parentId: UNITS.province,
      status: 'active',
      head: null,
      createdAt: '2026-11-22',
    });
  });

  it('a unit without an id gets one', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { name: 'Ban Tiếp công dân', level: 'agency', parentId: UNITS.province },
    });
    expectStatus(res, 201);
    expect(typeof res.body.id).toBe('string');
    expect(typeof res.body.position).toBe('number');
    lastPosition = res.body.position;
    expect(res.body.id.length).toBeGreaterThan(0);
  });

  it('a duplicate id is 409 and writes nothing', async () => {
    const before = await eventCount(app);
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'hanoi-c3', name: 'Khác', level: 'commune', parentId: UNITS.province },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(await eventCount(app)).toBe(before);
  });

  it('an unknown parent is 400 naming parentId', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'orphan', name: 'Mồ côi', level: 'commune', parentId: 'nowhere' },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'parentId' })]));
  });

  it('only an admin may create units (403)', async () => {
    expectProblem(
      await app.request('POST', '/api/v1/units', {
        token: t.handler,
        body: { id: 'x1', name: 'X', level: 'commune' },
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('GET /units', () => {
  it('lists the units in scope', async () => {
    const all = await app.request('GET', `/api/v1/units?minPosition=${lastPosition}`, { token: t.admin });
    expectStatus(all, 200);
    const ids = (all.body.items as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        UNITS.province,
        UNITS.department,
        UNITS.commune1,
        UNITS.otherProvince,
        'hanoi-c3',
      ]),
    );
    expect(all.body).toMatchObject({ page: 1, total: all.body.items.length });
    const scoped = await app.request('GET', '/api/v1/units', { token: t.handlerC1 });
    expect((scoped.body.items as { id: string }[]).map((u) => u.id)).toEqual([UNITS.commune1]);
  });

  it('?asOf before a unit existed leaves it out; GET of it on that date is 404', async () => {
    const res = await app.request('GET', `/api/v1/units?asOf=2026-11-01&minPosition=${lastPosition}`, {
      token: t.admin,
    });
    expectStatus(res, 200);
    const ids = (res.body.items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(UNITS.province);
    expect(ids).not.toContain('hanoi-c3');
    expectProblem(
      await app.request('GET', '/api/v1/units/hanoi-c3?asOf=2026-11-01', { token: t.admin }),
      404,
      'NOT_FOUND',
    );
  });

  it('GET /units/:id; unknown and out of scope are 404', async () => {
    const res = await app.request('GET', `/api/v1/units/${UNITS.department}`, { token: t.handler });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: UNITS.department, level: 'department', parentId: UNITS.province });
    expectProblem(await app.request('GET', '/api/v1/units/nowhere', { token: t.admin }), 404, 'NOT_FOUND');
    expectProblem(
      await app.request('GET', `/api/v1/units/${UNITS.province}`, { token: t.otherReception }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('PATCH /units/:id and heads', () => {
  it('a rename takes effect today; asOf yesterday shows the old name', async () => {
    tick(app, 1000);
    const res = await app.request('PATCH', `/api/v1/units/${UNITS.department}`, {
      token: t.admin,
      body: { name: 'Thanh tra Hà Nội' },
    });
    expectStatus(res, 200);
    expect(res.body.name).toBe('Thanh tra Hà Nội');
    const now = await app.request('GET', `/api/v1/units/${UNITS.department}`, { token: t.admin });
    expect(now.body.name).toBe('Thanh tra Hà Nội');
    const before = await app.request('GET', `/api/v1/units/${UNITS.department}?asOf=2026-11-21`, {
      token: t.admin,
    });
    expect(before.body.name).toBe('Thanh tra thành phố');
    expectProblem(
      await app.request('PATCH', '/api/v1/units/nowhere', { token: t.admin, body: { name: 'X' } }),
      404,
      'NOT_FOUND',
    );
  });

  it('appointing a head ends the previous term the day before', async () => {
    tick(app, 2000);
    for (const body of [
      { personId: 'p-1', fullName: 'Đỗ Văn Một', from: '2026-01-05' },
      { personId: 'p-2', fullName: 'Vũ Thị Hai', from: '2026-06-01', acting: true },
    ]) {
      expectStatus(
        await app.request('POST', `/api/v1/units/${UNITS.commune1}/heads`, { token: t.admin, body }),
        201,
      );
    }
    const res = await app.request('GET', `/api/v1/units/${UNITS.commune1}`, { token: t.admin });
    expect(res.body.heads).toEqual([
      { personId: 'p-1', fullName: 'Đỗ Văn Một', acting: false, from: '2026-01-05', to: '2026-05-31' },
      { personId: 'p-2', fullName: 'Vũ Thị Hai', acting: true, from: '2026-06-01', to: null },
    ]);
    expect(res.body.head).toEqual({ personId: 'p-2', fullName: 'Vũ Thị Hai', acting: true });
    const march = await app.request('GET', `/api/v1/units/${UNITS.commune1}?asOf=2026-03-01`, {
      token: t.admin,
    });
    expect(march.body.head).toEqual({ personId: 'p-1', fullName: 'Đỗ Văn Một', acting: false });
    const earlier = await app.request('POST', `/api/v1/units/${UNITS.commune1}/heads`, {
      token: t.admin,
      body: { personId: 'p-0', fullName: 'Quá khứ', from: '2026-02-01' },
    });
    expectProblem(earlier, 400, 'VALIDATION_FAILED');
    const future = await app.request('POST', `/api/v1/units/${UNITS.commune1}/heads`, {
      token: t.admin,
      body: { personId: 'p-9', fullName: 'Tương lai', from: '2027-01-01' },
    });
    expectProblem(future, 400, 'VALIDATION_FAILED');
  });
});

describe('POST /units/:id/merge', () => {
  it('moves the pending case of the ceasing unit to the successor; status and deadlines unchanged', async () => {
    tick(app, 3000);
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-02', receivingUnitId: UNITS.commune2 },
      { kind: 'complaint', competentUnitId: UNITS.commune2 },
    );
    const accepted = await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-11-09' });
    const before = accepted.body;
    tick(app, 4000);
    const merge = await app.request('POST', `/api/v1/units/${UNITS.commune2}/merge`, {
      token: t.admin,
      body: { intoUnitId: UNITS.commune1, effectiveOn: '2026-11-20' },
    });
    expectStatus(merge, 200);
    expect(merge.body).toMatchObject({
      id: UNITS.commune2,
      mergedInto: UNITS.commune1,
      mergedOn: '2026-11-20',
      status: 'merged',
    });
    await app.catchUp();
    tick(app, 5000);
    lastPosition = merge.body.position;
    const handled = await new UnitMergerProcess(app.runtime, app.runner).runOnce();
    expect(handled).toBe(1);
    expect(await new UnitMergerProcess(app.runtime, app.runner).runOnce()).toBe(0);
    const after = await app.request('GET', `/api/v1/cases/${c.id}`, { token: t.handler });
    expectStatus(after, 200);
    expect(after.body).toMatchObject({
      receivingUnitId: UNITS.commune1,
      competentUnitId: UNITS.commune1,
      status: before.status,
      acceptedAt: '2026-11-09',
    });
    expect(after.body.deadlines).toEqual(before.deadlines);
    expect(after.body.version).toBe(before.version + 1);
    const history = await app.request('GET', `/api/v1/cases/${c.id}/history`, { token: t.auditor });
    const last = history.body.events.at(-1);
    expect(last).toMatchObject({
      type: 'CaseTransferred',
      data: { kind: 'unit_merger', fromUnitId: UNITS.commune2, toUnitId: UNITS.commune1, at: '2026-11-20' },
    });
    // The ceasing unit takes no new cases and no new heads.
    expectProblem(
      await app.request('POST', `/api/v1/units/${UNITS.commune2}/heads`, {
        token: t.admin,
        body: { personId: 'p-5', fullName: 'Năm', from: '2026-11-22' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const list = await app.request('GET', `/api/v1/units?minPosition=${lastPosition}`, { token: t.admin });
    expect(
      (list.body.items as { id: string; status: string }[]).find((u) => u.id === UNITS.commune2)?.status,
    ).toBe('merged');
  }, 30_000);

  it('a merge into itself, into a subunit or an unknown unit is 400', async () => {
    expectProblem(
      await app.request('POST', `/api/v1/units/${UNITS.province}/merge`, {
        token: t.admin,
        body: { intoUnitId: UNITS.province, effectiveOn: '2026-11-20' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await app.request('POST', `/api/v1/units/${UNITS.province}/merge`, {
        token: t.admin,
        body: { intoUnitId: UNITS.commune1, effectiveOn: '2026-11-20' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await app.request('POST', `/api/v1/units/${UNITS.province}/merge`, {
        token: t.admin,
        body: { intoUnitId: 'nowhere', effectiveOn: '2026-11-20' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});
