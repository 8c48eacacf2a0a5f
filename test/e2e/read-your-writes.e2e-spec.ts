import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/index.js';

/**
 * With the projections running in the same process (`npm start`), a client that lists right after
 * writing sees its write even without minPosition.
 */
describe('lists and boards read your writes when the projections run in process', () => {
  let t: TestApp;
  let admin: string;
  let handler: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await createTestApp({ runProjections: true });
    admin = await t.token('admin', ['admin']);
    handler = await t.token('h1', ['handler'], 'p');
    supervisor = await t.token('s1', ['supervisor'], 'p');
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  }, 60_000);

  it('a unit created is listed at once', async () => {
    for (const [id, parentId] of [
      ['p', undefined],
      ['c1', 'p'],
      ['c2', 'p'],
    ] as const) {
      const created = await t.request('POST', '/api/v1/units', {
        token: admin,
        body: {
          id,
          name: `Unit ${id}`,
          level: parentId ? 'commune' : 'province',
          ...(parentId ? { parentId } : {}),
        },
      });
      expect(created.status).toBe(201);
      const list = await t.request('GET', '/api/v1/units', { token: admin });
      expect(list.body.items.map((u: { id: string }) => u.id)).toContain(id);
    }
  });

  it('a case registered is listed at once, and its overdue deadline is on the board at once', async () => {
    const created = await t.request('POST', '/api/v1/cases', {
      token: handler,
      body: {
        receivedAt: '2026-10-01',
        channel: 'post',
        receivingUnitId: 'c1',
        petitioners: [{ fullName: 'Lê Văn Tám' }],
        subject: 'Khiếu nại',
        content: 'Nội dung',
        kindHint: 'complaint',
      },
    });
    expect(created.status).toBe(201);
    const list = await t.request('GET', '/api/v1/cases', { token: handler });
    expect(list.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const classified = await t.request('POST', `/api/v1/cases/${created.body.id}/classify`, {
      token: handler,
      body: { kind: 'complaint', level: 1, competentUnitId: 'c1', processable: true },
    });
    expect(classified.status).toBe(200);
    // Received Thu 2026-10-01: KN-ACC is 7 working days (Oct 2, 5, 6, 7, 8, 9, 12) → 2026-10-12.
    const board = await t.request('GET', '/api/v1/deadlines/overdue?unitId=p', { token: supervisor });
    expect(board.body.items).toEqual([
      expect.objectContaining({
        caseId: created.body.id,
        ruleId: 'KN-ACC',
        dueOn: '2026-10-12',
        daysOverdue: 41,
      }),
    ]);
  });
});
