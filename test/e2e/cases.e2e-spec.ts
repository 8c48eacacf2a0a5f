/**
 * "From the reception desk to closure over HTTP": every case endpoint on a real server and database,
 * with deadlines hand-computed from the holiday table of docs/reference/deadlines.md (The holiday calendar) (today = 2026-11-22, a Sunday).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  deadlineOf,
  expectProblem,
  expectStatus,
  legal,
  LONG,
  NOW,
  register,
  registerAndClassify,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
  withoutXld,
} from '../support/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HASH = /^[0-9a-f]{64}$/;

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

/** The complaint that goes through the whole life cycle; its commands are recorded one second apart. */
const life: { id: string; trackingCode: string; instants: string[]; positions: number[] } = {
  id: '',
  trackingCode: '',
  instants: [],
  positions: [],
};

describe('a complaint from the reception desk to closure', () => {
  it('registers (201) with a tracking code, version 1 and ETag "1"', async () => {
    life.instants.push(tick(app, 1000));
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: {
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
        content: 'Đề nghị xem xét lại việc bồi thường khi thu hồi đất số 42.',
        field: 'land',
        kindHint: 'complaint',
      },
    });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ version: 1, status: 'received', trackingCode: 'HANOI-2026-000001' });
    expect(res.body.id).toMatch(UUID);
    expect(typeof res.body.position).toBe('number');
    expect(res.headers.get('etag')).toBe('"1"');
    life.id = res.body.id;
    life.trackingCode = res.body.trackingCode;
    life.positions.push(res.body.position);
  });

  it('shows the case view with masked petitioners', async () => {
    const res = await app.request('GET', `/api/v1/cases/${life.id}`, { token: t.handler });
    expectStatus(res, 200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({
      id: life.id,
      trackingCode: 'HANOI-2026-000001',
      kind: null,
      level: null,
      status: 'received',
      receivingUnitId: UNITS.province,
      competentUnitId: null,
      handlerId: null,
      receivedAt: '2026-06-30',
      acceptedAt: null,
      version: 1,
      // XLD from the receipt: Tue 2026-06-30 + 10 working days → Tue 2026-07-14
      deadlines: [
        {
          ruleId: 'XLD',
          ruleVersion: '2021-11-15',
          startOn: '2026-06-30',
          dueOn: '2026-07-14',
          status: 'missed',
        },
      ],
      dates: [],
      untracked: false,
      anonymous: false,
    });
    expect(res.body.petitioners).toHaveLength(1);
    expect(res.text).not.toContain('Trần Văn Bình');
    expect(res.text).not.toContain('001099012345');
    expect(res.text).not.toContain('0912345678');
  });

  it('classifies: KN-ACC 10 working days (the rule in force on 2026-06-30) → 2026-07-14, already missed', async () => {
    life.instants.push(tick(app, 2000));
    const res = await command(app, t.reception, life.id, 'classify', {
      kind: 'complaint',
      level: 1,
      competentUnitId: UNITS.department,
      processable: true,
    });
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({
      status: 'classified',
      kind: 'complaint',
      level: 1,
      competentUnitId: UNITS.department,
      version: 2,
    });
    expect(typeof res.body.position).toBe('number');
    expect(res.body.position).toBeGreaterThan(life.positions[0]);
    life.positions.push(res.body.position);
    expect(withoutXld(res.body.deadlines)).toEqual([
      {
        ruleId: 'KN-ACC',
        ruleVersion: '2012-07-01',
        startOn: '2026-06-30',
        dueOn: '2026-07-14',
        status: 'missed',
      },
    ]);
  });

  it('accepts: KN-ACC met, KN-RES1 = 30 calendar days from 2026-07-10 = Sun 2026-08-09 → Mon 2026-08-10', async () => {
    life.instants.push(tick(app, 3000));
    const res = await command(app, t.handler, life.id, 'accept', {
      acceptedAt: '2026-07-10',
      decisionNo: '12/QĐ-UBND',
    });
    expect(res.body).toMatchObject({ status: 'accepted', acceptedAt: '2026-07-10', version: 3 });
    expect(res.headers.get('etag')).toBe('"3"');
    expect(deadlineOf(res.body, 'KN-ACC')).toMatchObject({ status: 'met', dueOn: '2026-07-14' });
    expect(legal(deadlineOf(res.body, 'KN-RES1')!)).toEqual({
      ruleId: 'KN-RES1',
      ruleVersion: '2012-07-01',
      startOn: '2026-07-10',
      dueOn: '2026-08-10',
      status: 'missed',
    });
    life.positions.push(res.body.position);
  });

  it('assigns a handler (status unchanged)', async () => {
    life.instants.push(tick(app, 4000));
    const res = await command(app, t.handler, life.id, 'assign', { handlerId: 'handler-1' });
    expect(res.body).toMatchObject({ status: 'accepted', handlerId: 'handler-1', version: 4 });
    life.positions.push(res.body.position);
  });

  it('records a dialogue (status unchanged) and lists it', async () => {
    life.instants.push(tick(app, 5000));
    const res = await command(app, t.handler, life.id, 'dialogues', {
      heldAt: '2026-07-15',
      noticeOn: '2026-07-08',
      participants: ['Người khiếu nại', 'Cán bộ Nguyễn'],
      minutes: 'Hai bên trao đổi về mức bồi thường.',
      outcome: 'partially_agreed',
    });
    expect(res.body).toMatchObject({ status: 'accepted', version: 5 });
    life.positions.push(res.body.position);
    const list = await app.request('GET', `/api/v1/cases/${life.id}/dialogues`, { token: t.handler });
    expectStatus(list, 200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ heldAt: '2026-07-15', outcome: 'partially_agreed' });
  });

  it('suspends: KN-RES1 pauses', async () => {
    life.instants.push(tick(app, 6000));
    const res = await command(app, t.handler, life.id, 'suspend', {
      at: '2026-07-20',
      reason: 'Chờ kết quả giám định',
    });
    expect(res.body).toMatchObject({ status: 'suspended', version: 6 });
    expect(deadlineOf(res.body, 'KN-RES1')).toMatchObject({ status: 'paused', dueOn: '2026-08-10' });
    life.positions.push(res.body.position);
  });

  it('resumes: the unrolled due date 2026-08-09 moves 5 days → Fri 2026-08-14', async () => {
    life.instants.push(tick(app, 7000));
    const res = await command(app, t.handler, life.id, 'resume', { at: '2026-07-25' });
    expect(res.body).toMatchObject({ status: 'accepted', version: 7 });
    expect(deadlineOf(res.body, 'KN-RES1')).toMatchObject({
      startOn: '2026-07-10',
      dueOn: '2026-08-14',
      status: 'missed',
    });
    life.positions.push(res.body.position);
  });

  it('resolves on 2026-08-12: KN-RES1 met; informational dates KN-SEND1, KN-ESC, KN-EFF1', async () => {
    life.instants.push(tick(app, 8000));
    const res = await command(app, t.handler, life.id, 'resolve', {
      decidedAt: '2026-08-12',
      outcome: 'partially_upheld',
      verificationAgreesWithRequest: false,
      summary: 'Chấp nhận một phần.',
      decisionNo: '99/QĐ',
    });
    expect(res.body).toMatchObject({ status: 'resolved', version: 8 });
    expect(deadlineOf(res.body, 'KN-RES1')).toMatchObject({ status: 'met', dueOn: '2026-08-14' });
    const dates = Object.fromEntries(
      (res.body.dates as { ruleId: string; dueOn: string }[]).map((d) => [d.ruleId, d.dueOn]),
    );
    // 3 WD after Wed 2026-08-12 → Mon 2026-08-17; 30 CD → Fri 2026-09-11.
    // KN-SUSP: the continuation decision of Sat 2026-07-25 is sent within 3 WD → Wed 2026-07-29.
    expect(dates).toEqual({
      'KN-SUSP': '2026-07-29',
      'KN-SEND1': '2026-08-17',
      'KN-ESC': '2026-09-11',
      'KN-EFF1': '2026-09-11',
    });
    life.positions.push(res.body.position);
  });

  it('closes', async () => {
    life.instants.push(tick(app, 9000));
    const res = await command(app, t.handler, life.id, 'close', { at: '2026-08-20' });
    expect(res.body).toMatchObject({ status: 'closed', version: 9 });
    expect(res.headers.get('etag')).toBe('"9"');
    life.positions.push(res.body.position);
  });

  it('refuses any command on the closed case (409)', async () => {
    for (const [action, body] of [
      ['assign', { handlerId: 'someone' }],
      ['withdraw', { at: '2026-08-21' }],
      ['close', { at: '2026-08-21' }],
    ] as const) {
      const res = await app.request('POST', `/api/v1/cases/${life.id}/${action}`, { token: t.handler, body });
      expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    }
  });
});

describe('history, as-of views and hash-chain verification (auditor)', () => {
  it('lists every event with position, version, actor, data and a linked hash chain', async () => {
    const res = await app.request('GET', `/api/v1/cases/${life.id}/history`, { token: t.auditor });
    expectStatus(res, 200);
    const events = res.body.events as Record<string, unknown>[];
    expect(events.map((e) => e.type)).toEqual([
      'CaseReceived',
      'CaseClassified',
      'CaseAccepted',
      'HandlerAssigned',
      'DialogueRecorded',
      'CaseSuspended',
      'CaseResumed',
      'CaseResolved',
      'CaseClosed',
    ]);
    events.forEach((e, i) => {
      expect(e.version).toBe(i + 1);
      expect(e.position).toBe(life.positions[i]);
      expect(e.hash).toMatch(HASH);
      expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : events[i - 1].hash);
      expect(new Date(String(e.recordedAt)).toISOString()).toBe(life.instants[i]);
      expect(typeof e.occurredAt).toBe('string');
      expect(typeof e.data).toBe('object');
    });
    expect(events[0].actor).toEqual({ id: 'rec-1', name: 'Lễ tân' });
    expect(events[2].actor).toEqual({ id: 'handler-1', name: 'Cán bộ Nguyễn' });
    expect(res.text).not.toContain('Trần Văn Bình');
    expect(res.text).not.toContain('001099012345');
  });

  it('?asOf=<instant between two commands> shows the earlier state', async () => {
    const between = new Date(Date.parse(life.instants[1]) + 500).toISOString(); // after classify, before accept
    const res = await app.request('GET', `/api/v1/cases/${life.id}?asOf=${encodeURIComponent(between)}`, {
      token: t.auditor,
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ status: 'classified', version: 2, acceptedAt: null });
    expect(res.headers.get('etag')).toBe('"2"');
    const atAccept = await app.request(
      'GET',
      `/api/v1/cases/${life.id}?asOf=${encodeURIComponent(life.instants[2])}`,
      { token: t.auditor },
    );
    expect(atAccept.body).toMatchObject({ status: 'accepted', version: 3 });
  });

  it.each(['recorded_at', 'occurred_at'])(
    'an edit of the unhashed %s column (as-of views read it) breaks verification too',
    async (column) => {
      const { id } = await register(app, t.reception, { receivedAt: '2026-11-02' });
      await command(app, t.reception, id, 'guide', { at: '2026-11-03', agency: 'Tòa án nhân dân' });
      const path = `/api/v1/audit/streams/case-${id}/verify`;
      expect((await app.request('GET', path, { token: t.auditor })).body.ok).toBe(true);
      await app.runtime.pool.query(
        `UPDATE events SET ${column} = ${column} - interval '30 days' WHERE stream_id = $1 AND version = 2`,
        [`case-${id}`],
      );
      const broken = await app.request('GET', path, { token: t.auditor });
      expect(broken.body).toMatchObject({ ok: false, brokenAt: { version: 2 } });
    },
  );

  it('verifies the chain, then reports the first tampered event', async () => {
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-02' });
    await command(app, t.reception, id, 'guide', { at: '2026-11-03', agency: 'Tòa án nhân dân' });
    const ok = await app.request('GET', `/api/v1/audit/streams/case-${id}/verify`, { token: t.auditor });
    expectStatus(ok, 200);
    const history = await app.request('GET', `/api/v1/cases/${id}/history`, { token: t.auditor });
    expect(ok.body).toEqual({ ok: true, events: 2, headHash: history.body.events[1].hash });
    await app.runtime.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{agency}', '"Cơ quan khác"') WHERE stream_id = $1 AND version = 2`,
      [`case-${id}`],
    );
    const broken = await app.request('GET', `/api/v1/audit/streams/case-${id}/verify`, { token: t.auditor });
    expectStatus(broken, 200);
    expect(broken.body).toEqual({
      ok: false,
      brokenAt: { version: 2, position: history.body.events[1].position },
    });
  });
});

describe('rule versions and variants', () => {
  it('a complaint received on 2026-07-01 gets KN-ACC 7 working days → 2026-07-10', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-07-01' }, { kind: 'complaint' });
    expect(withoutXld(c.view.deadlines)).toEqual([
      {
        ruleId: 'KN-ACC',
        ruleVersion: '2026-07-01',
        startOn: '2026-07-01',
        dueOn: '2026-07-10',
        status: 'missed',
      },
    ]);
    expect(c.view.level).toBe(1);
  });

  it('a denunciation: TC-PRE 7 WD; TC-RES 30 CD; one extension when complex (+30 days from the unrolled date)', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-10-05', kindHint: 'denunciation' },
      { kind: 'denunciation' },
    );
    expect(withoutXld(c.view.deadlines)).toEqual([
      {
        ruleId: 'TC-PRE',
        ruleVersion: '2019-01-01',
        startOn: '2026-10-05',
        dueOn: '2026-10-14',
        status: 'missed',
      },
    ]);
    const accepted = await command(app, t.handler, c.id, 'accept', {
      acceptedAt: '2026-10-09',
      complex: true,
    });
    expect(deadlineOf(accepted.body, 'TC-PRE')).toMatchObject({ status: 'met' });
    // 2026-10-09 + 30 = Sun 2026-11-08 → Mon 2026-11-09 (already past: missed while open).
    expect(legal(deadlineOf(accepted.body, 'TC-RES')!)).toEqual({
      ruleId: 'TC-RES',
      ruleVersion: '2019-01-01',
      startOn: '2026-10-09',
      dueOn: '2026-11-09',
      status: 'missed',
    });
    // TC-NOTIF: 5 WD after Fri 2026-10-09 → Fri 2026-10-16.
    expect(accepted.body.dates).toEqual([{ ruleId: 'TC-NOTIF', dueOn: '2026-10-16' }]);
    const extended = await command(app, t.handler, c.id, 'extend', {
      at: '2026-11-02',
      reason: 'Vụ việc phức tạp',
      decisionNo: '7/QĐ-GH',
    });
    expect(extended.body).toMatchObject({ status: 'accepted' });
    // 2026-11-08 (before roll-forward) + 30 = Tue 2026-12-08.
    expect(deadlineOf(extended.body, 'TC-RES')).toMatchObject({ dueOn: '2026-12-08', status: 'open' });
    const again = await app.request('POST', `/api/v1/cases/${c.id}/extend`, {
      token: t.handler,
      body: { at: '2026-11-03', reason: 'Lần hai', days: 10 },
    });
    expectProblem(again, 409, 'ILLEGAL_TRANSITION');
    const resolved = await command(app, t.handler, c.id, 'resolve', {
      decidedAt: '2026-11-20',
      outcome: 'partly_true',
      summary: 'Tố cáo đúng một phần.',
    });
    expect(resolved.body.status).toBe('resolved');
    expect(deadlineOf(resolved.body, 'TC-RES')).toMatchObject({ status: 'met', dueOn: '2026-12-08' });
  }, 30_000);

  it('a multi-location denunciation gets TC-PRE 10 WD; one outside the subtree TC-XFER 5 WD', async () => {
    const multi = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-02', kindHint: 'denunciation' },
      { kind: 'denunciation', multiLocation: true },
    );
    expect(deadlineOf(multi.view, 'TC-PRE')).toMatchObject({
      startOn: '2026-11-02',
      dueOn: '2026-11-16',
      status: 'missed',
    });
    const created = await register(app, t.receptionC1, {
      receivedAt: '2026-11-02',
      receivingUnitId: UNITS.commune1,
    });
    const xfer = await command(app, t.receptionC1, created.id, 'classify', {
      kind: 'denunciation',
      competentUnitId: UNITS.otherProvince,
      processable: true,
    });
    expect(withoutXld(xfer.body.deadlines)).toEqual([
      {
        ruleId: 'TC-XFER',
        ruleVersion: '2019-01-01',
        startOn: '2026-11-02',
        dueOn: '2026-11-09',
        status: 'missed',
      },
    ]);
  });

  it('a petition gets TCD-ANS 10 WD → 2026-11-30 (open); withdrawal cancels it', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-16', kindHint: 'petition' },
      { kind: 'petition' },
    );
    expect(withoutXld(c.view.deadlines)).toEqual([
      {
        ruleId: 'TCD-ANS',
        ruleVersion: '2014-07-01',
        startOn: '2026-11-16',
        dueOn: '2026-11-30',
        status: 'open',
      },
    ]);
    const res = await command(app, t.handler, c.id, 'withdraw', {
      at: '2026-11-20',
      reason: 'Công dân rút đơn',
    });
    expect(res.body.status).toBe('withdrawn');
    expect(deadlineOf(res.body, 'TCD-ANS')).toMatchObject({ status: 'cancelled' });
  });

  it('termination cancels the open resolution deadline', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-11-02' }, { kind: 'complaint' });
    const accepted = await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-11-09' });
    expect(deadlineOf(accepted.body, 'KN-ACC')).toMatchObject({ dueOn: '2026-11-11', status: 'met' });
    expect(deadlineOf(accepted.body, 'KN-RES1')).toMatchObject({
      startOn: '2026-11-09',
      dueOn: '2026-12-09',
      status: 'open',
    });
    const res = await command(app, t.handler, c.id, 'terminate', {
      at: '2026-11-20',
      reason: 'Người khiếu nại chết',
    });
    expect(res.body.status).toBe('terminated');
    expect(deadlineOf(res.body, 'KN-RES1')).toMatchObject({ status: 'cancelled' });
  });

  it('a second complaint needs a dialogue before the decision (409), then resolves', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-02' },
      { kind: 'complaint', level: 2 },
    );
    const accepted = await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-11-04' });
    // 45 CD from Wed 2026-11-04 → Sat 2026-12-19 → Mon 2026-12-21.
    expect(deadlineOf(accepted.body, 'KN-RES2')).toMatchObject({
      ruleVersion: '2012-07-01',
      startOn: '2026-11-04',
      dueOn: '2026-12-21',
      status: 'open',
    });
    const early = await app.request('POST', `/api/v1/cases/${c.id}/resolve`, {
      token: t.handler,
      body: { decidedAt: '2026-11-20', outcome: 'rejected', summary: 'Bác đơn.' },
    });
    expectProblem(early, 409, 'ILLEGAL_TRANSITION');
    await command(app, t.handler, c.id, 'dialogues', {
      heldAt: '2026-11-16',
      noticeOn: '2026-11-10',
      participants: ['A', 'B'],
      minutes: 'Đối thoại',
      outcome: 'disagreed',
    });
    const res = await command(app, t.handler, c.id, 'resolve', {
      decidedAt: '2026-11-20',
      outcome: 'rejected',
      summary: 'Bác đơn.',
    });
    expect(res.body.status).toBe('resolved');
  });
});

describe('intake outcomes: reject, guide, archive, transfer', () => {
  it('reject completes KN-ACC; the case can then be closed', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-11-02' }, { kind: 'complaint' });
    const res = await command(app, t.handler, c.id, 'reject', {
      at: '2026-11-05',
      reason: 'LKN Điều 11 khoản 3',
    });
    expect(res.body.status).toBe('rejected');
    expect(deadlineOf(res.body, 'KN-ACC')).toMatchObject({ status: 'met', dueOn: '2026-11-11' });
    const closed = await command(app, t.handler, c.id, 'close', { at: '2026-11-06' });
    expect(closed.body.status).toBe('closed');
  });

  it('guide (reception) on a received case', async () => {
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-02' });
    const res = await command(app, t.reception, id, 'guide', {
      at: '2026-11-03',
      agency: 'Tòa án nhân dân quận',
      note: 'Tranh chấp dân sự',
    });
    expect(res.body).toMatchObject({ status: 'guided', version: 2 });
  });

  it('archive (reception) as a duplicate', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-11-02' }, { kind: 'complaint' });
    const res = await command(app, t.reception, c.id, 'archive', {
      at: '2026-11-03',
      reason: 'duplicate',
      duplicateOf: life.id,
    });
    expect(res.body.status).toBe('archived');
    expect(deadlineOf(res.body, 'KN-ACC')).toMatchObject({ status: 'met' });
  });

  it('transfer: intake completed, back to received at the new unit, the new intake counts from `at`', async () => {
    const created = await register(app, t.receptionC1, {
      receivedAt: '2026-11-02',
      receivingUnitId: UNITS.commune1,
    });
    await command(app, t.receptionC1, created.id, 'classify', {
      kind: 'complaint',
      competentUnitId: UNITS.commune1,
      processable: true,
    });
    const moved = await command(app, t.receptionC1, created.id, 'transfer', {
      at: '2026-11-05',
      toUnitId: UNITS.commune2,
      reason: 'Không thuộc thẩm quyền',
    });
    expect(moved.body).toMatchObject({
      status: 'received',
      receivingUnitId: UNITS.commune2,
      competentUnitId: null,
    });
    expect(withoutXld(moved.body.deadlines)).toEqual([
      {
        ruleId: 'KN-ACC',
        ruleVersion: '2026-07-01',
        startOn: '2026-11-02',
        dueOn: '2026-11-11',
        status: 'met',
      },
    ]);
    // The sending commune no longer sees it.
    expectProblem(
      await app.request('GET', `/api/v1/cases/${created.id}`, { token: t.receptionC1 }),
      404,
      'NOT_FOUND',
    );
    const reclassified = await command(app, t.receptionC2, created.id, 'classify', {
      kind: 'complaint',
      competentUnitId: UNITS.commune2,
      processable: true,
    });
    // 7 WD after Thu 2026-11-05 → Mon 2026-11-16.
    expect(withoutXld(reclassified.body.deadlines)).toEqual([
      {
        ruleId: 'KN-ACC',
        ruleVersion: '2026-07-01',
        startOn: '2026-11-02',
        dueOn: '2026-11-11',
        status: 'met',
      },
      {
        ruleId: 'KN-ACC',
        ruleVersion: '2026-07-01',
        startOn: '2026-11-05',
        dueOn: '2026-11-16',
        status: 'missed',
      },
    ]);
  });
});

describe('GET /cases (list)', () => {
  it('filters by unit, status and kind, pages, and waits for minPosition', async () => {
    const a = await register(app, t.reception, {
      receivedAt: '2026-11-18',
      subject: 'Phản ánh đèn đường hỏng',
      content: 'Đèn đường ngõ 7 không sáng',
      petitioners: [{ fullName: 'Lê Thị Hoa', idNumber: '079188000111' }],
    });
    const c = await command(app, t.reception, a.id, 'classify', {
      kind: 'reflection',
      competentUnitId: UNITS.commune1,
      processable: true,
    });
    const res = await app.request(
      'GET',
      `/api/v1/cases?unitId=${UNITS.commune1}&status=classified&kind=reflection&minPosition=${c.body.position}`,
      { token: t.supervisor },
    );
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 50 });
    expect(res.body.items[0]).toMatchObject({
      id: a.id,
      status: 'classified',
      kind: 'reflection',
      trackingCode: a.trackingCode,
    });
    const paged = await app.request('GET', `/api/v1/cases?page=2&pageSize=3&minPosition=${c.body.position}`, {
      token: t.supervisor,
    });
    expectStatus(paged, 200);
    expect(paged.body.page).toBe(2);
    expect(paged.body.pageSize).toBe(3);
    expect(paged.body.items.length).toBeLessThanOrEqual(3);
    expect(paged.body.total).toBeGreaterThan(6);
  });

  it('q matches tracking code, subject and content but never a petitioner name or id number', async () => {
    const a = await register(app, t.reception, {
      receivedAt: '2026-11-19',
      subject: 'Tố cáo cán bộ địa chính',
      content: 'Nhận tiền trái phép ở thửa đất 77',
      petitioners: [{ fullName: 'Phạm Quốc Khánh', idNumber: '038077123456' }],
    });
    const pos = a.position;
    const q = async (s: string) => {
      const res = await app.request('GET', `/api/v1/cases?q=${encodeURIComponent(s)}&minPosition=${pos}`, {
        token: t.supervisor,
      });
      expectStatus(res, 200);
      return (res.body.items as { id: string }[]).map((i) => i.id);
    };
    expect(await q(a.trackingCode)).toEqual([a.id]);
    expect(await q('địa chính')).toContain(a.id);
    expect(await q('thửa đất 77')).toContain(a.id);
    expect(await q('Phạm Quốc Khánh')).toEqual([]);
    expect(await q('Khánh')).toEqual([]);
    expect(await q('038077123456')).toEqual([]);
    expect(await q('%')).toEqual([]); // a LIKE wildcard is literal
  });
});

describe('years without calendar data (docs/reference/deadlines.md §10)', () => {
  it('a complaint received 2023-12-20, before the earliest year with data, is untracked: classify never refuses', async () => {
    const { id } = await register(app, t.reception, { receivedAt: '2023-12-20' });
    const before = await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler });
    expect(before.body).toMatchObject({ untracked: true, deadlines: [] });
    const res = await command(app, t.reception, id, 'classify', {
      kind: 'complaint',
      competentUnitId: UNITS.province,
      processable: true,
    });
    expect(res.body).toMatchObject({ status: 'classified', untracked: true, deadlines: [], dates: [] });
  });
});

it('the clock of these tests stays on 2026-11-22', () => {
  expect(NOW.slice(0, 10)).toBe('2026-11-22');
});
