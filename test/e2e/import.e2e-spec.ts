/**
 * POST /admin/import (docs/reference/api-contract.md, Administration; docs/reference/deadlines.md §9; docs/import.md) over HTTP: a valid file,
 * a file with one bad row (nothing written), a resumed import (no duplicates), and imported acts
 * counted by business dates in accountability, never as late entries.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  createTestApp,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  register,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

const P = UNITS.province;
const COLUMNS = [
  'externalId',
  'act',
  'receivedAt',
  'at',
  'acceptedAt',
  'decidedAt',
  'receivingUnitId',
  'channel',
  'subject',
  'content',
  'field',
  'kindHint',
  'petitioners',
  'kind',
  'level',
  'competentUnitId',
  'reason',
  'outcome',
  'summary',
  'verificationAgreesWithRequest',
] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], string>>;

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const csv = (rows: Row[]) =>
  [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => quote(r[c] ?? '')).join(','))].join('\r\n');

const registerRow = (externalId: string, receivedAt: string): Row => ({
  externalId,
  act: 'register',
  receivedAt,
  receivingUnitId: P,
  channel: 'post',
  subject: 'Khiếu nại quyết định thu hồi đất',
  content: 'Đề nghị xem xét lại mức bồi thường, hỗ trợ.',
  field: 'land',
  kindHint: 'complaint',
  petitioners: 'Nguyễn Văn Nhập|001099000111|0912000111|Số 5, phố Huế, Hà Nội',
});
const classifyRow = (externalId: string, at: string): Row => ({
  externalId,
  act: 'classify',
  at,
  kind: 'complaint',
  level: '1',
  competentUnitId: P,
});

/** HS-001: handled on time (KN-ACC and KN-RES1 met). HS-002: accepted late (KN-ACC missed), still open. */
const VALID: Row[] = [
  registerRow('HS-001', '2026-03-02'),
  classifyRow('HS-001', '2026-03-03'),
  { externalId: 'HS-001', act: 'accept', acceptedAt: '2026-03-10' },
  {
    externalId: 'HS-001',
    act: 'resolve',
    decidedAt: '2026-04-06',
    outcome: 'partially_upheld',
    summary: 'Khiếu nại đúng một phần.',
    verificationAgreesWithRequest: 'true',
  },
  registerRow('HS-002', '2026-05-04'),
  classifyRow('HS-002', '2026-05-05'),
  { externalId: 'HS-002', act: 'accept', acceptedAt: '2026-06-29' },
];

let app: TestApp;
let t: Tokens;

async function post(body: string, query: string, token = t.admin, type = 'text/csv') {
  return app.request('POST', `/api/v1/admin/import?${query}`, {
    token,
    raw: body,
    headers: { 'content-type': type },
  });
}

async function caseIdOf(externalId: string): Promise<string> {
  const r = await app.runtime.pool.query<{ case_id: string }>(
    'SELECT case_id FROM imported_cases WHERE external_id = $1',
    [externalId],
  );
  return r.rows[0]!.case_id;
}

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  await appointHead(app, t.admin, P, 'head-1', 'Chủ tịch Hà Nội', '2025-12-01');
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

/** `donthu_command_duration_seconds_count{stream, outcome="ok"}` in a /metrics text (0 when absent). */
function commandsOk(metrics: string, stream: string): number {
  const prefix = `donthu_command_duration_seconds_count{stream="${stream}",outcome="ok"} `;
  const line = metrics.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? 0 : Number(line.slice(prefix.length));
}

describe('POST /admin/import', () => {
  it(
    'a file with one bad row is refused as a whole: 400 naming the row and field, nothing written',
    async () => {
      const before = await eventCount(app);
      const bad: Row[] = [
        ...VALID,
        registerRow('HS-003', '2026-02-02'),
        classifyRow('HS-003', '2026-02-03'),
        { externalId: 'HS-003', act: 'accept', acceptedAt: '2026-01-15' }, // before the receipt: row 11
      ];
      const res = await post(csv(bad), 'reason=S%E1%BB%91%20h%C3%B3a%20h%E1%BB%93%20s%C6%A1%202026');
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path: 'row 11/acceptedAt', message: expect.any(String) }]);
      expect(await eventCount(app)).toBe(before);
      const registry = await app.runtime.pool.query('SELECT 1 FROM imported_cases');
      expect(registry.rowCount).toBe(0);
    },
    LONG,
  );

  it(
    'every guard of the law applies: a complaint suspended before 2026-07-01 is refused naming the rule',
    async () => {
      const before = await eventCount(app);
      const res = await post(
        csv([
          registerRow('HS-009', '2026-03-02'),
          classifyRow('HS-009', '2026-03-03'),
          { externalId: 'HS-009', act: 'accept', acceptedAt: '2026-03-10' },
          { externalId: 'HS-009', act: 'suspend', at: '2026-03-20', reason: 'Chờ kết quả giám định' },
        ]),
        'reason=x',
      );
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([{ path: 'row 5/act', message: expect.stringMatching(/2026-07-01/) }]);
      expect(await eventCount(app)).toBe(before);
    },
    LONG,
  );

  it(
    'refuses what is not a file, and anyone but an administrator',
    async () => {
      expectProblem(await post(csv(VALID), 'reason=x', t.supervisor), 403, 'FORBIDDEN');
      const json = await app.request('POST', '/api/v1/admin/import?reason=x', {
        token: t.admin,
        body: { rows: [] },
      });
      expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectProblem(await post(csv(VALID), ''), 400, 'VALIDATION_FAILED');
      const unknown = await post('externalId,act,caseId\r\nA,register,x\r\n', 'reason=x');
      expectProblem(unknown, 400, 'VALIDATION_FAILED');
      expect(unknown.body.errors).toContainEqual({ path: 'row 1/caseId', message: expect.any(String) });
    },
    LONG,
  );

  it(
    'dryRun validates and writes nothing',
    async () => {
      const before = await eventCount(app);
      const res = await post(csv(VALID), 'reason=x&dryRun=true');
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ cases: 2, events: 7, dryRun: true });
      expect(await eventCount(app)).toBe(before);
    },
    LONG,
  );

  it(
    'a valid file: the cases are written, their events marked imported, never late entries',
    async () => {
      const before = await eventCount(app);
      const metricsBefore = (await app.request('GET', '/metrics')).text;
      const res = await post(csv(VALID), 'reason=H%E1%BB%93%20s%C6%A1%20gi%E1%BA%A5y&importId=batch-1');
      expectStatus(res, 200);
      // One command on the bus: the import counts once, its cases are not counted again as case commands.
      const metricsAfter = (await app.request('GET', '/metrics')).text;
      expect(commandsOk(metricsAfter, 'import') - commandsOk(metricsBefore, 'import')).toBe(1);
      expect(commandsOk(metricsAfter, 'case')).toBe(commandsOk(metricsBefore, 'case'));
      expect(res.body).toEqual({
        importId: 'batch-1',
        cases: 2,
        events: 7,
        alreadyImported: 0,
        dryRun: false,
      });
      expect(await eventCount(app)).toBe(before + 7);
      const id = await caseIdOf('HS-001');
      const view = await app.request('GET', `/api/v1/cases/${id}`, { token: t.supervisor });
      expectStatus(view, 200);
      expect(view.body.status).toBe('resolved');
      const knAcc = view.body.deadlines.find((d: { ruleId: string }) => d.ruleId === 'KN-ACC');
      expect(knAcc).toMatchObject({ status: 'met', accountability: 'met' });
      expect(knAcc.lateEntry).toBeUndefined();
      const history = await app.request('GET', `/api/v1/cases/${id}/history`, { token: t.auditor });
      expectStatus(history, 200);
      for (const e of history.body.events) {
        expect(e).toMatchObject({ imported: true, lateEntry: false });
        expect(e.data).toMatchObject({ imported: true, importId: 'batch-1', importReason: 'Hồ sơ giấy' });
      }
      expect(history.body.events.map((e: { businessDate: string }) => e.businessDate)).toEqual([
        '2026-03-02',
        '2026-03-03',
        '2026-03-10',
        '2026-04-06',
      ]);
    },
    LONG,
  );

  it(
    'a resumed import writes no case twice; another import cannot bring in the same externalId',
    async () => {
      const before = await eventCount(app);
      const again = await post(csv(VALID), 'reason=x&importId=batch-1');
      expectStatus(again, 200);
      expect(again.body).toMatchObject({ cases: 0, events: 0, alreadyImported: 2 });
      // the same batch with one more case: only the new case is written
      const more: Row[] = [
        ...VALID,
        registerRow('HS-004', '2026-09-01'),
        classifyRow('HS-004', '2026-09-02'),
      ];
      const resumed = await post(csv(more), 'reason=x&importId=batch-1');
      expectStatus(resumed, 200);
      expect(resumed.body).toMatchObject({ cases: 1, events: 2, alreadyImported: 2 });
      expect(await eventCount(app)).toBe(before + 2);
      const other = await post(csv(VALID), 'reason=x&importId=batch-2');
      expectProblem(other, 400, 'VALIDATION_FAILED');
      expect(other.body.errors).toContainEqual({ path: 'row 2/externalId', message: expect.any(String) });
      expect(await eventCount(app)).toBe(before + 2);
    },
    LONG,
  );

  it(
    'accountability counts imported deadlines by business dates and shows them as imported, not late entries',
    async () => {
      // a back-dated act typed in today is a late entry; the imported ones are not
      const late = await register(app, t.reception, { receivedAt: '2026-03-02' });
      await app.catchUp();
      const acc = await app.request(
        'GET',
        `/api/v1/accountability?unitId=${P}&from=2026-01-01&to=2026-10-31&asOf=2026-11-20`,
        { token: t.supervisor },
      );
      expectStatus(acc, 200);
      const row = acc.body.items.find((i: { personId: string }) => i.personId === 'head-1');
      // HS-001: KN-ACC and KN-RES1 met; HS-002: KN-ACC missed (accepted late), KN-RES1 open past its
      // grace (missed, no completing act); HS-004's KN-ACC missed (open past its grace). The imported
      // figures are the deadlines completed by an imported act.
      expect(row).toMatchObject({ met: 2, imported: 3, lateEntries: 0 });
      expect(row.missed).toBeGreaterThanOrEqual(2);
      const entries = await app.request('GET', `/api/v1/late-entries?unitId=${P}`, { token: t.supervisor });
      expectStatus(entries, 200);
      const items = (entries.body.items ?? entries.body) as { caseId?: string }[];
      expect(items.some((i) => i.caseId === late.id)).toBe(true);
      const importedIds = await Promise.all(['HS-001', 'HS-002', 'HS-004'].map(caseIdOf));
      expect(items.filter((i) => importedIds.includes(i.caseId ?? ''))).toEqual([]);
    },
    LONG,
  );
});

describe('the worked example of docs/import.md', () => {
  let doc: TestApp;
  let admin: string;
  beforeAll(async () => {
    doc = await createTestApp({ env: { IMPORT_CUTOVER: '2026-01-01', IMPORT_MAX_BYTES: '8192' } });
    admin = await doc.token('admin-1', ['admin'], undefined, 'Quản trị');
    doc.setNow('2025-01-02T03:00:00Z');
    for (const body of [
      { id: 'nb', name: 'UBND tỉnh Ninh Bình', level: 'province' },
      { id: 'nb-giavien', name: 'UBND xã Gia Viễn', level: 'commune', parentId: 'nb' },
    ])
      expectStatus(await doc.request('POST', '/api/v1/units', { token: admin, body }), 201);
    await appointHead(doc, admin, 'nb-giavien', 'ct-gv', 'Đinh Công Lý', '2025-01-02');
    doc.setNow('2026-11-22T03:00:00Z');
  }, LONG);
  afterAll(async () => {
    await doc?.close();
  }, LONG);

  it(
    'refuses a file larger than IMPORT_MAX_BYTES (413) and an act dated from IMPORT_CUTOVER on',
    async () => {
      const big = await doc.request('POST', '/api/v1/admin/import?reason=x', {
        token: admin,
        raw: `externalId,act\r\n${'A,register\r\n'.repeat(1000)}`,
        headers: { 'content-type': 'text/csv' },
      });
      expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
      const late = await doc.request('POST', '/api/v1/admin/import?reason=x', {
        token: admin,
        raw: 'externalId,act,receivedAt,receivingUnitId,channel,subject,content,kindHint,anonymous\r\nX-1,register,2026-01-05,nb-giavien,post,Phản ánh,Nội dung,reflection,true\r\n',
        headers: { 'content-type': 'text/csv' },
      });
      expectProblem(late, 400, 'VALIDATION_FAILED');
      expect(late.body.errors).toEqual([
        { path: 'row 2/receivedAt', message: expect.stringMatching(/IMPORT_CUTOVER/) },
      ]);
    },
    LONG,
  );

  it(
    'imports as the page says, with the due dates it gives',
    async () => {
      const page = readFileSync(new URL('../../docs/import.md', import.meta.url), 'utf8');
      const example = /```csv\n([\s\S]*?)```/.exec(page)![1]!;
      const res = await doc.request(
        'POST',
        '/api/v1/admin/import?reason=H%E1%BB%93%20s%C6%A1%20gi%E1%BA%A5y',
        {
          token: admin,
          raw: example,
          headers: { 'content-type': 'text/csv' },
        },
      );
      expectStatus(res, 200);
      expect(res.body).toMatchObject({ cases: 2, events: 7, alreadyImported: 0, dryRun: false });
      const idOf = async (externalId: string) =>
        (
          await doc.runtime.pool.query<{ case_id: string }>(
            'SELECT case_id FROM imported_cases WHERE external_id = $1',
            [externalId],
          )
        ).rows[0]!.case_id;
      const view = async (externalId: string) =>
        (await doc.request('GET', `/api/v1/cases/${await idOf(externalId)}`, { token: admin })).body;
      const rule = (v: { deadlines: { ruleId: string }[] }, ruleId: string) =>
        v.deadlines.find((d) => d.ruleId === ruleId);
      const a = await view('GV-2025-014');
      expect(rule(a, 'KN-ACC')).toMatchObject({ dueOn: '2025-03-17', status: 'met', accountability: 'met' });
      expect(rule(a, 'KN-RES1')).toMatchObject({ dueOn: '2025-04-10', status: 'met', accountability: 'met' });
      const b = await view('GV-2025-031');
      expect(rule(b, 'KN-ACC')).toMatchObject({
        dueOn: '2025-05-19',
        status: 'missed',
        accountability: 'missed',
      });
      expect(rule(b, 'KN-RES1')).toMatchObject({ dueOn: '2025-07-30' });
      // the page's refused variant: an acceptance dated before the receipt
      const bad = example.replace('GV-2025-014,accept,,,2025-03-11', 'GV-2025-014,accept,,,2025-02-28');
      const refused = await doc.request('POST', '/api/v1/admin/import?reason=x&importId=other', {
        token: admin,
        raw: bad.replace(/GV-2025-0/g, 'GV-2025-9'),
        headers: { 'content-type': 'text/csv' },
      });
      expectProblem(refused, 400, 'VALIDATION_FAILED');
      expect(refused.body.errors).toEqual([
        { path: 'row 4/acceptedAt', message: 'acceptedAt 2025-02-28 is before the receipt (2025-03-03)' },
      ]);
    },
    LONG,
  );
});
