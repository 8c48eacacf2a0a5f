/**
 * /accountability, /reception-duty and the CSV exports over HTTP: the head in office on dueOn,
 * monthly and ISO-week reception duty, sessions held by someone else, the two clocks, CSV shape.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  command,
  deadlineOf,
  expectProblem,
  expectStatus,
  LONG,
  registerAndClassify,
  setClock,
  settle,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Applies every projection up to the last event written. On a shared PostgreSQL server the store
 * reads only events below the cluster-wide snapshot xmin, so one catch-up may stop short while other
 * databases have transactions open: retry until the head is applied (≤ 15 s).
 */
const DEPT = UNITS.department;
const C1 = UNITS.commune1;

/** Schedules (reception) and holds (a head) a session; returns its id. */
async function heldSession(
  app: TestApp,
  t: Tokens,
  unitId: string,
  heldOn: string,
  hostPersonId: string,
): Promise<string> {
  const s = await app.request('POST', '/api/v1/reception-sessions', {
    token: t.reception,
    body: { unitId, hostPersonId, date: heldOn, kind: 'periodic', mode: 'in_person' },
  });
  expectStatus(s, 201);
  // Recorded by the host, from the session's unit (the host is the head on that day or the recorder).
  const h = await app.request('POST', `/api/v1/reception-sessions/${s.body.id}/hold`, {
    token: await app.token(hostPersonId, ['head'], unitId),
    body: { heldOn, hostPersonId, citizensReceived: 2 },
  });
  expectStatus(h, 200);
  return s.body.id as string;
}

/** A complaint received on a day at the department; returns its id and KN-ACC due date. */
async function complaint(app: TestApp, t: Tokens, receivedAt: string) {
  const c = await registerAndClassify(
    app,
    t,
    { receivedAt, receivingUnitId: DEPT },
    { kind: 'complaint', level: 1, competentUnitId: DEPT },
  );
  return { id: c.id, dueOn: deadlineOf(c.view, 'KN-ACC')!.dueOn as string };
}

/** Raw bytes of a CSV answer (fetch's text() would drop the BOM). */
async function csv(app: TestApp, path: string, token: string) {
  const res = await fetch(app.url + path, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: bytes.toString('utf8') };
}

describe('accountability and reception duty', () => {
  let app: TestApp;
  let t: Tokens;
  const c: Record<string, { id: string; dueOn: string }> = {};

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
    // Every act is recorded on its business date (in time): docs/reference/deadlines.md §9 would count a back-dated
    // one against the head. law.e2e-spec.ts shows late entries.
    let ms = 0;
    const on = (date: string) => tick(app, (ms += 1000), `${date}T03:00:00.000Z`);
    on('2026-10-01');
    await appointHead(app, t.admin, DEPT, 'head-a', 'Nguyễn Văn An', '2026-01-01');
    await appointHead(app, t.admin, C1, 'chair-c1', 'Trần Văn Xã', '2026-01-01');
    c.met = await complaint(app, t, '2026-10-01'); // due Mon 2026-10-12 (head A), accepted on time
    on('2026-10-05');
    await command(app, t.handler, c.met.id, 'accept', { acceptedAt: '2026-10-05' });
    // Department (monthly duty): A in person on Oct 8; a deputy on Oct 20 (not B's); B in person on Nov 10.
    on('2026-10-08');
    await heldSession(app, t, DEPT, '2026-10-08', 'head-a');
    on('2026-10-12');
    c.open = await complaint(app, t, '2026-10-12'); // started under A, due 2026-10-21 under B, never completed
    on('2026-10-13');
    c.late = await complaint(app, t, '2026-10-13'); // due 2026-10-22 (B), accepted late
    on('2026-10-14');
    c.cancelled = await complaint(app, t, '2026-10-14'); // withdrawn on 2026-10-16
    on('2026-10-15');
    await appointHead(app, t.admin, DEPT, 'head-b', 'Lê Thị Bích', '2026-10-15');
    on('2026-10-16');
    await command(app, t.handler, c.cancelled.id, 'withdraw', { at: '2026-10-16', reason: 'Rút đơn' });
    on('2026-10-20');
    await command(app, t.handler, c.met.id, 'dialogues', {
      heldAt: '2026-10-20',
      noticeOn: '2026-10-15',
      participants: ['Ông A'],
      minutes: 'Biên bản',
      outcome: 'agreed',
    });
    await heldSession(app, t, DEPT, '2026-10-20', 'deputy-dept');
    on('2026-10-30');
    await command(app, t.handler, c.late.id, 'accept', { acceptedAt: '2026-10-30' });
    on('2026-11-02');
    await command(app, t.handler, c.late.id, 'dialogues', {
      heldAt: '2026-11-02',
      noticeOn: '2026-10-28',
      participants: ['Bà B'],
      minutes: 'Biên bản',
      outcome: 'disagreed',
    });
    // Commune 1 (weekly duty): the chair on Tue Nov 3 and Wed Nov 4 (same ISO week); a deputy on Nov 17.
    on('2026-11-03');
    await heldSession(app, t, C1, '2026-11-03', 'chair-c1');
    on('2026-11-04');
    await heldSession(app, t, C1, '2026-11-04', 'chair-c1');
    on('2026-11-10');
    await heldSession(app, t, DEPT, '2026-11-10', 'head-b');
    on('2026-11-17');
    await heldSession(app, t, C1, '2026-11-17', 'deputy-c1');
    tick(app, (ms += 1000));
    await settle(app);
  }, LONG);

  afterAll(async () => {
    await app?.close();
  }, LONG);

  const get = (path: string, token: string) => app.request('GET', path, { token });

  it('computes the due dates the scenario relies on', () => {
    expect([c.met.dueOn, c.open.dueOn, c.late.dueOn, c.cancelled.dueOn]).toEqual([
      '2026-10-12',
      '2026-10-21',
      '2026-10-22',
      '2026-10-23',
    ]);
  });

  it('counts a deadline against the head in office on its dueOn (head change mid-deadline)', async () => {
    const res = await get(
      `/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`,
      t.supervisor,
    );
    expectStatus(res, 200);
    expect(res.body.items).toEqual([
      {
        personId: 'head-a',
        fullName: 'Nguyễn Văn An',
        unitId: DEPT,
        from: '2026-10-01',
        to: '2026-10-14',
        termFrom: '2026-01-01',
        termTo: '2026-10-14',
        acting: false,
        due: 1,
        met: 1,
        missed: 0,
        open: 0,
        onTimeRate: 1,
        reportsDue: 0,
        reportsMissed: 0,
        receptionRequired: 1,
        receptionHeld: 1,
        dialoguesHeld: 0,
        lateEntries: 0,
        imported: 0,
      },
      {
        personId: 'head-b',
        fullName: 'Lê Thị Bích',
        unitId: DEPT,
        from: '2026-10-15',
        to: '2026-10-31',
        termFrom: '2026-10-15',
        termTo: null,
        acting: false,
        // c.open (started under A, due under B) and c.late (completed after dueOn: stays missed);
        // c.cancelled is excluded.
        due: 2,
        met: 0,
        missed: 2,
        open: 0,
        onTimeRate: 0,
        reportsDue: 0,
        reportsMissed: 0,
        receptionRequired: 1,
        receptionHeld: 0, // the Oct 20 session was hosted by a deputy
        dialoguesHeld: 1,
        lateEntries: 0,
        imported: 0,
      },
    ]);
  });

  it('judges the situation on asOf: not yet missed, completions and cancellations after asOf ignored', async () => {
    const on21 = await get(
      `/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31&asOf=2026-10-21`,
      t.supervisor,
    );
    expectStatus(on21, 200);
    expect(on21.body.items[1]).toMatchObject({
      personId: 'head-b',
      due: 2,
      met: 0,
      missed: 0,
      open: 2,
      onTimeRate: null,
      dialoguesHeld: 1,
    });
    // On Oct 15 the withdrawal (dated Oct 16) had not happened: c.cancelled still counts.
    const on15 = await get(
      `/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31&asOf=2026-10-15`,
      t.supervisor,
    );
    expect(on15.body.items[1]).toMatchObject({ due: 3, met: 0, missed: 0, open: 3, dialoguesHeld: 0 });
    expect(on15.body.items[0]).toMatchObject({ due: 1, met: 1, missed: 0, onTimeRate: 1 });
  });

  it('reports reception duty per calendar month for a department head', async () => {
    const res = await get(
      `/api/v1/reception-duty?unitId=${DEPT}&from=2026-09-01&to=2026-11-22`,
      t.supervisor,
    );
    expectStatus(res, 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        personId: 'head-a',
        fullName: 'Nguyễn Văn An',
        unitId: DEPT,
        from: '2026-09-01',
        to: '2026-10-14',
        period: 'month',
        required: 2,
        held: 1,
        missing: 1,
        missingPeriods: ['2026-09'],
      }),
      expect.objectContaining({
        personId: 'head-b',
        fullName: 'Lê Thị Bích',
        unitId: DEPT,
        from: '2026-10-15',
        to: '2026-11-22',
        period: 'month',
        required: 2,
        held: 1,
        missing: 1,
        missingPeriods: ['2026-10'],
      }),
    ]);
  });

  it('reports reception duty per ISO week for a commune chair; a deputy’s session does not count', async () => {
    const res = await get(`/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22`, t.supervisor);
    expectStatus(res, 200);
    expect(res.body.items).toEqual([
      expect.objectContaining({
        personId: 'chair-c1',
        unitId: C1,
        from: '2026-11-02',
        to: '2026-11-22',
        period: 'iso_week',
        required: 3,
        held: 2,
        missing: 2,
        missingPeriods: ['2026-W46', '2026-W47'],
      }),
    ]);
    const early = await get(
      `/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22&asOf=2026-11-08`,
      t.supervisor,
    );
    expect(early.body.items[0]).toMatchObject({ required: 1, held: 2, missing: 0, missingPeriods: [] });
    const before = await get(
      `/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22&asOf=2026-10-30`,
      t.supervisor,
    );
    expect(before.body.items[0]).toMatchObject({ required: 0, held: 0, missing: 0 });
  });

  it('includes the units below with includeSubunits=true', async () => {
    const res = await get(
      `/api/v1/reception-duty?unitId=${UNITS.province}&from=2026-11-02&to=2026-11-22&includeSubunits=true`,
      t.supervisor,
    );
    expectStatus(res, 200);
    expect(
      res.body.items.map((i: { unitId: string; personId: string }) => `${i.unitId}/${i.personId}`),
    ).toEqual([`${C1}/chair-c1`, `${DEPT}/head-b`]);
    const only = await get(
      `/api/v1/reception-duty?unitId=${UNITS.province}&from=2026-11-02&to=2026-11-22`,
      t.supervisor,
    );
    expect(only.body.items).toEqual([]);
  });

  it('checks input, scope and permissions', async () => {
    expectProblem(
      await get(`/api/v1/accountability?unitId=${DEPT}&to=2026-10-31`, t.supervisor),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await get(`/api/v1/accountability?unitId=${DEPT}&from=2026-11-01&to=2026-10-31`, t.supervisor),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await get(
        `/api/v1/reception-duty?unitId=${DEPT}&from=2026-10-01&to=2026-10-31&asOf=yesterday`,
        t.supervisor,
      ),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await get(`/api/v1/accountability?from=2026-10-01&to=2026-10-31`, t.admin),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await get(`/api/v1/accountability?unitId=nowhere&from=2026-10-01&to=2026-10-31`, t.supervisor),
      404,
      'NOT_FOUND',
    );
    const supDn = await app.token('sup-dn', ['supervisor'], UNITS.otherProvince);
    expectProblem(
      await get(`/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`, supDn),
      404,
      'NOT_FOUND',
    );
    // A head reads only the rows of their own terms (docs/reference/api-contract.md, Deadlines, accountability, late entries): none here.
    const headView = await get(`/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`, t.head);
    expectStatus(headView, 200);
    expect(headView.body.items).toEqual([]);
    const headA = await app.token('head-a', ['head'], DEPT);
    const ownRows = await get(`/api/v1/accountability?unitId=${DEPT}&from=2026-01-01&to=2026-12-31`, headA);
    expectStatus(ownRows, 200);
    expect(ownRows.body.items.length).toBeGreaterThan(0);
    expect(ownRows.body.items.every((i: { personId: string }) => i.personId === 'head-a')).toBe(true);
    // The same for /reception-duty: the province's head does not read the commune chair's row; the chair does.
    const chairRow = `/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22`;
    const others = await get(chairRow, t.head);
    expectStatus(others, 200);
    expect(others.body.items).toEqual([]);
    const chair = await app.token('chair-c1', ['head'], C1);
    const chairOwn = await get(chairRow, chair);
    expect(chairOwn.body.items.map((i: { personId: string }) => i.personId)).toEqual(['chair-c1']);
    expectProblem(
      await get(`/api/v1/reception-duty?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`, t.handler),
      403,
      'FORBIDDEN',
    );
    expectStatus(
      await get(`/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`, t.admin),
      200,
    );
    // Default unit: the principal's own (the chair reads the row of their own term).
    const own = await get('/api/v1/reception-duty?from=2026-11-02&to=2026-11-22', chair);
    expect(own.body.items).toHaveLength(1);
  });

  describe('CSV', () => {
    const lines = (text: string) => text.replace(/^\uFEFF/, '').split('\r\n');

    it('exports /accountability as UTF-8 CSV with a BOM, Vietnamese headings and CRLF', async () => {
      const res = await csv(
        app,
        `/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`,
        t.supervisor,
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="accountability-${DEPT}-2026-10-01-2026-10-31.csv"`,
      );
      expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(res.text.endsWith('\r\n')).toBe(true);
      expect(res.text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      expect(lines(res.text)).toEqual([
        'Mã cán bộ,Họ tên,Đơn vị,Từ ngày,Đến ngày,Quyền (tạm giữ),Số hạn,Đúng hạn,Trễ hạn,Còn hạn,Tỷ lệ đúng hạn,Báo cáo phải nộp,Báo cáo trễ,Số kỳ phải tiếp dân,Số ngày đã tiếp dân,Số cuộc đối thoại',
        `head-a,Nguyễn Văn An,${DEPT},2026-10-01,2026-10-14,Không,1,1,0,0,100,0,0,1,1,0`,
        `head-b,Lê Thị Bích,${DEPT},2026-10-15,2026-10-31,Không,2,0,2,0,0,0,0,1,0,1`,
        '',
      ]);
    });

    it('exports /reception-duty', async () => {
      const res = await csv(
        app,
        `/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22`,
        t.supervisor,
      );
      expect(res.status).toBe(200);
      expect(lines(res.text)).toEqual([
        'Mã cán bộ,Họ tên,Đơn vị,Từ ngày,Đến ngày,Số kỳ phải tiếp,Số ngày đã tiếp,Trong đó ghi muộn,Số kỳ chưa tiếp,Các kỳ chưa tiếp',
        `chair-c1,Trần Văn Xã,${C1},2026-11-02,2026-11-22,3,2,0,2,2026-W46 2026-W47`,
        '',
      ]);
    });

    it('exports /deadlines/overdue with the head in office on dueOn', async () => {
      const json = await get(`/api/v1/deadlines/overdue?unitId=${DEPT}`, t.supervisor);
      expectStatus(json, 200);
      const res = await csv(app, `/api/v1/deadlines/overdue?unitId=${DEPT}`, t.supervisor);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="overdue-${DEPT}-2026-11-22.csv"`,
      );
      const rows = lines(res.text);
      expect(rows[0]).toBe(
        'Mã hồ sơ,Quy tắc,Hạn,Số ngày quá hạn,Đơn vị,Thủ trưởng,Cán bộ xử lý,ID hồ sơ,Nhập muộn',
      );
      expect(rows).toHaveLength(json.body.total + 2);
      const open = json.body.items.find((i: { caseId: string }) => i.caseId === c.open.id);
      expect(rows).toContain(
        `${open.trackingCode},KN-ACC,2026-10-21,32,${DEPT},Lê Thị Bích,,${c.open.id},${open.lateEntry ? 'Có' : 'Không'}`,
      );
    });

    it('needs exports.read: a head gets JSON but not CSV', async () => {
      const res = await csv(app, `/api/v1/reception-duty?unitId=${C1}&from=2026-11-02&to=2026-11-22`, t.head);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await csv(app, `/api/v1/deadlines/overdue?unitId=${DEPT}`, t.head)).status).toBe(403);
    });
  });

  it('counts inspection reports of the unit’s recommendations against the head in office on their due date', async () => {
    const created = await app.request('POST', '/api/v1/inspections', {
      token: t.admin,
      body: {
        title: 'Thanh tra công tác tiếp dân',
        kind: 'inspection',
        leadUnitId: UNITS.province,
        inspectedUnitId: DEPT,
        decidedOn: '2026-09-01',
      },
    });
    expectStatus(created, 201);
    const concluded = await app.request('POST', `/api/v1/inspections/${created.body.id}/conclusion`, {
      token: t.admin,
      body: {
        concludedOn: '2026-09-15',
        summary: 'Kết luận',
        recommendations: [
          { text: 'Báo cáo tiến độ', ownerUnitId: DEPT, reportDates: ['2026-10-10', '2026-10-20'] },
        ],
      },
    });
    expectStatus(concluded, 200);
    const rid = concluded.body.recommendations[0].id as string;
    const report = await app.request(
      'POST',
      `/api/v1/inspections/${created.body.id}/recommendations/${rid}/reports`,
      {
        token: t.handler,
        body: { reportedOn: '2026-10-09', progress: 'Đang thực hiện', done: false },
      },
    );
    expectStatus(report, 200);
    await settle(app);
    const res = await get(
      `/api/v1/accountability?unitId=${DEPT}&from=2026-10-01&to=2026-10-31`,
      t.supervisor,
    );
    expect(
      res.body.items.map((i: { reportsDue: number; reportsMissed: number }) => [
        i.reportsDue,
        i.reportsMissed,
      ]),
    ).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });
});

describe('as-of accountability equals the live figure of that day', () => {
  let app: TestApp;
  let t: Tokens;

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
  }, LONG);

  afterAll(async () => {
    await app?.close();
  }, LONG);

  it('recordedBefore + asOf reproduce what the board showed on that day', async () => {
    setClock(app, '2026-10-01T03:00:00.000Z');
    await appointHead(app, t.admin, DEPT, 'head-a', 'Nguyễn Văn An', '2026-01-01');
    const x = await complaint(app, t, '2026-10-01');
    const y = await complaint(app, t, '2026-10-01');
    await heldSession(app, t, DEPT, '2026-10-01', 'head-a');

    setClock(app, '2026-10-20T03:00:00.000Z');
    await command(app, t.handler, x.id, 'accept', { acceptedAt: '2026-10-20' });
    await settle(app);
    const query = `unitId=${DEPT}&from=2026-10-01&to=2026-10-31`;
    const live = await app.request('GET', `/api/v1/accountability?${query}`, { token: t.supervisor });
    const liveDuty = await app.request('GET', `/api/v1/reception-duty?${query}`, { token: t.supervisor });
    expectStatus(live, 200);
    expect(live.body.items).toEqual([
      expect.objectContaining({
        personId: 'head-a',
        from: '2026-10-01',
        to: '2026-10-31',
        due: 2,
        met: 0,
        missed: 2,
        open: 0,
        receptionRequired: 1,
        receptionHeld: 1,
        dialoguesHeld: 0,
      }),
    ]);
    const recordedBefore = '2026-10-20T04:00:00.000Z';

    // Later: a retroactive head change, a late acceptance, a session and a dialogue dated before Oct 20.
    setClock(app, '2026-11-22T03:00:00.000Z');
    await appointHead(app, t.admin, DEPT, 'head-b', 'Lê Thị Bích', '2026-10-15');
    await command(app, t.handler, y.id, 'accept', { acceptedAt: '2026-10-22' });
    await heldSession(app, t, DEPT, '2026-10-19', 'head-a');
    await command(app, t.handler, x.id, 'dialogues', {
      heldAt: '2026-10-20',
      noticeOn: '2026-10-15',
      participants: ['Ông A'],
      minutes: 'Biên bản',
      outcome: 'agreed',
    });
    await settle(app);

    const asOf = `${query}&asOf=2026-10-20&recordedBefore=${encodeURIComponent(recordedBefore)}`;
    const then = await app.request('GET', `/api/v1/accountability?${asOf}`, { token: t.supervisor });
    expectStatus(then, 200);
    expect(then.body).toEqual(live.body);
    const thenDuty = await app.request('GET', `/api/v1/reception-duty?${asOf}`, { token: t.supervisor });
    expect(thenDuty.body).toEqual(liveDuty.body);

    // What is known now about Oct 20 differs: two heads, the later session and dialogue.
    const now = await app.request('GET', `/api/v1/accountability?${query}&asOf=2026-10-20`, {
      token: t.supervisor,
    });
    expect(now.body.items).toEqual([
      expect.objectContaining({ personId: 'head-a', to: '2026-10-14', due: 2, missed: 2, receptionHeld: 1 }),
      expect.objectContaining({
        personId: 'head-b',
        from: '2026-10-15',
        due: 0,
        receptionHeld: 0,
        dialoguesHeld: 1,
      }),
    ]);
    // And the CSV of the as-of view matches its JSON row for row.
    const res = await csv(app, `/api/v1/accountability?${asOf}`, t.supervisor);
    expect(res.text.replace(/^\uFEFF/, '').split('\r\n')).toHaveLength(then.body.items.length + 2);
  });
});
