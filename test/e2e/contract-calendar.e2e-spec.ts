/**
 * Contract: the holiday calendar at the edges of its data (docs/reference/deadlines.md, The holiday calendar) — 2027
 * is provisional, 2028 has no data (CALENDAR_UNAVAILABLE, 422, nothing appended) — and rate limits
 * (docs/reference/api-contract.md §Conventions: RATE_LIMITED 429). The clock here is in December 2027.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  client,
  contractRegistration,
  createTestApp,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  only,
  type TestApp,
} from '../support/index.js';

let app: TestApp;
let c: ReturnType<typeof client>;
let rec: string;
let h: string;

beforeAll(async () => {
  app = await createTestApp({ now: '2027-12-28T03:00:00.000Z' });
  c = client(app, contractRegistration);
  const admin = await app.token('ct-admin', ['admin']);
  rec = await app.token('ct-rec', ['reception'], 'ct-y');
  h = await app.token('ct-h', ['handler'], 'ct-y');
  app.setNow('2026-01-05T03:00:00.000Z');
  expectStatus(
    await app.request('POST', '/api/v1/units', {
      token: admin,
      body: { id: 'ct-y', name: 'Tỉnh Y', level: 'province' },
    }),
    201,
  );
  app.setNow('2027-12-28T03:00:00.000Z');
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('2027 (provisional) and 2028 (no data)', () => {
  it('KN-ACC across Tết 2027 (Feb 5, Feb 8–11 off): received 2027-02-01 → 2027-02-17, provisional', async () => {
    const v = await c.intake(
      rec,
      'complaint',
      { receivedAt: '2027-02-01', receivingUnitId: 'ct-y' },
      { competentUnitId: 'ct-y' },
    );
    expect(only(v, 'KN-ACC')).toMatchObject({
      startOn: '2027-02-01',
      dueOn: '2027-02-17',
      ruleVersion: '2026-07-01',
      provisional: true,
    });
  });

  it('Labour Day 2027 on a Saturday gives Mon May 3 off: TC-PRE received 2027-04-28 → 2027-05-11', async () => {
    const v = await c.intake(
      rec,
      'denunciation',
      { receivedAt: '2027-04-28', receivingUnitId: 'ct-y' },
      { competentUnitId: 'ct-y' },
    );
    // TC-PRE 7 WD: Apr 29, May 4, 5, 6, 7, 10, 11 → 2027-05-11.
    expect(only(v, 'TC-PRE')).toMatchObject({ dueOn: '2027-05-11', provisional: true });
  });

  it('a deadline that would fall in 2028 is refused with CALENDAR_UNAVAILABLE (422) and leaves no trace', async () => {
    const created = await c.register(rec, { receivedAt: '2027-12-27', receivingUnitId: 'ct-y' });
    const before = await eventCount(app);
    const res = await app.request('POST', `/api/v1/cases/${created.id}/classify`, {
      token: rec,
      body: { kind: 'complaint', competentUnitId: 'ct-y', processable: true },
    });
    expectProblem(res, 422, 'CALENDAR_UNAVAILABLE');
    expect(await eventCount(app)).toBe(before);
    expect((await c.view(rec, created.id)).status).toBe('received');
  });

  it('a resolution deadline in 2028 (accepted 2027-12-15 + 30 days) is refused too', async () => {
    const v = await c.intake(
      rec,
      'complaint',
      { receivedAt: '2027-12-13', receivingUnitId: 'ct-y' },
      { competentUnitId: 'ct-y' },
    );
    expect(only(v, 'KN-ACC').dueOn).toBe('2027-12-22');
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', `/api/v1/cases/${v.id}/accept`, {
        token: h,
        body: { acceptedAt: '2027-12-15' },
      }),
      422,
      'CALENDAR_UNAVAILABLE',
    );
    expect(await eventCount(app)).toBe(before);
  });
});

describe('Rate limits', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '3' } });
  }, LONG);
  afterAll(async () => {
    await limited?.close();
  }, LONG);

  it('over RATE_LIMIT_PER_MIN per user → 429 RATE_LIMITED (problem+json)', async () => {
    const token = await limited.token('ct-rl', ['supervisor'], undefined);
    const statuses: number[] = [];
    let last = undefined as unknown as Awaited<ReturnType<TestApp['request']>>;
    for (let i = 0; i < 6; i++) {
      last = await limited.request('POST', '/api/v1/cases', { token, body: contractRegistration() });
      statuses.push(last.status);
    }
    expect(statuses).toContain(429);
    expectProblem(last, 429, 'RATE_LIMITED');
  });
});
