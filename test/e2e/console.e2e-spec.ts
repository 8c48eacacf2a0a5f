/**
 * What the console needs from the server: the demo sign-in (only when turned on), the console's pages
 * on the API's origin without shadowing the API, and the case list's filters (handlerId=me, received
 * dates, sub-units, nearest deadline).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { DEMO_OFFICIALS } from '../../libs/application/src/index.js';
import { loadConfig } from '../../libs/runtime/src/index.js';
import {
  command,
  createTestApp,
  createUnitTree,
  LONG,
  register,
  startWorld,
  type TestApp,
  type TestResponse,
  type Tokens,
  UNITS,
} from '../support/index.js';

const consoleDir = mkdtempSync(join(tmpdir(), 'donthu-console-'));
writeFileSync(join(consoleDir, 'index.html'), '<!doctype html><html lang="vi"><title>console</title></html>');
writeFileSync(join(consoleDir, 'app.js'), 'console.log(1)');

let app: TestApp;
let plain: TestApp;
let t: Tokens;

beforeAll(async () => {
  // The units are created by the case list's suite below (the demo sign-in needs none).
  ({ app, tokens: t } = await startWorld({
    runProjections: true,
    demoOfficials: DEMO_OFFICIALS,
    env: { CONSOLE_DIR: consoleDir },
    createUnits: false,
  }));
  plain = await createTestApp();
}, LONG);

afterAll(async () => {
  await app?.close();
  await plain?.close();
  rmSync(consoleDir, { recursive: true, force: true });
}, LONG);

describe('demo sign-in', () => {
  it('does not exist unless the server turns it on', async () => {
    expect((await plain.request('GET', '/api/v1/demo/officials')).status).toBe(404);
    expect(
      (await plain.request('POST', '/api/v1/demo/sign-in', { body: { personId: 'admin' } })).status,
    ).toBe(404);
  });

  it('is refused at start-up with NODE_ENV=production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO_SIGN_IN: '1' })).toThrow(/DEMO_SIGN_IN/);
    expect(loadConfig({ NODE_ENV: 'development', DEMO_SIGN_IN: '1' }).demoSignIn).toBe(true);
  });

  it('lists nobody before the demo organisation exists', async () => {
    const res = await app.request('GET', '/api/v1/demo/officials');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    const signIn = await app.request('POST', '/api/v1/demo/sign-in', { body: { personId: 'cb-xuly' } });
    expect(signIn.status).toBe(404);
  });

  it('lists an official of every role once the demo units exist, and signs one in for 15 minutes', async () => {
    for (const [id, name, level, parentId] of [
      ['nb', 'UBND tỉnh Ninh Bình', 'province', undefined],
      ['nb-giavien', 'UBND xã Gia Viễn', 'commune', 'nb'],
    ] as const) {
      const res = await app.request('POST', '/api/v1/units', {
        token: t.admin,
        body: { id, name, level, ...(parentId ? { parentId } : {}) },
      });
      expect(res.status).toBe(201);
    }
    const list = await app.request('GET', '/api/v1/demo/officials');
    const roles = new Set((list.body.items as { role: string }[]).map((o) => o.role));
    expect([...roles].sort()).toEqual(['admin', 'auditor', 'handler', 'head', 'reception', 'supervisor']);

    const res = await app.request('POST', '/api/v1/demo/sign-in', { body: { personId: 'cb-xuly' } });
    expect(res.status).toBe(200);
    expect(res.body.official).toMatchObject({ id: 'cb-xuly', role: 'handler', unitId: 'nb' });
    const claims = decodeJwt(res.body.token as string);
    expect(claims).toMatchObject({ sub: 'cb-xuly', roles: ['handler'], unitId: 'nb' });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(900);
    const cases = await app.request('GET', '/api/v1/cases', { token: res.body.token as string });
    expect(cases.status).toBe(200);
  });

  it('refuses a person who is not a demo official, naming nothing else', async () => {
    const res = await app.request('POST', '/api/v1/demo/sign-in', { body: { personId: 'someone-else' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const bad = await app.request('POST', '/api/v1/demo/sign-in', { body: { personId: 'x y' } });
    expect(bad.status).toBe(400);
  });
});

describe('the console on the API origin', () => {
  it('answers its pages with index.html, its files as they are', async () => {
    for (const path of ['/', '/ho-so/abc', '/tiep-nhan/hom-nay']) {
      const res = await app.request('GET', path, { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="vi">');
    }
    const js = await app.request('GET', '/app.js');
    expect(js.text).toBe('console.log(1)');
  });

  it('never shadows the API, health, metrics or the OpenAPI page', async () => {
    const api = await app.request('GET', '/api/v1/no-such-thing', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const health = await app.request('GET', '/health', { headers: { accept: 'text/html' } });
    expect(health.body.status).toBeDefined();
    const metrics = await app.request('GET', '/metrics', { headers: { accept: 'text/html' } });
    expect(metrics.text).not.toContain('<html lang="vi">');
    const docs = await app.request('GET', '/docs-json');
    expect(docs.body.paths['/api/v1/cases']).toBeDefined();
  });
});

describe('GET /cases filters for the console', () => {
  let mine: string;
  let other: string;
  let early: string;

  beforeAll(async () => {
    await createUnitTree(app, t.admin);
    mine = (await register(app, t.reception, { receivedAt: '2026-11-20', receivingUnitId: UNITS.commune1 }))
      .id;
    other = (await register(app, t.reception, { receivedAt: '2026-11-20', receivingUnitId: UNITS.province }))
      .id;
    early = (await register(app, t.reception, { receivedAt: '2026-10-01', receivingUnitId: UNITS.province }))
      .id;
    await command(app, t.head, mine, 'assign', { handlerId: 'handler-1' });
    for (const id of [other, early])
      await command(app, t.handler, id, 'classify', {
        kind: 'complaint',
        level: 1,
        competentUnitId: UNITS.province,
        processable: true,
      });
    await app.catchUp();
  }, LONG);

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id).sort();

  it('handlerId=me is the caller’s inbox', async () => {
    const res = await app.request('GET', '/api/v1/cases?handlerId=me', { token: t.handler });
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([mine]);
  });

  it('receivedFrom and receivedTo bound the date of receipt', async () => {
    const res = await app.request('GET', '/api/v1/cases?receivedFrom=2026-11-20&receivedTo=2026-11-20', {
      token: t.handler,
    });
    expect(ids(res.body)).toEqual([mine, other].sort());
    const bad = await app.request('GET', '/api/v1/cases?receivedFrom=2026-02-30', { token: t.handler });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('receivedFrom');
  });

  it('includeSubunits (default true) takes in the cases of the units below', async () => {
    const withSub = await app.request('GET', `/api/v1/cases?unitId=${UNITS.province}`, { token: t.handler });
    expect(ids(withSub.body)).toEqual([mine, other, early].sort());
    const own = await app.request('GET', `/api/v1/cases?unitId=${UNITS.province}&includeSubunits=false`, {
      token: t.handler,
    });
    expect(ids(own.body)).toEqual([other, early].sort());
  });

  it('gives each case its nearest open deadline and sorts by it on request', async () => {
    const res = await app.request('GET', '/api/v1/cases?sort=nextDueOn', { token: t.handler });
    expect(res.status).toBe(200);
    const dues = (res.body.items as { nextDueOn: string | null }[]).map((i) => i.nextDueOn);
    const known = dues.filter((d): d is string => d !== null);
    expect(known.length).toBeGreaterThanOrEqual(2);
    expect(known[0] < known[known.length - 1]).toBe(true);
    expect(known).toEqual([...known].sort());
    expect(dues.slice(known.length).every((d) => d === null)).toBe(true);
  });
});

describe('the case dossier in GET /cases/:id', () => {
  it('carries the letter, its deadlines with their legal basis, the dialogue minutes and the decision', async () => {
    const { id } = await register(app, t.reception, { receivedAt: '2026-11-02', signerCount: 3 });
    await command(app, t.handler, id, 'classify', {
      kind: 'complaint',
      level: 1,
      competentUnitId: UNITS.province,
      processable: true,
    });
    await command(app, t.handler, id, 'accept', { acceptedAt: '2026-11-05' });
    await command(app, t.handler, id, 'dialogues', {
      noticeOn: '2026-11-05',
      heldAt: '2026-11-10',
      participants: ['Trần Văn Bình', 'Cán bộ Nguyễn'],
      minutes: 'Hai bên trao đổi về mức bồi thường.',
      outcome: 'partially_agreed',
    });
    const view = await app.request('GET', `/api/v1/cases/${id}`, { token: t.supervisor });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      subject: 'Khiếu nại quyết định thu hồi đất',
      content: 'Đề nghị xem xét lại việc bồi thường khi thu hồi đất.',
      field: 'land',
      channel: 'in_person',
      signerCount: 3,
      forwardedBy: null,
      registryNo: null,
      decision: null,
      dialogueMinutes: [
        {
          heldAt: '2026-11-10',
          participants: ['Trần Văn Bình', 'Cán bộ Nguyễn'],
          minutes: 'Hai bên trao đổi về mức bồi thường.',
          outcome: 'partially_agreed',
        },
      ],
    });
    const res1 = (view.body.deadlineBasis as { ruleId: string; legalBasis?: string; length?: number }[]).find(
      (d) => d.ruleId === 'KN-RES1',
    );
    expect(res1?.legalBasis).toContain('LKN');
    expect(res1?.length).toBe(30);

    // A reflection answered: the decision.
    const r = await register(app, t.reception, { receivedAt: '2026-11-02', kindHint: 'reflection' });
    await command(app, t.handler, r.id, 'classify', {
      kind: 'reflection',
      competentUnitId: UNITS.province,
      processable: true,
    });
    const resolved = await command(app, t.handler, r.id, 'resolve', {
      decidedAt: '2026-11-20',
      decisionNo: '12/TB-UBND',
      outcome: 'answered',
      summary: 'Đã trả lời công dân bằng văn bản.',
    });
    expect(resolved.body.decision).toEqual({
      decidedAt: '2026-11-20',
      decisionNo: '12/TB-UBND',
      outcome: 'answered',
      summary: 'Đã trả lời công dân bằng văn bản.',
    });
  });

  it('shows a denunciation’s letter only to those who may see its identities', async () => {
    const { id } = await register(app, t.reception, {
      kindHint: 'denunciation',
      content: 'Tôi là Trần Văn Bình, tố cáo cán bộ địa chính.',
    });
    const masked = await app.request('GET', `/api/v1/cases/${id}`, { token: t.supervisor });
    expect(masked.body.content).toBe('[bảo mật]');
    expect(masked.text).not.toContain('Trần Văn Bình');
    const head = await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler });
    expect(head.body.content).toBe('[bảo mật]'); // not assigned: no right to the identities
  });
});

describe('problems in the caller’s language', () => {
  it('are Vietnamese by default and English when Accept-Language prefers it; the code is the same', async () => {
    const body = { receivedAt: '2026-13-01', channel: 'in_person' };
    // Without Accept-Language (the test client otherwise asks for English).
    const res = await fetch(`${app.url}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.reception}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const vi = { status: res.status, headers: res.headers, body: (await res.json()) as TestResponse['body'] };
    expect(vi.status).toBe(400);
    expect(vi.body.code).toBe('VALIDATION_FAILED');
    expect(vi.body.title).toBe('Dữ liệu không hợp lệ');
    expect(vi.headers.get('content-language')).toBe('vi');
    const en = await app.request('POST', '/api/v1/cases', {
      token: t.reception,
      body,
      headers: { 'accept-language': 'en-US,en;q=0.9,vi;q=0.5' },
    });
    expect(en.body.code).toBe('VALIDATION_FAILED');
    expect(en.body.title).toBe('Invalid request');
    expect(en.body.errors.map((e: { path: string }) => e.path)).toEqual(
      vi.body.errors.map((e: { path: string }) => e.path),
    );
    const forbidden = await app.request('GET', '/api/v1/deadlines/overdue', {
      token: t.reception,
      headers: { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' },
    });
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN', title: 'Không có quyền' });
  });
});

describe('GET /cases/:idOrTrackingCode', () => {
  it('reads a case by its tracking code too', async () => {
    const created = await register(app, t.reception, { receivedAt: '2026-11-02' });
    await app.catchUp();
    const byCode = await app.request('GET', `/api/v1/cases/${created.trackingCode}`, { token: t.auditor });
    expect(byCode.status).toBe(200);
    expect(byCode.body.id).toBe(created.id);
    const unknown = await app.request('GET', '/api/v1/cases/HANOI-2026-999999', { token: t.auditor });
    expect(unknown.status).toBe(404);
  });
});
