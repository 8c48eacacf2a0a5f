import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser } from 'fast-xml-parser';
import {
  eventCount,
  expectStatus,
  LONG,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Open311 GeoReport v2 (docs/open311.md) over real HTTP, following the specification's own examples:
 * a city app reads the services, posts a request as a form and reads it back in JSON and XML; a bad
 * key gets 403 in GeoReport's error format; a key never sees another key's requests.
 */

const PIN = /^[2-9A-HJKMNP-Z]{8}$/;
const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name),
});

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let tk: Tokens;
  let key: string;
  let keyId: string;
  let otherKey: string;

  /** A form post, as GeoReport clients send it. */
  async function postForm(
    path: string,
    fields: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    return t.request('POST', path, {
      raw: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }

  // The specification's POST example (a sinkhole in San Francisco), as a Vietnamese reflection.
  const example = (apiKey: string): Record<string, string> => ({
    api_key: apiKey,
    service_code: 'phan-anh',
    lat: '21.0285',
    long: '105.8542',
    address_string: '12 phố Tràng Tiền, Hoàn Kiếm',
    email: 'nguoidan@example.vn',
    device_id: 'tt222111',
    account_id: '123456',
    first_name: 'Văn An',
    last_name: 'Nguyễn',
    phone: '0912345678',
    description: 'Hố sụt lớn giữa đường đang làm hỏng mặt đường. Đề nghị kiểm tra, xử lý.',
    media_url: 'http://mediaurl.example.vn/anh.jpg',
  });

  beforeAll(async () => {
    ({ app: t, tokens: tk } = await startWorld({
      env: { PUBLIC_LOOKUP_PER_MIN: '0', PUBLIC_URL: 'https://donthu.example.gov.vn' },
    }));
    tick(t, 0);
    const k = await t.request('POST', '/api/v1/admin/api-keys', {
      token: tk.admin,
      body: { unitId: UNITS.province, label: 'Cổng phản ánh Hà Nội' },
    });
    expectStatus(k, 201);
    key = k.body.key;
    keyId = k.body.id;
    const o = await t.request('POST', '/api/v1/admin/api-keys', {
      token: tk.admin,
      body: { unitId: UNITS.otherProvince, label: 'Ứng dụng Đà Nẵng' },
    });
    expectStatus(o, 201);
    otherKey = o.body.key;
  }, LONG);
  afterAll(async () => {
    await t?.close();
  }, LONG);

  it('admins issue keys for one unit, shown once and stored only as a hash; other roles may not', async () => {
    expect(key).toMatch(/^d311_[A-Za-z0-9_-]{43}$/);
    const list = await t.request('GET', '/api/v1/admin/api-keys', { token: tk.admin });
    expectStatus(list, 200);
    const mine = list.body.items.find((i: { id: string }) => i.id === keyId);
    expect(mine).toMatchObject({ unitId: UNITS.province, label: 'Cổng phản ánh Hà Nội', revokedAt: null });
    expect(JSON.stringify(list.body)).not.toContain(key);
    const stored = await t.runtime.pool.query('SELECT key_hash FROM api_keys WHERE id = $1', [keyId]);
    expect(stored.rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0].key_hash).not.toContain(key);
    for (const token of [tk.reception, tk.head, tk.supervisor])
      expect((await t.request('GET', '/api/v1/admin/api-keys', { token })).status).toBe(403);
    const bad = await t.request('POST', '/api/v1/admin/api-keys', {
      token: tk.admin,
      body: { unitId: 'no-such-unit', label: 'x' },
    });
    expect(bad.status).toBe(400);
  });

  it('GET services.json and services.xml list petitions and reflections (no key needed)', async () => {
    const json = await t.request('GET', '/open311/v2/services.json?jurisdiction_id=hanoi');
    expectStatus(json, 200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.body.map((s: { service_code: string }) => s.service_code)).toEqual(['kien-nghi', 'phan-anh']);
    for (const s of json.body)
      expect(Object.keys(s).sort()).toEqual(
        ['description', 'group', 'keywords', 'metadata', 'service_code', 'service_name', 'type'].sort(),
      );
    expect(json.body[1]).toMatchObject({ service_name: 'Phản ánh', metadata: true, type: 'realtime' });
    const x = await t.request('GET', '/open311/v2/services.xml');
    expectStatus(x, 200);
    expect(x.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(x.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const parsed = xml.parse(x.text);
    expect(parsed.services.service.map((s: { service_code: string }) => s.service_code)).toEqual([
      'kien-nghi',
      'phan-anh',
    ]);
    expect(parsed.services.service[0].service_name).toBe('Kiến nghị');
    const unknownUnit = await t.request('GET', '/open311/v2/services.json?jurisdiction_id=nowhere');
    expect(unknownUnit.status).toBe(404);
    expect(unknownUnit.body).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('GET services/{code}.json and .xml give the attributes (subject, field with its values)', async () => {
    const json = await t.request('GET', '/open311/v2/services/phan-anh.json');
    expectStatus(json, 200);
    expect(json.body.service_code).toBe('phan-anh');
    expect(json.body.attributes.map((a: { code: string }) => a.code)).toEqual(['subject', 'field']);
    const field = json.body.attributes[1];
    expect(field).toMatchObject({ datatype: 'singlevaluelist', required: false, variable: true, order: 2 });
    expect(field.values).toContainEqual({ key: 'land', name: 'Đất đai' });
    const x = await t.request('GET', '/open311/v2/services/kien-nghi.xml');
    expectStatus(x, 200);
    const def = xml.parse(x.text).service_definition;
    expect(def.service_code).toBe('kien-nghi');
    expect(def.attributes.attribute[1].values.value[0]).toEqual({ key: 'land', name: 'Đất đai' });
    const none = await t.request('GET', '/open311/v2/services/khieu-nai.xml');
    expect(none.status).toBe(404);
    expect(xml.parse(none.text).errors.error[0].code).toBe('404');
  });

  let trackingCode = '';
  let pin = '';

  it('POST requests.json (a form, as in the specification) registers the letter through the desk intake and answers the tracking code and the PIN', async () => {
    const before = await eventCount(t);
    const res = await postForm('/open311/v2/requests.json', example(key));
    expectStatus(res, 201);
    expect(res.body).toHaveLength(1);
    const [created] = res.body;
    expect(Object.keys(created).sort()).toEqual([
      'account_id',
      'service_notice',
      'service_request_id',
      'token',
    ]);
    expect(created.service_request_id).toMatch(/^HANOI-2026-\d{6}$/);
    expect(created.token).toMatch(PIN);
    expect(created.account_id).toBeNull();
    expect(created.service_notice).toContain('https://donthu.example.gov.vn/tra-cuu?ma=');
    expect(await eventCount(t)).toBe(before + 1);
    trackingCode = created.service_request_id;
    pin = created.token;

    // The same case as a desk registration: channel online, the key's unit, the sender sealed.
    await t.catchUp();
    const view = await t.request('GET', `/api/v1/cases/${trackingCode}`, { token: tk.handler });
    expectStatus(view, 200);
    expect(view.body).toMatchObject({
      trackingCode,
      status: 'received',
      channel: 'online',
      receivingUnitId: UNITS.province,
      subject: 'Hố sụt lớn giữa đường đang làm hỏng mặt đường.',
    });
    expect(view.body.content).toContain('Địa điểm: 12 phố Tràng Tiền, Hoàn Kiếm');
    expect(view.body.content).toContain('Tọa độ: 21.0285, 105.8542');
    expect(view.body.content).toContain('Hình ảnh: http://mediaurl.example.vn/anh.jpg');
    expect(view.body.content).not.toContain('nguoidan@example.vn');
    const history = await t.request('GET', `/api/v1/cases/${view.body.id}/history`, { token: tk.auditor });
    expect(history.body.events[0].data).toMatchObject({ channel: 'online', kindHint: 'reflection' });
    expect(history.body.events[0].actor).toEqual({
      id: `open311:${keyId}`,
      name: 'Open311: Cổng phản ánh Hà Nội',
    });
    expect(JSON.stringify(history.body)).not.toContain('Nguyễn Văn An');
    const who = await t.request(
      'GET',
      `/api/v1/cases/${view.body.id}/petitioners?reasonCode=verification&reason=x`,
      {
        token: tk.handler,
      },
    );
    expect(who.body.items[0]).toMatchObject({ fullName: 'Nguyễn Văn An', phone: '0912345678' });
    expect(who.body.items[0].email).toBeUndefined();

    // The token is the citizen's lookup PIN.
    const lookup = await t.request('GET', `/api/v1/public/cases/${trackingCode}?pin=${pin}`);
    expectStatus(lookup, 200);
    expect(lookup.body).toMatchObject({ trackingCode, status: 'received' });
  });

  it('POST requests.xml with JSON and attributes, anonymous; the XML answer parses', async () => {
    const res = await t.request('POST', '/open311/v2/requests.xml', {
      body: {
        api_key: key,
        jurisdiction_id: UNITS.province,
        service_code: 'kien-nghi',
        description: 'Đề nghị lắp thêm đèn chiếu sáng ở ngõ 5.',
        attribute: { subject: 'Đèn chiếu sáng ngõ 5', field: 'other' },
      },
    });
    expectStatus(res, 201);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const [request] = xml.parse(res.text).service_requests.request;
    expect(request.service_request_id).toMatch(/^HANOI-2026-\d{6}$/);
    expect(request.token).toMatch(PIN);
    expect(request.account_id).toBe('');
    await t.catchUp();
    const view = await t.request('GET', `/api/v1/cases/${request.service_request_id}`, { token: tk.handler });
    expect(view.body).toMatchObject({ subject: 'Đèn chiếu sáng ngõ 5', field: 'other', anonymous: true });
    const history = await t.request('GET', `/api/v1/cases/${view.body.id}/history`, { token: tk.auditor });
    expect(history.body.events[0].data).toMatchObject({ kindHint: 'petition', anonymous: true });
    expect(view.body.petitioners).toEqual([]);
  });

  it('GET requests/{id}.json and .xml read a request back: status, notes and dates, nothing of the letter or the sender', async () => {
    const res = await t.request('GET', `/open311/v2/requests/${trackingCode}.json?api_key=${key}`);
    expectStatus(res, 200);
    expect(res.body).toHaveLength(1);
    const [r] = res.body;
    expect(Object.keys(r).sort()).toEqual(
      [
        'agency_responsible',
        'expected_datetime',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_request_id',
        'status',
        'status_notes',
        'updated_datetime',
      ].sort(),
    );
    expect(r).toMatchObject({
      service_request_id: trackingCode,
      status: 'open',
      status_notes: 'Đã tiếp nhận đơn. Cơ quan đã nhận đơn của Ông/Bà và đang xem xét để xử lý.',
      service_code: 'phan-anh',
      service_name: 'Phản ánh',
      agency_responsible: 'UBND thành phố Hà Nội',
    });
    expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(r.updated_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    for (const secret of ['Hố sụt', 'Nguyễn', '0912345678', 'Tràng Tiền', pin])
      expect(res.text).not.toContain(secret);
    const x = await t.request('GET', `/open311/v2/requests/${trackingCode.toLowerCase()}.xml?api_key=${key}`);
    expectStatus(x, 200);
    const [fromXml] = xml.parse(x.text).service_requests.request;
    expect(fromXml).toMatchObject({
      service_request_id: trackingCode,
      status: 'open',
      service_code: 'phan-anh',
    });
  });

  it('GET requests.json lists only what the key filed, with the specification filters (dates, status, codes)', async () => {
    const all = await t.request('GET', `/open311/v2/requests.json?api_key=${key}`);
    expectStatus(all, 200);
    expect(all.body).toHaveLength(2);
    const byCode = await t.request('GET', `/open311/v2/requests.json?api_key=${key}&service_code=phan-anh`);
    expect(byCode.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([
      trackingCode,
    ]);
    const ids = await t.request(
      'GET',
      `/open311/v2/requests.xml?api_key=${key}&service_request_id=${trackingCode}`,
    );
    expect(xml.parse(ids.text).service_requests.request).toHaveLength(1);
    // The specification's example: start_date, end_date and status=open.
    const window = await t.request(
      'GET',
      `/open311/v2/requests.xml?api_key=${key}&start_date=2026-11-01T00:00:00Z&end_date=2026-11-30T00:00:00Z&status=open`,
    );
    expectStatus(window, 200);
    expect(xml.parse(window.text).service_requests.request).toHaveLength(2);
    const closed = await t.request('GET', `/open311/v2/requests.json?api_key=${key}&status=closed`);
    expect(closed.body).toEqual([]);
    const empty = await t.request('GET', `/open311/v2/requests.xml?api_key=${key}&status=closed`);
    expectStatus(empty, 200);
    expect(xml.parse(empty.text).service_requests).toBeDefined();
    const bad = await t.request('GET', `/open311/v2/requests.json?api_key=${key}&start_date=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body[0]).toMatchObject({ code: 400, description: expect.stringContaining('start_date') });
  });

  it("another key's request is not visible: the same 404 as an unknown code, and not in its list", async () => {
    const res = await t.request('GET', `/open311/v2/requests/${trackingCode}.json?api_key=${otherKey}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual([{ code: 404, description: expect.any(String) }]);
    const unknown = await t.request('GET', `/open311/v2/requests/HANOI-2026-999999.json?api_key=${otherKey}`);
    expect(unknown.status).toBe(404);
    const list = await t.request('GET', `/open311/v2/requests.json?api_key=${otherKey}`);
    expect(list.body).toEqual([]);
    const ids = await t.request(
      'GET',
      `/open311/v2/requests.json?api_key=${otherKey}&service_request_id=${trackingCode}`,
    );
    expect(ids.body).toEqual([]);
  });

  it('a bad, missing or revoked key → 403 in GeoReport format (JSON and XML), Vietnamese by default; nothing written', async () => {
    const before = await eventCount(t);
    const bad = await postForm('/open311/v2/requests.json', example('d311_' + 'x'.repeat(43)));
    expect(bad.status).toBe(403);
    expect(bad.headers.get('content-type')).toMatch(/^application\/json/);
    expect(bad.body).toEqual([{ code: 403, description: expect.stringContaining('api_key') }]);
    const vi = await postForm('/open311/v2/requests.xml', example('nope'), { 'accept-language': 'vi' });
    expect(vi.status).toBe(403);
    const err = xml.parse(vi.text).errors.error[0];
    expect(err.code).toBe('403');
    expect(err.description).toContain('cần một api_key hợp lệ');
    const none = await t.request('GET', '/open311/v2/requests.json');
    expect(none.status).toBe(403);
    const wrongUnit = await postForm('/open311/v2/requests.json', {
      ...example(key),
      jurisdiction_id: UNITS.otherProvince,
    });
    expect(wrongUnit.status).toBe(403);
    expect(wrongUnit.body[0].description).toContain('jurisdiction_id');

    const k = await t.request('POST', '/api/v1/admin/api-keys', {
      token: tk.admin,
      body: { unitId: UNITS.commune1, label: 'Thu hồi' },
    });
    const revoked = await t.request('POST', `/api/v1/admin/api-keys/${k.body.id}/revoke`, {
      token: tk.admin,
    });
    expectStatus(revoked, 200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await postForm('/open311/v2/requests.json', example(k.body.key));
    expect(after.status).toBe(403);
    expect(await eventCount(t)).toBe(before);
  });

  it('bad input → 400 in GeoReport format naming the field; nothing written', async () => {
    const before = await eventCount(t);
    const cases: [Record<string, string>, string][] = [
      [{ ...example(key), service_code: 'khieu-nai' }, 'service_code'],
      [{ ...example(key), description: '' }, 'description'],
      [{ ...example(key), lat: 'north' }, 'lat'],
      [{ ...example(key), phone: 'call me' }, 'phone'],
      [{ ...example(key), media_url: 'javascript:alert(1)' }, 'media_url'],
      [{ ...example(key), 'attribute[field]': 'weather' }, 'attribute[field]'],
      [{ ...example(key), unknown_field: 'x' }, 'unknown_field'],
    ];
    for (const [fields, name] of cases) {
      const res = await postForm('/open311/v2/requests.json', fields, { 'accept-language': 'en' });
      expect([400, 404]).toContain(res.status);
      expect(res.body[0].description).toContain(name);
    }
    const text = await t.request('POST', '/open311/v2/requests.json', {
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
    expect(text.body[0].code).toBe(415);
    expect(await eventCount(t)).toBe(before);
  });

  it('the request follows the case: closed once the letter is archived', async () => {
    await t.catchUp();
    const view = await t.request('GET', `/api/v1/cases/${trackingCode}`, { token: tk.handler });
    const archived = await t.request('POST', `/api/v1/cases/${view.body.id}/archive`, {
      token: tk.handler,
      body: { at: '2026-11-22', reason: 'not_processable' },
    });
    expectStatus(archived, 200);
    const res = await t.request('GET', `/open311/v2/requests/${trackingCode}.json?api_key=${key}`);
    expect(res.body[0]).toMatchObject({
      status: 'closed',
      status_notes: 'Đã lưu đơn. Đơn được lưu theo quy định, không tiếp tục xử lý.',
    });
  });
});

describe('Open311 rate limits', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    const world = await startWorld({ env: { RATE_LIMIT_PER_MIN: '30' } });
    t = world.app;
    const { admin } = world.tokens;
    const k = await t.request('POST', '/api/v1/admin/api-keys', {
      token: admin,
      body: { unitId: UNITS.province, label: 'Giới hạn' },
    });
    expectStatus(k, 201);
    key = k.body.key;
  }, LONG);
  afterAll(async () => {
    await t?.close();
  }, LONG);

  it('beyond RATE_LIMIT_PER_MIN a key gets 429 in GeoReport format, JSON or XML', async () => {
    const statuses: number[] = [];
    let last = null as Awaited<ReturnType<TestApp['request']>> | null;
    for (let i = 0; i < 32 && last?.status !== 429; i++) {
      last = await t.request('GET', `/open311/v2/requests.xml?api_key=${key}`, {
        headers: { 'accept-language': 'en' },
      });
      statuses.push(last.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(last!.status).toBe(429);
    expect(last!.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(xml.parse(last!.text).errors.error[0].code).toBe('429');
  });
});
