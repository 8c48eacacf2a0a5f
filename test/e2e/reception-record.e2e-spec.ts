/**
 * Reception sessions as a record (docs/reference/api-contract.md "Citizen reception sessions", docs/reference/deadlines.md §9): who entered
 * a hold and whether it counts as the head's own (the head or a delegate), late holds (`lateEntry`,
 * `/reception-duty`'s `heldLate`, `/late-entries`), corrections by an audited event, the schedule
 * (`GET /reception-sessions`) and a session's history. Today is Sunday 2026-11-22.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  appointHead,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;
/** head-0 headed the province to 2026-10-31, head-1 from 2026-11-01. */
let head0: string;
/** A head of the province who is not the head in office (a vice-chair with the head role). */
let viceHead: string;
let receptionist2: string;
let lastPosition = 0;

const P = '/api/v1/reception-sessions';

async function schedule(date: string, hostPersonId = 'head-1', unitId: string = UNITS.province) {
  const res = await app.request('POST', P, {
    token: t.reception,
    body: { unitId, hostPersonId, date, kind: 'periodic', mode: 'in_person' },
  });
  expectStatus(res, 201);
  lastPosition = Math.max(lastPosition, res.body.position as number);
  return res.body.id as string;
}

async function hold(id: string, token: string, body: Record<string, unknown>) {
  const res = await app.request('POST', `${P}/${id}/hold`, { token, body: { citizensReceived: 2, ...body } });
  expectStatus(res, 200);
  lastPosition = Math.max(lastPosition, res.body.position as number);
  return res.body as Record<string, unknown>;
}

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld({ runProjections: true }));
  tick(app, 1000);
  for (const [personId, fullName, from] of [
    ['head-0', 'Phạm Văn Cũ', '2026-01-01'],
    ['head-1', 'Chủ tịch', '2026-11-01'],
  ])
    await appointHead(app, t.admin, UNITS.province, personId, fullName, from);
  head0 = await app.token('head-0', ['head'], UNITS.province, 'Phạm Văn Cũ');
  viceHead = await app.token('vice-1', ['head'], UNITS.province, 'Phó Chủ tịch');
  receptionist2 = await app.token('rec-2', ['reception'], UNITS.province, 'Lễ tân hai');
  tick(app, 2000);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('who entered a hold (recordedBy, countsAsHeads)', () => {
  it('a hold the head enters is the head’s own and shows who entered it', async () => {
    const id = await schedule('2026-11-18');
    const res = await hold(id, t.head, { heldOn: '2026-11-18', hostPersonId: 'head-1' });
    expect(res).toMatchObject({
      id,
      status: 'held',
      heldOn: '2026-11-18',
      hostPersonId: 'head-1',
      citizensReceived: 2,
      recordedBy: { id: 'head-1', name: 'Chủ tịch' },
      countsAsHeads: true,
      lateEntry: false,
      version: 2,
    });
    const got = await app.request('GET', `${P}/${id}`, { token: t.supervisor });
    expect(got.body).toMatchObject({ recordedBy: { id: 'head-1' }, countsAsHeads: true, lateEntry: false });
  });

  it('another head in scope may record it, but it is not the head’s own', async () => {
    const id = await schedule('2026-11-19');
    const res = await hold(id, viceHead, { heldOn: '2026-11-19', hostPersonId: 'head-1' });
    expect(res).toMatchObject({
      hostPersonId: 'head-1',
      recordedBy: { id: 'vice-1', name: 'Phó Chủ tịch' },
      countsAsHeads: false,
      held: { heldByHead: true },
    });
  });

  it('a delegate the head named records holds as the head’s own; delegations are not back-dated', async () => {
    const path = `/api/v1/units/${UNITS.province}/heads/head-1/delegates`;
    expectProblem(
      await app.request('POST', path, { token: t.head, body: { delegateId: 'rec-1', from: '2026-11-21' } }),
      400,
      'VALIDATION_FAILED',
    );
    // Only that head (or an admin) names the head's delegates.
    expectProblem(
      await app.request('POST', path, { token: viceHead, body: { delegateId: 'rec-1', from: '2026-11-22' } }),
      403,
      'FORBIDDEN',
    );
    const named = await app.request('POST', path, {
      token: t.head,
      body: { delegateId: 'rec-1', from: '2026-11-22' },
    });
    expectStatus(named, 201);
    expect(named.body.delegates).toEqual([
      { headPersonId: 'head-1', delegateId: 'rec-1', from: '2026-11-22', to: null },
    ]);
    const id = await schedule('2026-11-20');
    // A reception officer who is not a delegate may not record holds.
    expectProblem(
      await app.request('POST', `${P}/${id}/hold`, {
        token: receptionist2,
        body: { heldOn: '2026-11-20', hostPersonId: 'head-1', citizensReceived: 1 },
      }),
      403,
      'FORBIDDEN',
    );
    const res = await hold(id, t.reception, { heldOn: '2026-11-20', hostPersonId: 'head-1' });
    expect(res).toMatchObject({ recordedBy: { id: 'rec-1', name: 'Lễ tân' }, countsAsHeads: true });

    // Ended from today: the delegate no longer records holds as the head's own.
    const ended = await app.request('DELETE', `${path}/rec-1`, { token: t.head });
    expectStatus(ended, 200);
    expect(ended.body.delegates).toEqual([]);
    const after = await schedule('2026-11-21');
    expectProblem(
      await app.request('POST', `${P}/${after}/hold`, {
        token: t.reception,
        body: { heldOn: '2026-11-21', hostPersonId: 'head-1', citizensReceived: 1 },
      }),
      403,
      'FORBIDDEN',
    );
  });
});

describe('late holds (lateEntry, heldLate, /late-entries)', () => {
  it('a hold of October entered in November is a late entry; it counts in held and in heldLate', async () => {
    const october = await schedule('2026-10-05', 'head-0');
    const res = await hold(october, head0, { heldOn: '2026-10-05', hostPersonId: 'head-0' });
    expect(res).toMatchObject({ countsAsHeads: true, lateEntry: true });
    expect(res.workingDaysLate).toBeGreaterThan(3);
    // Another October session, entered by someone else: late, and not the head's.
    const other = await schedule('2026-10-12', 'head-0');
    expect(await hold(other, viceHead, { heldOn: '2026-10-12', hostPersonId: 'head-0' })).toMatchObject({
      countsAsHeads: false,
      lateEntry: true,
    });
    const duty = await app.request(
      'GET',
      `/api/v1/reception-duty?unitId=${UNITS.province}&from=2026-10-01&to=2026-11-21&minPosition=${lastPosition}`,
      { token: t.supervisor },
    );
    expectStatus(duty, 200);
    const rows = duty.body.items as { personId: string; held: number; heldLate: number; required: number }[];
    expect(rows.find((r) => r.personId === 'head-0')).toMatchObject({ required: 1, held: 1, heldLate: 1 });
    // head-1: 11-18 (own), 11-20 (delegate) count; 11-19 (entered by the vice-chair) does not.
    expect(rows.find((r) => r.personId === 'head-1')).toMatchObject({ held: 2, heldLate: 0 });
    const acc = await app.request(
      'GET',
      `/api/v1/accountability?unitId=${UNITS.province}&from=2026-10-01&to=2026-10-31`,
      { token: t.supervisor },
    );
    expect((acc.body.items as { personId: string }[]).find((r) => r.personId === 'head-0')).toMatchObject({
      receptionHeld: 1,
    });
    const csv = await app.request(
      'GET',
      `/api/v1/reception-duty?unitId=${UNITS.province}&from=2026-10-01&to=2026-10-31`,
      { token: t.supervisor, headers: { accept: 'text/csv' } },
    );
    expect(csv.text).toContain('Trong đó ghi muộn');
    const late = await app.request(
      'GET',
      `/api/v1/late-entries?unitId=${UNITS.province}&type=ReceptionSessionHeld`,
      { token: t.supervisor },
    );
    expectStatus(late, 200);
    const items = late.body.items as { streamId: string; businessDate: string; actor: { id: string } }[];
    expect(items.map((i) => [i.streamId, i.businessDate, i.actor.id])).toEqual(
      expect.arrayContaining([
        [`reception-${october}`, '2026-10-05', 'head-0'],
        [`reception-${other}`, '2026-10-12', 'vice-1'],
      ]),
    );
  });
});

describe('POST /reception-sessions/:id/correct', () => {
  it('corrects a mistaken hold by an audited event; the history shows it with its reason', async () => {
    const id = await schedule('2026-11-17');
    await hold(id, viceHead, { heldOn: '2026-11-17', hostPersonId: 'head-1' });
    // Supervisors and reception staff may not correct; the reason is required.
    expectProblem(
      await app.request('POST', `${P}/${id}/correct`, {
        token: t.supervisor,
        body: { at: '2026-11-22', reason: 'x', heldOn: '2026-11-16' },
      }),
      403,
      'FORBIDDEN',
    );
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', `${P}/${id}/correct`, {
        token: t.head,
        body: { at: '2026-11-22', heldOn: '2026-11-16' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(
      await app.request('POST', `${P}/${id}/correct`, {
        token: t.head,
        body: { at: '2026-11-22', reason: 'x', heldOn: '2026-11-23' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await eventCount(app)).toBe(before);
    const res = await app.request('POST', `${P}/${id}/correct`, {
      token: t.head,
      body: { at: '2026-11-22', reason: 'Ghi nhầm ngày tiếp', heldOn: '2026-11-16', citizensReceived: 5 },
    });
    expectStatus(res, 200);
    expect(res.body).toMatchObject({
      status: 'held',
      heldOn: '2026-11-16',
      citizensReceived: 5,
      recordedBy: { id: 'head-1' },
      countsAsHeads: true,
      version: 3,
    });
    expect(res.headers.get('etag')).toBe('"3"');
    const history = await app.request('GET', `${P}/${id}/history`, { token: t.auditor });
    expectStatus(history, 200);
    const events = history.body.events as Record<string, unknown>[];
    expect(events.map((e) => e.type)).toEqual([
      'ReceptionSessionScheduled',
      'ReceptionSessionHeld',
      'ReceptionSessionCorrected',
    ]);
    expect(events[1]).toMatchObject({
      version: 2,
      businessDate: '2026-11-17',
      lateEntry: false,
      imported: false,
      actor: { id: 'vice-1', name: 'Phó Chủ tịch' },
    });
    expect(events[2]).toMatchObject({
      businessDate: '2026-11-22',
      lateEntry: false,
      actor: { id: 'head-1' },
      data: { reason: 'Ghi nhầm ngày tiếp', heldOn: '2026-11-16', countsAsHeads: true },
    });
    expect(typeof events[2]!.hash).toBe('string');
    expect(events[2]!.prevHash).toBe(events[1]!.hash);
    // The history of a session out of scope is 404.
    expectProblem(
      await app.request('GET', `${P}/${id}/history`, { token: t.otherReception }),
      404,
      'NOT_FOUND',
    );
  });

  it('voids a hold that did not take place: it no longer counts', async () => {
    const id = await schedule('2026-11-13');
    await hold(id, t.head, { heldOn: '2026-11-13', hostPersonId: 'head-1' });
    const res = await app.request('POST', `${P}/${id}/correct`, {
      token: t.head,
      body: { at: '2026-11-22', reason: 'Buổi tiếp không diễn ra', void: true },
    });
    expectStatus(res, 200);
    lastPosition = res.body.position as number;
    expect(res.body).toMatchObject({
      status: 'voided',
      countsAsHeads: false,
      cancelReason: 'Buổi tiếp không diễn ra',
    });
    expectProblem(
      await app.request('POST', `${P}/${id}/correct`, {
        token: t.head,
        body: { at: '2026-11-22', reason: 'lại', citizensReceived: 1 },
      }),
      409,
      'ILLEGAL_TRANSITION',
    );
    const duty = await app.request(
      'GET',
      `/api/v1/reception-duty?unitId=${UNITS.province}&from=2026-11-01&to=2026-11-21&minPosition=${lastPosition}`,
      { token: t.supervisor },
    );
    // 11-16 (corrected, now the head's), 11-18, 11-20; not 11-13 (voided) nor 11-19.
    expect((duty.body.items as { personId: string }[]).find((r) => r.personId === 'head-1')).toMatchObject({
      held: 3,
    });
  });
});

describe('GET /reception-sessions (the schedule)', () => {
  it('lists the sessions of a unit and the units below it, by date, host and status', async () => {
    const commune = await schedule('2026-11-25', 'chair-c1', UNITS.commune1);
    const future = await schedule('2026-12-03');
    const all = await app.request('GET', `${P}?from=2026-11-01&to=2026-12-31&minPosition=${lastPosition}`, {
      token: t.head,
    });
    expectStatus(all, 200);
    const ids = (all.body.items as { id: string }[]).map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([commune, future]));
    expect(all.body).toMatchObject({ page: 1, pageSize: 200, total: ids.length });
    const dates = (all.body.items as { date: string }[]).map((s) => s.date);
    expect(dates).toEqual([...dates].sort());
    const item = (all.body.items as Record<string, unknown>[]).find((s) => s.id === future);
    expect(item).toMatchObject({
      unitId: UNITS.province,
      hostPersonId: 'head-1',
      date: '2026-12-03',
      kind: 'periodic',
      mode: 'in_person',
      status: 'scheduled',
      heldOn: null,
      citizensReceived: null,
      caseIds: [],
      recordedBy: null,
      countsAsHeads: false,
      lateEntry: false,
      version: 1,
    });
    const held = (all.body.items as Record<string, unknown>[]).find((s) => s.heldOn === '2026-11-18');
    expect(held).toMatchObject({ status: 'held', recordedBy: { id: 'head-1' }, countsAsHeads: true });

    const own = await app.request(
      'GET',
      `${P}?unitId=${UNITS.province}&includeSubunits=false&from=2026-11-01`,
      {
        token: t.head,
      },
    );
    expect((own.body.items as { id: string }[]).map((s) => s.id)).not.toContain(commune);
    const byHost = await app.request('GET', `${P}?hostPersonId=chair-c1`, { token: t.supervisor });
    expect((byHost.body.items as { id: string }[]).map((s) => s.id)).toEqual([commune]);
    const scheduledOnly = await app.request('GET', `${P}?status=scheduled&from=2026-12-01`, {
      token: t.head,
    });
    expect((scheduledOnly.body.items as { id: string }[]).map((s) => s.id)).toEqual([future]);
    const page = await app.request('GET', `${P}?pageSize=1&page=2`, { token: t.head });
    expect(page.body.items).toHaveLength(1);
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
  });

  it('answers 404 for a unit out of scope, 400 for bad filters; another province sees none of ours', async () => {
    expectProblem(
      await app.request('GET', `${P}?unitId=${UNITS.province}`, { token: t.otherReception }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', `${P}?from=2026-02-30`, { token: t.head }),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await app.request('GET', `${P}?status=done`, { token: t.head }), 400, 'VALIDATION_FAILED');
    expectProblem(await app.request('GET', `${P}?pageSize=201`, { token: t.head }), 400, 'VALIDATION_FAILED');
    expectStatus(await app.request('GET', P, { token: t.auditor }), 200);
    const theirs = await app.request('GET', P, { token: t.otherReception });
    expectStatus(theirs, 200);
    expect(theirs.body.items).toEqual([]);
  });
});
