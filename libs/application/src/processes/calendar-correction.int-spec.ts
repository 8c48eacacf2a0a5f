import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { caseStreamId, type CaseEvent } from '../../../domain/src/index.js';
import type { CalendarYear } from '../../../domain/src/index.js';
import { handleCommand } from '../commands/handle-command.js';
import { calendarDiff, recordCalendarCorrections } from './calendar-correction.js';
import { runXldMigration } from './xld-migration.js';

/**
 * The processes that correct deadlines, on a real database: a calendar correction (`donthu calendar
 * diff|correct`, DeadlineCorrected; docs/calendar.md) and the one-off XLD migration (DeadlineStarted;
 * docs/reference/deadlines.md §10). "Today" is Sunday 2026-11-22. Dates by hand.
 */

async function ok(app: TestApp, method: string, path: string, token: string, body?: unknown) {
  const r = await app.request(method, path, { token, body });
  if (r.status >= 300) throw new Error(`${method} ${path} → ${r.status} ${r.text}`);
  return r.body;
}

describe('calendar corrections and the XLD migration (integration)', () => {
  let app: TestApp;
  let admin: string;
  let handler: string;
  let supervisor: string;
  const actor = { id: 'admin-1', name: 'Quản trị', roles: ['admin'] };

  const register = async (receivedAt: string) =>
    String(
      (
        await ok(app, 'POST', '/api/v1/cases', handler, {
          receivedAt,
          channel: 'post',
          receivingUnitId: 'prov',
          petitioners: [{ fullName: 'Nguyễn Văn A' }],
          subject: 'Khiếu nại',
          content: 'Nội dung',
        })
      ).id,
    );

  /** A letter as registered before XLD existed (its CaseReceived carries no xldDeadline). */
  const legacy = async (caseId: string, receivedAt: string) => {
    await handleCommand(
      app.runtime,
      caseStreamId(caseId),
      () => [
        {
          type: 'CaseReceived',
          data: {
            caseId,
            trackingCode: `PROV-2026-${caseId.slice(-6)}`,
            receivedAt,
            channel: 'post',
            receivingUnitId: 'prov',
            petitioners: [],
            signerCount: 1,
            subject: 'Đơn cũ',
            content: 'Nội dung',
          } satisfies Partial<Extract<CaseEvent, { type: 'CaseReceived' }>['data']>,
        },
      ],
      { actor, correlationId: 'legacy' },
    );
  };

  beforeAll(async () => {
    app = await createTestApp({ now: '2026-11-22T03:00:00Z' });
    admin = await app.token('admin-1', ['admin']);
    handler = await app.token('handler-1', ['handler'], 'prov');
    supervisor = await app.token('sup-1', ['supervisor'], 'prov');
    app.setNow('2025-12-01T03:00:00Z');
    await ok(app, 'POST', '/api/v1/units', admin, { id: 'prov', name: 'Tỉnh A', level: 'province' });
    await ok(app, 'POST', '/api/v1/units/prov/heads', admin, {
      personId: 'head-a',
      fullName: 'Trần Văn A',
      from: '2025-12-01',
    });
    app.setNow('2026-11-22T03:00:00Z');
  }, 60_000);
  afterAll(() => app?.close());

  it('a calendar correction: diff lists the open deadlines that move, correct records DeadlineCorrected once', async () => {
    // KN-ACC (v2026-07-01, 7 working days) from Mon 2026-11-16 → Wed 11-25; with 24 November a day off → Thu 11-26
    const id = await register('2026-11-16');
    await ok(app, 'POST', `/api/v1/cases/${id}/classify`, handler, {
      kind: 'complaint',
      competentUnitId: 'prov',
      processable: true,
    });
    await app.catchUp();
    const current = app.runtime.calendar.year(2026);
    const corrected: CalendarYear = {
      ...current,
      daysOff: [...current.daysOff, { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam (test)' }].sort(
        (a, b) => a.date.localeCompare(b.date),
      ),
    };
    const diff = await calendarDiff(app.runtime, corrected);
    const knAcc = diff.find((r) => r.caseId === id && r.ruleId === 'KN-ACC');
    expect(knAcc).toMatchObject({ ruleVersion: '2026-07-01', dueOn: '2026-11-25', newDueOn: '2026-11-26' });
    // XLD (10 working days) from 11-16 → Mon 11-30, then Tue 12-01
    expect(diff.find((r) => r.caseId === id && r.ruleId === 'XLD')).toBeUndefined(); // completed by the classification
    expect(await calendarDiff(app.runtime, current)).toEqual([]);

    const before = (await app.runtime.store.readStream(caseStreamId(id))).length;
    const r = await recordCalendarCorrections(app.runtime, corrected, 'Ngày Văn hóa Việt Nam 24/11', actor);
    expect(r.corrected).toBeGreaterThanOrEqual(1);
    const again = await recordCalendarCorrections(
      app.runtime,
      corrected,
      'Ngày Văn hóa Việt Nam 24/11',
      actor,
    );
    expect(again.corrected).toBe(0);
    const history = await app.runtime.store.readStream(caseStreamId(id));
    expect(history).toHaveLength(before + 1);
    expect(history.at(-1)).toMatchObject({
      type: 'DeadlineCorrected',
      data: expect.objectContaining({
        ruleId: 'KN-ACC',
        ruleVersion: '2026-07-01',
        previousDueOn: '2026-11-25',
        dueOn: '2026-11-26',
        reason: 'Ngày Văn hóa Việt Nam 24/11',
        calendarYear: 2026,
      }),
    });
    const view = await ok(app, 'GET', `/api/v1/cases/${id}`, supervisor);
    expect(view.deadlines.find((d: { ruleId: string }) => d.ruleId === 'KN-ACC')).toMatchObject({
      dueOn: '2026-11-26',
      accountabilityDueOn: '2026-11-26',
    });
  }, 60_000);

  it('the XLD migration gives unclassified legacy letters their XLD once; a past grace stays out of accountability', async () => {
    const recent = '0190f1a2-0000-7000-8000-00000000a001';
    const old = '0190f1a2-0000-7000-8000-00000000a002';
    await legacy(recent, '2026-11-16'); // XLD → Mon 11-30, graceUntil Thu 12-03
    await legacy(old, '2026-09-01'); // XLD: Sep 1, 2 off → Sep 3, 4, 7–11, 14, 15, 16 → Wed 09-16
    await app.catchUp();
    const first = await runXldMigration(app.runtime);
    expect(first.xldStarted).toBe(2);
    expect((await runXldMigration(app.runtime)).xldStarted).toBe(0);
    await app.catchUp();
    const view = async (id: string) => (await ok(app, 'GET', `/api/v1/cases/${id}`, supervisor)).deadlines;
    expect(await view(recent)).toEqual([
      expect.objectContaining({
        ruleId: 'XLD',
        dueOn: '2026-11-30',
        graceUntil: '2026-12-03',
        accountability: 'open',
      }),
    ]);
    expect(await view(old)).toEqual([
      expect.objectContaining({ ruleId: 'XLD', dueOn: '2026-09-16', status: 'missed', accountability: null }),
    ]);
    const history = await app.runtime.store.readStream(caseStreamId(old));
    expect(history.at(-1)).toMatchObject({
      type: 'DeadlineStarted',
      data: expect.objectContaining({ reason: expect.stringContaining('XLD'), accountable: false }),
    });
    // on the overdue board (legally overdue), not a late entry; not in the head's accountability
    const board = await ok(app, 'GET', '/api/v1/deadlines/overdue?unitId=prov', supervisor);
    expect(board.items).toContainEqual(
      expect.objectContaining({ caseId: old, ruleId: 'XLD', dueOn: '2026-09-16', lateEntry: false }),
    );
    const acc = await ok(
      app,
      'GET',
      '/api/v1/accountability?unitId=prov&from=2026-09-01&to=2026-09-30',
      supervisor,
    );
    expect(acc.items.reduce((n: number, i: { due: number }) => n + i.due, 0)).toBe(0);
  }, 60_000);

  it('the overdue board says when the act that started a deadline was a late entry', async () => {
    // registered today, received 2026-10-01: the XLD it starts is late (recorded long after its business date)
    const id = await register('2026-10-01');
    await app.catchUp();
    const board = await ok(app, 'GET', '/api/v1/deadlines/overdue?unitId=prov', supervisor);
    expect(board.items).toContainEqual(
      expect.objectContaining({ caseId: id, ruleId: 'XLD', lateEntry: true }),
    );
  }, 60_000);
});
