import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  register,
  registration,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';
import { PoisonEvent, ProjectionRunner, unitsProjection } from '../../libs/read-models/src/index.js';
import type { ProjectionDefinition } from '../../libs/read-models/src/index.js';

/**
 * Issue 12, item 1: a date the database cannot hold used to be accepted (`receivedAt: "0000-01-01"`,
 * a session's `date: "0000-01-01"`), and the event then failed every projection batch for ever: five
 * of six read models froze while /health said "ok". Both ends are tested here: such dates are refused
 * (400 naming the field, nothing written), and a poison event that reaches the log anyway parks only
 * the projections that cannot apply it (docs/projections.md).
 */

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  tick(app, 1000);
  await appointHead(app, t.admin, UNITS.province, 'head-1', 'Chủ tịch', '2026-01-01');
  tick(app, 2000);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

const errorPaths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path);

describe('business dates the database cannot hold are refused (400 naming the field, nothing written)', () => {
  it.each(['0000-01-01', '1989-12-31', '2026-02-30', '+02026-06-01', '20260-06-01', '2026-6-1'])(
    'POST /cases with receivedAt %s',
    async (receivedAt) => {
      const before = await eventCount(app);
      const res = await app.request('POST', '/api/v1/cases', {
        token: t.reception,
        body: registration({ receivedAt }),
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorPaths(res.body)).toContain('receivedAt');
      expect(await eventCount(app)).toBe(before);
    },
  );

  it.each(['0000-01-01', '1989-12-31', '2999-01-01', '2031-11-23'])(
    'POST /reception-sessions with date %s',
    async (date) => {
      const before = await eventCount(app);
      const res = await app.request('POST', '/api/v1/reception-sessions', {
        token: t.reception,
        body: { unitId: UNITS.province, hostPersonId: 'head-1', date, kind: 'periodic', mode: 'in_person' },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(errorPaths(res.body)).toContain('date');
      expect(await eventCount(app)).toBe(before);
    },
  );

  it('the same bodies with real dates are accepted (the refusals above are about the dates)', async () => {
    await register(app, t.reception, { receivedAt: '2026-11-20' });
    const res = await app.request('POST', '/api/v1/reception-sessions', {
      token: t.reception,
      body: {
        unitId: UNITS.province,
        hostPersonId: 'head-1',
        date: '2031-11-22',
        kind: 'periodic',
        mode: 'in_person',
      },
    });
    expectStatus(res, 201);
  });
});

describe('a poison event in the log parks only the projections that cannot apply it', () => {
  const streamId = `case-${randomUUID()}`;
  let poisonPosition = '';
  let laterCase = { id: '', position: 0 };

  beforeAll(async () => {
    await app.catchUp();
    // Written straight into the store, as an older version of the API let it through.
    const caseId = streamId.slice('case-'.length);
    const r = await app.runtime.store.append(
      streamId,
      [
        {
          eventId: randomUUID(),
          type: 'CaseReceived',
          data: {
            caseId,
            trackingCode: 'POISON-0000-000001',
            receivedAt: '0000-01-01',
            channel: 'online',
            receivingUnitId: UNITS.province,
            petitioners: [{ personRef: 'ref-poison', sealed: 'sealed', representative: false }],
            signerCount: 1,
            subject: 'SUBJECT-TEXT-THAT-MUST-NOT-LEAK',
            content: 'Poison',
          },
        },
      ],
      {
        expectedVersion: 'no_stream',
        metadata: {
          actor: { id: 'test', name: 'test', roles: [] },
          correlationId: randomUUID(),
          causationId: null,
        },
      },
    );
    poisonPosition = r.lastPosition;
    // Events after the poison: a case through the API and a new unit.
    tick(app, 3000);
    laterCase = await register(app, t.reception, { receivedAt: '2026-11-21' });
    const unit = await app.request('POST', '/api/v1/units', {
      token: t.admin,
      body: { id: 'hanoi-c3', name: 'UBND xã Ba', level: 'commune', parentId: UNITS.province },
    });
    expectStatus(unit, 201);
    await app.catchUp();
  }, LONG);

  it('/health answers 200 degraded and names the parked projection, its position, stream and a stable code', async () => {
    const res = await app.request('GET', '/health');
    expectStatus(res, 200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.projections['case-summaries.v1'].failing).toEqual({
      position: poisonPosition,
      streamId,
      error: 'INVALID_DATE',
    });
    expect(res.text).not.toContain('SUBJECT-TEXT-THAT-MUST-NOT-LEAK');
    expect(res.text).not.toContain('0000-01-01');
    // Every projection that can apply the log is fully caught up, past the poison event.
    const healthy = Object.entries(res.body.projections as Record<string, { lag: number; failing?: unknown }>)
      .filter(([, v]) => !v.failing)
      .map(([name, v]) => [name, v.lag]);
    expect(healthy).toEqual(
      expect.arrayContaining([
        ['units.v1', 0],
        ['reception-sessions.v1', 0],
        ['dialogues.v1', 0],
        ['inspections.v1', 0],
      ]),
    );
    for (const v of Object.values(res.body.projections as Record<string, { failing?: { error: string } }>))
      if (v.failing) expect(v.failing.error).toBe('INVALID_DATE');
  });

  it('the other read models advance past it (a unit created afterwards is listed)', async () => {
    const res = await app.request('GET', '/api/v1/units', { token: t.admin });
    expectStatus(res, 200);
    expect(res.headers.get('donthu-stale')).toBeNull();
    const ids = (res.body.items ?? res.body).map((u: { id: string }) => u.id);
    expect(ids).toContain('hanoi-c3');
  });

  it('a list reading the parked projection says so (Donthu-Stale), also with minPosition', async () => {
    const plain = await app.request('GET', '/api/v1/cases', { token: t.handler });
    expectStatus(plain, 200);
    expect(plain.headers.get('donthu-stale')).toContain('case-summaries.v1');
    const waiting = await app.request('GET', `/api/v1/cases?minPosition=${laterCase.position}`, {
      token: t.handler,
    });
    expectStatus(waiting, 200);
    expect(waiting.headers.get('donthu-stale')).toContain('case-summaries.v1');
    // A board checks the parked projections beside its read (nothing to wait for, the projections
    // run elsewhere): the header still comes with the answer (deadlines.v1 parked as the runner parks).
    await app.runtime.dataSource.query(
      `INSERT INTO projection_parked (name, position, transaction_id, stream_id, event_id, event_type, error)
       SELECT 'deadlines.v1', position, transaction_id, stream_id, event_id, event_type, error
       FROM projection_parked WHERE name = 'case-summaries.v1'`,
    );
    try {
      for (const board of ['overdue', 'upcoming']) {
        const res = await app.request('GET', `/api/v1/deadlines/${board}`, { token: t.supervisor });
        expectStatus(res, 200);
        expect(res.headers.get('donthu-stale')).toBe('deadlines.v1');
      }
    } finally {
      await app.runtime.dataSource.query(`DELETE FROM projection_parked WHERE name = 'deadlines.v1'`);
    }
    const fresh = await app.request('GET', '/api/v1/deadlines/overdue', { token: t.supervisor });
    expect(fresh.headers.get('donthu-stale')).toBeNull();
  });

  it('/metrics counts the parked projections', async () => {
    const res = await app.request('GET', '/metrics');
    expect(res.text).toMatch(/^donthu_projection_parked\{projection="case-summaries\.v1"\} 1$/m);
    expect(res.text).toMatch(/^donthu_projection_parked\{projection="units\.v1"\} 0$/m);
    const parked = Number(/^donthu_projections_parked (\d+)$/m.exec(res.text)?.[1]);
    expect(parked).toBeGreaterThanOrEqual(1);
  });

  it('a rebuild names the event and leaves neither its table nor its checkpoint behind', async () => {
    const err = await app.runner.rebuild('case-summaries.v1').then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PoisonEvent);
    expect((err as PoisonEvent).message).toContain(`position ${poisonPosition}`);
    expect((err as PoisonEvent).message).toContain(streamId);
    expect((err as PoisonEvent).code).toBe('INVALID_DATE');
    const table = await app.runtime.pool.query<{ t: string | null }>(
      "SELECT to_regclass('rm_cases__rebuild')::text AS t",
    );
    expect(table.rows[0].t).toBeNull();
    const cp = await app.runtime.pool.query(
      "SELECT 1 FROM projection_checkpoints WHERE name = 'case-summaries.v1__rebuild'",
    );
    expect(cp.rowCount).toBe(0);
    // The live table still answers.
    expectStatus(await app.request('GET', '/api/v1/cases', { token: t.handler }), 200);
  });

  it('retry without a fix parks it again on the same event', async () => {
    const r = await app.runner.retry('case-summaries.v1');
    expect(r.wasParked).toBe(true);
    expect(r.parked).toMatchObject({ position: poisonPosition, streamId, error: 'INVALID_DATE' });
  });
});

describe('retry resumes a parked projection after a fix', () => {
  it('evolve failing on one event parks it (EVOLVE_FAILED) just before that event; after the fix retry catches up', async () => {
    await app.runtime.dataSource.query('CREATE TABLE rm_units_flaky (LIKE rm_units INCLUDING ALL)');
    let broken = true;
    const failOn = UNITS.commune1;
    const flaky: ProjectionDefinition = {
      ...unitsProjection,
      name: 'units-flaky.v1',
      table: 'rm_units_flaky',
      evolve: (rows, event, group) => {
        if (broken && event.streamId === `unit-${failOn}`) throw new Error('not yet');
        return unitsProjection.evolve(rows, event, group);
      },
    };
    const runner = new ProjectionRunner({
      store: app.runtime.store,
      dataSource: app.runtime.dataSource,
      projections: [flaky],
    });
    await runner.catchUpAll();
    const [parked] = await runner.parked(['units-flaky.v1']);
    expect(parked).toMatchObject({ streamId: `unit-${failOn}`, error: 'EVOLVE_FAILED' });
    // Everything before the poison event was applied, one event at a time; nothing after it.
    const cp = await runner.checkpoint('units-flaky.v1');
    expect(BigInt(cp.position)).toBeLessThan(BigInt(parked.position));
    const applied = await app.runtime.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM events WHERE global_position <= $1 AND stream_id LIKE $2',
      [cp.position, 'unit-%'],
    );
    expect(applied.rows[0].n).toBeGreaterThan(0);
    broken = false;
    const r = await runner.retry('units-flaky.v1');
    expect(r).toEqual({ wasParked: true, parked: null });
    expect((await runner.lag())['units-flaky.v1'].lag).toBe(0);
    const [a, b] = await Promise.all(
      ['rm_units', 'rm_units_flaky'].map(
        async (table) =>
          (
            await app.runtime.pool.query(
              `SELECT unit_id, name, position_from FROM ${table} ORDER BY unit_id, position_from`,
            )
          ).rows,
      ),
    );
    expect(b).toEqual(a);
  });
});
