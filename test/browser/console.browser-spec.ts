/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the server as
 * `npm start` composes it (apps/api/src/all-in-one.ts: API, worker, the console's build) on a
 * PostgreSQL database (DATABASE_URL; without it, PGlite served over TCP) with the demo organisation
 * (DONTHU_DEMO=1), each official signing in through a real OpenID Connect provider the test starts
 * (test/support/oidc-provider.ts). Each role's main path once, and an accessibility check (axe-core)
 * of every page on the way. The demo sign-in on the embedded database: demo.browser-spec.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  chooseOption,
  closeTab,
  daysAgo,
  expectAccessible,
  LONG,
  screenshot,
  typeDate,
  startOidcConsole,
  type OidcConsole,
} from './support.js';

if (process.env.CI && !process.env.DATABASE_URL)
  throw new Error('CI runs the console browser tests on PostgreSQL: set DATABASE_URL');
const suite = browserSuite('console browser tests');

suite('the console in Chromium on PostgreSQL, signing in through OpenID Connect, each role once', () => {
  let world: OidcConsole;
  /** The case the desk registers, the handler carries to its end, and the auditor checks. */
  let trackingCode = '';
  let caseId = '';

  beforeAll(async () => {
    world = await startOidcConsole();
  }, LONG);

  afterAll(async () => {
    await world?.close();
  }, LONG);

  const signedIn = (name: string) => world.signedIn(name);

  async function openCase(page: Page, code: string) {
    await page.getByRole('menuitem', { name: 'Tra cứu hồ sơ' }).click();
    await page.getByLabel('Mã hồ sơ, trích yếu hoặc nội dung').fill(code);
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.getByRole('link', { name: code }).click();
    await page.getByRole('heading', { name: `Hồ sơ ${code}` }).waitFor();
  }

  /** Opens a command's form, fills it, submits, and waits for the status it leads to. */
  async function runCommand(
    page: Page,
    button: string,
    fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
    status: string,
  ) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await dialog.waitFor({ state: 'hidden' }).catch(async (err: unknown) => {
      await page.screenshot({ path: join(tmpdir(), 'donthu-console-failure.png') });
      const shown = await dialog.locator('.ant-alert, .ant-form-item-explain').allTextContents();
      throw new Error(`${button}: the form stayed open (${shown.join(' | ')}): ${String(err)}`);
    });
    await page.locator('.ant-tag', { hasText: status }).first().waitFor();
  }

  it(
    'the desk registers a letter and sees its receipt',
    async () => {
      const page = await signedIn('Nguyễn Thị Mai');
      await expectAccessible(page, 'Tổng quan');
      await page.getByRole('menuitem', { name: 'Tiếp nhận đơn' }).click();
      await page.getByLabel('Ngày nhận đơn').waitFor();
      await expectAccessible(page, 'Tiếp nhận đơn');
      // A letter that came by post ten days ago: the handler's dialogue needs five days' notice.
      await typeDate(page.getByLabel('Ngày nhận đơn'), daysAgo(10));
      await page.getByLabel('Họ và tên (1)').fill('Phạm Văn Hùng');
      await page.getByLabel('Số CCCD').fill('037201099999');
      await page.getByLabel('Trích yếu').fill('Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất');
      await page
        .getByLabel('Nội dung đơn')
        .fill('Đề nghị xem xét lại việc cấp giấy chứng nhận cho thửa đất số 15.');
      await page.getByRole('button', { name: /Vào sổ/ }).click();
      const code = page.getByTestId('receipt-tracking-code');
      await code.waitFor();
      trackingCode = (await code.textContent())?.trim() ?? '';
      expect(trackingCode).toMatch(/^[A-Z0-9]+-\d{4}-\d{6}$/);
      await expect(page.getByText('Phạm Văn Hùng').count()).resolves.toBeGreaterThan(0);
      await expectAccessible(page, 'Giấy biên nhận');
      // A reload keeps the official signed in: the token comes again from the server's session.
      await page.reload();
      await code.waitFor();
      expect(
        await page.evaluate(
          () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
        ),
      ).toBe('{}{}');
      await page.getByRole('menuitem', { name: 'Tra cứu hồ sơ' }).click();
      await page.getByLabel('Mã hồ sơ, trích yếu hoặc nội dung').fill(trackingCode);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('link', { name: trackingCode }).waitFor();
      await expectAccessible(page, 'Tra cứu hồ sơ');
      await page.getByRole('menuitem', { name: 'Đơn nhận hôm nay' }).click();
      await page.getByRole('heading', { name: /^Đơn nhận ngày/ }).waitFor();
      await expectAccessible(page, 'Đơn nhận hôm nay');
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the handler classifies, accepts, holds a dialogue, resolves and closes',
    async () => {
      expect(trackingCode).not.toBe('');
      const page = await signedIn('Hoàng Văn Thắng');
      await page.getByRole('menuitem', { name: 'Hồ sơ tôi xử lý' }).click();
      await page.getByRole('heading', { name: 'Hồ sơ tôi xử lý' }).waitFor();
      await expectAccessible(page, 'Hồ sơ tôi xử lý');
      await openCase(page, trackingCode);
      caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
      await expect(page.getByTestId('letter-text').textContent()).resolves.toContain('thửa đất số 15');
      await expectAccessible(page, 'Hồ sơ');
      await runCommand(
        page,
        'Phân loại đơn',
        async (d) => {
          await chooseOption(page, d.getByLabel('Loại đơn', { exact: true }), 'Khiếu nại');
        },
        'Đã phân loại',
      );
      await runCommand(page, 'Thụ lý', (d) => typeDate(d.getByLabel('Ngày thụ lý'), daysAgo(9)), 'Đã thụ lý');
      await runCommand(
        page,
        'Ghi nhận đối thoại',
        async (d) => {
          await typeDate(d.getByLabel(/Ngày thông báo đối thoại/), daysAgo(8));
          await d
            .getByLabel('Thành phần tham dự (mỗi người một dòng)')
            .fill('Phạm Văn Hùng\nHoàng Văn Thắng');
          await d
            .getByLabel('Biên bản đối thoại')
            .fill('Công dân trình bày; cán bộ giải thích căn cứ cấp giấy.');
        },
        'Đã thụ lý',
      );
      await page.getByText('Công dân trình bày; cán bộ giải thích căn cứ cấp giấy.').waitFor();
      await runCommand(
        page,
        'Ban hành quyết định/kết luận',
        async (d) => {
          await d.getByLabel('Số quyết định/kết luận').fill('25/QĐ-UBND');
          await d.getByLabel('Tóm tắt nội dung quyết định').fill('Giữ nguyên việc cấp giấy chứng nhận.');
        },
        'Đã giải quyết',
      );
      await runCommand(page, 'Kết thúc hồ sơ', async () => undefined, 'Đã kết thúc');
      await page.getByText('25/QĐ-UBND').waitFor();
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the supervisor sees the overdue board and exports it as CSV',
    async () => {
      const page = await signedIn('Ngô Thị Thu');
      await page.getByRole('menuitem', { name: 'Giám sát thời hạn' }).click();
      await page.locator('tr.row-overdue').first().waitFor();
      await expectAccessible(page, 'Giám sát thời hạn');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Xuất CSV' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/^ho-so-qua-han-nb-\d{4}-\d{2}-\d{2}\.csv$/);
      const path = await file.path();
      const csv = readFileSync(path, 'utf8');
      expect(csv.split('\n').length).toBeGreaterThan(2);
      // The letters nobody has classified yet, oldest first.
      await page.getByRole('tab', { name: /Chưa phân loại/ }).click();
      await page.getByRole('tabpanel').getByRole('link').first().waitFor();
      await screenshot(page, '15-chua-phan-loai');
      await page.getByRole('menuitem', { name: 'Cơ cấu tổ chức' }).click();
      await page.getByText('UBND tỉnh Ninh Bình').first().waitFor();
      await expectAccessible(page, 'Cơ cấu tổ chức');
      await page.getByRole('menuitem', { name: 'Trách nhiệm người đứng đầu' }).click();
      await page
        .getByRole('heading', { name: /Trách nhiệm/ })
        .first()
        .waitFor();
      await expectAccessible(page, 'Trách nhiệm người đứng đầu');
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the head schedules a reception session and records that it was held',
    async () => {
      const page = await signedIn('Trần Minh Đức');
      await page.getByRole('menuitem', { name: 'Lịch tiếp công dân' }).click();
      await page.getByRole('button', { name: 'Lên lịch' }).waitFor();
      // The month's calendar, read from GET /reception-sessions (the demo may have sessions in it).
      await page.getByRole('heading', { name: /^Tháng \d{1,2}\/\d{4}$/ }).waitFor();
      await page.locator('.ant-table-tbody').waitFor();
      const today = daysAgo(0);
      const scheduled = page
        .getByRole('row')
        .filter({ hasText: today })
        .filter({ has: page.getByRole('button', { name: 'Ghi nhận đã tiếp' }) });
      const before = await scheduled.count();
      await expectAccessible(page, 'Lịch tiếp công dân');
      await page.getByRole('button', { name: 'Lên lịch' }).click();
      await scheduled.nth(before).waitFor();
      await scheduled.last().getByRole('button', { name: 'Ghi nhận đã tiếp' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Số lượt công dân được tiếp').fill('4');
      await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await scheduled.nth(before).waitFor({ state: 'detached' });
      await page
        .getByRole('row')
        .filter({ hasText: today })
        .filter({ hasText: 'Đã tổ chức' })
        .first()
        .waitFor();
      await screenshot(page, '11-tiep-cong-dan');
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the auditor finds an event altered in the database, reads the disclosures and the late entries, and signs out',
    async () => {
      expect(caseId).not.toBe('');
      // Someone with access to the database alters the classification of the case.
      const client = new pg.Client({ connectionString: world.db.url });
      await client.connect();
      try {
        const altered = await client.query(
          `UPDATE events SET data = jsonb_set(data, '{level}', '2') WHERE stream_id = $1 AND version = 2`,
          [`case-${caseId}`],
        );
        expect(altered.rowCount).toBe(1);
      } finally {
        await client.end();
      }
      const page = await signedIn('Phan Văn Kiên');
      await page.getByRole('menuitem', { name: 'Kiểm tra toàn vẹn' }).click();
      await page.getByLabel('Mã hồ sơ').fill(trackingCode);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByText('Tiếp nhận đơn', { exact: true }).first().waitFor();
      expect(await page.locator('.hash').count()).toBeGreaterThanOrEqual(6);
      await page.getByText('Nhật ký tiết lộ danh tính').waitFor();
      await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
      await page.getByText('Phát hiện dữ liệu bị sửa đổi').waitFor();
      await page.getByText(/Chuỗi băm bị đứt tại sự kiện phiên bản 2 /).waitFor();
      await screenshot(page, '13-kiem-tra-dut-chuoi');
      await expectAccessible(page, 'Kiểm tra toàn vẹn');
      // The letter was entered ten days after it arrived: a late entry, with who recorded it.
      await page.getByRole('menuitem', { name: 'Danh sách ghi muộn' }).click();
      await page.getByRole('link', { name: trackingCode }).first().waitFor();
      await page.getByRole('cell', { name: 'Nguyễn Thị Mai' }).first().waitFor();
      await screenshot(page, '14-ghi-muon');
      await expectAccessible(page, 'Danh sách ghi muộn');
      // Signing out ends the console's session and the provider's.
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((u) => u.origin === world.provider.issuer);
      await page.getByRole('button', { name: 'Đăng xuất' }).click(); // the provider's page
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.goto(`${world.base}/kiem-tra`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản cơ quan' }).waitFor();
      await screenshot(page, '17-dang-nhap-co-quan');
      await expectAccessible(page, 'Đăng nhập');
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the administrator creates a unit and appoints its head, reloading once when the unit changed meanwhile',
    async () => {
      const page = await signedIn('Quản trị viên');
      await page.getByRole('menuitem', { name: 'Quản trị' }).click();
      await page
        .getByRole('row', { name: /UBND tỉnh Ninh Bình/ })
        .first()
        .waitFor();
      await expectAccessible(page, 'Quản trị');
      await page.getByRole('button', { name: 'Thêm đơn vị' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Tên đơn vị').fill('UBND xã Thử Nghiệm');
      await chooseOption(page, dialog.getByLabel('Cấp', { exact: true }), 'Cấp xã');
      await chooseOption(page, dialog.getByLabel('Đơn vị cấp trên'), 'UBND tỉnh Ninh Bình (nb)');
      await dialog.getByLabel(/Mã đơn vị/).fill('nb-thunghiem');
      await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const row = page.getByRole('row', { name: /nb-thunghiem/ });
      await row.waitFor();

      await row.getByRole('button', { name: 'Bổ nhiệm' }).click();
      await dialog.getByLabel('Họ và tên').fill('Vũ Thị Lan');
      await dialog.getByLabel('Mã cán bộ').fill('ct-thunghiem');
      // Meanwhile someone renames the unit: the appointment is sent with the version the dialog read.
      const token = await page.evaluate(
        async () =>
          ((await (await fetch('/api/v1/auth/token', { method: 'POST' })).json()) as { token: string }).token,
      );
      const renamed = await fetch(`${world.base}/api/v1/units/nb-thunghiem`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'UBND xã Thử Nghiệm Mới' }),
      });
      expect(renamed.status).toBe(200);
      await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
      await dialog.getByText('Đơn vị vừa được người khác cập nhật').waitFor();
      await dialog.getByRole('button', { name: 'Tải lại đơn vị' }).click();
      expect(await dialog.getByLabel('Họ và tên').inputValue()).toBe('Vũ Thị Lan');
      await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page
        .getByRole('row', { name: /nb-thunghiem/ })
        .getByText('Vũ Thị Lan')
        .waitFor();
      await page.getByRole('row', { name: /UBND xã Thử Nghiệm Mới/ }).waitFor();
      await screenshot(page, '16-quan-tri');
      await closeTab(page);
    },
    LONG,
  );
});
