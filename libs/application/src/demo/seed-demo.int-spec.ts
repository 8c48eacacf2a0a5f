import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import { addDays, vietnamDateOf } from '../../../domain/src/index.js';
import { seedDemo, shouldSeedDemo } from './seed-demo.js';

/**
 * The demo data goes through the use cases (no HTTP server needed): an organisation with heads and
 * cases in many states, readable afterwards over the API like any other data.
 */
describe('demo seeding through the use cases', () => {
  let t: TestApp;
  let admin: string;
  let seeded: Awaited<ReturnType<typeof seedDemo>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.token('admin', ['admin']);
    expect(await shouldSeedDemo(t.runtime, true)).toBe(true);
    seeded = await seedDemo(t.app);
    await t.catchUp();
  }, 180_000);
  afterAll(() => t?.close());

  it('creates every unit with its head and every case', async () => {
    expect(seeded.units).toBe(6);
    expect(seeded.cases).toBeGreaterThan(30);
    const units = await t.request('GET', '/api/v1/units', { token: admin });
    expect(units.status).toBe(200);
    const list = (Array.isArray(units.body) ? units.body : units.body.items) as { id: string }[];
    expect(list.map((u) => u.id).sort()).toEqual(
      ['nb', 'nb-giavien', 'nb-hoalu', 'nb-sxd', 'nb-stnmt', 'nb-tt'].sort(),
    );
    const cases = await t.request('GET', '/api/v1/cases?pageSize=1', { token: admin });
    expect(cases.status).toBe(200);
    expect(cases.body.total).toBe(seeded.cases);
  });

  it('leaves cases in the states the scenarios take them to', async () => {
    const closed = await t.request('GET', '/api/v1/cases?status=closed&pageSize=1', { token: admin });
    expect(closed.body.total).toBe(3);
    const transferred = await t.request('GET', '/api/v1/cases?unitId=nb-stnmt&pageSize=1', { token: admin });
    expect(transferred.status).toBe(200);
    expect(transferred.body.total).toBeGreaterThan(14);
  });

  it('gives the heads reception sessions held and scheduled, and an inspection to follow up', async () => {
    expect(seeded.sessions).toBeGreaterThan(10);
    const duty = await t.request(
      'GET',
      '/api/v1/reception-duty?unitId=nb-giavien&from=2026-01-01&to=2026-12-31',
      {
        token: admin,
      },
    );
    expect(duty.status).toBe(200);
    const held = (duty.body.items as { held: number }[]).reduce((sum, row) => sum + row.held, 0);
    expect(held).toBeGreaterThan(0);
    const followUp = await t.request('GET', '/api/v1/inspections/follow-up?unitId=nb', { token: admin });
    expect(followUp.status).toBe(200);
    expect(followUp.body.items.length).toBe(2);
  });

  it('brings the history in through the import: accountability counts it by business dates, one late entry on purpose', async () => {
    const entries = await t.request('GET', '/api/v1/late-entries?unitId=nb', {
      token: await t.token('gs-nb', ['supervisor'], 'nb'),
    });
    expect(entries.status).toBe(200);
    const items = entries.body.items as { type: string; actor: { id: string } }[];
    const caseActs = items.filter((i) => i.type.startsWith('Case'));
    expect(caseActs).toEqual([
      expect.objectContaining({ type: 'CaseAccepted', actor: expect.objectContaining({ id: 'cb-xuly' }) }),
    ]);
    const today = vietnamDateOf(t.runtime.clock());
    const acc = await t.request(
      'GET',
      `/api/v1/accountability?unitId=nb&includeSubunits=true&from=${addDays(today, -120)}&to=${today}`,
      { token: admin },
    );
    expect(acc.status).toBe(200);
    const rows = acc.body.items as { imported: number; lateEntries: number; met: number; missed: number }[];
    const sum = (k: 'imported' | 'lateEntries' | 'met' | 'missed') => rows.reduce((n, r) => n + r[k], 0);
    expect(sum('imported')).toBeGreaterThan(10);
    expect(sum('lateEntries')).toBe(1);
    expect(sum('met')).toBeGreaterThan(0);
    expect(sum('missed')).toBeGreaterThan(0);
  });

  it('is only offered for an empty store', async () => {
    expect(await shouldSeedDemo(t.runtime, true)).toBe(false);
  });
});
