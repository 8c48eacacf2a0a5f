import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  expectStatus,
  LONG,
  registerAndClassify,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Issue 12 item 12: the history of a stream with a damaged event answers 200 with the events as
 * stored and the break marked (which version, why) — it used to answer 500. Damaged in SQL.
 */
describe('history of a damaged stream', () => {
  let app: TestApp;
  let t: Tokens;
  let otherAuditor: string;

  const classified = async () =>
    (
      await registerAndClassify(
        app,
        t,
        { receivedAt: '2026-11-16', kindHint: 'complaint' },
        { kind: 'complaint', competentUnitId: UNITS.province },
      )
    ).id;
  const get = (path: string, token: string) => app.request('GET', path, { token });

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
    otherAuditor = await app.token('aud-dn', ['auditor'], UNITS.otherProvince, 'Kiểm toán Đà Nẵng');
  }, LONG * 2);
  afterAll(async () => {
    await app?.close();
  }, LONG);

  it(
    'an untouched stream: the audit history has no break',
    async () => {
      const id = await classified();
      const res = await get(`/api/v1/audit/streams/case-${id}/history`, t.auditor);
      expectStatus(res, 200);
      expect(res.body.damaged).toBeNull();
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual([
        'CaseReceived',
        'CaseClassified',
      ]);
    },
    LONG,
  );

  it(
    'an event of an unknown type: 200 with the raw events and the break at that version',
    async () => {
      const id = await classified();
      await app.runtime.pool.query(
        `UPDATE events SET type = 'CaseMangled' WHERE stream_id = $1 AND version = 2`,
        [`case-${id}`],
      );
      for (const path of [`/api/v1/cases/${id}/history`, `/api/v1/audit/streams/case-${id}/history`]) {
        const res = await get(path, t.auditor);
        expectStatus(res, 200);
        expect(res.body.events.map((e: { version: number; type: string }) => [e.version, e.type])).toEqual([
          [1, 'CaseReceived'],
          [2, 'CaseMangled'],
        ]);
        expect(res.body.damaged).toMatchObject({ version: 2, reason: 'hash_mismatch' });
        expect(res.body.damaged.position).toBe(res.body.events[1].position);
        expect(typeof res.body.damaged.detail).toBe('string');
      }
      // The case view itself still fails closed; the verification agrees on the version.
      const verify = await get(`/api/v1/audit/streams/case-${id}/verify`, t.auditor);
      expect(verify.body).toMatchObject({ ok: false, brokenAt: { version: 2 } });
    },
    LONG,
  );

  it(
    'a payload the state cannot take: 200 with the break at that version; out of scope stays 404',
    async () => {
      const id = await classified();
      await app.runtime.pool.query(
        `UPDATE events SET data = '{}'::jsonb WHERE stream_id = $1 AND version = 2`,
        [`case-${id}`],
      );
      const res = await get(`/api/v1/cases/${id}/history`, t.auditor);
      expectStatus(res, 200);
      expect(res.body.events).toHaveLength(2);
      expect(res.body.events[1].data).toEqual({});
      expect(res.body.damaged).toMatchObject({ version: 2, reason: 'hash_mismatch' });
      expect((await get(`/api/v1/cases/${id}/history`, otherAuditor)).status).toBe(404);
      expect((await get(`/api/v1/audit/streams/case-${id}/history`, otherAuditor)).status).toBe(404);
    },
    LONG,
  );
});
