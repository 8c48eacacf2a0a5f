/**
 * The intake clock and the guards of the law over HTTP (issue 13): XLD from registration, letters
 * nobody classified on the boards, transferred letters that stay visible, the level-2 guard,
 * disciplinary complaints, the 2026-07-01 complaint suspension, KN-DLG and the level-1 dialogue.
 * Dates computed by hand against data/calendar.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  command,
  deadlineOf,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  register,
  registerAndClassify,
  setClock,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;
const ids: Record<string, string> = {};

interface BoardItem {
  caseId: string;
  ruleId: string;
  dueOn: string;
  unitId: string;
}
interface UnclassifiedItem {
  caseId: string;
  trackingCode: string;
  receivedAt: string;
  ageWorkingDays: number | null;
  xldDueOn: string | null;
  receivingUnitId: string;
}

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
  tick(app, 1000);
  // left unclassified since Tue 2026-09-01 (a holiday: counting starts Thu 09-03)
  ids.waiting = (await register(app, t.reception, { receivedAt: '2026-09-01' })).id;
  // transferred on Mon 2026-10-05 to commune 1, which has not classified it
  ids.moved = (await register(app, t.reception, { receivedAt: '2026-10-01' })).id;
  await command(app, t.reception, ids.moved, 'transfer', {
    at: '2026-10-05',
    toUnitId: UNITS.commune1,
    reason: 'Thuộc thẩm quyền của xã',
  });
  // classified in time, on its XLD due date
  ids.onTime = (await register(app, t.reception, { receivedAt: '2026-11-02' })).id;
  await command(app, t.reception, ids.onTime, 'classify', {
    at: '2026-11-16',
    kind: 'petition',
    competentUnitId: UNITS.province,
    processable: true,
  });
}, LONG);

afterAll(async () => {
  await app?.close();
});

/** Reads; boards wait for every write so far (minPosition: the log's head). */
const get = async (path: string, token = t.supervisor) => {
  const head = path.startsWith('deadlines/') ? await app.runtime.store.headPosition() : null;
  const url = head ? `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}` : path;
  const res = await app.request('GET', `/api/v1/${url}`, { token });
  expectStatus(res, 200);
  return res.body;
};

describe('XLD: the intake clock starts at receipt (docs/reference/deadlines.md Tracked deadlines)', () => {
  it('registration answers with XLD in the case view: Tue 2026-09-01 + 10 working days → Wed 2026-09-16', async () => {
    const view = await get(`cases/${ids.waiting}`, t.handler);
    // registered on 2026-11-22, after XLD's graceUntil (3 working days after 09-16: Mon 09-21):
    // legally missed, and missed for accountability as soon as it entered the record
    expect(view.deadlines).toEqual([
      {
        ruleId: 'XLD',
        ruleVersion: '2021-11-15',
        startOn: '2026-09-01',
        dueOn: '2026-09-16',
        status: 'missed',
        accountabilityDueOn: '2026-09-16',
        graceUntil: '2026-09-21',
        accountability: 'missed',
      },
    ]);
    expect(view.untracked).toBe(false);
  });

  it('a letter nobody classified is on the overdue board', async () => {
    const board = await get(`deadlines/overdue?unitId=${UNITS.province}&asOf=2026-09-17`);
    expect(board.items.map((i: BoardItem) => [i.caseId, i.ruleId, i.dueOn, i.unitId])).toEqual([
      [ids.waiting, 'XLD', '2026-09-16', UNITS.province],
    ]);
  });

  it('GET /deadlines/unclassified lists letters nobody classified, oldest first, with their age in working days', async () => {
    const body = await get(`deadlines/unclassified?unitId=${UNITS.province}`);
    const items = body.items as UnclassifiedItem[];
    // (2026-09-01, 2026-11-22]: Sep 20, Oct 22, Nov 15 working days (Sep 2 is National Day)
    expect(items[0]).toEqual({
      caseId: ids.waiting,
      trackingCode: expect.any(String),
      receivedAt: '2026-09-01',
      ageWorkingDays: 57,
      xldDueOn: '2026-09-16',
      receivingUnitId: UNITS.province,
    });
    expect(items.map((i) => i.caseId)).toEqual([ids.waiting, ids.moved]);
    expect(items.map((i) => i.caseId)).not.toContain(ids.onTime);
    expect(body.total).toBe(2);
  });

  it('asOf: the board as it stood that day — a letter classified later was still unclassified then', async () => {
    // ids.onTime was received on 2026-11-02 and classified as of 2026-11-16
    const before = await get(`deadlines/unclassified?unitId=${UNITS.province}&asOf=2026-11-10`);
    expect((before.items as UnclassifiedItem[]).map((i) => i.caseId)).toEqual([
      ids.waiting,
      ids.moved,
      ids.onTime,
    ]);
    expect(before.items[2]).toMatchObject({ receivedAt: '2026-11-02', xldDueOn: '2026-11-16' });
    const after = await get(`deadlines/unclassified?unitId=${UNITS.province}&asOf=2026-11-16`);
    expect((after.items as UnclassifiedItem[]).map((i) => i.caseId)).not.toContain(ids.onTime);
    // the board has no recordedBefore (docs/reference/api-contract.md): a 400 naming it
    const res = await app.request(
      'GET',
      `/api/v1/deadlines/unclassified?recordedBefore=2026-11-10T00:00:00Z`,
      { token: t.supervisor },
    );
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(res.body.errors)).toContain('recordedBefore');
  });

  it('a transferred letter stays visible: XLD restarts at the receiving unit from the transfer date', async () => {
    const view = await get(`cases/${ids.moved}`, t.handler);
    // the first XLD (due Thu 10-15) is met by the transfer; the new one: Mon 10-05 + 10 WD → Mon 10-19
    expect(view.deadlines.map((d: BoardItem & { status: string }) => [d.ruleId, d.dueOn, d.status])).toEqual([
      ['XLD', '2026-10-15', 'met'],
      ['XLD', '2026-10-19', 'missed'],
    ]);
    const board = await get(`deadlines/overdue?unitId=${UNITS.commune1}`);
    expect(board.items.map((i: BoardItem) => [i.caseId, i.ruleId, i.dueOn])).toEqual([
      [ids.moved, 'XLD', '2026-10-19'],
    ]);
    const list = await get(`deadlines/unclassified?unitId=${UNITS.commune1}`);
    expect(list.items).toEqual([
      expect.objectContaining({ caseId: ids.moved, receivingUnitId: UNITS.commune1, xldDueOn: '2026-10-19' }),
    ]);
  });

  it('classification completes XLD as of `at`: met on its due date, gone from the board', async () => {
    const view = await get(`cases/${ids.onTime}`, t.handler);
    // Mon 2026-11-02 + 10 WD → Mon 2026-11-16; TCD-ANS from the same start
    expect(deadlineOf(view, 'XLD')).toMatchObject({ dueOn: '2026-11-16', status: 'met' });
    expect(deadlineOf(view, 'TCD-ANS')).toMatchObject({ dueOn: '2026-11-16' });
    const board = await get(`deadlines/overdue?unitId=${UNITS.province}&asOf=2026-11-20`);
    expect(board.items.filter((i: BoardItem) => i.caseId === ids.onTime)).toEqual([
      expect.objectContaining({ ruleId: 'TCD-ANS' }),
    ]);
  });

  it('classify `at` is a business date on or after the receipt and not after today (400 naming at)', async () => {
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-10' });
    const before = await eventCount(app);
    for (const at of ['2026-11-09', '2026-11-23', '2026-13-01']) {
      const res = await app.request('POST', `/api/v1/cases/${id}/classify`, {
        token: t.reception,
        body: { at, kind: 'complaint', competentUnitId: UNITS.province, processable: true },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('at');
    }
    expect(await eventCount(app)).toBe(before);
  });
});

describe('the level-2 guard (docs/reference/api-contract.md, Case commands: classify)', () => {
  it('refuses (409) a level-2 complaint while the level-1 case is undecided and KN-RES1 has not passed on `at`', async () => {
    // level 1: accepted Mon 2026-10-05 → KN-RES1 Wed 2026-11-04
    const first = await registerAndClassify(app, t, { receivedAt: '2026-10-01' }, { kind: 'complaint' });
    const accepted = await command(app, t.handler, first.id, 'accept', { acceptedAt: '2026-10-05' });
    expect(deadlineOf(accepted.body, 'KN-RES1')).toMatchObject({ dueOn: '2026-11-04' });
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-02' });
    const body = {
      kind: 'complaint',
      level: 2,
      previousCaseId: first.id,
      competentUnitId: UNITS.province,
      processable: true,
    };
    const early = await app.request('POST', `/api/v1/cases/${id}/classify`, {
      token: t.reception,
      body: { ...body, at: '2026-11-04' },
    });
    expectProblem(early, 409, 'ILLEGAL_TRANSITION');
    expect(early.body.detail).toMatch(/level-2/);
    const later = await command(app, t.reception, id, 'classify', { ...body, at: '2026-11-05' });
    expect(later.body).toMatchObject({ level: 2, previousCaseId: first.id, status: 'classified' });
  });

  it('previousCaseId must be a level-1 complaint in scope (400 naming it)', async () => {
    const denunciation = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-10-01', kindHint: 'denunciation' },
      { kind: 'denunciation' },
    );
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-02' });
    for (const previousCaseId of [denunciation.id, 'no-such-case-0001']) {
      const res = await app.request('POST', `/api/v1/cases/${id}/classify`, {
        token: t.reception,
        body: {
          kind: 'complaint',
          level: 2,
          previousCaseId,
          competentUnitId: UNITS.province,
          processable: true,
        },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('previousCaseId');
    }
  });
});

describe('disciplinary complaints, dialogues and the 2026-07-01 suspension', () => {
  it('a disciplinary complaint gets KN-RES-KL and cannot be decided without a dialogue', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-10-01' },
      { kind: 'complaint', disciplinary: true },
    );
    expect(c.view.disciplinary).toBe(true);
    const accepted = await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-10-05' });
    // Mon 2026-10-05 + 30 = Wed 2026-11-04
    expect(deadlineOf(accepted.body, 'KN-RES-KL')).toMatchObject({ dueOn: '2026-11-04', status: 'missed' });
    expect(deadlineOf(accepted.body, 'KN-RES1')).toBeUndefined();
    const res = await app.request('POST', `/api/v1/cases/${c.id}/resolve`, {
      token: t.handler,
      body: {
        decidedAt: '2026-10-30',
        outcome: 'rejected',
        summary: 'Giữ nguyên',
        verificationAgreesWithRequest: true,
      },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    await command(app, t.handler, c.id, 'dialogues', {
      heldAt: '2026-10-20',
      noticeOn: '2026-10-15',
      participants: ['Người khiếu nại', 'Cán bộ'],
      minutes: 'Biên bản',
      outcome: 'disagreed',
    });
    const done = await command(app, t.handler, c.id, 'resolve', {
      decidedAt: '2026-10-30',
      outcome: 'rejected',
      summary: 'Giữ nguyên',
      verificationAgreesWithRequest: true,
    });
    expect(deadlineOf(done.body, 'KN-RES-KL')).toMatchObject({ status: 'met' });
  });

  it('level 1: verificationAgreesWithRequest is required (400); false needs a dialogue first (409)', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-10-01' }, { kind: 'complaint' });
    await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-10-05' });
    const base = { decidedAt: '2026-10-30', outcome: 'upheld', summary: 'Có cơ sở' };
    const missing = await app.request('POST', `/api/v1/cases/${c.id}/resolve`, {
      token: t.handler,
      body: base,
    });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.errors[0].path).toBe('verificationAgreesWithRequest');
    const differs = await app.request('POST', `/api/v1/cases/${c.id}/resolve`, {
      token: t.handler,
      body: { ...base, verificationAgreesWithRequest: false },
    });
    expectProblem(differs, 409, 'ILLEGAL_TRANSITION');
  });

  it('KN-DLG: a dialogue held from 2026-07-01 needs noticeOn (400) at least 5 days before (409)', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-10-01' },
      { kind: 'complaint', level: 2 },
    );
    await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-10-05' });
    const body = { heldAt: '2026-10-20', participants: ['A'], minutes: 'm', outcome: 'agreed' };
    const none = await app.request('POST', `/api/v1/cases/${c.id}/dialogues`, { token: t.handler, body });
    expectProblem(none, 400, 'VALIDATION_FAILED');
    expect(none.body.errors[0].path).toBe('noticeOn');
    const short = await app.request('POST', `/api/v1/cases/${c.id}/dialogues`, {
      token: t.handler,
      body: { ...body, noticeOn: '2026-10-16' },
    });
    expectProblem(short, 409, 'ILLEGAL_TRANSITION');
    expect(short.body.detail).toMatch(/KN-DLG/);
  });

  it('a complaint cannot be suspended before 2026-07-01 (409 naming KN-SUSP); a denunciation can', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-06-01' }, { kind: 'complaint' });
    await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-06-05' });
    const res = await app.request('POST', `/api/v1/cases/${c.id}/suspend`, {
      token: t.handler,
      body: { at: '2026-06-20', reason: 'Chờ giám định' },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    expect(res.body.detail).toMatch(/KN-SUSP/);
    const ok = await command(app, t.handler, c.id, 'suspend', { at: '2026-07-01', reason: 'Chờ giám định' });
    // KN-SUSP: the decision is sent within 3 working days, Wed 07-01 → Mon 07-06
    expect(ok.body.dates).toEqual([{ ruleId: 'KN-SUSP', dueOn: '2026-07-06' }]);
    const d = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-06-01', kindHint: 'denunciation' },
      { kind: 'denunciation' },
    );
    await command(app, t.handler, d.id, 'accept', { acceptedAt: '2026-06-05' });
    const s = await command(app, t.handler, d.id, 'suspend', { at: '2026-06-20', reason: 'Chờ giám định' });
    // TC-SUSP: 5 working days from Sat 06-20 → Fri 06-26
    expect(s.body.dates).toEqual(expect.arrayContaining([{ ruleId: 'TC-SUSP', dueOn: '2026-06-26' }]));
  });
});

describe('corrections and intake: anonymous letters, amend, reclassify', () => {
  it('an anonymous letter registers with petitioners: [], is refused as a complaint (409), archived as anonymous', async () => {
    const created = await register(app, t.reception, {
      receivedAt: '2026-11-16',
      anonymous: true,
      petitioners: [],
      forwardedBy: 'Báo Nhân Dân',
      registryNo: 'SĐ-0042',
    });
    const view = await get(`cases/${created.id}`, t.handler);
    expect(view).toMatchObject({
      anonymous: true,
      petitioners: [],
      forwardedBy: 'Báo Nhân Dân',
      registryNo: 'SĐ-0042',
    });
    const res = await app.request('POST', `/api/v1/cases/${created.id}/classify`, {
      token: t.reception,
      body: { kind: 'denunciation', competentUnitId: UNITS.province, processable: true },
    });
    expectProblem(res, 409, 'ILLEGAL_TRANSITION');
    const archived = await command(app, t.reception, created.id, 'archive', {
      at: '2026-11-17',
      reason: 'anonymous',
    });
    expect(archived.body.status).toBe('archived');
    expect(deadlineOf(archived.body, 'XLD')).toMatchObject({ status: 'met' });
    const named = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body: {
        receivedAt: '2026-11-16',
        channel: 'post',
        receivingUnitId: UNITS.province,
        anonymous: true,
        petitioners: [{ fullName: 'Nguyễn Văn A' }],
        subject: 'Đơn',
        content: 'Nội dung',
      },
    });
    expectProblem(named, 400, 'VALIDATION_FAILED');
    expect(named.body.errors[0].path).toBe('petitioners');
  });

  it('a 6-signer letter without a representative is fixed by amend, then accepted; the history shows the change', async () => {
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-11-16', signerCount: 6 },
      { kind: 'complaint' },
    );
    const refused = await app.request('POST', `/api/v1/cases/${c.id}/accept`, {
      token: t.handler,
      body: { acceptedAt: '2026-11-18' },
    });
    expectProblem(refused, 409, 'ILLEGAL_TRANSITION');
    const amended = await command(app, t.reception, c.id, 'amend', {
      reason: 'Bổ sung văn bản cử người đại diện',
      petitioners: [{ fullName: 'Trần Văn Bình', representative: true }, { fullName: 'Lê Thị Cúc' }],
      registryNo: 'SĐ-0100',
    });
    expect(amended.body).toMatchObject({ status: 'classified', registryNo: 'SĐ-0100' });
    expect(amended.body.petitioners).toHaveLength(2);
    expect(JSON.stringify(amended.body)).not.toContain('Trần Văn Bình');
    await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-11-18' });
    const history = await get(`cases/${c.id}/history`, t.auditor);
    const entry = history.events.find((e: { type: string }) => e.type === 'CaseAmended');
    expect(entry.data).toMatchObject({
      reason: 'Bổ sung văn bản cử người đại diện',
      changed: ['petitioners', 'registryNo'],
    });
    expect(JSON.stringify(entry)).not.toContain('Trần Văn Bình');
  });

  it('reclassify corrects the kind while classified: the old intake deadline is cancelled, the new one counts from receipt', async () => {
    const c = await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' });
    expect(deadlineOf(c.view, 'KN-ACC')).toMatchObject({ dueOn: '2026-11-25' });
    const missing = await app.request('POST', `/api/v1/cases/${c.id}/reclassify`, {
      token: t.reception,
      body: { kind: 'petition', competentUnitId: UNITS.province, processable: true, at: '2026-11-17' },
    });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('correctionReason');
    const res = await command(app, t.reception, c.id, 'reclassify', {
      at: '2026-11-17',
      correctionReason: 'Đơn kiến nghị, không phải khiếu nại',
      kind: 'petition',
      competentUnitId: UNITS.province,
      processable: true,
    });
    expect(res.body).toMatchObject({ status: 'classified', kind: 'petition', level: null });
    // TCD-ANS: Mon 2026-11-16 + 10 WD → Mon 2026-11-30
    expect(deadlineOf(res.body, 'KN-ACC')).toMatchObject({ status: 'cancelled' });
    expect(deadlineOf(res.body, 'TCD-ANS')).toMatchObject({
      startOn: '2026-11-16',
      dueOn: '2026-11-30',
      status: 'open',
    });
    await command(app, t.handler, c.id, 'accept', { acceptedAt: '2026-11-18' });
    const late = await app.request('POST', `/api/v1/cases/${c.id}/reclassify`, {
      token: t.reception,
      body: {
        at: '2026-11-19',
        correctionReason: 'x',
        kind: 'complaint',
        competentUnitId: UNITS.province,
        processable: true,
      },
    });
    expectProblem(late, 409, 'ILLEGAL_TRANSITION');
  });
});

describe('late entries: back-dating cannot rewrite accountability (docs/reference/api-contract.md "Late entries")', () => {
  const C2 = UNITS.commune2;
  let id = '';

  beforeAll(async () => {
    // KN-ACC v2012 from Fri 2026-03-20: 10 working days → Fri 2026-04-03; graceUntil Wed 2026-04-08.
    setClock(app, '2026-03-20T03:00:00.000Z');
    await appointHead(app, t.admin, C2, 'chair-c2', 'Phạm Văn Hai', '2026-01-01');
    const c = await registerAndClassify(
      app,
      t,
      { receivedAt: '2026-03-20', receivingUnitId: C2 },
      { kind: 'complaint', competentUnitId: C2 },
    );
    id = c.id;
    // the acceptance, dated 2026-03-31, is typed in on 2026-11-22
    tick(app, 60_000);
    await command(app, t.handler, id, 'accept', { acceptedAt: '2026-03-31' });
  }, LONG);

  it('the case view: KN-ACC is met (legally) and missed for accountability, marked as a late entry', async () => {
    const view = await get(`cases/${id}`, t.handler);
    expect(deadlineOf(view, 'KN-ACC')).toMatchObject({
      dueOn: '2026-04-03',
      status: 'met',
      accountabilityDueOn: '2026-04-03',
      graceUntil: '2026-04-08',
      accountability: 'missed',
      lateEntry: true,
      completedOn: '2026-03-31',
    });
    const history = await get(`cases/${id}/history`, t.auditor);
    const accepted = history.events.find((e: { type: string }) => e.type === 'CaseAccepted');
    expect(accepted.data).toMatchObject({ lateEntry: true, acceptedAt: '2026-03-31' });
    expect(accepted.data.workingDaysLate).toBeGreaterThan(3);
  });

  it('the board as of 2026-04-10 follows business dates; as recorded before that day it listed KN-ACC, 7 days overdue', async () => {
    const now = await get(`deadlines/overdue?unitId=${C2}&asOf=2026-04-10`);
    expect(now.items.filter((i: BoardItem) => i.caseId === id)).toEqual([]);
    const then = await get(
      `deadlines/overdue?unitId=${C2}&asOf=2026-04-10&recordedBefore=${encodeURIComponent('2026-04-10T17:00:00Z')}`,
    );
    expect(then.items.filter((i: BoardItem) => i.caseId === id)).toEqual([
      expect.objectContaining({ ruleId: 'KN-ACC', dueOn: '2026-04-03', daysOverdue: 7 }),
    ]);
  });

  it('accountability for April: the head missed it, one late entry', async () => {
    const res = await get(`accountability?unitId=${C2}&from=2026-04-01&to=2026-04-30`);
    expect(res.items).toEqual([
      expect.objectContaining({ personId: 'chair-c2', due: 1, met: 0, missed: 1, open: 0, lateEntries: 1 }),
    ]);
  });

  it('deadlines that fell due while a unit had no head in office form a row with personId: null', async () => {
    // the province has no head: the waiting letter's XLD (due 2026-09-16, registered late) is missed there
    const res = await get(`accountability?unitId=${UNITS.province}&from=2026-09-01&to=2026-09-30`);
    expect(res.items).toEqual([
      expect.objectContaining({
        personId: null,
        fullName: null,
        unitId: UNITS.province,
        from: '2026-09-01',
        to: '2026-09-30',
        due: 1,
        met: 0,
        missed: 1,
        open: 0,
        lateEntries: 0,
      }),
    ]);
  });

  it('GET /late-entries lists the act by unit and by the person who recorded it', async () => {
    const res = await get(`late-entries?unitId=${C2}`, t.auditor);
    expect(res.items).toEqual([
      {
        streamId: `case-${id}`,
        caseId: id,
        trackingCode: expect.any(String),
        type: 'CaseAccepted',
        businessDate: '2026-03-31',
        recordedAt: expect.any(String),
        workingDaysLate: expect.any(Number),
        actor: { id: 'handler-1', name: 'Cán bộ Nguyễn' },
        unitId: C2,
      },
    ]);
    const byOther = await get(`late-entries?unitId=${C2}&actorId=someone-else`, t.supervisor);
    expect(byOther.items).toEqual([]);
    const forbidden = await app.request('GET', `/api/v1/late-entries?unitId=${C2}`, { token: t.handler });
    expectProblem(forbidden, 403, 'FORBIDDEN');
  });
});
