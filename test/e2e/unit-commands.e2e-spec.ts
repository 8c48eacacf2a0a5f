/**
 * Unit commands go through the same command loop as case commands, so they honour the request
 * options docs/reference/api-contract.md (Concurrency, Idempotency) promises for every command: Idempotency-Key (a repeat answers the first response and
 * appends nothing; the same key with another body is 422) and If-Match (a stale version is 412,
 * nothing appended); their answers carry the version in ETag.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request('POST', `/api/v1${path}`, { token: t.admin, body, headers });

describe('Idempotency-Key on unit commands', () => {
  it('a repeated creation answers the first response and appends nothing', async () => {
    const body = { name: 'Ban Tiếp công dân tỉnh', level: 'agency', parentId: UNITS.province };
    const first = await post('/units', body, { 'Idempotency-Key': 'unit-create-1' });
    expectStatus(first, 201);
    expect(first.headers.get('etag')).toBe('"1"');
    const before = await eventCount(app);
    const again = await post('/units', body, { 'Idempotency-Key': 'unit-create-1' });
    expectStatus(again, 201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await eventCount(app)).toBe(before);
    // Without an id in the body, the unit's id derives from the key: the same unit, not a second one.
    expect((await app.runtime.store.readStream(`unit-${first.body.id}`)).length).toBe(1);
  });

  it('the same key with another body is 422 and appends nothing', async () => {
    const before = await eventCount(app);
    const res = await post(
      '/units',
      { name: 'Một đơn vị khác', level: 'agency', parentId: UNITS.province },
      { 'Idempotency-Key': 'unit-create-1' },
    );
    expectProblem(res, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await eventCount(app)).toBe(before);
  });

  it('a repeated appointment appends one HeadAppointed', async () => {
    const unit = await post('/units', { id: 'nb-ban-dan-toc', name: 'Ban Dân tộc', level: 'agency' });
    expectStatus(unit, 201);
    const body = { personId: 'tb-bdt', fullName: 'Hà Văn Sơn', from: '2026-01-05' };
    const first = await post('/units/nb-ban-dan-toc/heads', body, { 'Idempotency-Key': 'appoint-bdt' });
    expectStatus(first, 201);
    const again = await post('/units/nb-ban-dan-toc/heads', body, { 'Idempotency-Key': 'appoint-bdt' });
    expectStatus(again, 201);
    expect(again.body).toEqual(first.body);
    const types = (await app.runtime.store.readStream('unit-nb-ban-dan-toc')).map((e) => e.type);
    expect(types.filter((x) => x === 'HeadAppointed')).toHaveLength(1);
  });
});

describe('If-Match on unit commands', () => {
  it('a stale version is 412 VERSION_CONFLICT and appends nothing; the current one is accepted', async () => {
    const created = await post('/units', { id: 'nb-van-phong', name: 'Văn phòng', level: 'agency' });
    expectStatus(created, 201);
    expect(created.body.version).toBe(1);
    const appointed = await post('/units/nb-van-phong/heads', {
      personId: 'cvp',
      fullName: 'Lò Thị Mai',
      from: '2026-02-01',
    });
    expectStatus(appointed, 201);
    expect(appointed.headers.get('etag')).toBe('"2"');

    const before = await eventCount(app);
    const stale = await app.request('PATCH', '/api/v1/units/nb-van-phong', {
      token: t.admin,
      body: { name: 'Văn phòng UBND' },
      headers: { 'If-Match': '"1"' },
    });
    expectProblem(stale, 412, 'VERSION_CONFLICT');
    const staleMerge = await post(
      '/units/nb-van-phong/merge',
      { intoUnitId: UNITS.province, effectiveOn: '2026-11-01' },
      { 'If-Match': '"1"' },
    );
    expectProblem(staleMerge, 412, 'VERSION_CONFLICT');
    expect(await eventCount(app)).toBe(before);

    const current = await app.request('PATCH', '/api/v1/units/nb-van-phong', {
      token: t.admin,
      body: { name: 'Văn phòng UBND' },
      headers: { 'If-Match': '"2"' },
    });
    expectStatus(current, 200);
    expect(current.headers.get('etag')).toBe('"3"');
    expect(current.body.name).toBe('Văn phòng UBND');
  });
});
