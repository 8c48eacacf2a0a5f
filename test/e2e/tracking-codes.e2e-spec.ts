import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  expectStatus,
  LONG,
  register,
  setClock,
  SETUP_TIME,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
} from '../support/index.js';

/**
 * Issue 12, item 11: units `nb-gia-vien` and `nb-giavien` both issued `NBGIAVIEN-2026-000001`, and a
 * unit created without an id issued `0C0E27270D0A-2026-…`. Codes are unique system-wide (the
 * database refuses a second one) and short.
 */

let app: TestApp;
let t: Tokens;
const units: Record<string, string> = {};

beforeAll(async () => {
  // Its own units, one of them without an id: the default tree is not created.
  ({ app, tokens: t } = await startWorld({ createUnits: false }));
  setClock(app, SETUP_TIME);
  for (const [id, name] of [
    ['nb', 'UBND tỉnh Ninh Bình'],
    ['nb-gia-vien', 'UBND xã Gia Viễn'],
    ['nb-giavien', 'UBND xã Gia Viễn (mới)'],
    [undefined, 'UBND xã không mã'],
  ] as const) {
    const res = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: {
        ...(id ? { id } : {}),
        name,
        level: id === 'nb' ? 'province' : 'commune',
        ...(id === 'nb' ? {} : { parentId: 'nb' }),
      },
    });
    expectStatus(res, 201);
    units[id ?? 'unnamed'] = res.body.id;
  }
  tick(app, 1000);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('tracking codes', () => {
  it('two units whose ids differ only by a dash issue different codes', async () => {
    const rec = await app.token('rec-nb', ['reception'], 'nb');
    const codes: string[] = [];
    for (const unit of ['nb-gia-vien', 'nb-giavien', 'nb-gia-vien', 'nb-giavien'])
      codes.push(
        (await register(app, rec, { receivedAt: '2026-11-20', receivingUnitId: unit })).trackingCode,
      );
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(/^[A-Z0-9]{1,8}-2026-\d{6}$/);
  });

  it('a unit created without an id issues short codes, not a UUID prefix', async () => {
    const rec = await app.token('rec-nb', ['reception'], 'nb');
    const { trackingCode } = await register(app, rec, {
      receivedAt: '2026-11-20',
      receivingUnitId: units.unnamed,
    });
    expect(trackingCode).toMatch(/^DT-2026-\d{6}$/);
    expect(trackingCode.length).toBeLessThanOrEqual(14);
  });

  it('the database refuses a code issued before', async () => {
    const rec = await app.token('rec-nb', ['reception'], 'nb');
    const { trackingCode } = await register(app, rec, { receivedAt: '2026-11-20', receivingUnitId: 'nb' });
    await expect(
      app.runtime.pool.query('INSERT INTO tracking_codes (code, case_id) VALUES ($1, $2)', [
        trackingCode,
        'other',
      ]),
    ).rejects.toMatchObject({ code: '23505' });
    // A counter set back (e.g. restored from an old backup) skips codes already issued.
    await app.runtime.pool.query('UPDATE tracking_counters SET last_value = 0 WHERE unit_id = $1', ['NB']);
    const next = await register(app, rec, { receivedAt: '2026-11-20', receivingUnitId: 'nb' });
    expect(next.trackingCode).not.toBe(trackingCode);
  });
});
