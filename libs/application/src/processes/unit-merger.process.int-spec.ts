import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, setNow, type TestApp } from '../../../../test/support/app.js';
import { UnitMergerProcess } from './unit-merger.process.js';

/**
 * The unit-merger process against a real database: pending cases of the ceasing unit move to the
 * successor (CaseTransferred, kind unit_merger; status and deadlines unchanged); closed, withdrawn
 * and terminated ones stay; a second run moves nothing twice.
 */

async function ok(app: TestApp, method: string, path: string, token: string, body?: unknown) {
  const r = await app.request(method, path, { token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body;
}

const PENDING = ['received', 'classified', 'accepted', 'suspended', 'resolved'] as const;
const FINISHED = ['closed', 'withdrawn', 'terminated'] as const;
type State = (typeof PENDING)[number] | (typeof FINISHED)[number];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- case views are arbitrary JSON here
type View = any;

describe('UnitMergerProcess (integration)', () => {
  let app: TestApp;
  let handler: string;
  const ids = {} as Record<State, string>;
  const before = {} as Record<State, View>;

  const transfersOf = async (id: string) =>
    (await app.runtime.store.readStream(`case-${id}`))
      .filter((e) => e.type === 'CaseTransferred')
      .map((e) => e.data as Record<string, unknown>);

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-03-02T03:00:00Z' });
    const admin = await app.token('admin-1', ['admin']);
    handler = await app.token('handler-1', ['handler'], 'prov');
    await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
    await ok(app, 'POST', '/api/v1/units', admin, {
      id: 'old-dept',
      name: 'Sở cũ',
      level: 'department',
      parentId: 'prov',
    });
    await ok(app, 'POST', '/api/v1/units', admin, {
      id: 'new-dept',
      name: 'Sở mới',
      level: 'department',
      parentId: 'prov',
    });
    const states: State[] = [...PENDING, ...FINISHED];
    for (const s of states) {
      const c = await ok(app, 'POST', '/api/v1/cases', handler, {
        receivedAt: '2026-03-02',
        channel: 'post',
        receivingUnitId: 'old-dept',
        petitioners: [{ fullName: `Nguyễn Văn ${s}` }],
        subject: `Đơn ${s}`,
        content: 'Nội dung',
      });
      const id = String(c.id);
      ids[s] = id;
      const post = (action: string, body: unknown) =>
        ok(app, 'POST', `/api/v1/cases/${id}/${action}`, handler, body);
      if (s === 'received') continue;
      // a complaint cannot be suspended before 2026-07-01 (docs/reference/deadlines.md §7): the suspended one is a denunciation
      await post('classify', {
        kind: s === 'suspended' ? 'denunciation' : 'complaint',
        competentUnitId: 'old-dept',
        processable: true,
      });
      if (s === 'classified') continue;
      await post('accept', { acceptedAt: '2026-03-02' });
      if (s === 'suspended') await post('suspend', { at: '2026-03-02', reason: 'chờ giám định' });
      if (s === 'resolved' || s === 'closed')
        await post('resolve', {
          decidedAt: '2026-03-02',
          outcome: 'rejected',
          summary: 'Không có cơ sở',
          verificationAgreesWithRequest: true,
        });
      if (s === 'closed') await post('close', { at: '2026-03-02' });
      if (s === 'withdrawn') await post('withdraw', { at: '2026-03-02' });
      if (s === 'terminated') await post('terminate', { at: '2026-03-02', reason: 'Người khiếu nại chết' });
    }
    setNow(app, '2026-03-10T03:00:00Z');
    for (const s of states) {
      before[s] = await ok(app, 'GET', `/api/v1/cases/${ids[s]}`, handler);
      expect(before[s].status).toBe(s);
    }
    await ok(app, 'POST', '/api/v1/units/old-dept/merge', admin, {
      intoUnitId: 'new-dept',
      effectiveOn: '2026-03-10',
    });
    await app.catchUp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('moves every pending case to the successor with its status and deadlines unchanged', async () => {
    const process = new UnitMergerProcess(app.runtime, app.runner);
    expect(await process.runOnce()).toBe(1);
    for (const s of PENDING) {
      const moves = await transfersOf(ids[s]);
      expect(moves).toEqual([
        expect.objectContaining({
          kind: 'unit_merger',
          fromUnitId: 'old-dept',
          toUnitId: 'new-dept',
          at: '2026-03-10',
          deadlineOutcomes: [],
        }),
      ]);
      const after = await ok(app, 'GET', `/api/v1/cases/${ids[s]}`, handler);
      expect(after.status).toBe(before[s].status);
      expect(after.deadlines).toEqual(before[s].deadlines);
      expect(after.version).toBe(before[s].version + 1);
      expect([after.receivingUnitId, after.competentUnitId]).toContain('new-dept');
      expect([after.receivingUnitId, after.competentUnitId]).not.toContain('old-dept');
    }
    for (const s of FINISHED) {
      expect(await transfersOf(ids[s])).toEqual([]);
      const after = await ok(app, 'GET', `/api/v1/cases/${ids[s]}`, handler);
      expect(after.version).toBe(before[s].version);
      expect(after.receivingUnitId).toBe('old-dept');
    }
  }, 60_000);

  it('the read models follow: open deadlines now belong to the successor', async () => {
    await app.catchUp();
    const rows: { case_id: string; unit_id: string; state: string }[] = await app.runtime.dataSource.query(
      `SELECT case_id, unit_id, state FROM rm_deadlines WHERE recorded_to IS NULL AND deadline_no > 0 AND state IN ('open', 'paused') AND case_id = ANY($1)`,
      [PENDING.map((s) => ids[s])],
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.unit_id).toBe('new-dept');
    const cases: { case_id: string; status: string }[] = await app.runtime.dataSource.query(
      'SELECT case_id, status FROM rm_cases WHERE case_id = ANY($1) ORDER BY case_id',
      [Object.values(ids)],
    );
    for (const c of cases) expect(c.status).toBe(Object.entries(ids).find(([, id]) => id === c.case_id)![0]);
  }, 60_000);

  it('running the process again (same instance, a new one, or from the start of the log) moves nothing twice', async () => {
    const again = new UnitMergerProcess(app.runtime, app.runner);
    expect(await again.runOnce()).toBe(0);
    // Forget the process checkpoint: it sees the merger again and must not move anything twice.
    await app.runtime.dataSource.query(
      `DELETE FROM projection_checkpoints WHERE name = 'process.unit-merger.v1'`,
    );
    await app.catchUp();
    expect(await new UnitMergerProcess(app.runtime, app.runner).runOnce()).toBe(1);
    // Two processes at once (two workers) from the start of the log.
    await app.runtime.dataSource.query(
      `DELETE FROM projection_checkpoints WHERE name = 'process.unit-merger.v1'`,
    );
    await Promise.all([
      new UnitMergerProcess(app.runtime, app.runner).runOnce(),
      new UnitMergerProcess(app.runtime, app.runner).runOnce(),
    ]);
    for (const s of PENDING) expect(await transfersOf(ids[s])).toHaveLength(1);
    for (const s of FINISHED) expect(await transfersOf(ids[s])).toEqual([]);
  }, 60_000);
});
