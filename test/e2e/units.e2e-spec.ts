/** The organisation over HTTP: units, renames, heads, mergers (with the worker's merger process). */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UnitMergerProcess } from '../../libs/application/src/index.js';
import {
  command,
  eventCount,
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
let lastPosition = 0;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('POST /units', () => {
  it('creates a unit (201) under a parent', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: {
        id: 'hanoi-c3',
        name: 'UBND xã Ba',
        level: 'commune',
        parentId: UNITS.province,
        from: '2026-11-15',
      },
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
      from: '2026-11-15',
      ceasedOn: null,
      successorId: null,
      mergesInto: null,
    });
  });

  it('a unit without from exists from 1990-01-01 (docs/reference/api-contract.md); a from before the parent’s is 400', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'hanoi-c4', name: 'UBND xã Bốn', level: 'commune', parentId: UNITS.province },
    });
    expectStatus(res, 201);
    expect(res.body.from).toBe('1990-01-01');
    const child = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'hanoi-c3-x', name: 'Thôn', level: 'agency', parentId: 'hanoi-c3', from: '2026-11-01' },
    });
    expectProblem(child, 400, 'VALIDATION_FAILED');
    expect(child.body.errors).toEqual([expect.objectContaining({ path: 'from' })]);
    // A head before the unit exists is 400; a head from a day ahead is a schedule (docs/reference/api-contract.md).
    const early = await app.request('POST', '/api/v1/units/hanoi-c3/heads', {
      token: t.admin,
      body: { personId: 'c3-0', fullName: 'Sớm', from: '2026-11-14' },
    });
    expectProblem(early, 400, 'VALIDATION_FAILED');
    const ahead = await app.request('POST', '/api/v1/units/hanoi-c3/heads', {
      token: t.admin,
      body: { personId: 'c3-1', fullName: 'Sắp tới', from: '2027-01-01' },
    });
    expectStatus(ahead, 201);
    expect(ahead.body.heads).toEqual([]);
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
    // docs/reference/api-contract.md: every unit to any role (a letter can be routed out of scope); heads only within scope.
    const scoped = await app.request('GET', '/api/v1/units', { token: t.handlerC1 });
    const items = scoped.body.items as { id: string; heads?: unknown }[];
    expect(items.map((u) => u.id)).toEqual(expect.arrayContaining([UNITS.commune1, UNITS.otherProvince]));
    expect(items.find((u) => u.id === UNITS.commune1)?.heads).toEqual(expect.any(Array));
    expect(items.find((u) => u.id === UNITS.otherProvince)).not.toHaveProperty('heads');
    expect(items.find((u) => u.id === UNITS.otherProvince)).toMatchObject({
      from: '1990-01-01',
      ceasedOn: null,
    });
  });

  it('pages by unit id (docs/reference/api-contract.md, Lists): total counts all, pageSize ≤ 200', async () => {
    const all = await app.request('GET', '/api/v1/units', { token: t.admin });
    const ids = (all.body.items as { id: string }[]).map((u) => u.id);
    expect(ids).toEqual([...ids].sort());
    expect(all.body.pageSize).toBe(200);
    const second = await app.request('GET', '/api/v1/units?page=2&pageSize=2', { token: t.admin });
    expectStatus(second, 200);
    expect(second.body).toMatchObject({ total: ids.length, page: 2, pageSize: 2 });
    expect((second.body.items as { id: string }[]).map((u) => u.id)).toEqual(ids.slice(2, 4));
    const invalid = await app.request('GET', '/api/v1/units?pageSize=201', { token: t.admin });
    expectProblem(invalid, 400, 'VALIDATION_FAILED');
    expect(invalid.body.errors.map((e: { path: string }) => e.path)).toContain('pageSize');
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
    const tooFar = await app.request('POST', `/api/v1/units/${UNITS.commune1}/heads`, {
      token: t.admin,
      body: { personId: 'p-9', fullName: 'Tương lai', from: '2032-01-01' },
    });
    expectProblem(tooFar, 400, 'VALIDATION_FAILED');
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
    for (const intoUnitId of [UNITS.province, UNITS.commune1, 'nowhere'])
      expectProblem(
        await app.request('POST', `/api/v1/units/${UNITS.province}/merge`, {
          token: t.admin,
          body: { intoUnitId, effectiveOn: '2026-11-20' },
        }),
        400,
        'VALIDATION_FAILED',
      );
  });
});

describe('units over time: past and scheduled mergers (docs/reference/api-contract.md)', () => {
  const create = async (id: string, from?: string) => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id, name: `UBND ${id}`, level: 'commune', parentId: UNITS.province, ...(from ? { from } : {}) },
    });
    expectStatus(res, 201);
    return res.body as { position: number };
  };
  const merge = (id: string, intoUnitId: string, effectiveOn: string) =>
    app.request('POST', `/api/v1/units/${id}/merge`, { token: t.admin, body: { intoUnitId, effectiveOn } });
  const runMerger = async () => {
    await app.catchUp();
    return new UnitMergerProcess(app.runtime, app.runner).runOnce();
  };

  it('records the 1 July 2025 reform for units created today: a merger in the past', async () => {
    tick(app, 10_000);
    await create('xa-cu-1');
    await create('xa-moi', '2025-07-01');
    // Into a unit that did not exist yet on effectiveOn: 400 naming effectiveOn.
    const early = await merge('xa-cu-1', 'xa-moi', '2025-06-30');
    expectProblem(early, 400, 'VALIDATION_FAILED');
    expect(early.body.errors).toEqual([expect.objectContaining({ path: 'effectiveOn' })]);
    const res = await merge('xa-cu-1', 'xa-moi', '2025-07-01');
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      id: 'xa-cu-1',
      ceasedOn: '2025-07-01',
      successorId: 'xa-moi',
      mergesInto: null,
      status: 'merged',
    });
    expect(await runMerger()).toBe(1);
    const june = await app.request('GET', `/api/v1/units?asOf=2025-06-30&minPosition=${res.body.position}`, {
      token: t.admin,
    });
    const juneIds = (june.body.items as { id: string }[]).map((u) => u.id);
    expect(juneIds).toContain('xa-cu-1');
    expect(juneIds).not.toContain('xa-moi');
    const july = await app.request('GET', '/api/v1/units?asOf=2025-07-01', { token: t.admin });
    const julyIds = (july.body.items as { id: string }[]).map((u) => u.id);
    expect(julyIds).toContain('xa-moi');
    expect(julyIds).not.toContain('xa-cu-1');
    // A ceased unit takes no sessions dated on or after effectiveOn (400 naming the field).
    const session = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body: { unitId: 'xa-cu-1', hostPersonId: 'x', date: '2026-11-25', kind: 'periodic', mode: 'in_person' },
    });
    expectProblem(session, 400, 'VALIDATION_FAILED');
    expect(session.body.errors).toEqual([expect.objectContaining({ path: 'date' })]);
  }, 30_000);

  it('schedules a merger ahead: mergesInto until then, carried out by the worker on effectiveOn', async () => {
    tick(app, 20_000);
    await create('xa-sap-nhap');
    const c = await registerAndClassify(
      app,
      t,
      { receivingUnitId: 'xa-sap-nhap', receivedAt: '2026-11-22' },
      { kind: 'petition', competentUnitId: 'xa-sap-nhap' },
    );
    const res = await merge('xa-sap-nhap', 'xa-moi', '2026-12-01');
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      status: 'active',
      ceasedOn: null,
      mergesInto: { unitId: 'xa-moi', effectiveOn: '2026-12-01' },
    });
    // One per unit.
    expectProblem(await merge('xa-sap-nhap', UNITS.commune1, '2026-12-10'), 409, 'ILLEGAL_TRANSITION');
    // Not due yet: nothing moves.
    expect(await runMerger()).toBe(0);
    expect(
      (await app.request('GET', `/api/v1/cases/${c.id}`, { token: t.handler })).body.receivingUnitId,
    ).toBe('xa-sap-nhap');
    const got = await app.request('GET', '/api/v1/units/xa-sap-nhap', { token: t.admin });
    expect(got.body).toMatchObject({
      mergesInto: { unitId: 'xa-moi', effectiveOn: '2026-12-01' },
      version: 2,
    });

    // On effectiveOn (Vietnam date) the unit refuses new acts even before the worker has run.
    tick(app, 0, '2026-12-01T01:00:00.000Z');
    expectProblem(
      await app.request('PATCH', '/api/v1/units/xa-sap-nhap', { token: t.admin, body: { name: 'Muộn' } }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expect(await runMerger()).toBe(1);
    const moved = await app.request('GET', `/api/v1/cases/${c.id}`, { token: t.handler });
    expect(moved.body).toMatchObject({ receivingUnitId: 'xa-moi', competentUnitId: 'xa-moi' });
    const history = await app.request('GET', `/api/v1/cases/${c.id}/history`, { token: t.auditor });
    expect(history.body.events.at(-1)).toMatchObject({
      type: 'CaseTransferred',
      data: { kind: 'unit_merger', toUnitId: 'xa-moi', at: '2026-12-01' },
    });
    const after = await app.request('GET', '/api/v1/units/xa-sap-nhap', { token: t.admin });
    expect(after.body).toMatchObject({ ceasedOn: '2026-12-01', successorId: 'xa-moi', mergesInto: null });
    expect(await runMerger()).toBe(0);
  }, 30_000);

  it('withdraws a scheduled merger before its date (POST /units/:id/merge/cancel)', async () => {
    tick(app, 0, '2026-12-02T01:00:00.000Z');
    await create('xa-hoan');
    expectProblem(
      await app.request('POST', '/api/v1/units/xa-hoan/merge/cancel', {
        token: t.admin,
        body: { reason: 'x' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectStatus(await merge('xa-hoan', 'xa-moi', '2026-12-15'), 200);
    expectProblem(
      await app.request('POST', '/api/v1/units/xa-hoan/merge/cancel', {
        token: t.admin,
        body: { reason: '' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await app.request('POST', '/api/v1/units/xa-hoan/merge/cancel', {
        token: t.handler,
        body: { reason: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    const cancelled = await app.request('POST', '/api/v1/units/xa-hoan/merge/cancel', {
      token: t.admin,
      body: { reason: 'Nghị quyết chưa được thông qua' },
    });
    expectStatus(cancelled, 200);
    expect(cancelled.body).toMatchObject({ mergesInto: null, ceasedOn: null, status: 'active' });
    // The date comes: nothing happens; the unit goes on.
    tick(app, 0, '2026-12-15T01:00:00.000Z');
    expect(await runMerger()).toBe(0);
    expectStatus(
      await app.request('PATCH', '/api/v1/units/xa-hoan', { token: t.admin, body: { name: 'UBND xã Hoãn' } }),
      200,
    );
  }, 30_000);
});
