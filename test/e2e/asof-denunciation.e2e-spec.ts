import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  command,
  expectStatus,
  LONG,
  NOW,
  register,
  startWorld,
  type TestApp,
  tick,
  type Tokens,
  UNITS,
} from '../support/index.js';

/**
 * Issue 12, item 4: an auditor's `GET /cases/:id?asOf=` for an instant before the case was classified
 * as a denunciation showed the denunciator's initials, the last digits of the id number and part of
 * the phone. Once a case is a denunciation, every view of every past version shows only `[bảo mật]`.
 */

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('as-of views of a case that later became a denunciation', () => {
  it('show only [bảo mật] for its petitioners and its letter, at every past instant', async () => {
    tick(app, 1000);
    const c = await register(app, t.reception, { receivedAt: '2026-11-20', kindHint: 'complaint' });
    const beforeClassification = tick(app, 2000);
    // While it is believed to be a complaint, the masked identity is shown (the control).
    const then = await app.request('GET', `/api/v1/cases/${c.id}`, { token: t.auditor });
    expectStatus(then, 200);
    expect(JSON.stringify(then.body.petitioners)).not.toContain('[bảo mật]');
    tick(app, 3000);
    await command(app, t.reception, c.id, 'classify', {
      kind: 'denunciation',
      competentUnitId: UNITS.province,
      processable: true,
    });
    for (const asOf of [beforeClassification, new Date(Date.parse(NOW) + 1500).toISOString()]) {
      const past = await app.request('GET', `/api/v1/cases/${c.id}?asOf=${encodeURIComponent(asOf)}`, {
        token: t.auditor,
      });
      expectStatus(past, 200);
      expect(past.body.status).toBe('received');
      expect(past.body.petitioners).toEqual([{ fullName: '[bảo mật]' }]);
      expect(past.body.content).toBe('[bảo mật]');
      expect(past.text).not.toMatch(/Bình|2345|5678|Tràng Tiền/);
    }
  });
});
