import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  command,
  deadlineOf,
  expectProblem,
  expectStatus,
  LONG,
  registration,
  startWorld,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

const hasPoppler = ['/usr/bin/pdftotext', '/usr/bin/pdftoppm'].every((p) => existsSync(p));
const describeWithPoppler = hasPoppler ? describe : describe.skip;
if (!hasPoppler)
  console.warn('citizens-papers: skipped, poppler-utils (pdftotext, pdftoppm) is not installed');

jest.setTimeout(LONG);

const vn = (iso: string) => iso.split('-').reverse().join('/');

describeWithPoppler(
  'official papers as PDF (pdftotext reads the Vietnamese words, pdftoppm renders a page)',
  () => {
    let t: TestApp;
    let tk: Tokens;
    let dir: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'donthu-papers-'));
      const letterheads = join(dir, 'letterheads.json');
      writeFileSync(
        letterheads,
        JSON.stringify({
          [UNITS.province]: { place: 'Hà Nội', signerTitle: 'Chủ tịch', numberSymbol: 'UBND' },
          [UNITS.commune1]: {
            governingBody: 'UBND thành phố Hà Nội',
            place: 'Xã Một',
            signerTitle: 'Chủ tịch',
          },
        }),
      );
      ({ app: t, tokens: tk } = await startWorld({
        env: { PUBLIC_URL: 'https://donthu.example.gov.vn', LETTERHEADS_FILE: letterheads },
      }));
    }, LONG);
    afterAll(async () => {
      await t?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    }, LONG);

    /** Fetches a paper; returns its text layer (NFC, whitespace collapsed) and renders page 1 to PNG. */
    async function paper(
      path: string,
      token: string,
      opts: { method?: string; body?: unknown } = {},
    ): Promise<{ status: number; text: string; body: unknown; png: Buffer | null }> {
      const res = await fetch(`${t.url}/api/v1/cases/${path}`, {
        method: opts.method ?? 'GET',
        headers: {
          authorization: `Bearer ${token}`,
          ...(opts.body ? { 'content-type': 'application/json' } : {}),
        },
        body: opts.body ? JSON.stringify(opts.body) : undefined,
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (res.status !== 200)
        return { status: res.status, text: '', body: JSON.parse(bytes.toString('utf8')), png: null };
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const file = join(dir, `p-${Math.random().toString(36).slice(2)}.pdf`);
      writeFileSync(file, bytes);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
        .normalize('NFC')
        .replace(/\s+/g, ' ');
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        file,
        `${file}-page`,
      ]);
      const png = readFileSync(`${file}-page.png`);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      return { status: 200, text, body: null, png };
    }

    it('prints the receipt: without the PIN by GET, with the PIN and its QR code by POST with the right PIN', async () => {
      const created = await t.request('POST', '/api/v1/cases', {
        token: tk.reception,
        body: registration({ receivedAt: '2026-11-16' }),
      });
      expectStatus(created, 201);
      const { id, trackingCode, receipt } = created.body;
      const plain = await paper(`${id}/documents/receipt.pdf`, tk.reception);
      expect(plain.status).toBe(200);
      for (const words of [
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'UBND THÀNH PHỐ HÀ NỘI',
        'Hà Nội, ngày 16 tháng 11 năm 2026',
        'GIẤY BIÊN NHẬN',
        'UBND thành phố Hà Nội đã tiếp nhận đơn của Ông/Bà',
        `Mã hồ sơ: ${trackingCode}`,
        'Ngày tiếp nhận: 16/11/2026',
        'Hình thức tiếp nhận: Trực tiếp',
        'Nội dung (trích yếu): Khiếu nại quyết định thu hồi đất',
        `https://donthu.example.gov.vn/tra-cuu?ma=${trackingCode}`,
        'NGƯỜI TIẾP NHẬN',
        'Bố cục tạm thời (layout provisional)',
      ])
        expect(plain.text).toContain(words);
      if (receipt.answerBy) expect(plain.text).toContain(`chậm nhất ngày ${vn(receipt.answerBy)}`);
      expect(plain.text).not.toContain(receipt.lookupPin);
      expect(plain.text).not.toContain('Trần Văn Bình'); // no names without a recorded reason

      const withPin = await paper(`${id}/documents/receipt.pdf`, tk.reception, {
        method: 'POST',
        body: { lookupPin: receipt.lookupPin.toLowerCase() },
      });
      expect(withPin.status).toBe(200);
      expect(withPin.text).toContain(`Mã tra cứu (PIN): ${receipt.lookupPin}`);
      expect(withPin.text).toContain('Quét mã QR để tra cứu ngay');
      expect(withPin.png!.length).toBeGreaterThan(plain.png!.length); // the QR code's modules

      const wrong = await paper(`${id}/documents/receipt.pdf`, tk.reception, {
        method: 'POST',
        body: { lookupPin: 'ABCDEFGH' },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'lookupPin' }] });

      // By tracking code too (once the case summaries know it); not for a supervisor; unknown paper → 404.
      await t.catchUp();
      expect((await paper(`${trackingCode}/documents/receipt.pdf`, tk.reception)).status).toBe(200);
      expect((await paper(`${id}/documents/receipt.pdf`, tk.supervisor)).status).toBe(403);
      expect((await paper(`${id}/documents/receipt.pdf`, tk.otherReception)).status).toBe(404);
      expect((await paper(`${id}/documents/letter.pdf`, tk.reception)).status).toBe(404);
      expect((await paper(`${id}/documents/acceptance-notice.pdf`, tk.reception)).status).toBe(409);
    });

    it('prints the acceptance notice with the names when a handler gives the reason, recorded as a disclosure', async () => {
      const created = await t.request('POST', '/api/v1/cases', {
        token: tk.reception,
        body: registration({ receivedAt: '2026-11-02' }),
      });
      const id: string = created.body.id;
      await command(t, tk.reception, id, 'classify', {
        kind: 'complaint',
        level: 1,
        competentUnitId: UNITS.province,
        processable: true,
      });
      const accepted = await command(t, tk.handler, id, 'accept', {
        acceptedAt: '2026-11-05',
        decisionNo: '12/TB-UBND',
      });
      const due = deadlineOf(accepted.body, 'KN-RES1')!.dueOn;
      const notice = await paper(
        `${id}/documents/acceptance-notice.pdf?reasonCode=notification&reason=${encodeURIComponent('Gửi thông báo thụ lý')}`,
        tk.handler,
      );
      expect(notice.status).toBe(200);
      for (const words of [
        'THÔNG BÁO',
        'Về việc thụ lý giải quyết khiếu nại',
        'Kính gửi: Ông/Bà Trần Văn Bình',
        'Căn cứ Luật Khiếu nại năm 2011',
        'đã thụ lý giải quyết khiếu nại kể từ ngày 05/11/2026 (số 12/TB-UBND)',
        `Thời hạn giải quyết theo quy định: đến ngày ${vn(due)}`,
        'Hà Nội, ngày 05 tháng 11 năm 2026',
        'CHỦ TỊCH',
        'Số: ……/TB-UBND',
      ])
        expect(notice.text).toContain(words);
      const log = await t.request('GET', `/api/v1/cases/${id}/disclosures`, { token: tk.auditor });
      expectStatus(log, 200);
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({
        reason: 'Gửi thông báo thụ lý',
        disclosedTo: { id: 'handler-1' },
      });
      const stored = await t.runtime.pool.query<{ d: { document: string; reasonCode: string } }>(
        `SELECT data AS d FROM events WHERE stream_id = $1`,
        [`disclosure-${id}`],
      );
      expect(stored.rows[0].d).toMatchObject({
        document: 'acceptance-notice.pdf',
        reasonCode: 'notification',
      });
      // Reception may not print the names; half a reason is refused.
      expect(
        (await paper(`${id}/documents/acceptance-notice.pdf?reasonCode=notification&reason=x`, tk.reception))
          .status,
      ).toBe(403);
      expect(
        (await paper(`${id}/documents/acceptance-notice.pdf?reasonCode=notification`, tk.handler)).status,
      ).toBe(400);
    });

    it('prints the notice of non-acceptance, the transfer slip and the guidance letter', async () => {
      const rejected = await t.request('POST', '/api/v1/cases', {
        token: tk.reception,
        body: registration({ receivedAt: '2026-11-02' }),
      });
      await command(t, tk.reception, rejected.body.id, 'classify', {
        kind: 'complaint',
        level: 1,
        competentUnitId: UNITS.province,
        processable: true,
      });
      await command(t, tk.handler, rejected.body.id, 'reject', {
        at: '2026-11-06',
        reason: 'Quá thời hiệu khiếu nại theo Điều 9 Luật Khiếu nại',
      });
      const refusal = await paper(`${rejected.body.id}/documents/non-acceptance.pdf`, tk.handler);
      expect(refusal.status).toBe(200);
      for (const words of [
        'Về việc không thụ lý giải quyết khiếu nại',
        'với lý do: Quá thời hiệu khiếu nại theo Điều 9 Luật Khiếu nại',
        'Hà Nội, ngày 06 tháng 11 năm 2026',
      ])
        expect(refusal.text).toContain(words);

      const moved = await t.request('POST', '/api/v1/cases', {
        token: tk.receptionC1,
        body: registration({ receivedAt: '2026-11-09', receivingUnitId: UNITS.commune1 }),
      });
      await command(t, tk.receptionC1, moved.body.id, 'transfer', {
        at: '2026-11-10',
        toUnitId: UNITS.commune2,
        reason: 'Thửa đất thuộc địa bàn xã Hai',
      });
      const slip = await paper(`${moved.body.id}/documents/transfer-slip.pdf`, tk.reception);
      expect(slip.status).toBe(200);
      for (const words of [
        'UBND THÀNH PHỐ HÀ NỘI',
        'UBND XÃ MỘT',
        'Xã Một, ngày 10 tháng 11 năm 2026',
        'PHIẾU CHUYỂN ĐƠN',
        'Kính gửi: UBND xã Hai',
        'UBND xã Một chuyển đơn đến UBND xã Hai để xem xét, giải quyết theo thẩm quyền',
        'Lý do: Thửa đất thuộc địa bàn xã Hai',
        'Số: ……/PC',
      ])
        expect(slip.text).toContain(words);

      const guided = await t.request('POST', '/api/v1/cases', {
        token: tk.reception,
        body: registration({ receivedAt: '2026-11-09', subject: 'Tranh chấp hợp đồng thuê nhà' }),
      });
      await command(t, tk.reception, guided.body.id, 'guide', {
        at: '2026-11-11',
        agency: 'Tòa án nhân dân khu vực 1 - Hà Nội',
        note: 'Tranh chấp dân sự do Tòa án giải quyết.',
      });
      const guidance = await paper(`${guided.body.id}/documents/guidance.pdf`, tk.reception);
      expect(guidance.status).toBe(200);
      for (const words of [
        'PHIẾU HƯỚNG DẪN',
        'Về việc gửi đơn đến cơ quan có thẩm quyền',
        'về việc: Tranh chấp hợp đồng thuê nhà',
        'Đề nghị Ông/Bà gửi đơn đến Tòa án nhân dân khu vực 1 - Hà Nội',
        'Tranh chấp dân sự do Tòa án giải quyết.',
      ])
        expect(guidance.text).toContain(words);
    });

    it("produces a denunciation's papers only for those who may see its identities, each a recorded disclosure", async () => {
      const created = await t.request('POST', '/api/v1/cases', {
        token: tk.reception,
        body: registration({
          receivedAt: '2026-11-02',
          kindHint: 'denunciation',
          subject: 'Tố cáo cán bộ địa chính',
        }),
      });
      const id: string = created.body.id;
      await command(t, tk.reception, id, 'classify', {
        kind: 'denunciation',
        competentUnitId: UNITS.province,
        processable: true,
      });
      expectProblem(
        await t.request('GET', `/api/v1/cases/${id}/documents/receipt.pdf`, { token: tk.reception }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t.request('GET', `/api/v1/cases/${id}/documents/receipt.pdf`, { token: tk.handler }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t.request('GET', `/api/v1/cases/${id}/documents/receipt.pdf`, { token: tk.head }),
        400,
        'VALIDATION_FAILED',
      );
      const ok = await paper(
        `${id}/documents/receipt.pdf?reasonCode=notification&reason=${encodeURIComponent('Cấp lại giấy biên nhận')}`,
        tk.head,
      );
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('đã tiếp nhận đơn của Ông/Bà: Trần Văn Bình');
      const log = await t.request('GET', `/api/v1/cases/${id}/disclosures`, { token: tk.auditor });
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({
        reason: 'Cấp lại giấy biên nhận',
        disclosedTo: { id: 'head-1' },
      });
    });
  },
);
