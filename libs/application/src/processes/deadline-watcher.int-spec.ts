import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, setNow, type TestApp } from '../../../../test/support/app.js';
import { START_OF_LOG, type StoredEvent } from '../../../event-store/src/index.js';
import { runDeadlineWatch } from './deadline-watcher.js';

/**
 * The deadline watcher against a real database: one DeadlineMissed per open deadline past due,
 * naming the head in office on dueOn; never twice (re-runs, concurrent runs); never for paused or
 * completed deadlines; a later completion keeps the miss.
 */

async function ok(app: TestApp, method: string, path: string, token: string, body?: unknown) {
  const r = await app.request(method, path, { token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body;
}

async function misses(app: TestApp): Promise<StoredEvent[]> {
  return (await app.runtime.store.readAll({ after: START_OF_LOG, limit: 100_000 })).filter(
    (e) => e.type === 'DeadlineMissed',
  );
}

describe('runDeadlineWatch (integration)', () => {
  let app: TestApp;
  let handler: string;
  let admin: string;
  const ids: Record<string, string> = {};

  const register = async (name: string, receivedAt: string): Promise<string> => {
    const c = await ok(app, 'POST', '/api/v1/cases', handler, {
      receivedAt,
      channel: 'post',
      receivingUnitId: 'prov',
      petitioners: [{ fullName: `Nguyễn Văn ${name}` }],
      subject: `Đơn ${name}`,
      content: 'Nội dung',
    });
    ids[name] = String(c.id);
    return ids[name];
  };
  const classify = (id: string, kind = 'complaint') =>
    ok(app, 'POST', `/api/v1/cases/${id}/classify`, handler, {
      kind,
      competentUnitId: 'prov',
      processable: true,
    });
  const accept = (id: string, acceptedAt: string) =>
    ok(app, 'POST', `/api/v1/cases/${id}/accept`, handler, { acceptedAt });

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-03-02T03:00:00Z' });
    admin = await app.token('admin-1', ['admin']);
    handler = await app.token('handler-1', ['handler'], 'prov');
    await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
    await ok(app, 'POST', '/api/v1/units/prov/heads', admin, {
      personId: 'head-a',
      fullName: 'Trần Văn A',
      from: '2026-01-01',
    });
    // All classified on 2026-03-02: KN-ACC due 2026-03-16; accepted the same day: KN-RES1 due 2026-04-01.
    await classify(await register('intakeOnly', '2026-03-02')); // KN-ACC open → missed (head A on 03-16)
    await accept((await classify(await register('accepted', '2026-03-02'))).id, '2026-03-02'); // KN-RES1 open → missed (head B on 04-01)
    // a denunciation: a complaint cannot be suspended before 2026-07-01 (docs/reference/deadlines.md §7)
    await accept(
      (await classify(await register('suspended', '2026-03-02'), 'denunciation')).id,
      '2026-03-02',
    );
    await ok(app, 'POST', `/api/v1/cases/${ids.suspended}/suspend`, handler, {
      at: '2026-03-02',
      reason: 'chờ giám định',
    });
    await accept((await classify(await register('resolved', '2026-03-02'))).id, '2026-03-02');
    await ok(app, 'POST', `/api/v1/cases/${ids.resolved}/resolve`, handler, {
      decidedAt: '2026-03-02',
      outcome: 'rejected',
      summary: 'Không có cơ sở',
      verificationAgreesWithRequest: true,
    });
    await register('receivedOnly', '2026-03-02'); // XLD only: 10 WD → 2026-03-16
    await accept((await classify(await register('lateResolved', '2026-03-02'))).id, '2026-03-02');
    // A new head from 2026-03-20: in the middle of the resolution deadlines (2026-03-02 → 2026-04-01).
    setNow(app, '2026-03-25T03:00:00Z');
    await ok(app, 'POST', '/api/v1/units/prov/heads', admin, {
      personId: 'head-b',
      fullName: 'Lê Thị B',
      from: '2026-03-20',
    });
    setNow(app, '2026-04-20T03:00:00Z');
    await app.catchUp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('records exactly one DeadlineMissed per open past-due deadline, naming the head in office on dueOn', async () => {
    const r = await runDeadlineWatch(app.runtime, { today: '2026-04-20' });
    expect(r.missesRecorded).toBe(4);
    const found = (await misses(app)).map(
      (e) =>
        e.data as {
          caseId: string;
          ruleId: string;
          dueOn: string;
          headOfUnit: unknown;
          detectedOn: string;
          unitId: string;
        },
    );
    const byCase = (name: string) => found.filter((m) => m.caseId === ids[name]);
    expect(found).toHaveLength(4);
    // a letter nobody classified: its XLD is missed like any tracked deadline
    expect(byCase('receivedOnly')).toEqual([
      expect.objectContaining({
        ruleId: 'XLD',
        dueOn: '2026-03-16',
        headOfUnit: { personId: 'head-a', fullName: 'Trần Văn A' },
      }),
    ]);
    expect(byCase('intakeOnly')).toEqual([
      expect.objectContaining({
        ruleId: 'KN-ACC',
        dueOn: '2026-03-16',
        unitId: 'prov',
        headOfUnit: { personId: 'head-a', fullName: 'Trần Văn A' },
        detectedOn: '2026-04-20',
      }),
    ]);
    expect(byCase('accepted')).toEqual([
      expect.objectContaining({
        ruleId: 'KN-RES1',
        dueOn: '2026-04-01',
        headOfUnit: { personId: 'head-b', fullName: 'Lê Thị B' },
      }),
    ]);
    expect(byCase('lateResolved')).toEqual([
      expect.objectContaining({
        ruleId: 'KN-RES1',
        headOfUnit: { personId: 'head-b', fullName: 'Lê Thị B' },
      }),
    ]);
    // Paused, completed and not-yet-tracked deadlines never get one.
    expect(byCase('suspended')).toEqual([]);
    expect(byCase('resolved')).toEqual([]);
  }, 60_000);

  it('a second run records nothing (with the read model stale, and after catching up)', async () => {
    expect((await runDeadlineWatch(app.runtime, { today: '2026-04-20' })).missesRecorded).toBe(0);
    await app.catchUp();
    expect((await runDeadlineWatch(app.runtime, { today: '2026-04-21' })).missesRecorded).toBe(0);
    expect(await misses(app)).toHaveLength(4);
    const rows: { case_id: string; deadline_no: number }[] = await app.runtime.dataSource.query(
      'SELECT case_id, deadline_no FROM rm_deadlines WHERE recorded_to IS NULL AND miss_recorded ORDER BY case_id, deadline_no',
    );
    expect(rows.map((r) => r.case_id).sort()).toEqual(
      [ids.intakeOnly, ids.accepted, ids.lateResolved, ids.receivedOnly].sort(),
    );
  }, 60_000);

  it('two watchers running at once ("killed mid-run" and restarted) never double a miss', async () => {
    // New misses to race for: three more cases whose intake deadlines pass.
    setNow(app, '2026-05-04T03:00:00Z');
    for (const n of ['race1', 'race2', 'race3']) await classify(await register(n, '2026-05-04'));
    setNow(app, '2026-06-01T03:00:00Z');
    await app.catchUp();
    const results = await Promise.all([
      runDeadlineWatch(app.runtime, { today: '2026-06-01' }),
      runDeadlineWatch(app.runtime, { today: '2026-06-01' }),
      runDeadlineWatch(app.runtime, { today: '2026-06-01' }),
    ]);
    const all = await misses(app);
    const keys = all.map((e) => `${String(e.data.caseId)}:${String(e.data.deadlineNo)}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all).toHaveLength(7);
    for (const n of ['race1', 'race2', 'race3'])
      expect(all.filter((e) => e.data.caseId === ids[n])).toHaveLength(1);
    // Each watcher counts what it appended; an idempotent repeat of the same append (same ids, same
    // expected version) is accepted by the store and counted again, so the sum is at least 3.
    expect(results.reduce((s, r) => s + r.missesRecorded, 0)).toBeGreaterThanOrEqual(3);
  }, 60_000);

  it('a later completion keeps the miss: on the case view and on the board as of before the completion', async () => {
    const sup = await app.token('sup-1', ['supervisor'], 'prov');
    await ok(app, 'POST', `/api/v1/cases/${ids.lateResolved}/resolve`, handler, {
      decidedAt: '2026-05-10',
      outcome: 'upheld',
      summary: 'Có cơ sở',
      verificationAgreesWithRequest: true,
    });
    const view = await ok(app, 'GET', `/api/v1/cases/${ids.lateResolved}`, handler);
    expect(view.status).toBe('resolved');
    expect(view.deadlines.find((d: { ruleId: string }) => d.ruleId === 'KN-RES1')).toMatchObject({
      dueOn: '2026-04-01',
      status: 'missed',
    });
    await app.catchUp();
    const row: { state: string; outcome: string; completed_on: string; miss_recorded: boolean }[] =
      await app.runtime.dataSource.query(
        // deadline 3: KN-RES1 (1 is XLD, 2 is KN-ACC)
        'SELECT state, outcome, completed_on, miss_recorded FROM rm_deadlines WHERE recorded_to IS NULL AND case_id = $1 AND deadline_no = 3',
        [ids.lateResolved],
      );
    expect(row).toEqual([
      { state: 'completed', outcome: 'missed', completed_on: '2026-05-10', miss_recorded: true },
    ]);
    // On the day before the completion the board still shows it overdue, under the head in office on dueOn.
    const board = await ok(app, 'GET', '/api/v1/deadlines/overdue?asOf=2026-05-09', sup);
    expect(board.items.filter((i: { caseId: string }) => i.caseId === ids.lateResolved)).toEqual([
      expect.objectContaining({
        ruleId: 'KN-RES1',
        dueOn: '2026-04-01',
        daysOverdue: 38,
        headOfUnit: { personId: 'head-b', fullName: 'Lê Thị B' },
      }),
    ]);
    // Today it is completed (late), so no longer on the overdue board; the miss event stays.
    const today = await ok(app, 'GET', '/api/v1/deadlines/overdue', sup);
    expect(today.items.map((i: { caseId: string }) => i.caseId)).not.toContain(ids.lateResolved);
    expect((await misses(app)).filter((e) => e.data.caseId === ids.lateResolved)).toHaveLength(1);
    // The watcher does not record it again.
    expect((await runDeadlineWatch(app.runtime, { today: '2026-06-02' })).missesRecorded).toBe(0);
  }, 60_000);

  it('the board never lists paused or completed deadlines', async () => {
    const sup = await app.token('sup-1', ['supervisor'], 'prov');
    const board = await ok(app, 'GET', '/api/v1/deadlines/overdue', sup);
    const listed = board.items.map((i: { caseId: string }) => i.caseId);
    expect(listed).not.toContain(ids.suspended);
    expect(listed).not.toContain(ids.resolved);
    expect(listed).toEqual(expect.arrayContaining([ids.intakeOnly, ids.accepted, ids.race1]));
  }, 60_000);
});
