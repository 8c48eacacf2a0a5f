import { randomUUID } from 'node:crypto';
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
 * Issue 12 item 9: a letter's `content` is sealed from its first event (architecture.md decision 7).
 * Letters begin with the writer's name; the kind is known only at classification. So the text is
 * never in clear in the events, and once the case is a denunciation nowhere in the database at all
 * (a scan of every table, stored idempotent answers included); the list finds a case by a word of
 * its letter only while it is not a denunciation; the view shows it only to those who may read it.
 */
describe('letters sealed from the first event', () => {
  let app: TestApp;
  let t: Tokens;
  let position = 0;

  // Words that appear nowhere else: the writer's name opens the letter, as letters do.
  const LETTER = 'Tôi là Hoàng Thị Quỳnh Xuyến, ở xóm Khuynh Thượng, xin trình bày LETTERMARKQX91.';
  const AMENDED = 'Tôi là Hoàng Thị Quỳnh Xuyến, xin bổ sung: AMENDMARKZK42 ở bến đò Vạn Khuỷnh.';
  const MARKS = ['LETTERMARKQX91', 'AMENDMARKZK42', 'Quỳnh Xuyến', 'Khuynh Thượng', 'Vạn Khuỷnh'];

  const search = async (q: string): Promise<string[]> => {
    await app.catchUp(); // the list is read after every projection applied the log
    const res = await app.request('GET', `/api/v1/cases?q=${encodeURIComponent(q)}&minPosition=${position}`, {
      token: t.supervisor,
    });
    expectStatus(res, 200);
    return (res.body.items as { id: string }[]).map((i) => i.id);
  };
  const view = async (id: string, token: string) => {
    const res = await app.request('GET', `/api/v1/cases/${id}`, { token });
    expectStatus(res, 200);
    return res.body as { content: string; version: number };
  };
  /** Every mark found in `text`, in its NFC and NFD spellings and as JSON escapes would write it. */
  const marksIn = (text: string): string[] =>
    MARKS.filter(
      (m) =>
        text.includes(m) ||
        text.includes(m.normalize('NFD')) ||
        text.includes(JSON.stringify(m).slice(1, -1)) ||
        text.includes(m.toLowerCase()),
    );
  const eventsText = async (): Promise<string> =>
    (await app.runtime.pool.query<{ t: string }>('SELECT data::text || metadata::text AS t FROM events')).rows
      .map((r) => r.t)
      .join('\n');
  /** Like a pg_dump of the data: every row of every table of the schema, as text. */
  const everyTableText = async (): Promise<string> => {
    const tables = await app.runtime.pool.query<{ schemaname: string; tablename: string }>(
      `SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const out: string[] = [];
    for (const { schemaname, tablename } of tables.rows) {
      const rows = await app.runtime.pool.query<{ t: string }>(
        `SELECT x::text AS t FROM "${schemaname}"."${tablename}" AS x`,
      );
      out.push(...rows.rows.map((r) => r.t));
    }
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['events', 'rm_cases', 'idempotency_keys', 'vault_keys']),
    );
    return out.join('\n');
  };

  let caseId = '';

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
  }, LONG * 2);
  afterAll(async () => {
    await app?.close();
  }, LONG);

  it(
    'registers a letter (with an Idempotency-Key): its text is in no event, and its reader sees it',
    async () => {
      const res = await app.request('POST', '/api/v1/cases', {
        token: t.reception,
        headers: { 'Idempotency-Key': randomUUID() },
        body: {
          receivedAt: '2026-11-16',
          channel: 'post',
          receivingUnitId: UNITS.province,
          petitioners: [{ fullName: 'Hoàng Thị Quỳnh Xuyến', idNumber: '001199004321' }],
          subject: 'Đơn trình bày về việc cấp sổ đỏ',
          content: LETTER,
          kindHint: 'complaint',
        },
      });
      expectStatus(res, 201);
      caseId = res.body.id;
      position = Number(res.body.position);
      expect(marksIn(await eventsText())).toEqual([]);
      const sealed = await app.runtime.pool.query<{ data: { content?: unknown; sealedContent?: unknown } }>(
        `SELECT data FROM events WHERE stream_id = $1 AND type = 'CaseReceived'`,
        [`case-${caseId}`],
      );
      expect(sealed.rows[0].data.content).toBeUndefined();
      expect(String(sealed.rows[0].data.sealedContent)).toMatch(/^v1\./);
      expect((await view(caseId, t.reception)).content).toBe(LETTER);
    },
    LONG,
  );

  it(
    'finds the case by a word of its letter while it is not a denunciation',
    async () => {
      expect(await search('quynh xuyen')).toEqual([caseId]);
      expect(await search('LETTERMARKQX91')).toEqual([caseId]);
    },
    LONG,
  );

  it(
    'seals an amended letter too; the view shows the amendment',
    async () => {
      const amended = await command(app, t.handler, caseId, 'amend', {
        reason: 'Bổ sung nội dung đơn',
        content: AMENDED,
      });
      position = Number(amended.body.position);
      expect(amended.body.content).toBe(AMENDED);
      expect(marksIn(await eventsText())).toEqual([]);
      expect(await search('AMENDMARKZK42')).toEqual([caseId]);
      expect(await search('LETTERMARKQX91')).toEqual([]);
    },
    LONG,
  );

  it(
    'classified as a denunciation: not found by its letter any more, and its text is nowhere in the database',
    async () => {
      const classified = await command(app, t.handler, caseId, 'classify', {
        at: '2026-11-17',
        processable: true,
        competentUnitId: UNITS.province,
        kind: 'denunciation',
      });
      position = Number(classified.body.position);
      expect(classified.body.content).toBe('[bảo mật]');
      expect(await search('AMENDMARKZK42')).toEqual([]);
      expect(await search('quynh xuyen')).toEqual([]);
      expect(await search('cap so do')).toEqual([caseId]); // the subject is still listed
      const dump = await everyTableText();
      expect(dump).toContain(caseId); // the scan does read the case's rows
      expect(marksIn(dump)).toEqual([]);
      const stored = await app.runtime.pool.query<{ t: string }>(
        "SELECT coalesce(response::text, '') AS t FROM idempotency_keys",
      );
      expect(stored.rows.length).toBeGreaterThan(0);
      expect(marksIn(stored.rows.map((r) => r.t).join('\n'))).toEqual([]);
    },
    LONG,
  );

  it(
    "shows a denunciation's letter only to those who may see its identities",
    async () => {
      expect((await view(caseId, t.reception)).content).toBe('[bảo mật]');
      expect((await view(caseId, t.handler)).content).toBe('[bảo mật]');
      expect((await view(caseId, t.supervisor)).content).toBe('[bảo mật]');
      expect((await view(caseId, t.head)).content).toBe(AMENDED); // head of the competent unit
    },
    LONG,
  );

  it(
    'the hash chain of the sealed case still verifies',
    async () => {
      const res = await app.request('GET', `/api/v1/audit/streams/case-${caseId}/verify`, {
        token: t.auditor,
      });
      expectStatus(res, 200);
      expect(res.body.ok).toBe(true);
    },
    LONG,
  );

  it(
    'still reads a letter recorded in clear before letters were sealed',
    async () => {
      const fresh = await register(app, t.reception, { kindHint: 'petition', content: 'Thư mới' });
      const received = await app.runtime.store.readStream(`case-${fresh.id}`);
      const legacyId = randomUUID();
      const { sealedContent: _sealed, ...data } = received[0].data;
      void _sealed;
      await app.runtime.store.append(
        `case-${legacyId}`,
        [
          {
            eventId: randomUUID(),
            type: 'CaseReceived',
            data: {
              ...data,
              caseId: legacyId,
              trackingCode: 'OLD-2026-000001',
              content: 'Thư cũ ghi rõ ràng',
            },
          },
        ],
        {
          expectedVersion: 'no_stream',
          metadata: {
            actor: { id: 'rec-1', name: 'Lễ tân', roles: ['reception'] },
            correlationId: randomUUID(),
            causationId: null,
          },
        },
      );
      position = Number(await app.runtime.store.headPosition());
      expect((await view(legacyId, t.reception)).content).toBe('Thư cũ ghi rõ ràng');
      expect(await search('thu cu ghi ro rang')).toEqual([legacyId]);
    },
    LONG,
  );

  it(
    'erasing the last petitioner erases the letter: the view says so, the list drops it, the chain verifies',
    async () => {
      const c = await register(app, t.reception, {
        kindHint: 'petition',
        content: 'Kiến nghị ERASEMARKVV17 về đèn đường',
        petitioners: [{ fullName: 'Đinh Văn Tẩy' }],
      });
      position = Number(c.position);
      expect(await search('ERASEMARKVV17')).toEqual([c.id]);
      const [received] = await app.runtime.store.readStream(`case-${c.id}`);
      const personRef = (received.data.petitioners as { personRef: string }[])[0].personRef;
      const erased = await app.request('POST', `/api/v1/admin/persons/${personRef}/erase`, {
        token: t.admin,
        body: { reason: 'Yêu cầu xóa dữ liệu cá nhân' },
      });
      expectStatus(erased, 200);
      position = Number(await app.runtime.store.headPosition());
      expect(await search('ERASEMARKVV17')).toEqual([]);
      expect((await view(c.id, t.reception)).content).toBe('[đã xóa]');
      const keys = await app.runtime.pool.query<{ erased: boolean }>(
        'SELECT erased_at IS NOT NULL AS erased FROM vault_keys WHERE person_ref = $1',
        [`letter-${c.id}`],
      );
      expect(keys.rows).toEqual([{ erased: true }]);
      const verify = await app.request('GET', `/api/v1/audit/streams/case-${c.id}/verify`, {
        token: t.auditor,
      });
      expect(verify.body.ok).toBe(true);
      // After a rebuild from the log, the same.
      await app.runner.rebuild('case-summaries.v1');
      expect(await search('ERASEMARKVV17')).toEqual([]);
      expect(await search('AMENDMARKZK42')).toEqual([]);
    },
    LONG * 2,
  );
});
