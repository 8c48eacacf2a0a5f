/**
 * Contract: the boards of docs/reference/api-contract.md — /deadlines/overdue and /upcoming with their two clocks (asOf,
 * recordedBefore), /accountability arithmetic, /reception-duty periods, /inspections/follow-up
 * report schedules, CSV exports. Dates are literals computed by hand from docs/reference/deadlines.md, The holiday calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  client,
  contractRegistration,
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

let app: TestApp;
let c: ReturnType<typeof client>;
let admin: string;
let sup: string;

// Boards tree: ct-b (province) ⊃ ct-b1 (commune). Accountability tree: ct-a (province) ⊃ ct-a1
// (commune), ct-a2 (department).
const B = 'ct-b';
const B1 = 'ct-b1';
const A = 'ct-a';
const A1 = 'ct-a1';
const A2 = 'ct-a2';

const ids = (res: { body: { items: { caseId: string }[] } }) => res.body.items.map((i) => i.caseId).sort();
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- board rows are read as JSON
const row = (res: { body: { items: any[] } }, caseId: string) =>
  res.body.items.find((i) => i.caseId === caseId);

async function head(unitId: string, personId: string, fullName: string, from: string, acting?: boolean) {
  const res = await app.request('POST', `/api/v1/units/${unitId}/heads`, {
    token: admin,
    body: { personId, fullName, from, ...(acting ? { acting } : {}) },
  });
  expect([200, 201]).toContain(res.status);
}

beforeAll(async () => {
  const world = await startWorld({
    organisation: {
      tree: {
        setupAt: '2024-12-02T03:00:00.000Z',
        units: [
          [B, `Đơn vị ${B}`, 'province', undefined],
          [B1, `Đơn vị ${B1}`, 'commune', B],
          [A, `Đơn vị ${A}`, 'province', undefined],
          [A1, `Đơn vị ${A1}`, 'commune', A],
          [A2, `Đơn vị ${A2}`, 'department', A],
        ],
      },
      roster: {
        admin: ['ct-admin', ['admin'], undefined, 'Quản trị'],
        sup: ['ct-sup', ['supervisor'], B, 'Giám sát'],
      },
      units: { A, A1, A2, B, B1 },
    },
  });
  app = world.app;
  c = client(app, contractRegistration);
  ({ admin, sup } = world.tokens);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('Deadline boards and their two clocks', () => {
  let recB: string;
  let recB1: string;
  let hB: string;
  const k: Record<string, View> = {};

  beforeAll(async () => {
    recB = await app.token('ct-rec-b', ['reception'], B);
    recB1 = await app.token('ct-rec-b1', ['reception'], B1);
    hB = await app.token('ct-h-b', ['handler'], B);
    // B5: a denunciation received 2026-09-08, accepted 09-10 and suspended 09-20, each recorded that
    // day (a suspension recorded in time pauses accountability too: docs/reference/deadlines.md §9).
    app.setNow('2026-09-08T03:00:00.000Z');
    k.b5 = await c.intake(recB, 'denunciation', { receivedAt: '2026-09-08', receivingUnitId: B });
    app.setNow('2026-09-10T03:00:00.000Z');
    await c.cmd(hB, k.b5.id, 'accept', { acceptedAt: '2026-09-10' });
    app.setNow('2026-09-20T03:00:00.000Z');
    await c.cmd(hB, k.b5.id, 'suspend', { at: '2026-09-20', reason: 'Chờ giám định' });
    // B1 registered on 2026-10-01 (KN-ACC due 2026-10-12).
    app.setNow('2026-10-01T03:00:00.000Z');
    k.b1 = await c.intake(recB, 'complaint', { receivedAt: '2026-10-01', receivingUnitId: B });
    // On 2026-10-25: heads, and the other cases.
    app.setNow('2026-10-25T03:00:00.000Z');
    await head(B, 'hb-a', 'Nguyễn Văn An', '2026-01-01');
    await head(B, 'hb-b', 'Trần Thị Bích', '2026-10-10');
    await head(B1, 'hb1', 'Lê Văn Xã', '2026-01-01');
    k.b3 = await c.intake(recB1, 'complaint', { receivedAt: '2026-09-01', receivingUnitId: B1 });
    k.b4 = await c.intake(recB, 'complaint', { receivedAt: '2026-09-01', receivingUnitId: B });
    k.b6 = await c.intake(recB, 'complaint', { receivedAt: '2026-09-01', receivingUnitId: B });
    await c.cmd(hB, k.b6.id, 'withdraw', { at: '2026-09-05' });
    // B1 accepted late (dated 2026-10-20), recorded on 2026-11-20.
    app.setNow('2026-11-20T03:00:00.000Z');
    await c.cmd(hB, k.b1.id, 'accept', { acceptedAt: '2026-10-20' });
    app.setNow(NOW);
    // B2: a denunciation at the commune, TC-PRE due 2026-11-25, assigned.
    k.b2 = await c.intake(recB1, 'denunciation', { receivedAt: '2026-11-16', receivingUnitId: B1 });
    // Assigning a denunciation is reserved to a head of the receiving or competent unit.
    await c.cmd(await app.token('hb-b', ['head'], B), k.b2.id, 'assign', { handlerId: 'ct-h-b1' });
    await app.catchUp();
  }, LONG);

  const overdue = (qs: string) => app.request('GET', `/api/v1/deadlines/overdue?${qs}`, { token: sup });
  const upcoming = (qs: string) => app.request('GET', `/api/v1/deadlines/upcoming?${qs}`, { token: sup });

  it('the case views agree: B3 missed at query time, B5 paused, B6 cancelled, B1 missed (late)', async () => {
    expect(only(await c.view(sup, k.b3.id), 'KN-ACC')).toMatchObject({
      dueOn: '2026-09-11',
      status: 'missed',
    });
    expect(only(await c.view(sup, k.b5.id), 'TC-RES')).toMatchObject({
      dueOn: '2026-10-12',
      status: 'paused',
    });
    expect(only(await c.view(sup, k.b6.id), 'KN-ACC').status).toBe('cancelled');
    expect(only(await c.view(sup, k.b1.id), 'KN-ACC').status).toBe('missed');
  });

  it('a completed deadline carries completedOn and completedRecordedAt (B1 accepted 10-20, recorded 11-20)', async () => {
    const view = await c.view(sup, k.b1.id);
    expect(only(view, 'KN-ACC')).toMatchObject({
      status: 'missed',
      completedOn: '2026-10-20',
      completedRecordedAt: '2026-11-20T03:00:00.000Z',
      lateEntry: true,
    });
    // Still open: neither.
    expect(only(view, 'KN-RES1')).not.toHaveProperty('completedOn');
    expect(only(view, 'KN-RES1')).not.toHaveProperty('completedRecordedAt');
    // B6 withdrawn on 10-25 (dated 09-05): its KN-ACC ended then.
    expect(only(await c.view(sup, k.b6.id), 'KN-ACC')).toMatchObject({
      completedOn: '2026-09-05',
      completedRecordedAt: '2026-10-25T03:00:00.000Z',
    });
  });

  it('today (includeSubunits default true): B3 and B4 with daysOverdue 72, B1 resolution deadline and the head in office on dueOn', async () => {
    const res = await overdue(`unitId=${B}`);
    expectStatus(res, 200);
    expect(Array.isArray(res.body.items)).toBe(true);
    // B1's KN-RES1 (accepted 2026-10-20 → 30 days → 2026-11-19) is overdue too.
    expect(ids(res)).toEqual([k.b1.id, k.b3.id, k.b4.id].sort());
    expect(row(res, k.b1.id)).toMatchObject({
      ruleId: 'KN-RES1',
      dueOn: '2026-11-19',
      daysOverdue: 3,
      headOfUnit: { personId: 'hb-b' },
    });
    expect(row(res, k.b3.id)).toMatchObject({
      caseId: k.b3.id,
      trackingCode: k.b3.trackingCode,
      ruleId: 'KN-ACC',
      dueOn: '2026-09-11',
      daysOverdue: 72,
      unitId: B1,
      headOfUnit: { personId: 'hb1', fullName: 'Lê Văn Xã' },
    });
    expect(row(res, k.b3.id)).toHaveProperty('handlerId');
    // hb-b is in office today, but hb-a was on 2026-09-11.
    expect(row(res, k.b4.id)).toMatchObject({
      unitId: B,
      headOfUnit: { personId: 'hb-a', fullName: 'Nguyễn Văn An' },
    });
  });

  it('asOf=2026-10-15: B1 (3 days, head hb-b in office on 2026-10-12), B3 and B4 (34 days)', async () => {
    const res = await overdue(`unitId=${B}&asOf=2026-10-15`);
    expectStatus(res, 200);
    expect(ids(res)).toEqual([k.b1.id, k.b3.id, k.b4.id].sort());
    expect(row(res, k.b1.id)).toMatchObject({
      daysOverdue: 3,
      dueOn: '2026-10-12',
      headOfUnit: { personId: 'hb-b' },
    });
    expect(row(res, k.b3.id)).toMatchObject({ daysOverdue: 34 });
    const own = await overdue(`unitId=${B}&asOf=2026-10-15&includeSubunits=false`);
    expect(ids(own)).toEqual([k.b1.id, k.b4.id].sort());
  });

  it('dueOn = asOf is not overdue; a completion dated ≤ asOf takes it off', async () => {
    expect(ids(await overdue(`unitId=${B}&asOf=2026-10-12`))).not.toContain(k.b1.id);
    expect(ids(await overdue(`unitId=${B}&asOf=2026-10-21`))).not.toContain(k.b1.id);
    expect(ids(await overdue(`unitId=${B}&asOf=2026-10-20`))).not.toContain(k.b1.id);
  });

  it('recordedBefore: what the system showed — the late acceptance recorded on 11-20 does not count yet', async () => {
    const res = await overdue(`unitId=${B}&asOf=2026-10-21&recordedBefore=2026-11-01T00:00:00Z`);
    expectStatus(res, 200);
    expect(row(res, k.b1.id)).toMatchObject({ daysOverdue: 9, headOfUnit: { personId: 'hb-b' } });
    // Before the heads and the other cases were recorded (2026-10-25): only B1, and no head known.
    const early = await overdue(`unitId=${B}&asOf=2026-10-21&recordedBefore=2026-10-20T00:00:00Z`);
    expectStatus(early, 200);
    expect(ids(early)).toEqual([k.b1.id]);
    expect(row(early, k.b1.id)?.headOfUnit ?? null).toBeNull();
  });

  it('an auditor reads the boards as of a date and as recorded before an instant, in scope (no CSV)', async () => {
    // api-contract.md, Auth, roles and scope: auditor — "as-of views of cases and of boards (asOf, recordedBefore)".
    const aud = await app.token('ct-aud-b', ['auditor'], B, 'Kiểm toán B');
    const audB1 = await app.token('ct-aud-b1', ['auditor'], B1, 'Kiểm toán B1');
    const qs = `unitId=${B}&asOf=2026-10-21&recordedBefore=2026-11-01T00:00:00Z`;
    for (const path of [
      `/api/v1/deadlines/overdue?${qs}`,
      `/api/v1/deadlines/overdue?unitId=${B}`,
      `/api/v1/deadlines/upcoming?unitId=${B}&asOf=2026-10-05&recordedBefore=2026-11-01T00:00:00Z`,
      `/api/v1/deadlines/unclassified?unitId=${B}&asOf=2026-10-21`,
      `/api/v1/inspections/follow-up?unitId=${B}&asOf=2026-10-21&recordedBefore=2026-11-01T00:00:00Z`,
      `/api/v1/reception-duty?unitId=${B}&from=2026-01-01&to=2026-11-22&asOf=2026-10-21&recordedBefore=2026-11-01T00:00:00Z`,
    ]) {
      const asAuditor = await app.request('GET', path, { token: aud });
      expectStatus(asAuditor, 200);
      const asSupervisor = await app.request('GET', path, { token: sup });
      expect(asAuditor.body).toEqual(asSupervisor.body);
    }
    const early = await app.request('GET', `/api/v1/deadlines/overdue?${qs}`, { token: aud });
    expect(row(early, k.b1.id)).toMatchObject({ daysOverdue: 9, headOfUnit: { personId: 'hb-b' } });
    // Scope: an auditor of the commune does not see the province's board.
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?${qs}`, { token: audB1 }),
      404,
      'NOT_FOUND',
    );
    expectStatus(await app.request('GET', `/api/v1/deadlines/overdue?unitId=${B1}`, { token: audB1 }), 200);
    // Exports stay with supervisors and admins.
    const csv = await fetch(`${app.url}/api/v1/deadlines/overdue?${qs}`, {
      headers: { authorization: `Bearer ${aud}`, accept: 'text/csv' },
    });
    expect(csv.status).toBe(403);
  });

  it('upcoming: due from asOf to asOf + withinDays (default 7), with daysLeft', async () => {
    const today = await upcoming(`unitId=${B}`);
    expectStatus(today, 200);
    expect(row(today, k.b2.id)).toMatchObject({
      ruleId: 'TC-PRE',
      dueOn: '2026-11-25',
      daysLeft: 3,
      unitId: B1,
      handlerId: 'ct-h-b1',
      headOfUnit: { personId: 'hb1', fullName: 'Lê Văn Xã' },
      trackingCode: k.b2.trackingCode,
    });
    expect(ids(await upcoming(`unitId=${B}&asOf=2026-11-20&withinDays=3`))).not.toContain(k.b2.id);
    expect(row(await upcoming(`unitId=${B}&asOf=2026-11-20&withinDays=5`), k.b2.id)).toMatchObject({
      daysLeft: 5,
    });
    expect(row(await upcoming(`unitId=${B}&asOf=2026-11-18`), k.b2.id)).toMatchObject({ daysLeft: 7 });
    // On 2026-10-05, B1 (completed only on 10-20) was open and due in 7 days; B5's TC-RES (due 10-12)
    // is paused since 09-20, so it is not an open deadline.
    const oct5 = await upcoming(`unitId=${B}&asOf=2026-10-05`);
    expect(row(oct5, k.b1.id)).toMatchObject({ daysLeft: 7, dueOn: '2026-10-12' });
    expect(row(oct5, k.b5.id)).toBeUndefined();
    // On asOf = dueOn: daysLeft 0.
    expect(row(await upcoming(`unitId=${B}&asOf=2026-10-12&withinDays=0`), k.b1.id)).toMatchObject({
      daysLeft: 0,
    });
  });

  it('accountability counts a paused deadline as open, never missed (Oct 2026: hb-b due 2, missed 1, open 1)', async () => {
    const res = await app.request('GET', `/api/v1/accountability?unitId=${B}&from=2026-10-01&to=2026-10-31`, {
      token: sup,
    });
    expectStatus(res, 200);
    const b = res.body.items.find((i: { personId: string }) => i.personId === 'hb-b');
    expect(b).toMatchObject({ from: '2026-10-10', due: 2, met: 0, missed: 1, open: 1, onTimeRate: 0 });
    const a = res.body.items.find((i: { personId: string }) => i.personId === 'hb-a');
    expect(a).toMatchObject({ to: '2026-10-09', due: 0, met: 0, missed: 0, open: 0, onTimeRate: null });
  });

  it('CSV: Accept text/csv → text/csv, UTF-8 with BOM, Vietnamese headings', async () => {
    for (const path of [
      `/api/v1/deadlines/overdue?unitId=${B}`,
      `/api/v1/accountability?unitId=${B}&from=2026-01-01&to=2026-12-31`,
      `/api/v1/reception-duty?unitId=${B}&from=2026-01-01&to=2026-11-22`,
    ]) {
      const res = await fetch(app.url + path, {
        headers: { authorization: `Bearer ${sup}`, accept: 'text/csv' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type') ?? '').toMatch(/^text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const firstLine = new TextDecoder().decode(bytes.slice(3)).split(/\r?\n/)[0];
      expect(firstLine).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    }
  });
});

describe('Accountability: one row per head term; met + missed + open = due', () => {
  let recA: string;
  let hA: string;
  const k: Record<string, View> = {};

  beforeAll(async () => {
    recA = await app.token('ct-rec-a', ['reception'], A);
    hA = await app.token('ct-h-a', ['handler'], A);
    await head(A, 'ha-a', 'Phan Văn Một', '2026-01-01');
    await head(A, 'ha-b', 'Đinh Thị Hai', '2026-10-01', true);
    // Every act is recorded on its business date, in time (docs/reference/deadlines.md §9): a back-dated one would
    // count against the head whatever its date (law.e2e-spec.ts shows that).
    const on = (date: string) => app.setNow(`${date}T03:00:00.000Z`);
    // A1: KN-ACC 07-10 met (accepted 07-08); KN-RES1 08-07 missed (resolved 08-20).
    on('2026-07-01');
    k.a1 = await c.intake(recA, 'complaint', { receivedAt: '2026-07-01', receivingUnitId: A });
    on('2026-07-08');
    await c.cmd(hA, k.a1.id, 'accept', { acceptedAt: '2026-07-08' });
    on('2026-08-20');
    const r = await c.cmd(hA, k.a1.id, 'resolve', {
      decidedAt: '2026-08-20',
      outcome: 'rejected',
      verificationAgreesWithRequest: true,
      summary: 'Bác',
    });
    expect(only(r, 'KN-RES1')).toMatchObject({ dueOn: '2026-08-07', status: 'missed' });
    // A5: KN-ACC 08-12 cancelled by a withdrawal on 08-05.
    on('2026-08-03');
    k.a5 = await c.intake(recA, 'complaint', { receivedAt: '2026-08-03', receivingUnitId: A });
    on('2026-08-05');
    await c.cmd(hA, k.a5.id, 'withdraw', { at: '2026-08-05' });
    // A2: KN-ACC 09-11, never completed (missed).
    on('2026-09-01');
    k.a2 = await c.intake(recA, 'complaint', { receivedAt: '2026-09-01', receivingUnitId: A });
    // A4: KN-ACC 10-12 met (rejected on 10-12).
    on('2026-10-01');
    k.a4 = await c.intake(recA, 'complaint', { receivedAt: '2026-10-01', receivingUnitId: A });
    on('2026-10-12');
    await c.cmd(hA, k.a4.id, 'reject', { at: '2026-10-12', reason: 'Không đủ điều kiện' });
    // A3: KN-ACC 11-25 open.
    on('2026-11-16');
    k.a3 = await c.intake(recA, 'complaint', { receivedAt: '2026-11-16', receivingUnitId: A });
    app.setNow(NOW);
    await app.catchUp();
  }, LONG);

  const acc = async (qs: string) => {
    const res = await app.request('GET', `/api/v1/accountability?unitId=${A}&${qs}`, { token: sup });
    expectStatus(res, 200);
    for (const r of res.body.items) expect(r.met + r.missed + r.open).toBe(r.due);
    return res.body.items as Record<string, unknown>[];
  };
  const person = (items: Record<string, unknown>[], id: string) => items.find((i) => i.personId === id);

  beforeAll(async () => {
    sup = await app.token('ct-sup-a', ['supervisor'], A, 'Giám sát A');
  });

  it('the whole year: ha-a due 3 (met 1, missed 2), ha-b (acting) due 2 (met 1, open 1)', async () => {
    const items = await acc('from=2026-01-01&to=2026-12-31');
    expect(items.filter((i) => i.unitId === A)).toHaveLength(2);
    const a = person(items, 'ha-a');
    expect(a).toMatchObject({
      fullName: 'Phan Văn Một',
      unitId: A,
      from: '2026-01-01',
      to: '2026-09-30',
      acting: false,
      due: 3,
      met: 1,
      missed: 2,
      open: 0,
    });
    expect(a?.onTimeRate as number).toBeCloseTo(1 / 3, 5);
    const b = person(items, 'ha-b');
    expect(b).toMatchObject({
      from: '2026-10-01',
      acting: true,
      due: 2,
      met: 1,
      missed: 0,
      open: 1,
      onTimeRate: 1,
    });
    for (const key of ['reportsDue', 'reportsMissed', 'receptionRequired', 'receptionHeld', 'dialoguesHeld'])
      expect(a).toHaveProperty(key);
  });

  it('asOf: a deadline is missed only when dueOn < asOf (08-15 → missed; 08-07 → still open)', async () => {
    const late = await acc('from=2026-07-01&to=2026-08-31&asOf=2026-08-15');
    expect(person(late, 'ha-b')).toBeUndefined();
    expect(person(late, 'ha-a')).toMatchObject({ due: 2, met: 1, missed: 1, open: 0, onTimeRate: 0.5 });
    const onDue = await acc('from=2026-07-01&to=2026-08-31&asOf=2026-08-07');
    expect(person(onDue, 'ha-a')).toMatchObject({ due: 2, met: 1, missed: 0, open: 1, onTimeRate: 1 });
  });

  it('dueOn must be inside [from, to]; onTimeRate is null when met + missed = 0', async () => {
    expect(person(await acc('from=2026-07-01&to=2026-09-10'), 'ha-a')).toMatchObject({
      due: 2,
      met: 1,
      missed: 1,
    });
    expect(person(await acc('from=2026-11-01&to=2026-11-30'), 'ha-b')).toMatchObject({
      due: 1,
      met: 0,
      missed: 0,
      open: 1,
      onTimeRate: null,
    });
  });
});

describe('Reception duty: months for province/department heads, ISO weeks for commune chairs', () => {
  let recA: string;
  // Recorded by the host from the session's unit (the host is the head on that day or the recorder).
  const hold = async (hostPersonId: string, heldOn: string, unitId = A, holder = hostPersonId) => {
    const s = await app.request('POST', '/api/v1/reception-sessions', {
      token: recA,
      body: { unitId, hostPersonId, date: heldOn, kind: 'periodic', mode: 'in_person' },
    });
    expectStatus(s, 201);
    const token = await app.token(holder, ['head'], unitId);
    expectStatus(
      await app.request('POST', `/api/v1/reception-sessions/${s.body.id}/hold`, {
        token,
        body: { heldOn, hostPersonId, citizensReceived: 2 },
      }),
      200,
    );
  };
  const duty = async (unitId: string, qs: string) => {
    const res = await app.request('GET', `/api/v1/reception-duty?unitId=${unitId}&${qs}`, { token: sup });
    expectStatus(res, 200);
    return res.body.items as Record<string, unknown>[];
  };

  beforeAll(async () => {
    recA = await app.token('ct-rec-a', ['reception'], A);
    await head(A1, 'hc', 'Chủ tịch Xã', '2025-12-01');
    await head(A2, 'hd', 'Giám đốc Sở', '2026-05-30');
    await hold('ha-a', '2026-07-15');
    await hold('ct-deputy', '2026-08-10'); // someone else: not the head's
    await hold('ha-b', '2026-11-05');
    await hold('ha-b', '2026-11-05'); // the same day twice: one day
    await hold('ha-b', '2026-11-06');
    await hold('hc', '2026-02-10', A1);
    await app.catchUp();
  }, LONG);

  it('province: Jul–Nov 2026 → ha-a 3 months (held 1, missing 2), ha-b 2 months (held 2 days, missing 1)', async () => {
    const items = await duty(A, 'from=2026-07-01&to=2026-11-30');
    expect(items.find((i) => i.personId === 'ha-a')).toMatchObject({
      unitId: A,
      required: 3,
      held: 1,
      missing: 2,
    });
    expect(items.find((i) => i.personId === 'ha-b')).toMatchObject({
      unitId: A,
      required: 2,
      held: 2,
      missing: 1,
    });
  });

  it('a month with no working day inside the term does not count (term from Sat 2026-05-30)', async () => {
    const items = await duty(A2, 'from=2026-05-01&to=2026-07-31');
    expect(items.find((i) => i.personId === 'hd')).toMatchObject({ required: 2, held: 0, missing: 2 });
  });

  it('commune chair: ISO weeks with a working day inside; Tết week 2026-W08 has none', async () => {
    expect((await duty(A1, 'from=2026-02-09&to=2026-02-22')).find((i) => i.personId === 'hc')).toMatchObject({
      required: 1,
      held: 1,
      missing: 0,
    });
    // Sat 3 – Sun 4 January: no working day in the range.
    expect((await duty(A1, 'from=2026-01-03&to=2026-01-04')).find((i) => i.personId === 'hc')).toMatchObject({
      required: 0,
      missing: 0,
    });
    // Sat 10 January is a make-up working day.
    expect((await duty(A1, 'from=2026-01-10&to=2026-01-11')).find((i) => i.personId === 'hc')).toMatchObject({
      required: 1,
      held: 0,
      missing: 1,
    });
    // W35 and W36 (Aug 31 – Sep 2 off, Sep 3–4 worked).
    expect((await duty(A1, 'from=2026-08-24&to=2026-09-06')).find((i) => i.personId === 'hc')).toMatchObject({
      required: 2,
    });
  });

  it('accountability reports the same reception counts for the term', async () => {
    const res = await app.request('GET', `/api/v1/accountability?unitId=${A}&from=2026-07-01&to=2026-11-30`, {
      token: sup,
    });
    expectStatus(res, 200);
    const a = res.body.items.find((i: { personId: string }) => i.personId === 'ha-a');
    expect(a).toMatchObject({ receptionRequired: 3, receptionHeld: 1 });
  });
});

describe('Inspections and the follow-up board', () => {
  let headA1: string;
  const rec: Record<string, string> = {};
  let insp1: string;
  let insp2: string;
  let insp3: string;
  let insp4: string;

  const create = async (decidedOn: string) => {
    const res = await app.request('POST', '/api/v1/inspections', {
      token: admin,
      body: { title: 'Thanh tra đất đai', kind: 'inspection', leadUnitId: A, inspectedUnitId: A1, decidedOn },
    });
    expectStatus(res, 201);
    expect(typeof res.body.id).toBe('string');
    return res.body.id as string;
  };
  const conclude = async (id: string, concludedOn: string, recommendations: Record<string, unknown>[]) => {
    const res = await app.request('POST', `/api/v1/inspections/${id}/conclusion`, {
      token: admin,
      body: { concludedOn, summary: 'Kết luận', recommendations },
    });
    expectStatus(res, 200);
    return (res.body.recommendations as { id: string }[]).map((r) => r.id);
  };
  const report = async (id: string, rid: string, reportedOn: string, done = false) =>
    app.request('POST', `/api/v1/inspections/${id}/recommendations/${rid}/reports`, {
      token: headA1,
      body: { reportedOn, progress: 'Đang thực hiện', done },
    });
  const board = async (qs = '') => {
    const res = await app.request('GET', `/api/v1/inspections/follow-up?unitId=${A1}${qs}`, { token: sup });
    expectStatus(res, 200);
    return res.body.items as Record<string, unknown>[];
  };
  // Recommendation ids may be local to their inspection: rec[...] holds "<inspectionId>/<rid>".
  const line = (items: Record<string, unknown>[], key: string) =>
    items.find((i) => `${i.inspectionId as string}/${i.recommendationId as string}` === key);
  const rid = (key: string) => key.split('/')[1];

  beforeAll(async () => {
    headA1 = await app.token('hc', ['head'], A1, 'Chủ tịch Xã');
    app.setNow('2026-11-01T03:00:00.000Z');
    insp1 = await create('2025-12-01');
    const [r1, r2, r2b, r3, rw] = await conclude(insp1, '2026-01-15', [
      { text: 'Thu hồi đất sai', ownerUnitId: A1, reportEvery: '6m', dueOn: '2027-03-31' },
      { text: 'Kiểm điểm', ownerUnitId: A1, reportEvery: '6m' },
      { text: 'Bồi thường', ownerUnitId: A1, reportEvery: '6m' },
      { text: 'Công khai', ownerUnitId: A1, reportDates: ['2026-12-01', '2027-06-01'] },
      { text: 'Miễn', ownerUnitId: A1, reportEvery: '12m' },
    ]);
    Object.assign(rec, { r1, r2, r2b, r3, rw });
    for (const k of ['r1', 'r2', 'r2b', 'r3', 'rw']) rec[k] = `${insp1}/${rec[k]}`;
    insp2 = await create('2025-11-01');
    const [r4, r5] = await conclude(insp2, '2025-11-30', [
      { text: 'Ba tháng', ownerUnitId: A1, reportEvery: '3m' },
      { text: 'Ba tháng có báo cáo', ownerUnitId: A1, reportEvery: '3m' },
    ]);
    Object.assign(rec, { r4: `${insp2}/${r4}`, r5: `${insp2}/${r5}` });
    insp3 = await create('2026-02-01');
    const [r6] = await conclude(insp3, '2026-03-02', [
      { text: 'Sáu tháng', ownerUnitId: A1, reportEvery: '6m' },
    ]);
    rec.r6 = `${insp3}/${r6}`;
    insp4 = await create('2026-08-01');
    const [r7] = await conclude(insp4, '2026-08-31', [
      { text: 'Cuối tháng', ownerUnitId: A1, reportEvery: '3m' },
    ]);
    rec.r7 = `${insp4}/${r7}`;
    expectStatus(await report(insp2, r5, '2026-05-29'), 200);
    app.setNow(NOW);
    expectStatus(await report(insp1, rid(rec.r2), '2026-07-10'), 200);
    expectStatus(await report(insp1, rid(rec.r2b), '2026-07-16'), 200);
    await app.catchUp();
  }, LONG);

  it('6-month cadence from 2026-01-15: due 2026-07-15 then 2027-01-15', async () => {
    const items = await board();
    expect(line(items, rec.r1)).toMatchObject({
      inspectionId: insp1,
      recommendationId: rid(rec.r1),
      ownerUnitId: A1,
      nextReportDue: '2026-07-15',
      overdue: true,
      overdueReports: 1,
      remediationDueOn: '2027-03-31',
    });
    expect(line(items, rec.r1)).toHaveProperty('status');
    // A report dated in (2026-01-15, 2026-07-15] satisfies the first due date.
    expect(line(items, rec.r2)).toMatchObject({
      nextReportDue: '2027-01-15',
      overdue: false,
      overdueReports: 0,
    });
    // A report dated 2026-07-16 satisfies the second, not the first.
    expect(line(items, rec.r2b)).toMatchObject({
      nextReportDue: '2026-07-15',
      overdue: true,
      overdueReports: 1,
    });
    // Given report dates (in the future).
    expect(line(items, rec.r3)).toMatchObject({
      nextReportDue: '2026-12-01',
      overdue: false,
      overdueReports: 0,
    });
  });

  it('3-month cadence from 2025-11-30: 2026-02-28, 05-30, 08-30, 11-30 (each from the conclusion date, clamped)', async () => {
    const items = await board();
    expect(line(items, rec.r4)).toMatchObject({
      nextReportDue: '2026-02-28',
      overdue: true,
      overdueReports: 3,
    });
    // The report of 2026-05-29 satisfies 2026-05-30 only.
    expect(line(items, rec.r5)).toMatchObject({
      nextReportDue: '2026-02-28',
      overdue: true,
      overdueReports: 2,
    });
    // From 2026-08-31: 2026-11-30 (clamped), not yet due.
    expect(line(items, rec.r7)).toMatchObject({
      nextReportDue: '2026-11-30',
      overdue: false,
      overdueReports: 0,
    });
  });

  it('no roll-forward: due on the holiday 2026-09-02; overdue only from asOf 2026-09-03', async () => {
    expect(line(await board('&asOf=2026-09-02'), rec.r6)).toMatchObject({
      nextReportDue: '2026-09-02',
      overdue: false,
      overdueReports: 0,
    });
    expect(line(await board('&asOf=2026-09-03'), rec.r6)).toMatchObject({ overdue: true, overdueReports: 1 });
  });

  it('recordedBefore: a report recorded later does not count', async () => {
    const items = await board('&recordedBefore=2026-11-10T00:00:00Z');
    expect(line(items, rec.r2)).toMatchObject({
      nextReportDue: '2026-07-15',
      overdue: true,
      overdueReports: 1,
    });
  });

  it('waived and done recommendations leave the board; close only when all are done or waived (409 before)', async () => {
    expectStatus(
      await app.request('POST', `/api/v1/inspections/${insp1}/recommendations/${rid(rec.rw)}/waive`, {
        token: admin,
        body: { at: '2026-11-20', reason: 'Không còn phù hợp' },
      }),
      200,
    );
    await app.catchUp();
    expect(line(await board(), rec.rw)).toBeUndefined();
    expectProblem(
      await app.request('POST', `/api/v1/inspections/${insp3}/close`, {
        token: admin,
        body: { closedOn: '2026-11-20' },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    expectStatus(
      await app.request('POST', `/api/v1/inspections/${insp3}/directive`, {
        token: admin,
        body: { issuedOn: '2026-03-10' },
      }),
      200,
    );
    expectStatus(
      await app.request('POST', `/api/v1/inspections/${insp3}/recommendations/${rid(rec.r6)}/plan`, {
        token: headA1,
        body: { submittedOn: '2026-03-20', actions: ['Rà soát', 'Báo cáo'] },
      }),
      200,
    );
    expectStatus(await report(insp3, rid(rec.r6), '2026-11-20', true), 200);
    await app.catchUp();
    expect(line(await board(), rec.r6)).toBeUndefined();
    expectStatus(
      await app.request('POST', `/api/v1/inspections/${insp3}/close`, {
        token: admin,
        body: { closedOn: '2026-11-21' },
      }),
      200,
    );
    expectStatus(await app.request('GET', `/api/v1/inspections/${insp3}`, { token: admin }), 200);
  });

  it('dates: decidedOn / concludedOn / reportedOn after today → 400; dueOn and reportDates may be in the future', async () => {
    expectInvalid(
      await app.request('POST', '/api/v1/inspections', {
        token: admin,
        body: { title: 'T', kind: 'check', leadUnitId: A, inspectedUnitId: A1, decidedOn: '2026-11-23' },
      }),
    );
    const id = await create('2026-11-01');
    expectInvalid(
      await app.request('POST', `/api/v1/inspections/${id}/conclusion`, {
        token: admin,
        body: { concludedOn: '2026-11-23', summary: 'x', recommendations: [{ text: 'a', ownerUnitId: A1 }] },
      }),
    );
    expectInvalid(await report(insp1, rid(rec.r1), '2026-11-23'));
  });

  it('accountability counts the recommendation reports of the unit (reportsMissed ≤ reportsDue)', async () => {
    const res = await app.request(
      'GET',
      `/api/v1/accountability?unitId=${A1}&from=2026-01-01&to=2026-11-22`,
      {
        token: sup,
      },
    );
    expectStatus(res, 200);
    const hc = res.body.items.find((i: { personId: string }) => i.personId === 'hc');
    expect(hc.reportsDue).toBeGreaterThan(0);
    expect(hc.reportsMissed).toBeGreaterThan(0);
    expect(hc.reportsMissed).toBeLessThanOrEqual(hc.reportsDue);
  });
});
