import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  registerAndClassify,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * The case's record for another unit's system (docs/exchange.md): history, documents and deadlines as
 * JSON; identities masked unless exported under the rules of /petitioners on both sides, each such
 * export a recorded disclosure; a denunciator's identity never to a unit not competent to settle it.
 */
describe('GET /cases/:id/record — the record for transfer to another unit', () => {
  let t: TestApp;
  let tk: Tokens;
  let complaint: { id: string; trackingCode: string };
  let denunciation: { id: string; trackingCode: string };
  const record = (caseId: string, token: string, query: string) =>
    t.request('GET', `/api/v1/cases/${caseId}/record?${query}`, { token });

  beforeAll(async () => {
    ({ app: t, tokens: tk } = await startWorld());
    complaint = await registerAndClassify(
      t,
      tk,
      { receivedAt: '2026-11-16' },
      { kind: 'complaint', level: 1, competentUnitId: UNITS.province },
    );
    await command(t, tk.handler, complaint.id, 'accept', {
      acceptedAt: '2026-11-18',
      decisionNo: '12/QĐ-TL',
    });
    denunciation = await registerAndClassify(
      t,
      tk,
      {
        receivedAt: '2026-11-16',
        kindHint: 'denunciation',
        petitioners: [{ fullName: 'Lê Thị Tố Giác', phone: '0987654321' }],
        subject: 'Tố cáo cán bộ địa chính',
        content: 'Tôi là Lê Thị Tố Giác, tố cáo ông X nhận tiền.',
      },
      { kind: 'denunciation', competentUnitId: UNITS.province },
    );
    await command(t, tk.head, denunciation.id, 'assign', { handlerId: 'handler-1' });
    await t.catchUp(); // the tracking code is read through the case summaries
  }, LONG);
  afterAll(async () => {
    await t?.close();
  }, LONG);

  it('gives the case, its deadlines, documents and history with hashes; identities masked; nothing written', async () => {
    const before = await eventCount(t);
    const res = await record(complaint.trackingCode, tk.handler, `receiverUnitId=${UNITS.commune1}`);
    expectStatus(res, 200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${complaint.trackingCode}.json"`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const r = res.body;
    expect(r).toMatchObject({
      format: 'donthu.case-record',
      formatVersion: 1,
      exportedBy: { id: 'handler-1', unitId: UNITS.province },
      sender: { unitId: UNITS.province, name: 'UBND thành phố Hà Nội' },
      receiver: { unitId: UNITS.commune1, name: 'UBND xã Một' },
      identities: 'masked',
      case: { id: complaint.id, trackingCode: complaint.trackingCode, kind: 'complaint', status: 'accepted' },
    });
    expect(r.case.petitioners).toHaveLength(1);
    expect(r.case.petitioners[0].fullName).not.toBe('Trần Văn Bình');
    expect(r.case.content).toBe('Đề nghị xem xét lại việc bồi thường khi thu hồi đất.');
    expect(r.deadlines.map((d: { ruleId: string }) => d.ruleId)).toEqual(
      expect.arrayContaining(['XLD', 'KN-ACC', 'KN-RES1']),
    );
    expect(r.deadlines.find((d: { ruleId: string }) => d.ruleId === 'KN-RES1')).toMatchObject({
      ruleVersion: expect.any(String),
      legalBasis: expect.any(String),
    });
    expect(r.documents.map((d: { kind: string }) => d.kind)).toEqual(['receipt', 'acceptance-notice']);
    expect(r.documents[1]).toMatchObject({
      title: 'Thông báo thụ lý',
      on: '2026-11-18',
      path: `/api/v1/cases/${complaint.id}/documents/acceptance-notice.pdf`,
    });
    expect(r.history.map((e: { type: string }) => e.type)).toEqual([
      'CaseReceived',
      'CaseClassified',
      'CaseAccepted',
    ]);
    expect(r.history[2]).toMatchObject({ businessDate: '2026-11-18', actor: { id: 'handler-1' } });
    expect(r.integrity).toEqual({
      streamId: `case-${complaint.id}`,
      events: 3,
      headHash: r.history[2].hash,
    });
    expect(r.history[1].prevHash).toBe(r.history[0].hash);
    // No sealed blob, no PIN hash, no identity and the letter only once (in case.content).
    for (const key of ['"sealed"', '"sealedContent"', '"lookupPinHash"', 'Trần Văn Bình', '001099012345'])
      expect(res.text).not.toContain(key);
    expect(res.text.split('Đề nghị xem xét lại việc bồi thường').length).toBe(2);
    expect(await eventCount(t)).toBe(before);
  });

  it('dates each act as the case history does, by one table (CASE_BUSINESS_DATE): an assignment carries no date', async () => {
    const dates = (events: { type: string; businessDate: string | null }[]) =>
      events.map((e) => [e.type, e.businessDate]);
    for (const [c, expected] of [
      [
        complaint,
        [
          ['CaseReceived', '2026-11-16'],
          ['CaseClassified', '2026-11-16'],
          ['CaseAccepted', '2026-11-18'],
        ],
      ],
      [
        denunciation,
        [
          ['CaseReceived', '2026-11-16'],
          ['CaseClassified', '2026-11-16'],
          ['HandlerAssigned', null],
        ],
      ],
    ] as const) {
      const res = await record(c.id, tk.handler, `receiverUnitId=${UNITS.commune1}`);
      expectStatus(res, 200);
      const history = await t.request('GET', `/api/v1/cases/${c.id}/history`, { token: tk.auditor });
      expectStatus(history, 200);
      expect(dates(res.body.history)).toEqual(expected);
      expect(dates(history.body.events)).toEqual(expected);
    }
  });

  it('with includeIdentities, reasonCode and reason: the petitioners in clear, recorded as a disclosure naming the record', async () => {
    const res = await record(
      complaint.id,
      tk.handler,
      `receiverUnitId=${UNITS.commune1}&includeIdentities=true&reasonCode=verification&reason=${encodeURIComponent('Chuyển hồ sơ cho xã xác minh')}`,
    );
    expectStatus(res, 200);
    expect(res.body.identities).toBe('included');
    expect(res.body.case.petitioners[0]).toMatchObject({
      fullName: 'Trần Văn Bình',
      idNumber: '001099012345',
      representative: false,
    });
    const log = await t.request('GET', `/api/v1/cases/${complaint.id}/disclosures`, { token: tk.auditor });
    expectStatus(log, 200);
    expect(log.body.items.at(-1)).toMatchObject({
      disclosedTo: { id: 'handler-1' },
      reasonCode: 'verification',
      reason: 'Chuyển hồ sơ cho xã xác minh',
      document: 'record.json',
    });
  });

  it('refuses identities without a reason (400), for roles that may not see them, and unknown receivers; nothing written', async () => {
    const before = await eventCount(t);
    expectProblem(
      await record(complaint.id, tk.handler, `receiverUnitId=${UNITS.commune1}&includeIdentities=true`),
      400,
      'VALIDATION_FAILED',
    );
    const unknown = await record(complaint.id, tk.handler, 'receiverUnitId=nowhere');
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors[0].path).toBe('receiverUnitId');
    expectProblem(await record(complaint.id, tk.handler, ''), 400, 'VALIDATION_FAILED');
    expectProblem(
      await record(complaint.id, tk.handler, `receiverUnitId=${UNITS.commune1}&format=xml`),
      400,
      'VALIDATION_FAILED',
    );
    for (const token of [tk.reception, tk.supervisor, tk.auditor, tk.admin])
      expectProblem(await record(complaint.id, token, `receiverUnitId=${UNITS.commune1}`), 403, 'FORBIDDEN');
    expectProblem(
      await record(complaint.id, tk.otherReception, `receiverUnitId=${UNITS.commune1}`),
      404,
      'NOT_FOUND',
    );
    expect(await eventCount(t)).toBe(before);
  });

  it("a denunciation: masked to any receiver — the denunciator's name nowhere, the letter sealed", async () => {
    const res = await record(denunciation.id, tk.handler, `receiverUnitId=${UNITS.commune1}`);
    expectStatus(res, 200);
    expect(res.body.identities).toBe('masked');
    expect(res.body.case.petitioners).toEqual([{ fullName: '[bảo mật]' }]);
    expect(res.body.case.content).toBe('[bảo mật]');
    for (const secret of ['Lê Thị Tố Giác', '0987654321', 'nhận tiền'])
      expect(res.text).not.toContain(secret);
  });

  it("a denunciator's identity is never exported to a unit not competent to settle it, nor by someone who may not see it", async () => {
    const before = await eventCount(t);
    const q = 'includeIdentities=true&reasonCode=decision&reason=chuyen';
    expectProblem(
      await record(denunciation.id, tk.handler, `receiverUnitId=${UNITS.commune1}&${q}`),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await record(denunciation.id, tk.receptionC1, `receiverUnitId=${UNITS.province}&${q}`),
      404,
      'NOT_FOUND',
    );
    const other = await t.token('handler-2', ['handler'], UNITS.province, 'Cán bộ khác');
    expectProblem(
      await record(denunciation.id, other, `receiverUnitId=${UNITS.province}&${q}`),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(t)).toBe(before);
  });

  it('the assigned handler exports it to the competent unit, recorded as a disclosure', async () => {
    const before = await eventCount(t);
    const res = await record(
      denunciation.id,
      tk.handler,
      `receiverUnitId=${UNITS.province}&includeIdentities=true&reasonCode=decision&reason=${encodeURIComponent('Chuyển hồ sơ giải quyết')}`,
    );
    expectStatus(res, 200);
    expect(res.body.case.petitioners[0]).toMatchObject({ fullName: 'Lê Thị Tố Giác', phone: '0987654321' });
    expect(res.body.case.content).toContain('nhận tiền');
    expect(await eventCount(t)).toBe(before + 1);
    const log = await t.request('GET', `/api/v1/cases/${denunciation.id}/disclosures`, { token: tk.auditor });
    expect(log.body.items.at(-1)).toMatchObject({ document: 'record.json', reasonCode: 'decision' });
  });
});
