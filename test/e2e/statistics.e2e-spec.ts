/**
 * GET /statistics and /statistics/cases over HTTP on a seeded set whose figures are computed by hand
 * (the comments say why each case counts where it does): every kind, outcome and channel; a case
 * received before the quarter and resolved in it; one received on the quarter's last day and
 * classified after it; a transfer between two units of the province inside the quarter (received
 * once by the province); a transfer out of the province; a unit merger inside the quarter; a decision
 * back-dated into the quarter after the report was filed (the report as filed stays reproducible
 * with `recordedBefore`). Then the roles, the bad queries, CSV and XLSX read back cell by cell.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ReportInputError, writeReport } from '../../apps/cli/src/commands/report.command.js';
import { UnitMergerProcess } from '../../libs/application/src/index.js';
import {
  appointHead,
  command,
  expectProblem,
  expectStatus,
  register,
  settle,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

const P = UNITS.province;
const D = UNITS.department;
const C1 = UNITS.commune1;
const C2 = UNITS.commune2;
const FILED_AT = '2026-09-20T12:00:00.000Z';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app: TestApp;
let t: Tokens;
const id: Record<string, string> = {};

async function letter(name: string, reg: Record<string, unknown>, classify?: Record<string, unknown>) {
  on(String(reg.receivedAt));
  const c = await register(app, t.reception, {
    receivingUnitId: P,
    petitioners: [{ fullName: `Công dân ${name}`, idNumber: '001099012345' }],
    subject: `Đơn ${name}`,
    content: `Nội dung đơn ${name}`,
    ...reg,
  });
  id[name] = c.id;
  if (classify)
    await command(app, t.reception, c.id, 'classify', {
      processable: true,
      competentUnitId: reg.receivingUnitId ?? P,
      ...classify,
    });
  return c.id;
}

let ms = 0;
/** Sets both clocks to a business date (03:00 UTC, 10:00 in Vietnam, plus a step so instants differ). */
const on = (date: string) => tick(app, (ms += 1000), `${date}T03:00:00.000Z`);

/** A case command done on its business date (classify has no date of its own: it is dated today). */
const act = async (
  token: string,
  caseId: string,
  action: string,
  date: string,
  body: Record<string, unknown>,
) => {
  on(date);
  return command(app, token, caseId, action, body);
};

const get = (path: string, token = t.supervisor) => app.request('GET', `/api/v1${path}`, { token });

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  tick(app, 1000, '2026-01-02T03:00:00.000Z');
  await appointHead(app, t.admin, P, 'head-1', 'Chủ tịch', '2026-01-01');
  // Everything of the third quarter is recorded by 2026-09-20 (the report is filed at noon).
  tick(app, 0, '2026-09-20T03:00:00.000Z');
  // B: a complaint received in Q2 (06-10), accepted 06-16, KN-RES1 due 07-16, decided 09-01: late.
  await letter('B', { receivedAt: '2026-06-10', channel: 'post', field: 'housing' }, { kind: 'complaint' });
  await act(t.handler, id.B!, 'accept', '2026-06-16', { acceptedAt: '2026-06-16' });
  // A: complaint at the province, accepted 07-06, a dialogue 07-15, upheld 07-20 (on time).
  await letter('A', { receivedAt: '2026-07-01', channel: 'in_person', field: 'land' }, { kind: 'complaint' });
  await act(t.handler, id.A!, 'accept', '2026-07-06', { acceptedAt: '2026-07-06' });
  await act(t.handler, id.A!, 'dialogues', '2026-07-15', {
    heldAt: '2026-07-15',
    noticeOn: '2026-07-08',
    participants: ['Công dân A'],
    minutes: 'Biên bản đối thoại',
    outcome: 'agreed',
  });
  await act(t.handler, id.A!, 'resolve', '2026-07-20', {
    decidedAt: '2026-07-20',
    outcome: 'upheld',
    summary: 'Khiếu nại đúng',
    verificationAgreesWithRequest: true,
  });
  // C: a denunciation at the department, accepted 08-05, partly true on 08-25 (on time).
  await letter(
    'C',
    { receivedAt: '2026-08-03', channel: 'online', field: 'corruption', receivingUnitId: D },
    { kind: 'denunciation', competentUnitId: D },
  );
  await act(t.handler, id.C!, 'accept', '2026-08-05', { acceptedAt: '2026-08-05' });
  await act(t.handler, id.C!, 'resolve', '2026-08-25', {
    decidedAt: '2026-08-25',
    outcome: 'partly_true',
    summary: 'Tố cáo đúng một phần',
  });
  // Dd: a petition answered 07-20 (no resolution deadline).
  await letter('Dd', { receivedAt: '2026-07-10', channel: 'hotline', field: 'policy' }, { kind: 'petition' });
  await act(t.handler, id.Dd!, 'resolve', '2026-07-20', {
    decidedAt: '2026-07-20',
    outcome: 'answered',
    summary: 'Đã trả lời',
  });
  // E: a reflection forwarded to commune 1, guided 08-25.
  await letter(
    'E',
    {
      receivedAt: '2026-08-20',
      channel: 'forwarded',
      field: 'other',
      receivingUnitId: C1,
    },
    { kind: 'reflection', competentUnitId: C1 },
  );
  await act(t.reception, id.E!, 'guide', '2026-08-25', { at: '2026-08-25', agency: 'Tòa án nhân dân' });
  // F: unclassified, no field, archived as illegible on 07-20.
  await letter('F', { receivedAt: '2026-07-15', channel: 'in_person', field: undefined });
  await act(t.reception, id.F!, 'archive', '2026-07-20', { at: '2026-07-20', reason: 'illegible' });
  // G: a complaint from a reception session, not accepted on 07-25.
  await letter(
    'G',
    { receivedAt: '2026-07-20', channel: 'reception_session', field: 'land' },
    { kind: 'complaint' },
  );
  await act(t.handler, id.G!, 'reject', '2026-07-25', { at: '2026-07-25', reason: 'Hết thời hiệu' });
  // H: received by commune 1 on 07-22, transferred to the department 07-27, classified and accepted
  // there (KN-RES1 due 08-28): open and overdue at the quarter's end as filed; decided later, back-dated.
  await letter('H', { receivedAt: '2026-07-22', channel: 'post', field: 'land', receivingUnitId: C1 });
  await act(t.reception, id.H!, 'transfer', '2026-07-27', {
    at: '2026-07-27',
    toUnitId: D,
    reason: 'Thuộc thẩm quyền Thanh tra',
  });
  await act(t.reception, id.H!, 'classify', '2026-07-28', {
    processable: true,
    kind: 'complaint',
    competentUnitId: D,
  });
  await act(t.handler, id.H!, 'accept', '2026-07-29', { acceptedAt: '2026-07-29' });
  // I: received by the province 08-05, transferred out to Đà Nẵng 08-06.
  await letter('I', { receivedAt: '2026-08-05', channel: 'online', field: 'housing' });
  await act(t.reception, id.I!, 'transfer', '2026-08-06', {
    at: '2026-08-06',
    toUnitId: UNITS.otherProvince,
    reason: 'Không thuộc thẩm quyền',
  });
  // J: commune 2, accepted 08-12 (KN-RES1 due 09-11); commune 2 merges into commune 1 on 08-17.
  await letter(
    'J',
    { receivedAt: '2026-08-10', channel: 'in_person', field: 'land', receivingUnitId: C2 },
    { kind: 'complaint', competentUnitId: C2 },
  );
  await act(t.handler, id.J!, 'accept', '2026-08-12', { acceptedAt: '2026-08-12' });
  // L: received on the quarter's last day; classified only in Q4.
  await letter('L', { receivedAt: '2026-09-14', channel: 'post', field: 'land' });
  // M: received on the first day of Q4.
  await letter('M', { receivedAt: '2026-09-15', channel: 'post', field: 'land' });
  // Reception: the head in person on 08-06 (3 citizens), a deputy on 08-07 (2 citizens).
  for (const [heldOn, host, citizens] of [
    ['2026-08-06', 'head-1', 3],
    ['2026-08-07', 'pho-1', 2],
  ] as const) {
    const s = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body: { unitId: P, hostPersonId: host, date: heldOn, kind: 'periodic', mode: 'in_person' },
    });
    expectStatus(s, 201);
    expectStatus(
      await app.request('POST', `/api/v1/reception-sessions/${s.body.id}/hold`, {
        // The deputy records the session they hosted themselves (not the head's own).
        token: host === 'head-1' ? t.head : await app.token('pho-1', ['head'], P, 'Phó chủ tịch'),
        body: { heldOn, hostPersonId: host, citizensReceived: citizens },
      }),
      200,
    );
  }
  on('2026-09-16');
  expectStatus(
    await app.request('POST', `/api/v1/units/${C2}/merge`, {
      token: t.admin,
      body: { intoUnitId: C1, effectiveOn: '2026-08-17' },
    }),
    200,
  );
  await settle(app);
  expect(await new UnitMergerProcess(app.runtime, app.runner).runOnce()).toBe(1);
  // B decided 09-01: late.
  await act(t.handler, id.B!, 'resolve', '2026-09-01', {
    decidedAt: '2026-09-01',
    outcome: 'rejected',
    summary: 'Khiếu nại sai',
    verificationAgreesWithRequest: true,
  });
  // After the report was filed (2026-09-20 noon): L classified on 11-22, H decided back-dated to 09-10.
  tick(app, 0, '2026-11-22T03:00:00.000Z');
  await command(app, t.reception, id.L!, 'classify', {
    processable: true,
    kind: 'complaint',
    competentUnitId: P,
  });
  await command(app, t.handler, id.H!, 'resolve', {
    decidedAt: '2026-09-10',
    outcome: 'upheld',
    summary: 'Khiếu nại đúng',
    verificationAgreesWithRequest: true,
  });
  await settle(app);
}, 120_000);

afterAll(async () => {
  await app?.close();
});

const zeroFigures = {
  received: {
    total: 0,
    byKind: { complaint: 0, denunciation: 0, petition: 0, reflection: 0, unclassified: 0 },
  },
  processed: { accepted: 0, rejected: 0, guided: 0, archived: 0, transferred: 0 },
  resolved: { total: 0, onTime: 0, late: 0, withoutDeadline: 0, lateEntries: 0 },
  openAtEnd: { total: 0, overdue: 0 },
  dialoguesHeld: 0,
  reception: { sessionsHeld: 0, headSessionsHeld: 0, citizensReceived: 0 },
  openAtStart: { total: 0 },
};

describe('GET /statistics: the province for 2026-Q3 (2026-06-15…2026-09-14)', () => {
  it('as filed on 2026-09-20 (recordedBefore): every figure as computed by hand', async () => {
    const r = await get(`/statistics?unitId=${P}&period=2026-Q3&recordedBefore=${FILED_AT}`);
    expectStatus(r, 200);
    const b = r.body;
    expect(b.period).toEqual({ label: '2026-Q3', from: '2026-06-15', to: '2026-09-14' });
    expect(b.unitId).toBe(P);
    // A, C, Dd, E, F, G, H (at commune 1; its transfer to the department stays inside), I, J, L.
    expect(b.received).toEqual({
      total: 10,
      byKind: { complaint: 4, denunciation: 1, petition: 1, reflection: 1, unclassified: 3 },
      byChannel: { in_person: 3, post: 2, online: 2, hotline: 1, forwarded: 1, reception_session: 1 },
      byField: {
        land: 5,
        compensation: 0,
        site_clearance: 0,
        housing: 1,
        policy: 1,
        justice: 0,
        corruption: 1,
        other: 1,
        unspecified: 1,
      },
    });
    expect(b.processed).toEqual({ accepted: 5, rejected: 1, guided: 1, archived: 1, transferred: 2 });
    expect(b.resolved).toEqual({
      total: 4,
      byOutcome: {
        upheld: 1,
        partially_upheld: 0,
        rejected: 1,
        true: 0,
        partly_true: 1,
        untrue: 0,
        answered: 1,
      },
      onTime: 2,
      late: 1,
      withoutDeadline: 1,
      lateEntries: 0,
    });
    expect(b.openAtStart).toEqual({ total: 1 }); // B
    expect(b.openAtEnd).toEqual({ total: 3, overdue: 2 }); // H (due 08-28), J (due 09-11), L
    expect(b.dialoguesHeld).toBe(1);
    expect(b.reception).toEqual({ sessionsHeld: 2, headSessionsHeld: 1, citizensReceived: 5 });
    // 2026-Q2: B only, still open at its end.
    expect(b.previous.period).toEqual({ label: '2026-Q2', from: '2026-03-15', to: '2026-06-14' });
    expect(b.previous).toMatchObject({
      ...zeroFigures,
      received: { total: 1, byKind: { complaint: 1 }, byChannel: { post: 1 }, byField: { housing: 1 } },
      openAtEnd: { total: 1, overdue: 0 },
    });
    expect(b.yearEarlier.period).toEqual({ label: '2025-Q3', from: '2025-06-15', to: '2025-09-14' });
    expect(b.yearEarlier).toMatchObject(zeroFigures);
    // One row per direct sub-unit (commune 2 ceased on 08-17, inside the quarter), then the province's own.
    expect(b.units.map((u: { unitId: string; own?: boolean }) => [u.unitId, u.own ?? false])).toEqual([
      [C1, false],
      [C2, false],
      [D, false],
      [P, true],
    ]);
    const row = (u: string) => b.units.find((x: { unitId: string }) => x.unitId === u);
    expect(row(D)).toMatchObject({
      received: { total: 2, byKind: { denunciation: 1, complaint: 1 } }, // C, H transferred in from commune 1
      processed: { accepted: 2, transferred: 0 },
      resolved: { total: 1, onTime: 1, byOutcome: { partly_true: 1 } },
      openAtEnd: { total: 1, overdue: 1 },
    });
    expect(row(C1)).toMatchObject({
      received: { total: 2 }, // E, H
      processed: { guided: 1, transferred: 1 },
      openAtEnd: { total: 1, overdue: 1 }, // J, since the merger
    });
    expect(row(C2)).toMatchObject({
      received: { total: 1 },
      processed: { accepted: 1 },
      openAtEnd: { total: 0, overdue: 0 },
    });
    expect(row(P)).toMatchObject({
      received: { total: 6 }, // A, Dd, F, G, I, L
      processed: { accepted: 2, rejected: 1, archived: 1, transferred: 1 },
      resolved: { total: 3, onTime: 1, late: 1, withoutDeadline: 1 },
      openAtStart: { total: 1 },
      openAtEnd: { total: 1, overdue: 0 },
      dialoguesHeld: 1,
      reception: { sessionsHeld: 2, headSessionsHeld: 1, citizensReceived: 5 },
    });
  });

  it('now: the decision back-dated to 09-10 counts in the quarter; L is still unclassified on 09-14', async () => {
    const r = await get(`/statistics?unitId=${P}&period=2026-Q3`);
    expectStatus(r, 200);
    expect(r.body.resolved).toMatchObject({ total: 5, onTime: 2, late: 2, byOutcome: { upheld: 2 } });
    expect(r.body.openAtEnd).toEqual({ total: 2, overdue: 1 });
    expect(r.body.received.byKind).toMatchObject({ complaint: 4, unclassified: 3 });
    // Q4: M received; L still open at its start; L classified on 09-15 counts as a complaint there only if received in Q4.
    const q4 = await get(`/statistics?unitId=${P}&period=2026-Q4`);
    expect(q4.body.received).toMatchObject({ total: 1, byKind: { unclassified: 1 } });
    expect(q4.body.openAtStart).toEqual({ total: 2 });
  });

  it('asOf cuts the figures at a business date', async () => {
    const r = await get(`/statistics?unitId=${P}&period=2026-Q3&asOf=2026-07-31`);
    expectStatus(r, 200);
    expect(r.body.received).toMatchObject({
      total: 5, // A, Dd, F, G, H
      byKind: { complaint: 3, petition: 1, unclassified: 1 },
    });
    expect(r.body.resolved).toMatchObject({ total: 2 });
    expect(r.body.openAtEnd).toEqual({ total: 2, overdue: 1 }); // B (due 07-16) and H
  });

  it('without sub-units: the province alone; a custom range; the current quarter by default', async () => {
    const own = await get(
      `/statistics?unitId=${P}&includeSubunits=false&period=2026-Q3&recordedBefore=${FILED_AT}`,
    );
    expect(own.body.received.total).toBe(6);
    expect(own.body.units).toHaveLength(1);
    const custom = await get(`/statistics?unitId=${D}&from=2026-08-01&to=2026-08-31`);
    expect(custom.body.period).toEqual({
      label: '2026-08-01…2026-08-31',
      from: '2026-08-01',
      to: '2026-08-31',
    });
    expect(custom.body.received.total).toBe(1); // C
    expect(custom.body.previous.period).toEqual({
      label: '2026-07-01…2026-07-31',
      from: '2026-07-01',
      to: '2026-07-31',
    });
    expect(custom.body.previous.received.total).toBe(1); // H, transferred in on 07-27
    const current = await get(`/statistics?unitId=${P}`);
    expect(current.body.period.label).toBe('2026-Q4');
  });

  it('the cases behind a figure', async () => {
    const ids = async (q: string) => {
      const r = await get(`/statistics/cases?unitId=${P}&period=2026-Q3&${q}`);
      expectStatus(r, 200);
      return (r.body.items as { caseId: string }[]).map((i) => i.caseId).sort();
    };
    expect(await ids('figure=resolved.late')).toEqual([id.B, id.H].sort());
    expect(await ids(`figure=resolved.late&recordedBefore=${FILED_AT}`)).toEqual([id.B]);
    expect(await ids('figure=received.byKind.unclassified')).toEqual([id.F, id.I, id.L].sort());
    expect(await ids('figure=received.total')).toHaveLength(10);
    expect(await ids('figure=openAtEnd.overdue')).toEqual([id.J]);
    expect(await ids('figure=previous.received.total')).toEqual([id.B]);
    expect(await ids('figure=processed.transferred')).toEqual([id.H, id.I].sort());
    const sessions = await get(
      `/statistics/cases?unitId=${P}&period=2026-Q3&figure=reception.headSessionsHeld`,
    );
    expect(sessions.body.total).toBe(1);
    expect(sessions.body.items[0]).toMatchObject({ caseId: null, businessDate: '2026-08-06', unitId: P });
    expectProblem(
      await get(`/statistics/cases?unitId=${P}&period=2026-Q3&figure=received.nothing`),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await get(`/statistics/cases?unitId=${P}&period=2026-Q3`), 400, 'VALIDATION_FAILED');
  });
});

describe('GET /statistics: roles, scope and bad queries', () => {
  it('supervisor, head (own scope), auditor and admin may; reception and handler may not', async () => {
    expectStatus(await get(`/statistics?unitId=${P}&period=2026-Q3`, t.head), 200);
    expectStatus(await get(`/statistics?unitId=${P}&period=2026-Q3`, t.auditor), 200);
    expectStatus(await get(`/statistics?unitId=${P}&period=2026-Q3`, t.admin), 200);
    expectStatus(await get(`/statistics?period=2026-Q3`, t.supervisor), 200);
    expectProblem(await get(`/statistics?unitId=${P}&period=2026-Q3`, t.reception), 403, 'FORBIDDEN');
    expectProblem(await get(`/statistics?unitId=${P}&period=2026-Q3`, t.handler), 403, 'FORBIDDEN');
    const headC1 = await app.token('head-c1', ['head'], C1);
    expectStatus(await get(`/statistics?unitId=${C1}&period=2026-Q3`, headC1), 200);
    expectProblem(await get(`/statistics?unitId=${P}&period=2026-Q3`, headC1), 404, 'NOT_FOUND');
    expectProblem(await get(`/statistics?unitId=${UNITS.otherProvince}&period=2026-Q3`), 404, 'NOT_FOUND');
    expectProblem(await get(`/statistics?period=2026-Q3`, t.admin), 400, 'VALIDATION_FAILED');
  });

  it.each([
    ['period=2026-Q3&from=2026-07-01&to=2026-07-31', 'period'],
    ['period=2026-Q5', 'period'],
    ['from=2026-07-01', 'to'],
    ['from=2026-07-31&to=2026-07-01', 'to'],
    ['from=2026-02-30&to=2026-03-01', 'from'],
    ['period=2026-Q3&asOf=2026-13-01', 'asOf'],
    ['period=2026-Q3&recordedBefore=yesterday', 'recordedBefore'],
    ['period=2026-Q3&includeSubunits=maybe', 'includeSubunits'],
  ])('%s → 400 naming %s', async (query, path) => {
    const r = await get(`/statistics?unitId=${P}&${query}`);
    expectProblem(r, 400, 'VALIDATION_FAILED');
    expect((r.body.errors as { path: string }[]).map((e) => e.path)).toContain(path);
  });
});

describe('exports', () => {
  it('CSV: UTF-8 with BOM, Vietnamese headings, one line per figure', async () => {
    const res = await fetch(
      `${app.url}/api/v1/statistics?unitId=${P}&period=2026-Q3&recordedBefore=${FILED_AT}`,
      {
        headers: { authorization: `Bearer ${t.supervisor}`, accept: 'text/csv' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Mã chỉ tiêu,Chỉ tiêu,Kỳ báo cáo 2026-Q3,Kỳ trước 2026-Q2,Cùng kỳ năm trước 2025-Q3,UBND xã Một,UBND xã Hai,Thanh tra thành phố,UBND thành phố Hà Nội (trực tiếp)',
    );
    expect(lines).toContain('received.total,Tổng số đơn tiếp nhận,10,1,0,2,1,2,6');
    expect(lines).toContain('openAtEnd.overdue,Tồn cuối kỳ đã quá hạn,2,0,0,1,0,1,0');
  });

  it('XLSX: title block, one sheet per table, numbers as numbers and dates as dates', async () => {
    const res = await fetch(
      `${app.url}/api/v1/statistics?unitId=${P}&period=2026-Q3&recordedBefore=${FILED_AT}`,
      {
        headers: { authorization: `Bearer ${t.supervisor}`, accept: XLSX },
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Tiếp công dân',
      'Tiếp nhận đơn',
      'Xử lý đơn',
      'Giải quyết',
    ]);
    const s = wb.getWorksheet('Tổng hợp')!;
    expect(s.getCell('A1').value).toBe('CƠ QUAN, ĐƠN VỊ: UBND thành phố Hà Nội');
    expect(String(s.getCell('A3').value)).toContain('Quý III năm 2026');
    expect(s.getCell('B4').value).toEqual(new Date('2026-06-15T00:00:00Z'));
    expect(s.getCell('D4').value).toEqual(new Date('2026-09-14T00:00:00Z'));
    expect(s.getCell('B6').value).toEqual(new Date(FILED_AT));
    expect(s.getRow(8).values).toEqual([
      undefined,
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Kỳ báo cáo (2026-Q3)',
      'Kỳ trước (2026-Q2)',
      'Cùng kỳ năm trước (2025-Q3)',
    ]);
    expect(s.getRow(9).values).toEqual([undefined, 'received.total', 'Tổng số đơn tiếp nhận', 10, 1, 0]);
    const g = wb.getWorksheet('Giải quyết')!;
    const header = (g.getRow(8).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['Mã đơn vị', 'Đơn vị', 'Tồn đầu kỳ']);
    const col = header.indexOf('Giải quyết quá hạn') + 1;
    expect(col).toBeGreaterThan(0);
    const rows = [9, 10, 11, 12, 13].map((n) => [
      g.getRow(n).getCell(1).value,
      g.getRow(n).getCell(2).value,
      g.getRow(n).getCell(col).value,
    ]);
    expect(rows).toEqual([
      [C1, 'UBND xã Một', 0],
      [C2, 'UBND xã Hai', 0],
      [D, 'Thanh tra thành phố', 0],
      [P, 'UBND thành phố Hà Nội (trực tiếp)', 1],
      [null, 'Tổng cộng', 1],
    ]);
    expect(typeof g.getRow(12).getCell(3).value).toBe('number');
  });

  it('the CLI writes the same report to a file (donthu report --unit … --period 2026-Q3 --format xlsx --out …)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'donthu-report-'));
    try {
      const out = join(dir, 'bao-cao.xlsx');
      const written = await writeReport(app.runtime, {
        unit: P,
        period: '2026-Q3',
        recordedBefore: FILED_AT,
        format: 'xlsx',
        out,
      });
      expect(written.file).toBe(out);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
      expect(wb.getWorksheet('Tổng hợp')!.getRow(9).values).toEqual([
        undefined,
        'received.total',
        'Tổng số đơn tiếp nhận',
        10,
        1,
        0,
      ]);
      const csvOut = join(dir, 'bao-cao.csv');
      await writeReport(app.runtime, { unit: P, period: '2026-Q3', format: 'csv', out: csvOut });
      expect(readFileSync(csvOut, 'utf8')).toContain('resolved.late,Giải quyết quá hạn,2,0,0,0,0,1,1');
      await expect(
        writeReport(app.runtime, { unit: P, period: '2026-Q7', format: 'xlsx', out }),
      ).rejects.toThrow(ReportInputError);
      await expect(writeReport(app.runtime, { unit: 'nowhere', format: 'xlsx', out })).rejects.toThrow(
        ReportInputError,
      );
      await expect(writeReport(app.runtime, { unit: P, format: 'pdf', out })).rejects.toThrow(
        ReportInputError,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
