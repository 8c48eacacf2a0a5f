import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  expectStatus,
  LONG,
  register,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Issue 12 item 10 (docs/reference/api-contract.md assign): assigning a denunciation is reserved to a head of the receiving
 * or competent unit. A handler who assigned themselves while the case was a complaint is removed (an
 * event) when it is reclassified as a denunciation; a handler a head assigned stays.
 */
describe('reclassified as a denunciation: a self-assigned handler leaves the case', () => {
  let app: TestApp;
  let t: Tokens;

  const complaintAssignedBy = async (assigner: string) => {
    const c = await register(app, t.reception, {
      receivedAt: '2026-11-16',
      kindHint: 'complaint',
      content: 'Tôi là Lê Văn Tự, khiếu nại việc cấp phép xây dựng.',
    });
    await command(app, t.reception, c.id, 'classify', {
      at: '2026-11-16',
      processable: true,
      competentUnitId: UNITS.province,
      kind: 'complaint',
    });
    const assigned = await command(app, assigner, c.id, 'assign', { handlerId: 'handler-1' });
    expect(assigned.body.handlerId).toBe('handler-1');
    return c.id;
  };
  const reclassify = (id: string) =>
    command(app, t.reception, id, 'reclassify', {
      at: '2026-11-17',
      correctionReason: 'Nội dung là tố cáo hành vi vi phạm của cán bộ',
      processable: true,
      competentUnitId: UNITS.province,
      kind: 'denunciation',
    });
  const historyTypes = async (id: string) => {
    const res = await app.request('GET', `/api/v1/cases/${id}/history`, { token: t.auditor });
    expectStatus(res, 200);
    return res.body.events as { type: string; data: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
  }, LONG * 2);
  afterAll(async () => {
    await app?.close();
  }, LONG);

  it(
    'removes a handler who assigned themselves, with an event, and the letter is closed to them',
    async () => {
      const id = await complaintAssignedBy(t.handler);
      expect((await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler })).body.content).toMatch(
        /Lê Văn Tự/,
      );
      const res = await reclassify(id);
      expect(res.body.kind).toBe('denunciation');
      expect(res.body.handlerId).toBeNull();
      const removed = (await historyTypes(id)).filter((e) => e.type === 'HandlerUnassigned');
      expect(removed).toHaveLength(1);
      expect(removed[0].data).toMatchObject({
        handlerId: 'handler-1',
        reason: 'denunciation_needs_head_assignment',
      });
      const view = await app.request('GET', `/api/v1/cases/${id}`, { token: t.handler });
      expect(view.body.content).toBe('[bảo mật]');
      const identities = await app.request(
        'GET',
        `/api/v1/cases/${id}/petitioners?reasonCode=verification&reason=${encodeURIComponent('Xử lý đơn')}`,
        { token: t.handler },
      );
      expect(identities.status).toBe(403);
      // and the handler cannot put themselves back
      const again = await app.request('POST', `/api/v1/cases/${id}/assign`, {
        token: t.handler,
        body: { handlerId: 'handler-1' },
      });
      expect(again.status).toBe(403);
      await app.catchUp();
      const listed = await app.runtime.pool.query<{ handler_id: string | null }>(
        'SELECT handler_id FROM rm_cases WHERE case_id = $1',
        [id],
      );
      expect(listed.rows).toEqual([{ handler_id: null }]);
    },
    LONG,
  );

  it(
    'keeps a handler that a head of the competent unit assigned',
    async () => {
      const id = await complaintAssignedBy(t.head);
      const res = await reclassify(id);
      expect(res.body.handlerId).toBe('handler-1');
      expect((await historyTypes(id)).map((e) => e.type)).not.toContain('HandlerUnassigned');
    },
    LONG,
  );
});
