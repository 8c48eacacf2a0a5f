/**
 * Contract: docs/reference/api-contract.md — conventions, errors, auth/roles/scope, units, the case endpoints, lists,
 * concurrency, idempotency, history, identities and verification. Written from the document only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import {
  client,
  CONTRACT_ORGANISATION,
  contractRegistration,
  CONTRACT_UNITS as U,
  eventCount,
  expectInvalid,
  expectProblem,
  expectStatus,
  legal,
  LONG,
  NOW,
  only,
  startWorld,
  TEST_SECRET,
  type TestApp,
  type TestResponse,
  type View,
  waitUntil,
} from '../support/index.js';

let app: TestApp;
let c: ReturnType<typeof client>;
const t: Record<string, string> = {};

beforeAll(async () => {
  const world = await startWorld({ organisation: CONTRACT_ORGANISATION });
  app = world.app;
  c = client(app, contractRegistration);
  Object.assign(t, world.tokens);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('Health', () => {
  it('GET /health needs no token: {status: ok, eventStore: {headPosition}, projections: {<name>: {lag}}}', async () => {
    const res = await app.request('GET', '/health');
    expectStatus(res, 200);
    expect(res.body.status).toBe('ok');
    expect(res.body.eventStore).toHaveProperty('headPosition');
    // A number, as every other position (a command's `position`, history), so it compares with them.
    expect(typeof res.body.eventStore.headPosition).toBe('number');
    const names = Object.keys(res.body.projections);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(res.body.projections[n]).toHaveProperty('lag');
  });
});

describe('OpenAPI', () => {
  it('the OpenAPI description is served at /docs-json (and /docs) without the /api/v1 prefix', async () => {
    const json = await app.request('GET', '/docs-json');
    expectStatus(json, 200);
    expect(typeof json.body.openapi).toBe('string');
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}']),
    );
    expect((await app.request('GET', '/docs')).status).toBe(200);
  });
});

describe('Authentication (401) and problem shape', () => {
  it('no token, a bad signature, a token without exp → 401 UNAUTHENTICATED', async () => {
    expectProblem(await app.request('GET', '/api/v1/cases'), 401, 'UNAUTHENTICATED');
    const bad = (await app.token('x', ['admin'])).slice(0, -3) + 'AAA';
    expectProblem(await app.request('GET', '/api/v1/cases', { token: bad }), 401, 'UNAUTHENTICATED');
    const noExp = await new SignJWT({ name: 'x', roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject('x')
      .setIssuedAt()
      .sign(new TextEncoder().encode(TEST_SECRET));
    expectProblem(await app.request('GET', '/api/v1/cases', { token: noExp }), 401, 'UNAUTHENTICATED');
  });

  it('an unknown case → 404 NOT_FOUND problem', async () => {
    expectProblem(
      await app.request('GET', '/api/v1/cases/does-not-exist', { token: t.admin }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('Units', () => {
  it('POST /units → 201 with an id; GET /units/:id; bad level → 400; only admin', async () => {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { name: 'Thanh tra tỉnh', level: 'agency', parentId: U.p },
    });
    expectStatus(res, 201);
    expect(typeof res.body.id).toBe('string');
    const got = await app.request('GET', `/api/v1/units/${res.body.id}`, { token: t.admin });
    expectStatus(got, 200);
    expect(got.body).toMatchObject({ id: res.body.id, name: 'Thanh tra tỉnh', level: 'agency' });
    expectInvalid(
      await app.request('POST', '/api/v1/units', { token: t.admin, body: { name: 'X', level: 'district' } }),
    );
    expectProblem(
      await app.request('POST', '/api/v1/units', { token: t.head, body: { name: 'X', level: 'commune' } }),
      403,
      'FORBIDDEN',
    );
    expectStatus(await app.request('GET', '/api/v1/units', { token: t.admin }), 200);
  });

  it('PATCH renames from today; asOf a past date shows the old name; heads on a date', async () => {
    app.setNow('2025-01-02T03:00:00.000Z');
    const created = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'ct-ren', name: 'Tên cũ', level: 'department', parentId: U.p },
    });
    app.setNow(NOW);
    expectStatus(created, 201);
    const p = await app.request('PATCH', '/api/v1/units/ct-ren', {
      token: t.admin,
      body: { name: 'Tên mới' },
    });
    expect([200, 201]).toContain(p.status);
    const now = await app.request('GET', '/api/v1/units/ct-ren', { token: t.admin });
    expect(now.body.name).toBe('Tên mới');
    const heads = await app.request('POST', '/api/v1/units/ct-ren/heads', {
      token: t.admin,
      body: { personId: 'ct-giam-doc', fullName: 'Lê Văn Giám', from: '2026-11-01' },
    });
    expect([200, 201]).toContain(heads.status);
    const onDate = await app.request('GET', '/api/v1/units/ct-ren?asOf=2026-11-10', { token: t.admin });
    expectStatus(onDate, 200);
    expect(onDate.body.head).toMatchObject({ personId: 'ct-giam-doc', fullName: 'Lê Văn Giám' });
    const before = await app.request('GET', '/api/v1/units/ct-ren?asOf=2026-10-31', { token: t.admin });
    expectStatus(before, 200);
    expect(before.body.head?.personId).not.toBe('ct-giam-doc');
    expect(before.body.name).toBe('Tên cũ');
  });

  // A head's `from` and a merger's `effectiveOn` are schedules (api.md): a date after today is recorded
  // and takes effect on that date; beyond the five years ahead every date allows, it is refused.
  const SCHEDULES: {
    what: string;
    path: () => string;
    ahead: Record<string, unknown>;
    beyond: Record<string, unknown>;
    scheduled: (res: TestResponse) => Promise<void>;
  }[] = [
    {
      // ct-ren and its head ct-giam-doc (from 2026-11-01) come from the test above.
      what: "a head's from: today the current head is still in office",
      path: () => '/api/v1/units/ct-ren/heads',
      ahead: { personId: 'ct-x', fullName: 'X', from: '2026-11-23' },
      beyond: { personId: 'ct-y', fullName: 'Y', from: '2032-01-01' },
      scheduled: async (res) => {
        expect([200, 201]).toContain(res.status);
        const today = await app.request('GET', '/api/v1/units/ct-ren', { token: t.admin });
        expect(today.body.head).toMatchObject({ personId: 'ct-giam-doc' });
        const tomorrow = await app.request('GET', '/api/v1/units/ct-ren?asOf=2026-11-23', { token: t.admin });
        expect(tomorrow.body.head).toMatchObject({ personId: 'ct-x' });
      },
    },
    {
      what: "a merger's effectiveOn: mergesInto, and it can be cancelled",
      path: () => `/api/v1/units/${U.c1}/merge`,
      ahead: { intoUnitId: U.c2, effectiveOn: '2026-11-23' },
      beyond: { intoUnitId: U.c2, effectiveOn: '2032-01-01' },
      scheduled: async (res) => {
        expectStatus(res, 200);
        expect(res.body).toMatchObject({
          status: 'active',
          mergesInto: { unitId: U.c2, effectiveOn: '2026-11-23' },
        });
        const cancelled = await app.request('POST', `/api/v1/units/${U.c1}/merge/cancel`, {
          token: t.admin,
          body: { reason: 'Lập nhầm lịch sáp nhập' },
        });
        expect(cancelled.status).toBeLessThan(300);
        expect(cancelled.body.mergesInto).toBeNull();
      },
    },
  ];
  for (const s of SCHEDULES)
    it(`${s.what} — dated after today it is scheduled, not refused; beyond five years it is refused`, async () => {
      await s.scheduled(await app.request('POST', s.path(), { token: t.admin, body: s.ahead }));
      expectInvalid(await app.request('POST', s.path(), { token: t.admin, body: s.beyond }));
    });
});

describe('Registration and the case view', () => {
  it('POST /cases → 201 {id, trackingCode, version 1, position, status received}; GET carries ETag "1"', async () => {
    const res = await app.request('POST', '/api/v1/cases', { token: t.rec, body: contractRegistration() });
    expectStatus(res, 201);
    expect(res.body).toMatchObject({ version: 1, status: 'received' });
    expect(typeof res.body.id).toBe('string');
    expect(typeof res.body.trackingCode).toBe('string');
    expect(Number(res.body.position)).toBeGreaterThan(0);
    const v = await app.request('GET', `/api/v1/cases/${res.body.id}`, { token: t.rec });
    expectStatus(v, 200);
    expect(v.headers.get('etag')).toBe('"1"');
    for (const k of [
      'id',
      'trackingCode',
      'kind',
      'level',
      'status',
      'receivingUnitId',
      'competentUnitId',
      'handlerId',
      'receivedAt',
      'acceptedAt',
      'version',
      'petitioners',
      'deadlines',
      'dates',
    ])
      expect(v.body).toHaveProperty(k);
    expect(v.body).toMatchObject({
      id: res.body.id,
      status: 'received',
      receivingUnitId: U.p,
      receivedAt: '2026-10-01',
    });
    // only XLD (letter processing) from the receipt: Thu 2026-10-01 + 10 WD → Thu 2026-10-15
    expect(v.body.deadlines.map(legal)).toEqual([
      {
        ruleId: 'XLD',
        ruleVersion: '2021-11-15',
        startOn: '2026-10-01',
        dueOn: '2026-10-15',
        status: 'missed',
      },
    ]);
  });

  it('a command answers 200 with the case view plus position; version grows by one per event', async () => {
    const created = await c.register(t.rec);
    const res = await app.request('POST', `/api/v1/cases/${created.id}/classify`, {
      token: t.rec,
      body: { kind: 'complaint', competentUnitId: U.p, processable: true },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ id: created.id, status: 'classified', kind: 'complaint', version: 2 });
    expect(Number(res.body.position)).toBeGreaterThan(Number(created.position));
    expect(res.body.deadlines.map((d: { ruleId: string }) => d.ruleId)).toEqual(['XLD', 'KN-ACC']);
    const v = await c.view(t.rec, created.id);
    const { position: _p, ...withoutPosition } = res.body;
    void _p;
    expect(v).toMatchObject(withoutPosition);
  });

  it('business dates: after today → 400; invalid → 400; before receivedAt → 400; today is fine', async () => {
    const before = await eventCount(app);
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ receivedAt: '2026-11-23' }),
      }),
    );
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ receivedAt: '2026-02-30' }),
      }),
    );
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ receivedAt: '22/11/2026' }),
      }),
    );
    expect(await eventCount(app)).toBe(before);
    const v = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-10' });
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/accept`, {
        token: t.h,
        body: { acceptedAt: '2026-11-09' },
      }),
    );
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/accept`, {
        token: t.h,
        body: { acceptedAt: '2026-11-23' },
      }),
    );
    const a = await c.cmd(t.h, v.id, 'accept', { acceptedAt: '2026-11-22' });
    expect(a).toMatchObject({ status: 'accepted', acceptedAt: '2026-11-22' });
  });

  it('enumerations are checked (400 with errors[{path, message}])', async () => {
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ channel: 'fax' }),
      }),
    );
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ field: 'weather' }),
      }),
    );
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ kindHint: 'praise' }),
      }),
    );
    const v = await c.register(t.rec);
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/classify`, {
        token: t.rec,
        body: { kind: 'praise', competentUnitId: U.p, processable: true },
      }),
    );
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/classify`, {
        token: t.rec,
        body: { kind: 'complaint', level: 3, competentUnitId: U.p, processable: true },
      }),
    );
    expectInvalid(
      await app.request('POST', `/api/v1/cases/${v.id}/archive`, {
        token: t.rec,
        body: { at: '2026-10-02', reason: 'boring' },
      }),
    );
  });

  it('archive with a documented reason; statuses reject / archive', async () => {
    const a = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    const first = await c.register(t.rec, { receivedAt: '2026-11-15' });
    const dup = await c.cmd(t.rec, a.id, 'archive', {
      at: '2026-11-17',
      reason: 'duplicate',
      duplicateOf: first.id,
    });
    expect(dup.status).toBe('archived');
    const b = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    expect((await c.cmd(t.h, b.id, 'reject', { at: '2026-11-17', reason: 'Điều 11 khoản 3' })).status).toBe(
      'rejected',
    );
  });
});

describe('Text input: NFC, U+0000, lone surrogates, media type, size, malformed JSON', () => {
  it('text is normalised to NFC (q finds an NFD subject by its NFC spelling)', async () => {
    const word = 'Xuânthượngđỉnh';
    await c.register(t.rec, { subject: `Đơn ${word}`.normalize('NFD') });
    await app.catchUp();
    const res = await app.request('GET', `/api/v1/cases?q=${encodeURIComponent(word)}`, { token: t.sup });
    expectStatus(res, 200);
    expect(res.body.total).toBe(1);
  });

  it('U+0000 and lone surrogates → 400, nothing appended', async () => {
    const before = await eventCount(app);
    expectInvalid(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ subject: 'a\u0000b' }),
      }),
    );
    const raw = JSON.stringify(contractRegistration({ subject: 'SURROGATE' })).replace(
      'SURROGATE',
      '\\ud800x',
    );
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.rec,
      raw,
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(await eventCount(app)).toBe(before);
  });

  it('malformed JSON → 400; text/plain → 415; > 1 MiB → 413; never 5xx', async () => {
    expectProblem(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        raw: '{"a":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        raw: 'hello',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    const big = JSON.stringify(contractRegistration({ content: 'x'.repeat(2 * 1024 * 1024) }));
    expectProblem(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        raw: big,
        headers: { 'content-type': 'application/json' },
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    for (const path of [
      '/api/v1/cases?page=abc',
      '/api/v1/cases?pageSize=-1',
      '/api/v1/deadlines/overdue?asOf=yesterday',
      '/api/v1/deadlines/overdue?recordedBefore=notatime',
      '/api/v1/cases/%E0%A4%A',
      '/api/v1/accountability?from=2026-13-01',
    ]) {
      const res = await app.request('GET', path, { token: t.admin });
      expect(res.status).toBeLessThan(500);
    }
  });
});

describe('Lists', () => {
  it('{items, total, page, pageSize}; page starts at 1; pageSize ≤ 200', async () => {
    await app.catchUp();
    const res = await app.request('GET', '/api/v1/cases', { token: t.sup });
    expectStatus(res, 200);
    expect(Array.isArray(res.body.items)).toBe(true);
    expect(res.body.page).toBe(1);
    expect(typeof res.body.total).toBe('number');
    expect(typeof res.body.pageSize).toBe('number');
    expectStatus(await app.request('GET', '/api/v1/cases?pageSize=200', { token: t.sup }), 200);
    expectInvalid(await app.request('GET', '/api/v1/cases?pageSize=201', { token: t.sup }));
    expectInvalid(await app.request('GET', '/api/v1/cases?page=0', { token: t.sup }));
    const p2 = await app.request('GET', '/api/v1/cases?page=2&pageSize=1', { token: t.sup });
    expectStatus(p2, 200);
    expect(p2.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(p2.body.items.length).toBeLessThanOrEqual(1);
  });

  it("filters status / kind / unitId; q searches tracking code and subject, never identities nor a denunciation's letter", async () => {
    const k = await c.intake(t.recC1, 'denunciation', {
      receivingUnitId: U.c1,
      subject: 'Tố cáo Quanlyđấtxã',
      content: 'Nội dung Lamsailệch',
      petitioners: [{ fullName: 'Đỗ Bímật Tốcáo', idNumber: '009900112233' }],
    });
    await app.catchUp();
    const get = (qs: string, token = t.sup) => app.request('GET', `/api/v1/cases?${qs}`, { token });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id);
    expect(ids(await get('q=Quanlyđấtxã'))).toEqual([k.id]);
    // A denunciation's letter is never searched (architecture.md §7: read models keep a searchable copy
    // only for cases that are not denunciations).
    expect(ids(await get('q=Lamsailệch'))).toEqual([]);
    expect(ids(await get(`q=${encodeURIComponent(k.trackingCode)}`))).toContain(k.id);
    expect((await get(`q=${encodeURIComponent('Bímật')}`)).body.total).toBe(0);
    expect((await get('q=009900112233')).body.total).toBe(0);
    const byUnit = await get(`unitId=${U.c1}&kind=denunciation&status=classified`);
    expect(ids(byUnit)).toContain(k.id);
    for (const i of byUnit.body.items)
      expect(i).toMatchObject({ kind: 'denunciation', status: 'classified' });
    expect(ids(await get(`unitId=${U.c1}&kind=complaint`))).not.toContain(k.id);
    expect(ids(await get('status=accepted&q=Quanlyđấtxã'))).toEqual([]);
    // The denunciator never appears in clear in a list.
    expect((await get('q=Quanlyđấtxã')).text).not.toContain('Bímật');
    // Out of scope: a supervisor of another province does not see it.
    expect(ids(await get('q=Quanlyđấtxã', t.supQ))).toEqual([]);
  });

  it('every list and board accepts minPosition', async () => {
    const head = Number((await app.request('GET', '/health')).body.eventStore.headPosition);
    await app.catchUp();
    for (const path of [
      '/api/v1/cases',
      `/api/v1/deadlines/overdue?unitId=${U.p}`,
      `/api/v1/deadlines/upcoming?unitId=${U.p}`,
      `/api/v1/accountability?unitId=${U.p}&from=2026-01-01&to=2026-12-31`,
      `/api/v1/reception-duty?unitId=${U.p}&from=2026-01-01&to=2026-11-22`,
      `/api/v1/inspections/follow-up?unitId=${U.p}`,
    ]) {
      const res = await app.request('GET', `${path}${path.includes('?') ? '&' : '?'}minPosition=${head}`, {
        token: t.sup,
      });
      if (res.status !== 200) throw new Error(`${path} → ${res.status}: ${res.text.slice(0, 300)}`);
    }
  });

  it('minPosition: the answer waits until the projections applied that position', async () => {
    const created = await c.register(t.rec, { subject: 'Chờ Vịtrícuối' });
    const pending = app.request(
      'GET',
      `/api/v1/cases?q=${encodeURIComponent('Vịtrícuối')}&minPosition=${created.position}`,
      {
        token: t.sup,
      },
    );
    let answered = false;
    pending.then(
      () => (answered = true),
      () => undefined,
    );
    await waitUntil('the list request waiting for minPosition', () => app.runner.waiting > 0);
    expect(answered).toBe(false);
    await app.catchUp();
    const res = await pending;
    expectStatus(res, 200);
    expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
  });

  it("Accept: text/csv exports the whole list (exports.read), Vietnamese headings, never a denunciation's letter", async () => {
    const mine: string[] = [];
    for (const n of [1, 2, 3])
      mine.push((await c.register(t.rec, { subject: `Xuấtdanhsách số ${n}` })).trackingCode as string);
    const d = await c.intake(t.recC1, 'denunciation', {
      receivingUnitId: U.c1,
      subject: 'Xuấtdanhsách tố cáo',
      content: 'Thư Nộidungmật của người tố cáo',
      petitioners: [{ fullName: 'Vũ Kínđáo Tốcáo', idNumber: '009911223344' }],
    });
    await app.catchUp();
    const last = String(d.position ?? '');
    const csv = async (qs: string, token = t.sup) => {
      const sep = qs ? '&' : '';
      const res = await fetch(`${app.url}/api/v1/cases?${qs}${last ? `${sep}minPosition=${last}` : ''}`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
      });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type') ?? '', bytes };
    };
    // The whole list, whatever the page size: pageSize=1 without page still gives every row.
    const q = `q=${encodeURIComponent('Xuấtdanhsách')}`;
    const all = await csv(`${q}&pageSize=1`);
    expect(all.status).toBe(200);
    expect(all.type).toMatch(/^text\/csv/);
    expect([...all.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(all.bytes.slice(3)).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^Mã hồ sơ,Ngày tiếp nhận,Loại đơn,/);
    expect(lines).toHaveLength(1 + 4);
    for (const code of [...mine, d.trackingCode as string])
      expect(lines.some((l) => l.startsWith(`${code},`))).toBe(true);
    expect(lines.find((l) => l.startsWith(`${d.trackingCode},`))).toContain('Tố cáo');
    const text = lines.join('\n');
    expect(text).not.toContain('Nộidungmật');
    expect(text).not.toContain('Kínđáo');
    expect(text).not.toContain('009911223344');
    // The same rows as the JSON list, which pages.
    const json = await app.request('GET', `/api/v1/cases?${q}&pageSize=1`, { token: t.sup });
    expect(json.body.total).toBe(4);
    expect(json.body.items).toHaveLength(1);
    // The whole list in scope: one line per case the JSON list counts.
    const every = await csv('');
    const total = (await app.request('GET', '/api/v1/cases', { token: t.sup })).body.total as number;
    expect(new TextDecoder().decode(every.bytes.slice(3)).split('\r\n').filter(Boolean)).toHaveLength(
      1 + total,
    );
    // Exports are for supervisors and admins: a handler, a head and an auditor read the list, not the file.
    expect((await csv(q, t.admin)).status).toBe(200);
    for (const token of [t.h, t.head, t.aud]) {
      expect((await csv(q, token)).status).toBe(403);
      expectStatus(await app.request('GET', `/api/v1/cases?${q}`, { token }), 200);
    }
  });
});

describe('Concurrency and idempotency', () => {
  it('If-Match: a stale version → 412 VERSION_CONFLICT and nothing appended; the current one works', async () => {
    const v = await c.register(t.rec);
    const before = await eventCount(app);
    const stale = await app.request('POST', `/api/v1/cases/${v.id}/classify`, {
      token: t.rec,
      headers: { 'if-match': '"7"' },
      body: { kind: 'complaint', competentUnitId: U.p, processable: true },
    });
    expectProblem(stale, 412, 'VERSION_CONFLICT');
    expect(await eventCount(app)).toBe(before);
    const fresh = await app.request('POST', `/api/v1/cases/${v.id}/classify`, {
      token: t.rec,
      headers: { 'if-match': '"1"' },
      body: { kind: 'complaint', competentUnitId: U.p, processable: true },
    });
    expectStatus(fresh, 200);
    expect(fresh.body.version).toBe(2);
    expect(fresh.headers.get('etag')).toBe('"2"');
  });

  it('Idempotency-Key: the same key and body return the first answer and append nothing; another body → 422', async () => {
    const key = 'ct-idem-register-1';
    const first = await app.request('POST', '/api/v1/cases', {
      token: t.rec,
      body: contractRegistration(),
      headers: { 'idempotency-key': key },
    });
    expectStatus(first, 201);
    const n = await eventCount(app);
    const again = await app.request('POST', '/api/v1/cases', {
      token: t.rec,
      body: contractRegistration(),
      headers: { 'idempotency-key': key },
    });
    expect(again.status).toBe(201);
    // docs/reference/api-contract.md, Idempotency: a replay answers the stored response with lookupPin null (the PIN is returned once).
    expect(again.body).toEqual({ ...first.body, receipt: { ...first.body.receipt, lookupPin: null } });
    expect(await eventCount(app)).toBe(n);
    expectProblem(
      await app.request('POST', '/api/v1/cases', {
        token: t.rec,
        body: contractRegistration({ subject: 'Khác' }),
        headers: { 'idempotency-key': key },
      }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await eventCount(app)).toBe(n);
    const cls = { kind: 'petition', competentUnitId: U.p, processable: true };
    const k2 = 'ct-idem-classify-1';
    const c1 = await app.request('POST', `/api/v1/cases/${first.body.id}/classify`, {
      token: t.rec,
      body: cls,
      headers: { 'idempotency-key': k2 },
    });
    expectStatus(c1, 200);
    const c2 = await app.request('POST', `/api/v1/cases/${first.body.id}/classify`, {
      token: t.rec,
      body: cls,
      headers: { 'idempotency-key': k2 },
    });
    expectStatus(c2, 200);
    expect(c2.body).toEqual(c1.body);
  });
});

describe('Roles and scope (404 before 403)', () => {
  let inC1: View; // received by the commune c1
  let pForC1: View; // received by the province, competent c1

  beforeAll(async () => {
    inC1 = await c.intake(t.recC1, 'complaint', { receivingUnitId: U.c1, receivedAt: '2026-11-16' });
    pForC1 = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' }, { competentUnitId: U.c1 });
  });

  it('scope: own unit and below; the competent unit also sees the case; others get 404', async () => {
    expectStatus(await app.request('GET', `/api/v1/cases/${inC1.id}`, { token: t.rec }), 200); // province above
    expectStatus(await app.request('GET', `/api/v1/cases/${inC1.id}`, { token: t.recC1 }), 200);
    expectProblem(await app.request('GET', `/api/v1/cases/${inC1.id}`, { token: t.recC2 }), 404, 'NOT_FOUND');
    expectProblem(await app.request('GET', `/api/v1/cases/${inC1.id}`, { token: t.supQ }), 404, 'NOT_FOUND');
    expectStatus(await app.request('GET', `/api/v1/cases/${pForC1.id}`, { token: t.recC1 }), 200);
    expectProblem(
      await app.request('GET', `/api/v1/cases/${pForC1.id}`, { token: t.recC2 }),
      404,
      'NOT_FOUND',
    );
    expectStatus(await app.request('GET', `/api/v1/cases/${inC1.id}`, { token: t.admin }), 200);
  });

  it('reception may not accept (403 in scope, 404 out of scope); supervisor, auditor and admin may not command', async () => {
    const before = await eventCount(app);
    const acc = { acceptedAt: '2026-11-17' };
    expectProblem(
      await app.request('POST', `/api/v1/cases/${inC1.id}/accept`, { token: t.rec, body: acc }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${inC1.id}/accept`, { token: t.recC2, body: acc }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${inC1.id}/accept`, { token: t.sup, body: acc }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${inC1.id}/accept`, { token: t.aud, body: acc }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${inC1.id}/accept`, { token: t.admin, body: acc }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', '/api/v1/cases', { token: t.sup, body: contractRegistration() }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', '/api/v1/cases', { token: t.admin, body: contractRegistration() }),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(app)).toBe(before);
  });

  it('reception may register, classify, transfer, guide and archive', async () => {
    const v = await c.intake(t.rec, 'petition', { receivedAt: '2026-11-16' });
    expect(v.status).toBe('classified');
    const g = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    expect(
      (await c.cmd(t.rec, g.id, 'transfer', { at: '2026-11-17', toUnitId: U.c2, reason: 'Thẩm quyền xã' }))
        .status,
    ).toBe('received');
  });

  it('a head may do what a handler may; a handler may do every case command', async () => {
    const v = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    expect((await c.cmd(t.head, v.id, 'accept', { acceptedAt: '2026-11-17' })).status).toBe('accepted');
    expect((await c.cmd(t.h, v.id, 'suspend', { at: '2026-11-18', reason: 'Chờ' })).status).toBe('suspended');
    expect((await c.cmd(t.h, v.id, 'resume', { at: '2026-11-19' })).status).toBe('accepted');
  });

  it('boards: head (own scope), supervisor and auditor yes; handler, reception 403; another scope 404', async () => {
    await app.catchUp();
    expectStatus(await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, { token: t.head }), 200);
    expectStatus(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.c1}`, { token: t.headC1 }),
      200,
    );
    expectStatus(await app.request('GET', `/api/v1/deadlines/upcoming?unitId=${U.p}`, { token: t.sup }), 200);
    expectStatus(await app.request('GET', `/api/v1/deadlines/overdue`, { token: t.admin }), 200);
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, { token: t.h }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, { token: t.rec }),
      403,
      'FORBIDDEN',
    );
    // Auditors read the as-of views of boards (api-contract.md, Auth, roles and scope), in their scope.
    expectStatus(
      await app.request(
        'GET',
        `/api/v1/deadlines/overdue?unitId=${U.p}&recordedBefore=2026-11-01T00:00:00Z`,
        {
          token: t.aud,
        },
      ),
      200,
    );
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, { token: t.audQ }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', `/api/v1/deadlines/overdue?unitId=${U.p}`, { token: t.headC1 }),
      404,
      'NOT_FOUND',
    );
    const acc = `/api/v1/accountability?unitId=${U.p}&from=2026-01-01&to=2026-12-31`;
    expectStatus(await app.request('GET', acc, { token: t.sup }), 200);
    expectStatus(await app.request('GET', acc, { token: t.admin }), 200);
    expectProblem(await app.request('GET', acc, { token: t.h }), 403, 'FORBIDDEN');
    expectProblem(await app.request('GET', acc, { token: t.aud }), 403, 'FORBIDDEN');
  });

  it('reception sessions: reception schedules (future date allowed), a handler may not; only a head holds', async () => {
    const s = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.rec,
      body: { unitId: U.p, hostPersonId: 'ct-head', date: '2026-12-15', kind: 'periodic', mode: 'in_person' },
    });
    expectStatus(s, 201);
    expect(typeof s.body.id).toBe('string');
    expectProblem(
      await app.request('POST', '/api/v1/reception-sessions', {
        token: t.h,
        body: {
          unitId: U.p,
          hostPersonId: 'ct-head',
          date: '2026-12-15',
          kind: 'periodic',
          mode: 'in_person',
        },
      }),
      403,
      'FORBIDDEN',
    );
    const s2 = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.rec,
      body: { unitId: U.p, hostPersonId: 'ct-head', date: '2026-11-20', kind: 'unscheduled', mode: 'online' },
    });
    expectStatus(s2, 201);
    const hold = { heldOn: '2026-11-20', hostPersonId: 'ct-head', citizensReceived: 3 };
    expectProblem(
      await app.request('POST', `/api/v1/reception-sessions/${s2.body.id}/hold`, {
        token: t.rec,
        body: hold,
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/reception-sessions/${s2.body.id}/hold`, { token: t.h, body: hold }),
      403,
      'FORBIDDEN',
    );
    expectInvalid(
      await app.request('POST', `/api/v1/reception-sessions/${s2.body.id}/hold`, {
        token: t.head,
        body: { ...hold, heldOn: '2026-11-23' },
      }),
    );
    expectStatus(
      await app.request('POST', `/api/v1/reception-sessions/${s2.body.id}/hold`, {
        token: t.head,
        body: hold,
      }),
      200,
    );
    expectStatus(
      await app.request('POST', `/api/v1/reception-sessions/${s.body.id}/cancel`, {
        token: t.rec,
        body: { reason: 'Trùng lịch' },
      }),
      200,
    );
  });

  it('only admin manages units and heads', async () => {
    expectProblem(
      await app.request('POST', `/api/v1/units/${U.c1}/heads`, {
        token: t.head,
        body: { personId: 'x', fullName: 'X', from: '2026-11-01' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/units/${U.c1}/merge`, {
        token: t.sup,
        body: { intoUnitId: U.c2, effectiveOn: '2026-11-20' },
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('History, as-of views and verification', () => {
  it('history: {events: [{position, version, type, occurredAt, recordedAt, actor {id, name}, data, hash, prevHash}]}, identities protected', async () => {
    app.setNow('2026-11-20T03:00:00.000Z');
    const v = await c.register(t.rec, { receivedAt: '2026-11-16' });
    app.setNow('2026-11-21T03:00:00.000Z');
    await c.cmd(t.rec, v.id, 'classify', { kind: 'complaint', competentUnitId: U.p, processable: true });
    app.setNow(NOW);
    const hist = await app.request('GET', `/api/v1/cases/${v.id}/history`, { token: t.aud });
    expectStatus(hist, 200);
    const events = hist.body.events;
    expect(events.map((e: { version: number }) => e.version)).toEqual([1, 2]);
    for (const e of events) {
      for (const k of [
        'position',
        'version',
        'type',
        'occurredAt',
        'recordedAt',
        'actor',
        'data',
        'hash',
        'prevHash',
      ])
        expect(e).toHaveProperty(k);
      expect(e.actor).toHaveProperty('id');
      expect(e.actor).toHaveProperty('name');
    }
    expect(events[1].prevHash).toBe(events[0].hash);
    expect(events[0].actor.id).toBe('ct-rec');
    expect(hist.text).not.toContain('Phạm Thị Hoa');
    expect(hist.text).not.toContain('001188000111');
    expect(hist.text).not.toContain('0987654321');

    // asOf=<instant>: only the events recorded at or before it.
    const asOf = await app.request('GET', `/api/v1/cases/${v.id}?asOf=2026-11-20T12:00:00.000Z`, {
      token: t.aud,
    });
    expectStatus(asOf, 200);
    expect(asOf.body).toMatchObject({ status: 'received', version: 1 });
    const exact = await app.request('GET', `/api/v1/cases/${v.id}?asOf=${events[1].recordedAt}`, {
      token: t.aud,
    });
    expectStatus(exact, 200);
    expect(exact.body).toMatchObject({ status: 'classified', version: 2 });

    const ver = await app.request('GET', `/api/v1/audit/streams/case-${v.id}/verify`, { token: t.aud });
    expectStatus(ver, 200);
    expect(ver.body).toEqual({ ok: true, events: 2, headHash: events[1].hash });
  });
});

describe('Identities (GET /cases/:id/petitioners) and disclosures', () => {
  it('complaint: handlers and heads in scope see identities; reason is required; the call is logged, the version unchanged', async () => {
    const v = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    // Masked elsewhere.
    const view = await c.view(t.sup, v.id);
    expect(JSON.stringify(view.petitioners)).not.toContain('Phạm Thị Hoa');
    expect(JSON.stringify(view.petitioners)).not.toContain('001188000111');
    expectInvalid(await app.request('GET', `/api/v1/cases/${v.id}/petitioners`, { token: t.h }));
    const res = await app.request(
      'GET',
      `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=${encodeURIComponent('Mời đối thoại')}`,
      {
        token: t.h,
      },
    );
    expectStatus(res, 200);
    expect(res.text).toContain('Phạm Thị Hoa');
    expectStatus(
      await app.request('GET', `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=x`, {
        token: t.head,
      }),
      200,
    );
    expectProblem(
      await app.request('GET', `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=x`, {
        token: t.sup,
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('GET', `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=x`, {
        token: t.rec,
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('GET', `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=x`, {
        token: t.recC2,
      }),
      404,
      'NOT_FOUND',
    );
    expect((await c.view(t.h, v.id)).version).toBe(v.version);
    const log = await app.request('GET', `/api/v1/cases/${v.id}/disclosures`, { token: t.aud });
    expectStatus(log, 200);
    expect(log.body).toMatchObject({ total: 2, page: 1 }); // the handler's and the head's
    expect(log.body.items).toHaveLength(2);
    expect(log.body.pageSize).toBeLessThanOrEqual(200);
    expect(log.text).toContain('ct-h');
    expect(log.text).toContain('Mời đối thoại');
  });

  it('denunciation: only the assigned handler and a head of the competent unit; elsewhere [bảo mật]', async () => {
    const v = await c.intake(
      t.rec,
      'denunciation',
      { receivedAt: '2026-11-16', petitioners: [{ fullName: 'Vũ Ẩndanh', idNumber: '002211334455' }] },
      { competentUnitId: U.c1 },
    );
    const view = await c.view(t.sup, v.id);
    expect(JSON.stringify(view.petitioners)).toContain('[bảo mật]');
    expect(JSON.stringify(view)).not.toContain('Ẩndanh');
    const q = (token: string) =>
      app.request('GET', `/api/v1/cases/${v.id}/petitioners?reasonCode=verification&reason=kiem-tra`, {
        token,
      });
    expectProblem(await q(t.h), 403, 'FORBIDDEN'); // handler in scope, not assigned
    expectProblem(await q(t.head), 403, 'FORBIDDEN'); // head of the receiving (not competent) unit
    expectStatus(await q(t.headC1), 200);
    await c.cmd(t.head, v.id, 'assign', { handlerId: 'ct-h2' });
    expectProblem(await q(t.h), 403, 'FORBIDDEN');
    const mine = await q(t.h2);
    expectStatus(mine, 200);
    expect(mine.text).toContain('Vũ Ẩndanh');
    const hist = await app.request('GET', `/api/v1/cases/${v.id}/history`, { token: t.aud });
    expect(hist.text).not.toContain('Ẩndanh');
  });
});

describe('Resolution and statuses', () => {
  it('GET /cases/:id/dialogues answers the list shape', async () => {
    const v = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-02' }, { level: 2 });
    await c.cmd(t.h, v.id, 'accept', { acceptedAt: '2026-11-04' });
    const d = {
      heldAt: '2026-11-10',
      noticeOn: '2026-11-04',
      participants: ['A', 'B'],
      minutes: 'Biên bản',
      outcome: 'partially_agreed',
    };
    await c.cmd(t.h, v.id, 'dialogues', d);
    await c.cmd(t.h, v.id, 'dialogues', { ...d, heldAt: '2026-11-12', outcome: 'absent' });
    const res = await app.request('GET', `/api/v1/cases/${v.id}/dialogues`, { token: t.sup });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ total: 2, page: 1 });
    expect(res.body.items).toHaveLength(2);
    expect(res.body.pageSize).toBeLessThanOrEqual(200);
    expectInvalid(await app.request('GET', `/api/v1/cases/${v.id}/dialogues?pageSize=201`, { token: t.sup }));
  });

  it('concurrent commands without If-Match are all applied; with the same If-Match only one wins', async () => {
    const v = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((x) =>
        app.request('POST', `/api/v1/cases/${v.id}/assign`, { token: t.h, body: { handlerId: `ct-h-${x}` } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((await c.view(t.h, v.id)).version).toBe(v.version + 4);
    const version = v.version + 4;
    const raced = await Promise.all(
      ['e', 'f', 'g'].map((x) =>
        app.request('POST', `/api/v1/cases/${v.id}/assign`, {
          token: t.h,
          body: { handlerId: `ct-h-${x}` },
          headers: { 'if-match': `"${version}"` },
        }),
      ),
    );
    expect(raced.filter((r) => r.status === 200)).toHaveLength(1);
    for (const r of raced.filter((x) => x.status !== 200)) expectProblem(r, 412, 'VERSION_CONFLICT');
    expect((await c.view(t.h, v.id)).version).toBe(version + 1);
  });

  it('accept → resolve (denunciation: true) → close; withdraw; terminate', async () => {
    const d = await c.intake(t.rec, 'denunciation', { receivedAt: '2026-11-16' });
    await c.cmd(t.h, d.id, 'accept', { acceptedAt: '2026-11-17', decisionNo: '05/QĐ-TL' });
    const r = await c.cmd(t.h, d.id, 'resolve', {
      decidedAt: '2026-11-20',
      outcome: 'true',
      summary: 'Tố cáo đúng',
    });
    expect(r.status).toBe('resolved');
    expect(only(r, 'TC-RES').status).toBe('met');
    expect((await c.cmd(t.h, d.id, 'close', { at: '2026-11-21' })).status).toBe('closed');
    const k = await c.intake(t.rec, 'complaint', { receivedAt: '2026-11-16' });
    expect((await c.cmd(t.h, k.id, 'withdraw', { at: '2026-11-17' })).status).toBe('withdrawn');
  });
});
