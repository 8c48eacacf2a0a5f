import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import type { FreshLoad } from '../runner/bulk-writes.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { unitsProjection } from '../units/units.projection.js';
import { deadlinesProjection } from './deadlines.projection.js';
import { overdueDeadlines, upcomingDeadlines, type UnitScope } from './deadlines.queries.js';

/**
 * `rm_deadline_open_counts` (migration 1760000019520) against the rows it counts. Generated histories
 * of deadline events (started, paused, resumed, extended, corrected, met, cancelled, moved by a unit
 * merger) are appended to the log and applied by the runner (bulk or per-row writer, generated batch
 * sizes), now and then through a rebuild; after each:
 * - the counts table equals the same counts recomputed from `rm_deadlines` (a GROUP BY);
 * - the overdue and upcoming boards' `total` (read from the counts) equals a plain count over
 *   `rm_deadlines` with the boards' conditions, for generated dates, scopes and windows.
 */

const UNITS = ['c-prov', 'c-a', 'c-b', 'c-other'];
const SCOPES: UnitScope[] = [
  { unitId: null, includeSubunits: true },
  { unitId: 'c-prov', includeSubunits: true },
  { unitId: 'c-prov', includeSubunits: false },
  { unitId: 'c-a', includeSubunits: true },
  { unitId: 'c-other', includeSubunits: false },
];
/** Every date of the histories falls in 2026-03-01 … 2026-03-28 (day 1 … 28). */
const day = (d: number): string => `2026-03-${String(d).padStart(2, '0')}`;

let app: TestApp;
let caseNo = 0;
/** The cases appended so far and how many deadlines each has. */
const cases: { caseId: string; deadlines: number }[] = [];

const meta = { actor: { id: 'seed', name: 'Seed', roles: [] }, correlationId: 'seed', causationId: null };

function deadline(no: number, start: number, due: number) {
  return {
    deadlineNo: no,
    ruleId: 'KN-RES1',
    ruleVersion: '2012-07-01',
    startOn: day(start),
    length: 10,
    unit: 'working_days',
    variant: 'normal',
    baseDueOn: day(due),
    dueOn: day(due),
    provisional: false,
    legalBasis: 'LKN Art. 27',
  };
}

/** One step of a history, on the case `at` (modulo the cases there are). */
type Step =
  | { op: 'receive'; unit: number; start: number; due: number }
  | { op: 'start'; at: number; unit: number; start: number; due: number }
  | { op: 'pause' | 'resume' | 'extend' | 'correct' | 'meet' | 'cancel'; at: number; no: number; on: number }
  | { op: 'merge'; from: number; to: number; on: number };

const dayArb = fc.integer({ min: 1, max: 28 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('receive' as const), unit: fc.nat(3), start: dayArb, due: dayArb }),
  fc.record({ op: fc.constant('start' as const), at: fc.nat(), unit: fc.nat(3), start: dayArb, due: dayArb }),
  fc.record({
    op: fc.constantFrom('pause' as const, 'resume' as const, 'extend' as const, 'correct' as const),
    at: fc.nat(),
    no: fc.integer({ min: 1, max: 3 }),
    on: dayArb,
  }),
  fc.record({
    op: fc.constantFrom('meet' as const, 'cancel' as const),
    at: fc.nat(),
    no: fc.integer({ min: 1, max: 3 }),
    on: dayArb,
  }),
  fc.record({ op: fc.constant('merge' as const), from: fc.nat(3), to: fc.nat(3), on: dayArb }),
);

async function append(caseId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await app.runtime.store.append(
    `case-${caseId}`,
    [{ eventId: randomUUID(), type, data: { caseId, ...data } }],
    {
      expectedVersion: 'any',
      metadata: meta,
    },
  );
}

async function apply(step: Step): Promise<void> {
  if (step.op === 'receive') {
    const caseId = randomUUID();
    const unit = UNITS[step.unit]!;
    await append(caseId, 'CaseReceived', {
      trackingCode: `CNT-2026-${String(caseNo++).padStart(6, '0')}`,
      receivedAt: day(step.start),
      channel: 'online',
      receivingUnitId: unit,
      petitioners: [{ personRef: 'ref', sealed: 'sealed', representative: false }],
      signerCount: 1,
      subject: 'Counted',
      content: 'Counted',
      xldDeadline: deadline(1, step.start, step.due),
    });
    cases.push({ caseId, deadlines: 1 });
    return;
  }
  if (cases.length === 0) return;
  if (step.op === 'merge') {
    // A unit merger moves every pending deadline of `from` due on or after `on` to `to` (the latest cases).
    for (const c of cases.slice(-30))
      await append(c.caseId, 'CaseTransferred', {
        at: day(step.on),
        kind: 'unit_merger',
        fromUnitId: UNITS[step.from],
        toUnitId: UNITS[step.to],
        receivingUnitId: UNITS[step.to],
        competentUnitId: null,
        deadlineOutcomes: [],
      });
    return;
  }
  const c = cases[step.at % cases.length]!;
  if (step.op === 'start') {
    c.deadlines++;
    await append(c.caseId, 'DeadlineStarted', {
      deadline: deadline(c.deadlines, step.start, step.due),
      unitId: UNITS[step.unit],
      accountable: true,
    });
    return;
  }
  const no = Math.min(step.no, c.deadlines);
  const entry = (outcome: string) => ({
    deadlineNo: no,
    ruleId: 'KN-RES1',
    startOn: day(1),
    dueOn: day(Math.min(28, step.on + 3)),
    outcome,
    on: day(step.on),
  });
  switch (step.op) {
    case 'pause':
      return append(c.caseId, 'CaseSuspended', { deadlineOutcomes: [entry('paused')] });
    case 'resume':
      return append(c.caseId, 'CaseResumed', { deadlineOutcomes: [entry('resumed')] });
    case 'extend':
      return append(c.caseId, 'DeadlineExtended', { deadline: deadline(no, 1, step.on) });
    case 'correct':
      return append(c.caseId, 'DeadlineCorrected', { deadlineNo: no, dueOn: day(step.on) });
    case 'meet':
      return append(c.caseId, 'CaseResolved', { deadlineOutcomes: [entry('met')] });
    case 'cancel':
      return append(c.caseId, 'CaseWithdrawn', { deadlineOutcomes: [entry('cancelled')] });
  }
}

function runner(writer: 'bulk' | 'per-row', batchSize: number, rebuildLoad?: FreshLoad): ProjectionRunner {
  return new ProjectionRunner({
    store: app.runtime.store,
    dataSource: app.runtime.dataSource,
    projections: [deadlinesProjection],
    batchSize,
    writer,
    ...(rebuildLoad ? { rebuildLoad } : {}),
  });
}

/** Catches up until the head of the log is applied (one catch-up may stop at the xid8 fence). */
async function settle(r: ProjectionRunner): Promise<void> {
  const head = await app.runtime.store.headPosition();
  do await r.catchUp(deadlinesProjection);
  while (!(await r.hasApplied(head, [deadlinesProjection.name])));
}

const KEY = 'unit_id, due_on, start_on, state, paused_on';
const ORDER = KEY.split(', ')
  .map((c) => `${c} NULLS FIRST`)
  .join(', ');

async function countsKept(): Promise<unknown[]> {
  return app.runtime.dataSource.query(
    `SELECT ${KEY}, n::int AS n FROM rm_deadline_open_counts ORDER BY ${ORDER}`,
  );
}

async function countsRecomputed(): Promise<unknown[]> {
  return app.runtime.dataSource.query(
    `SELECT ${KEY}, count(*)::int AS n FROM rm_deadlines
      WHERE recorded_to IS NULL AND deadline_no > 0 AND completed_on IS NULL AND cancelled_on IS NULL
      GROUP BY ${KEY} ORDER BY ${ORDER}`,
  );
}

/** The boards' sets counted row by row over the current rows (the count the totals used to run). */
async function plainCount(board: string, scope: UnitScope, params: string[]): Promise<number> {
  const all = [...params];
  let cte = '';
  let inScope = 'TRUE';
  if (scope.unitId && scope.includeSubunits) {
    all.push(scope.unitId);
    cte = `WITH RECURSIVE s(unit_id) AS (SELECT $${all.length}::text UNION
      SELECT u.unit_id FROM rm_units u JOIN s ON u.parent_id = s.unit_id WHERE u.recorded_to IS NULL)`;
    inScope = 'd.unit_id IN (SELECT unit_id FROM s)';
  } else if (scope.unitId) {
    all.push(scope.unitId);
    inScope = `d.unit_id = $${all.length}`;
  }
  const rows: { n: number }[] = await app.runtime.dataSource.query(
    `${cte} SELECT count(*)::int AS n FROM rm_deadlines d
      WHERE d.recorded_to IS NULL AND d.deadline_no > 0 AND ${inScope} AND ${board}
        AND NOT (d.completed_on IS NOT NULL AND d.completed_on <= $1::date)
        AND NOT (d.cancelled_on IS NOT NULL AND d.cancelled_on <= $1::date)
        AND NOT (d.state = 'paused' AND d.paused_on <= $1::date)`,
    all,
  );
  return rows[0]!.n;
}

/** The counts table as recomputed, and every board's total as counted row by row. */
async function expectExact(asOfs: number[], within: number): Promise<void> {
  expect(await countsKept()).toEqual(await countsRecomputed());
  for (const asOfDay of asOfs) {
    const asOf = day(asOfDay);
    for (const scope of SCOPES) {
      const overdue = await overdueDeadlines(app.runtime.dataSource, { scope, asOf, pageSize: 1 });
      expect({ scope, asOf, overdue: overdue.total }).toEqual({
        scope,
        asOf,
        overdue: await plainCount('d.due_on < $1::date', scope, [asOf]),
      });
      const upcoming = await upcomingDeadlines(app.runtime.dataSource, {
        scope,
        asOf,
        withinDays: within,
        pageSize: 1,
      });
      const until = new Date(Date.UTC(2026, 2, asOfDay + within)).toISOString().slice(0, 10);
      expect({ scope, asOf, within, upcoming: upcoming.total }).toEqual({
        scope,
        asOf,
        within,
        upcoming: await plainCount(
          'd.due_on >= $1::date AND d.due_on <= $2::date AND d.start_on <= $1::date',
          scope,
          [asOf, until],
        ),
      });
    }
  }
}

beforeAll(async () => {
  app = await createTestApp({ now: '2026-03-15T03:00:00Z' });
  const admin = await app.token('admin-1', ['admin']);
  const unit = async (body: Record<string, unknown>) => {
    const r = await app.request('POST', '/api/v1/units', { token: admin, body });
    if (r.status >= 300) throw new Error(`POST /units → ${r.status} ${r.text}`);
  };
  await unit({ id: 'c-prov', name: 'Tỉnh', level: 'province' });
  await unit({ id: 'c-a', name: 'Sở A', level: 'department', parentId: 'c-prov' });
  await unit({ id: 'c-b', name: 'Sở B', level: 'department', parentId: 'c-prov' });
  await unit({ id: 'c-other', name: 'Tỉnh khác', level: 'province' });
  await app.runner.catchUp(unitsProjection);
}, 120_000);

afterAll(async () => {
  await app?.close();
}, 60_000);

describe('rm_deadline_open_counts', () => {
  it('equals the counts of the rows, and the boards’ totals the plain counts, after every generated history, incremental or rebuilt', async () => {
    // First a history with every state the boards tell apart: paused, completed, cancelled, open.
    for (const unit of [1, 2, 0, 3]) await apply({ op: 'receive', unit, start: 2, due: 12 });
    await apply({ op: 'pause', at: 0, no: 1, on: 5 });
    await apply({ op: 'meet', at: 1, no: 1, on: 6 });
    await apply({ op: 'cancel', at: 2, no: 1, on: 7 });
    await settle(runner('bulk', 500));
    const states: { state: string }[] = await app.runtime.dataSource.query(
      'SELECT DISTINCT state FROM rm_deadlines WHERE recorded_to IS NULL AND deadline_no > 0 ORDER BY state',
    );
    expect(states.map((s) => s.state)).toEqual(['cancelled', 'completed', 'open', 'paused']);
    await expectExact([4, 6, 13], 7);
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 15 }),
        fc.constantFrom('bulk' as const, 'per-row' as const),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(2).map((n) => n === 0),
        fc.array(dayArb, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 0, max: 10 }),
        async (steps, writer, batchSize, rebuild, asOfs, within) => {
          for (const s of steps) await apply(s);
          const r = runner(writer, batchSize);
          await settle(r);
          await expectExact(asOfs, within);
          if (rebuild) {
            await r.rebuild(deadlinesProjection.name);
            await expectExact(asOfs, within);
          }
        },
      ),
      { numRuns: 12 },
    );
    expect((await countsKept()).length).toBeGreaterThan(0);
  }, 1_200_000);

  it('a rebuild leaves the counts of its new table, with the triggers that keep them, and a TRUNCATE empties them', async () => {
    await app.runner.rebuild(deadlinesProjection.name);
    expect(await countsKept()).toEqual(await countsRecomputed());
    await apply({ op: 'receive', unit: 1, start: 2, due: 9 });
    await settle(runner('bulk', 500));
    const kept = await countsKept();
    expect(kept).toEqual(await countsRecomputed());
    expect(kept).toContainEqual(expect.objectContaining({ unit_id: 'c-a', n: expect.any(Number) }));
    await app.runtime.dataSource.query('TRUNCATE rm_deadlines');
    expect(await countsKept()).toEqual([]);
  }, 300_000);

  it('a catch-up into the empty live table (its new rows by COPY on a server) keeps the counts', async () => {
    await app.runtime.dataSource.query('TRUNCATE rm_deadlines');
    await app.runtime.dataSource.query('DELETE FROM projection_checkpoints WHERE name = $1', [
      deadlinesProjection.name,
    ]);
    await settle(runner('bulk', 7, process.env.DATABASE_URL ? 'copy' : 'insert'));
    const kept = await countsKept();
    expect(kept.length).toBeGreaterThan(0);
    expect(kept).toEqual(await countsRecomputed());
  }, 300_000);
});
