import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { erasePerson, erasureStreamId } from '../erasure/erasure.js';
import { moveRecommendationForMerger } from '../inspections/inspection.merger.js';
import { UnitMergerProcess } from './unit-merger.process.js';
import { startWorker } from './worker.js';

/**
 * Nothing is swallowed in the background: a unit merger whose recommendation list cannot be read stops
 * before its checkpoint moves (and shows in the worker's health), and once the database answers again
 * the next run moves the recommendation — it is never skipped for good. An erasure whose record is
 * missing after the key was destroyed records it when run again.
 */

async function ok(app: TestApp, method: string, path: string, token: string, body?: unknown) {
  const r = await app.request(method, path, { token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body;
}

/** Waits for a condition by polling the real system (no fixed sleeps). */
async function until(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('failures in processes and erasure are retried, never skipped', () => {
  let app: TestApp;
  let admin: string;
  let inspectionId: string;

  beforeAll(async () => {
    app = await createTestApp({ now: '2025-12-01T03:00:00Z' });
    admin = await app.token('admin-1', ['admin']);
    const head = await app.token('ctt', ['head'], 'tt', 'Chánh Thanh tra');
    await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
    for (const [id, name] of [
      ['tt', 'Thanh tra tỉnh'],
      ['old-dept', 'Sở cũ'],
      ['new-dept', 'Sở mới'],
    ])
      await ok(app, 'POST', '/api/v1/units', admin, { id, name, level: 'department', parentId: 'prov' });
    app.setNow('2026-03-02T03:00:00Z');
    const decided = await ok(app, 'POST', '/api/v1/inspections', head, {
      title: 'Thanh tra quản lý đất đai',
      kind: 'inspection',
      leadUnitId: 'tt',
      inspectedUnitId: 'old-dept',
      decidedOn: '2026-01-05',
    });
    inspectionId = String(decided.id);
    await ok(app, 'POST', `/api/v1/inspections/${inspectionId}/conclusion`, head, {
      concludedOn: '2026-02-10',
      summary: 'Sai phạm trong giao đất.',
      recommendations: [{ text: 'Thu hồi đất giao sai', ownerUnitId: 'old-dept', dueOn: '2026-12-31' }],
    });
    await app.catchUp();
  }, 120_000);

  afterAll(() => app?.close(), 60_000);

  const ownerOfR1 = async () => {
    const events = await app.runtime.store.readStream(`inspection-${inspectionId}`);
    return events.filter((e) => e.type === 'RecommendationMoved').map((e) => e.data as { toUnitId: string });
  };

  it('a merger that cannot read the recommendations fails loudly, keeps its checkpoint, and moves them later', async () => {
    await app.runtime.pool.query('ALTER TABLE rm_recommendations RENAME TO rm_recommendations_away');
    const worker = startWorker(app.runtime, { runner: app.runner });
    try {
      await ok(app, 'POST', '/api/v1/units/old-dept/merge', admin, {
        intoUnitId: 'new-dept',
        effectiveOn: '2026-03-01',
      });
      await app.catchUp();
      await until('the merger reports its failure', () =>
        Boolean(worker.health.snapshot()['unit merger process']?.failing),
      );
      expect(worker.health.anyFailing).toBe(true);
      expect(worker.health.snapshot()['unit merger process']!.failing!.error).toMatch(/rm_recommendations/);
      expect(await ownerOfR1()).toEqual([]);
    } finally {
      await app.runtime.pool.query('ALTER TABLE rm_recommendations_away RENAME TO rm_recommendations');
      await worker.stop();
    }
    // The database answers again: the next run handles the same merger (its checkpoint did not move).
    const merger = new UnitMergerProcess(app.runtime, app.runner, moveRecommendationForMerger(app.runtime));
    expect(await merger.runOnce()).toBe(1);
    expect((await ownerOfR1()).map((m) => m.toUnitId)).toEqual(['new-dept']);
    expect(await merger.runOnce()).toBe(0);
  }, 120_000);

  it('an erasure whose record is missing after the key was destroyed records it when run again', async () => {
    const handler = await app.token('cb', ['handler'], 'prov');
    const c = await ok(app, 'POST', '/api/v1/cases', handler, {
      receivedAt: '2026-03-02',
      channel: 'post',
      receivingUnitId: 'prov',
      petitioners: [{ fullName: 'Nguyễn Văn Xóa' }],
      subject: 'Kiến nghị',
      content: 'Nội dung',
      kindHint: 'petition',
    });
    const received = (await app.runtime.store.readStream(`case-${String(c.id)}`))[0];
    const personRef = (received.data as { petitioners: { personRef: string }[] }).petitioners[0].personRef;
    // The key is destroyed but the record was never written (the process died in between).
    expect(await app.runtime.vault.erase(personRef)).toBe(true);
    expect(await app.runtime.store.readStream(erasureStreamId(personRef))).toEqual([]);
    const actor = { id: 'admin-1', name: 'admin-1', roles: ['admin'] };
    const again = await erasePerson(app.runtime, personRef, actor, 'Luật Bảo vệ dữ liệu cá nhân');
    expect(again).toEqual({ personRef, erased: true, alreadyErased: true });
    const recorded = await app.runtime.store.readStream(erasureStreamId(personRef));
    expect(recorded.map((e) => e.type)).toEqual(['PersonErased']);
    // Once recorded, another run appends nothing.
    await erasePerson(app.runtime, personRef, actor, 'Luật Bảo vệ dữ liệu cá nhân');
    expect(await app.runtime.store.readStream(erasureStreamId(personRef))).toHaveLength(1);
  }, 60_000);
});
