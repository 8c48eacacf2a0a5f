import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  register,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Issue 12, items 7, 8 and 10: writes that reached another province (an inspection of its commune,
 * recommendations on its board), `verify` answering about other provinces' streams, and a handler
 * opening a denunciator's identity by assigning the denunciation to themselves.
 */

let app: TestApp;
let t: Tokens;
let headOther: string;
let auditorOther: string;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  tick(app, 1000);
  headOther = await app.token('head-dn', ['head'], UNITS.otherProvince, 'Chủ tịch Đà Nẵng');
  auditorOther = await app.token('aud-dn', ['auditor'], UNITS.otherProvince, 'Kiểm toán Đà Nẵng');
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

/** A complaint, classified (an unclassified letter is treated as confidential). */
async function complaint(): Promise<string> {
  const c = await register(app, t.reception, { receivedAt: '2026-11-20' });
  await command(app, t.reception, c.id, 'classify', {
    kind: 'complaint',
    level: 1,
    competentUnitId: UNITS.province,
    processable: true,
  });
  return c.id;
}

const inspection = (leadUnitId: string, inspectedUnitId: string) => ({
  title: 'Thanh tra việc quản lý đất đai',
  kind: 'inspection',
  leadUnitId,
  inspectedUnitId,
  decidedOn: '2026-11-20',
});

describe('item 7: every unit a command names lies in the actor’s scope', () => {
  it('a head of another province cannot open an inspection of our commune (403, nothing written)', async () => {
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', '/api/v1/inspections', {
        token: headOther,
        body: inspection(UNITS.otherProvince, UNITS.commune1),
      }),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(app)).toBe(before);
  });

  it('nor give recommendations to a unit of another province', async () => {
    const created = await app.request('POST', '/api/v1/inspections', {
      token: t.head,
      body: inspection(UNITS.province, UNITS.commune1),
    });
    expectStatus(created, 201);
    const before = await eventCount(app);
    const res = await app.request('POST', `/api/v1/inspections/${created.body.id}/conclusion`, {
      token: t.head,
      body: {
        concludedOn: '2026-11-21',
        summary: 'Kết luận',
        recommendations: [
          { text: 'Khắc phục', ownerUnitId: UNITS.commune1, dueOn: '2027-01-31' },
          { text: 'Khắc phục', ownerUnitId: UNITS.otherCommune, dueOn: '2027-01-31' },
        ],
      },
    });
    expectProblem(res, 403, 'FORBIDDEN');
    expect(res.body.detail).toContain('recommendations[1].ownerUnitId');
    expect(await eventCount(app)).toBe(before);
    // Within scope it goes through.
    expectStatus(
      await app.request('POST', `/api/v1/inspections/${created.body.id}/conclusion`, {
        token: t.head,
        body: {
          concludedOn: '2026-11-21',
          summary: 'Kết luận',
          recommendations: [{ text: 'Khắc phục', ownerUnitId: UNITS.commune1, dueOn: '2027-01-31' }],
        },
      }),
      200,
    );
  });
});

describe('item 8: verify answers 404 out of scope, for every stream category', () => {
  const streams: Record<string, string> = {};

  beforeAll(async () => {
    const c = { id: await complaint() };
    streams.case = `case-${c.id}`;
    const seen = await app.request(
      'GET',
      `/api/v1/cases/${c.id}/petitioners?reasonCode=verification&reason=${encodeURIComponent('Xác minh')}`,
      { token: t.handler },
    );
    expectStatus(seen, 200);
    streams.disclosure = `disclosure-${c.id}`;
    const i = await app.request('POST', '/api/v1/inspections', {
      token: t.head,
      body: inspection(UNITS.province, UNITS.commune2),
    });
    expectStatus(i, 201);
    streams.inspection = `inspection-${i.body.id}`;
    const s = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body: {
        unitId: UNITS.province,
        hostPersonId: 'head-1',
        date: '2026-11-30',
        kind: 'periodic',
        mode: 'in_person',
      },
    });
    expectStatus(s, 201);
    streams.reception = `reception-${s.body.id}`;
    streams.unit = `unit-${UNITS.commune1}`;
  }, LONG);

  it.each(['case', 'disclosure', 'inspection', 'reception', 'unit'])('%s stream', async (category) => {
    const path = `/api/v1/audit/streams/${streams[category]}/verify`;
    const own = await app.request('GET', path, { token: t.auditor });
    expectStatus(own, 200);
    expect(own.body.ok).toBe(true);
    expectProblem(await app.request('GET', path, { token: auditorOther }), 404, 'NOT_FOUND');
  });
});

describe('item 10: assigning a denunciation or an unclassified case is a head’s; disclosures need a reasonCode', () => {
  it('a handler cannot assign an unclassified case or a denunciation (to themselves or anyone); a head can', async () => {
    const c = await register(app, t.reception, { receivedAt: '2026-11-20', kindHint: 'denunciation' });
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', `/api/v1/cases/${c.id}/assign`, {
        token: t.handler,
        body: { handlerId: 'handler-1' },
      }),
      403,
      'FORBIDDEN',
    );
    await command(app, t.reception, c.id, 'classify', {
      kind: 'denunciation',
      competentUnitId: UNITS.province,
      processable: true,
    });
    const classified = await eventCount(app);
    expect(classified).toBe(before + 1);
    expectProblem(
      await app.request('POST', `/api/v1/cases/${c.id}/assign`, {
        token: t.handler,
        body: { handlerId: 'handler-1' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(app)).toBe(classified);
    // The handler therefore cannot open the denunciator's identity.
    expectProblem(
      await app.request('GET', `/api/v1/cases/${c.id}/petitioners?reasonCode=verification&reason=x`, {
        token: t.handler,
      }),
      403,
      'FORBIDDEN',
    );
    const byHead = await app.request('POST', `/api/v1/cases/${c.id}/assign`, {
      token: t.head,
      body: { handlerId: 'handler-1' },
    });
    expectStatus(byHead, 200);
    expect(byHead.body.handlerId).toBe('handler-1');
  });

  it.each([
    ['reason=x', 'reasonCode'],
    ['reasonCode=curiosity&reason=x', 'reasonCode'],
    ['reasonCode=verification', 'reason'],
  ])('GET /petitioners?%s → 400 naming %s, nothing recorded', async (qs, field) => {
    const c = await register(app, t.reception, { receivedAt: '2026-11-20' });
    const before = await eventCount(app);
    const res = await app.request('GET', `/api/v1/cases/${c.id}/petitioners?${qs}`, { token: t.handler });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await eventCount(app)).toBe(before);
  });

  it('the disclosure log records the reasonCode', async () => {
    const c = { id: await complaint() };
    expectStatus(
      await app.request('GET', `/api/v1/cases/${c.id}/petitioners?reasonCode=notification&reason=x`, {
        token: t.handler,
      }),
      200,
    );
    const log = await app.request('GET', `/api/v1/cases/${c.id}/disclosures`, { token: t.auditor });
    expectStatus(log, 200);
    expect(log.body.items[0]).toMatchObject({ reasonCode: 'notification', reason: 'x' });
  });
});
