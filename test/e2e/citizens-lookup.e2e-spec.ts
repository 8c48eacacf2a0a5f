import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  createTestApp,
  deadlineOf,
  expectProblem,
  expectStatus,
  LONG,
  registerAndClassify,
  registration,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

const PIN = /^[2-9A-HJKMNP-Z]{8}$/;

describe('citizens follow their case: the receipt, the lookup PIN and the public lookup', () => {
  let t: TestApp;
  let tk: Tokens;
  beforeAll(async () => {
    ({ app: t, tokens: tk } = await startWorld({
      env: { PUBLIC_LOOKUP_PER_MIN: '0', PUBLIC_URL: 'https://donthu.example.gov.vn/' },
    }));
  }, LONG);
  afterAll(async () => {
    await t?.close();
  }, LONG);

  const lookup = (code: string, pin?: string) =>
    t.request(
      'GET',
      `/api/v1/public/cases/${encodeURIComponent(code)}${pin === undefined ? '' : `?pin=${pin}`}`,
    );

  async function failures(): Promise<number> {
    const m = await t.request('GET', '/metrics');
    const line = /^donthu_public_lookup_failures_total (\d+)$/m.exec(m.text);
    if (!line) throw new Error('no donthu_public_lookup_failures_total in /metrics');
    return Number(line[1]);
  }

  it('answers the receipt with the unit name, the answer date, the lookup URL and a PIN stored nowhere', async () => {
    const res = await t.request('POST', '/api/v1/cases', {
      token: tk.reception,
      body: registration(),
      headers: { 'Idempotency-Key': 'receipt-1' },
    });
    expectStatus(res, 201);
    const { receipt, trackingCode, id } = res.body;
    expect(Object.keys(receipt).sort()).toEqual(
      [
        'answerBy',
        'lookupPin',
        'lookupUrl',
        'receivedAt',
        'receivingUnitId',
        'receivingUnitName',
        'subject',
        'trackingCode',
      ].sort(),
    );
    expect(receipt).toMatchObject({
      trackingCode,
      receivedAt: '2026-06-30',
      receivingUnitId: UNITS.province,
      receivingUnitName: 'UBND thành phố Hà Nội',
      subject: 'Khiếu nại quyết định thu hồi đất',
      lookupUrl: `https://donthu.example.gov.vn/tra-cuu?ma=${trackingCode}`,
    });
    expect(receipt.lookupPin).toMatch(PIN);
    const view = await t.request('GET', `/api/v1/cases/${id}`, { token: tk.reception });
    // answerBy is the open XLD's due date (null where no XLD is started).
    expect(receipt.answerBy).toBe(deadlineOf(view.body, 'XLD')?.dueOn ?? null);

    // Nothing persisted holds the PIN: not the events, not the stored idempotent response.
    const pin: string = receipt.lookupPin;
    const inEvents = await t.runtime.pool.query(
      `SELECT 1 FROM events WHERE data::text LIKE $1 OR metadata::text LIKE $1`,
      [`%${pin}%`],
    );
    expect(inEvents.rowCount).toBe(0);
    const inKeys = await t.runtime.pool.query(`SELECT 1 FROM idempotency_keys WHERE response::text LIKE $1`, [
      `%${pin}%`,
    ]);
    expect(inKeys.rowCount).toBe(0);
    const hashes = await t.runtime.pool.query<{ h: string }>(
      `SELECT data->>'lookupPinHash' AS h FROM events WHERE stream_id = $1 AND type = 'CaseReceived'`,
      [`case-${id}`],
    );
    expect(hashes.rows[0].h).toMatch(/^scrypt-v2\$/);

    // A replay answers the same registration with lookupPin null.
    const replay = await t.request('POST', '/api/v1/cases', {
      token: tk.reception,
      body: registration(),
      headers: { 'Idempotency-Key': 'receipt-1' },
    });
    expectStatus(replay, 201);
    expect(replay.body.id).toBe(id);
    expect(replay.body.receipt.trackingCode).toBe(trackingCode);
    expect(replay.body.receipt.lookupPin).toBeNull();

    // The public lookup with the PIN, without a token.
    await t.catchUp();
    const found = await lookup(trackingCode, pin);
    expectStatus(found, 200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(found.body).toEqual({
      trackingCode,
      status: 'received',
      receivedAt: '2026-06-30',
      handlingUnitName: 'UBND thành phố Hà Nội',
      nextDueOn: deadlineOf(view.body, 'XLD')?.dueOn ?? null,
    });
    // What a citizen types is forgiving: lower case, spaces.
    expectStatus(
      await lookup(trackingCode.toLowerCase(), `${pin.slice(0, 4).toLowerCase()}%20${pin.slice(4)}`),
      200,
    );

    // Reading by tracking code inside the console.
    const byCode = await t.request('GET', `/api/v1/cases/${trackingCode}`, { token: tk.supervisor });
    expectStatus(byCode, 200);
    expect(byCode.body.id).toBe(id);
    expectProblem(
      await t.request('GET', `/api/v1/cases/${trackingCode}`, { token: tk.otherReception }),
      404,
      'NOT_FOUND',
    );
  });

  it('gives the same 404 for a wrong, malformed or missing PIN and an unknown code, and counts them', async () => {
    const { trackingCode, view } = await registerAndClassify(
      t,
      tk,
      { receivedAt: '2026-11-02' },
      { kind: 'complaint', level: 1, competentUnitId: UNITS.commune1 },
    );
    expect(view.status).toBe('classified');
    await t.catchUp();
    const before = await failures();
    const wrong = 'ABCDEFGH';
    const answers = [
      await lookup(trackingCode, wrong),
      await lookup(trackingCode, 'abc'),
      await lookup(trackingCode),
      await lookup(trackingCode, ''),
      await lookup('HANOI-2026-999999', wrong),
      await lookup('not a code', wrong),
    ];
    for (const a of answers) expectProblem(a, 404, 'NOT_FOUND');
    // Identical but for `instance`, which names each request.
    const bodies = new Set(answers.map((a) => JSON.stringify({ ...a.body, instance: undefined })));
    expect(bodies.size).toBe(1);
    expect(bodies.values().next().value).not.toContain(trackingCode);
    expect(await failures()).toBe(before + answers.length);
  });

  it('reissues the PIN: the old one stops working, the history records the reissue and never the PIN', async () => {
    const created = await t.request('POST', '/api/v1/cases', {
      token: tk.reception,
      body: registration({ receivedAt: '2026-11-16', receivingUnitId: UNITS.commune1 }),
    });
    expectStatus(created, 201);
    const { id, trackingCode } = created.body;
    const firstPin: string = created.body.receipt.lookupPin;
    expect(created.body.receipt.answerBy).toMatch(/^\d{4}-\d{2}-\d{2}$/); // the open XLD's due date
    await t.catchUp();

    expectProblem(
      await t.request('POST', `/api/v1/cases/${id}/pin`, { token: tk.supervisor }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await t.request('POST', `/api/v1/cases/${id}/pin`, { token: tk.otherReception }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await t.request('POST', `/api/v1/cases/${id}/pin`, { token: tk.receptionC2 }),
      404,
      'NOT_FOUND',
    );

    const reissued = await t.request('POST', `/api/v1/cases/${id}/pin`, { token: tk.receptionC1 });
    expectStatus(reissued, 200);
    expect(Object.keys(reissued.body).sort()).toEqual([
      'lookupPin',
      'lookupUrl',
      'position',
      'trackingCode',
      'version',
    ]);
    expect(reissued.body).toMatchObject({ trackingCode, version: 2 });
    expect(reissued.body.lookupUrl).toBe(`https://donthu.example.gov.vn/tra-cuu?ma=${trackingCode}`);
    const secondPin: string = reissued.body.lookupPin;
    expect(secondPin).toMatch(PIN);
    expect(secondPin).not.toBe(firstPin);

    expectProblem(await lookup(trackingCode, firstPin), 404, 'NOT_FOUND');
    const found = await lookup(trackingCode, secondPin);
    expectStatus(found, 200);
    expect(found.body).toMatchObject({ trackingCode, status: 'received', handlingUnitName: 'UBND xã Một' });

    const history = await t.request('GET', `/api/v1/cases/${id}/history`, { token: tk.auditor });
    expectStatus(history, 200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CaseReceived',
      'LookupPinReissued',
    ]);
    expect(history.text).not.toContain(firstPin);
    expect(history.text).not.toContain(secondPin);

    // A handler may reissue too; with an Idempotency-Key a replay answers lookupPin null.
    const byHandler = await t.request('POST', `/api/v1/cases/${id}/pin`, {
      token: tk.handlerC1,
      headers: { 'Idempotency-Key': 'pin-1', 'If-Match': '"2"' },
    });
    expectStatus(byHandler, 200);
    expect(byHandler.body.lookupPin).toMatch(PIN);
    const replay = await t.request('POST', `/api/v1/cases/${id}/pin`, {
      token: tk.handlerC1,
      headers: { 'Idempotency-Key': 'pin-1', 'If-Match': '"2"' },
    });
    expectStatus(replay, 200);
    expect(replay.body).toMatchObject({ trackingCode, version: 3, lookupPin: null });
    expectProblem(
      await t.request('POST', `/api/v1/cases/${id}/pin`, {
        token: tk.handlerC1,
        headers: { 'If-Match': '"2"' },
      }),
      412,
      'VERSION_CONFLICT',
    );
  });

  it('shows the next date owed once the case is accepted, and for a denunciation only its status', async () => {
    const created = await t.request('POST', '/api/v1/cases', {
      token: tk.reception,
      body: registration({ receivedAt: '2026-11-02' }),
    });
    const pin: string = created.body.receipt.lookupPin;
    const { id, trackingCode } = created.body;
    await command(t, tk.reception, id, 'classify', {
      kind: 'complaint',
      level: 1,
      competentUnitId: UNITS.commune1,
      processable: true,
    });
    const accepted = await command(t, tk.handler, id, 'accept', { acceptedAt: '2026-11-05' });
    await t.catchUp();
    const found = await lookup(trackingCode, pin);
    expectStatus(found, 200);
    expect(found.body).toEqual({
      trackingCode,
      status: 'accepted',
      receivedAt: '2026-11-02',
      handlingUnitName: 'UBND xã Một',
      nextDueOn: deadlineOf(accepted.body, 'KN-RES1')!.dueOn,
    });

    const denunciation = await t.request('POST', '/api/v1/cases', {
      token: tk.reception,
      body: registration({ receivedAt: '2026-11-02', kindHint: 'denunciation', subject: 'Tố cáo cán bộ' }),
    });
    expectStatus(denunciation, 201);
    await command(t, tk.reception, denunciation.body.id, 'classify', {
      kind: 'denunciation',
      competentUnitId: UNITS.province,
      processable: true,
    });
    await t.catchUp();
    const hidden = await lookup(denunciation.body.trackingCode, denunciation.body.receipt.lookupPin);
    expectStatus(hidden, 200);
    expect(hidden.body).toEqual({
      trackingCode: denunciation.body.trackingCode,
      status: 'classified',
      receivedAt: null,
      handlingUnitName: null,
      nextDueOn: null,
    });
  });
});

describe('PUBLIC_LOOKUP_PER_MIN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { PUBLIC_LOOKUP_PER_MIN: '2' } });
  }, LONG);
  afterAll(async () => {
    await t?.close();
  }, LONG);

  it('refuses the lookups of an address beyond the limit with 429', async () => {
    for (let i = 0; i < 2; i++)
      expectProblem(
        await t.request('GET', '/api/v1/public/cases/X-2026-000001?pin=ABCDEFGH'),
        404,
        'NOT_FOUND',
      );
    expectProblem(
      await t.request('GET', '/api/v1/public/cases/X-2026-000001?pin=ABCDEFGH'),
      429,
      'RATE_LIMITED',
    );
    const m = await t.request('GET', '/metrics');
    expect(m.text).toMatch(/^donthu_public_lookup_rate_limited_total [1-9]\d*$/m);
  });
});
