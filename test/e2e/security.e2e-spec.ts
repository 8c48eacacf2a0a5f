import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { recordAnchor, verifyAnchor } from '../../libs/event-store/src/index.js';
import {
  createTestApp,
  expectProblem,
  TEST_SECRET,
  type TestApp,
  type TestResponse,
} from '../support/index.js';

const DENUNCIATOR = {
  fullName: 'Phạm Thị Bảo Ngọc',
  idNumber: '038199004321',
  phone: '0987654321',
  address: 'Xóm 3, xã Gia Viễn, tỉnh Ninh Bình',
};
const COMPLAINANT = {
  fullName: 'Nguyễn Văn Khánh',
  idNumber: '037201012345',
  phone: '0912345678',
  address: 'Thôn 2, phường Hoa Lư, tỉnh Ninh Bình',
};
const SECRETS = [DENUNCIATOR.fullName, DENUNCIATOR.idNumber, DENUNCIATOR.phone, 'Bảo Ngọc', 'Xóm 3'];

describe('protecting people and proving integrity', () => {
  let t: TestApp;
  let admin: string;
  let reception: string;
  let handler: string;
  let otherHandler: string;
  let head: string;
  let otherHead: string;
  let supervisor: string;
  let auditor: string;
  let denunciationId: string;
  let complaintId: string;
  const seen: { who: string; res: TestResponse }[] = [];

  /** Every response a non-authorised role gets is kept and scanned for the denunciator's identity. */
  const as = async (
    who: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => {
    const res = await t.request(method, path, { token, body, headers });
    seen.push({ who, res });
    return res;
  };

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.token('admin-1', ['admin']);
    reception = await t.token('tiepdan-1', ['reception'], 'nb');
    handler = await t.token('xuly-1', ['handler'], 'nb');
    otherHandler = await t.token('xuly-2', ['handler'], 'nb');
    head = await t.token('ct-gv', ['head'], 'gv');
    otherHead = await t.token('ct-nb', ['head'], 'nb');
    supervisor = await t.token('gs-1', ['supervisor'], 'nb');
    auditor = await t.token('kt-1', ['auditor'], 'nb');
    await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'nb', name: 'UBND tỉnh Ninh Bình', level: 'province' },
    });
    await t.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'gv', name: 'UBND xã Gia Viễn', level: 'commune', parentId: 'nb' },
    });
    const d = await as('reception', reception, 'POST', '/api/v1/cases', {
      receivedAt: '2026-11-10',
      channel: 'post',
      receivingUnitId: 'gv',
      petitioners: [DENUNCIATOR],
      subject: 'Tố cáo cán bộ địa chính',
      content: 'Cán bộ địa chính đòi tiền ngoài quy định.',
      kindHint: 'denunciation',
    });
    expect(d.status).toBe(201);
    denunciationId = d.body.id;
    await as('handler', handler, 'POST', `/api/v1/cases/${denunciationId}/classify`, {
      kind: 'denunciation',
      competentUnitId: 'gv',
      processable: true,
    });
    // A handler may not assign a denunciation (to themselves or anyone): a head of the unit does.
    const selfAssigned = await as('handler', handler, 'POST', `/api/v1/cases/${denunciationId}/assign`, {
      handlerId: 'xuly-1',
    });
    expect(selfAssigned.status).toBe(403);
    const assigned = await as('head', head, 'POST', `/api/v1/cases/${denunciationId}/assign`, {
      handlerId: 'xuly-1',
    });
    expect(assigned.status).toBe(200);
    const c = await as('reception', reception, 'POST', '/api/v1/cases', {
      receivedAt: '2026-11-12',
      channel: 'in_person',
      receivingUnitId: 'gv',
      petitioners: [COMPLAINANT],
      subject: 'Khiếu nại thu hồi đất',
      content: 'Không đồng ý mức bồi thường.',
      kindHint: 'complaint',
    });
    complaintId = c.body.id;
    await as('handler', handler, 'POST', `/api/v1/cases/${complaintId}/classify`, {
      kind: 'complaint',
      level: 1,
      competentUnitId: 'gv',
      processable: true,
    });
    await t.catchUp();
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('stores no identity in clear in the events table', async () => {
    const rows = await t.runtime.pool.query<{ data: string }>('SELECT data::text AS data FROM events');
    const all = rows.rows.map((r) => r.data).join('\n');
    for (const s of [...SECRETS, COMPLAINANT.fullName, COMPLAINANT.idNumber, COMPLAINANT.phone])
      expect(all).not.toContain(s);
  });

  it('shows a denunciator only as [bảo mật] in views, lists and history, and complainants masked', async () => {
    const view = await as('supervisor', supervisor, 'GET', `/api/v1/cases/${denunciationId}`);
    expect(view.status).toBe(200);
    expect(view.body.petitioners).toEqual([{ fullName: '[bảo mật]' }]);
    const complaint = await as('supervisor', supervisor, 'GET', `/api/v1/cases/${complaintId}`);
    expect(complaint.body.petitioners[0].fullName).toBe('N. V. K.');
    expect(JSON.stringify(complaint.body)).not.toContain(COMPLAINANT.idNumber);
    await as('supervisor', supervisor, 'GET', '/api/v1/cases?q=Ngọc');
    const search = await as(
      'supervisor',
      supervisor,
      'GET',
      `/api/v1/cases?q=${encodeURIComponent(DENUNCIATOR.idNumber)}`,
    );
    expect(search.body.total).toBe(0);
    await as('auditor', auditor, 'GET', `/api/v1/cases/${denunciationId}/history`);
    await as('supervisor', supervisor, 'GET', '/api/v1/deadlines/upcoming?unitId=nb&withinDays=30');
    await as('supervisor', supervisor, 'GET', '/api/v1/deadlines/overdue?unitId=nb', undefined, {
      accept: 'text/csv',
    });
    await as('reception', reception, 'POST', `/api/v1/cases/${denunciationId}/accept`, {
      acceptedAt: '2026-11-30',
    });
  });

  it("discloses a denunciator's identity only to the assigned handler and a head of the competent unit, and logs it", async () => {
    for (const [who, token, reason] of [
      ['other handler', otherHandler, 'xac%20minh'],
      ['head of another unit', otherHead, 'xac%20minh'],
      ['supervisor', supervisor, 'xem'],
      ['auditor', auditor, 'xem'],
    ])
      expect(
        (
          await as(
            who,
            token,
            'GET',
            `/api/v1/cases/${denunciationId}/petitioners?reasonCode=verification&reason=${reason}`,
          )
        ).status,
      ).toBe(403);
    const noReason = await as('handler', handler, 'GET', `/api/v1/cases/${denunciationId}/petitioners`);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toEqual(
      expect.arrayContaining(['reasonCode', 'reason']),
    );

    const before = await t.request('GET', `/api/v1/cases/${denunciationId}`, { token: handler });
    const byHandler = await t.request(
      'GET',
      `/api/v1/cases/${denunciationId}/petitioners?reasonCode=verification&reason=x%C3%A1c%20minh`,
      { token: handler },
    );
    expect(byHandler.status).toBe(200);
    expect(byHandler.body.items[0]).toMatchObject(DENUNCIATOR);
    const byHead = await t.request(
      'GET',
      `/api/v1/cases/${denunciationId}/petitioners?reasonCode=verification&reason=ky%20quyet%20dinh`,
      { token: head },
    );
    expect(byHead.status).toBe(200);
    const after = await t.request('GET', `/api/v1/cases/${denunciationId}`, { token: handler });
    expect(after.body.version).toBe(before.body.version);

    const log = await as('auditor', auditor, 'GET', `/api/v1/cases/${denunciationId}/disclosures`);
    expect(log.status).toBe(200);
    expect(
      log.body.items.map((i: { disclosedTo: { id: string }; reason: string }) => [
        i.disclosedTo.id,
        i.reason,
      ]),
    ).toEqual([
      ['xuly-1', 'xác minh'],
      ['ct-gv', 'ky quyet dinh'],
    ]);
    expect((await as('handler', handler, 'GET', `/api/v1/cases/${denunciationId}/disclosures`)).status).toBe(
      403,
    );
  });

  it('never leaks the denunciator to a role that is not authorised, in any response', () => {
    expect(seen.length).toBeGreaterThan(10);
    for (const { who, res } of seen) for (const s of SECRETS) expect(`${who}: ${res.text}`).not.toContain(s);
  });

  it('crypto-shreds a person: the identity is gone everywhere while every hash chain still verifies', async () => {
    const clear = await t.request(
      'GET',
      `/api/v1/cases/${complaintId}/petitioners?reasonCode=verification&reason=xoa`,
      {
        token: handler,
      },
    );
    const personRef = clear.body.items[0].personRef as string;
    expect(
      (
        await t.request('POST', `/api/v1/admin/persons/${personRef}/erase`, {
          token: handler,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    const erased = await t.request('POST', `/api/v1/admin/persons/${personRef}/erase`, {
      token: admin,
      body: { reason: 'Luật 91/2025 Art. 16' },
    });
    expect(erased.status).toBe(200);
    const again = await t.request(
      'GET',
      `/api/v1/cases/${complaintId}/petitioners?reasonCode=verification&reason=xoa`,
      {
        token: handler,
      },
    );
    expect(again.body.items[0]).toMatchObject({ fullName: '[đã xóa]', erased: true });
    expect(JSON.stringify(again.body)).not.toContain(COMPLAINANT.fullName);
    const view = await t.request('GET', `/api/v1/cases/${complaintId}`, { token: handler });
    expect(view.body.petitioners[0].fullName).toBe('[đã xóa]');
    const verify = await t.request('GET', `/api/v1/audit/streams/case-${complaintId}/verify`, {
      token: auditor,
    });
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('refuses forged and expired tokens with 401', async () => {
    const enc = new TextEncoder();
    const claims = { sub: 'x', name: 'x', roles: ['admin'] };
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, exp: 4102444800 })).toString('base64url')}.`;
    const wrongKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(enc.encode('another-secret-another-secret-another-secret'));
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(enc.encode(TEST_SECRET));
    const noExp = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(enc.encode(TEST_SECRET));
    for (const token of [none, wrongKey, expired, noExp, 'garbage']) {
      const res = await t.request('GET', '/api/v1/cases', { token });
      expect(res.status).toBe(401);
      expectProblem(res, 401, 'UNAUTHENTICATED');
    }
    expect((await t.request('GET', '/api/v1/cases')).status).toBe(401);
  });

  it('sends security headers and no stack traces', async () => {
    const res = await t.request('GET', '/api/v1/cases/does-not-exist', { token: handler });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it("lets an auditor recompute a case's chain independently with docs/audit/verify-history.mjs", async () => {
    const history = await t.request('GET', `/api/v1/cases/${denunciationId}/history`, { token: auditor });
    const file = join(mkdtempSync(join(tmpdir(), 'donthu-audit-')), 'history.json');
    writeFileSync(file, history.text);
    expect(execFileSync('node', ['docs/audit/verify-history.mjs', file], { encoding: 'utf8' })).toMatch(
      /^ok: \d+ events, head [0-9a-f]{64}/,
    );
    const forged = JSON.parse(history.text);
    forged.events[1].data.competentUnitId = 'nb';
    writeFileSync(file, JSON.stringify(forged));
    let out = '';
    try {
      execFileSync('node', ['docs/audit/verify-history.mjs', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      out = String((err as { stdout?: string }).stdout);
    }
    expect(out).toMatch(/BROKEN at version 2/);
  });

  it('detects tampering through the hash chain and the anchors', async () => {
    const anchor = await recordAnchor(t.runtime.pool);
    expect((await verifyAnchor(t.runtime.pool, anchor)).ok).toBe(true);
    await t.runtime.pool.query(
      `UPDATE events SET data = jsonb_set(data, '{subject}', '"altered"') WHERE stream_id = $1 AND version = 1`,
      [`case-${complaintId}`],
    );
    const verify = await t.request('GET', `/api/v1/audit/streams/case-${complaintId}/verify`, {
      token: auditor,
    });
    expect(verify.body).toMatchObject({ ok: false, brokenAt: { version: 1 } });
    await t.runtime.pool.query(`DELETE FROM events WHERE stream_id = $1 AND version = 2`, [
      `case-${complaintId}`,
    ]);
    expect((await verifyAnchor(t.runtime.pool, anchor)).ok).toBe(false);
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '5' } });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('answers 429 problem+json past the limit per user', async () => {
    const token = await t.token('u1', ['supervisor'], 'nb');
    const statuses: number[] = [];
    let last: TestResponse | undefined;
    for (let i = 0; i < 8; i++) {
      last = await t.request('GET', '/api/v1/cases', { token });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expectProblem(last!, 429, 'RATE_LIMITED');
  });
});
