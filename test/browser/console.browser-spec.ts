/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the server as
 * `npm start` composes it (apps/api/src/all-in-one.ts: API, worker, the console's build, demo data and
 * the demo sign-in on the embedded database). Each role's main path once. See support.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  browserSuite,
  closeTab,
  daysAgo,
  launchChromium,
  LONG,
  newTab,
  signInDemo,
  startServer,
  typeDate,
  type ConsoleServer,
} from './support.js';

const suite = browserSuite('console browser tests');

suite('the console in Chromium, each role once', () => {
  let server: ConsoleServer;
  let base = '';
  let browser: Browser;
  /** The case the desk registers and the handler carries to its end. */
  let trackingCode = '';

  beforeAll(async () => {
    server = await startServer({ DEMO_SIGN_IN: '1' });
    base = server.base;
    browser = await launchChromium();
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, LONG);

  const signedIn = (name: string) => signInDemo(browser, base, name);

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
    'the demo sign-in lists an official of every role, returns to the page asked for, and signs out',
    async () => {
      const page = await newTab(browser);
      await page.goto(`${base}/ho-so-cua-toi`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.locator('.ant-card .ant-tag').first().waitFor();
      for (const role of [
        'Tiếp nhận đơn',
        'Xử lý đơn',
        'Thủ trưởng',
        'Giám sát',
        'Thanh tra, kiểm toán',
        'Quản trị',
      ])
        expect(await page.locator('.ant-card .ant-tag', { hasText: role }).count()).toBeGreaterThan(0);
      // Signing in returns to the page asked for; signing out ends the server's session (a reload stays out).
      await page.getByRole('button', { name: /Đăng nhập với tư cách Hoàng Văn Thắng/ }).click();
      await page.getByRole('heading', { name: 'Hồ sơ tôi xử lý' }).waitFor();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.goto(`${base}/ho-so-cua-toi`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the desk registers a letter and sees its receipt',
    async () => {
      const page = await signedIn('Nguyễn Thị Mai');
      await page.getByRole('menuitem', { name: 'Tiếp nhận đơn' }).click();
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
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the handler classifies, accepts, holds a dialogue, resolves and closes',
    async () => {
      expect(trackingCode).not.toBe('');
      const page = await signedIn('Hoàng Văn Thắng');
      await openCase(page, trackingCode);
      await expect(page.getByTestId('letter-text').textContent()).resolves.toContain('thửa đất số 15');
      await runCommand(
        page,
        'Phân loại đơn',
        async (d) => {
          await d.getByLabel('Loại đơn', { exact: true }).click();
          await page.locator('.ant-select-dropdown:visible').getByText('Khiếu nại', { exact: true }).click();
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
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Xuất CSV' }).click(),
      ]);
      expect(file.suggestedFilename()).toMatch(/^ho-so-qua-han-nb-\d{4}-\d{2}-\d{2}\.csv$/);
      const path = await file.path();
      const csv = readFileSync(path, 'utf8');
      expect(csv.split('\n').length).toBeGreaterThan(2);
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the head schedules a reception session and records that it was held',
    async () => {
      const page = await signedIn('Trần Minh Đức');
      await page.getByRole('menuitem', { name: 'Lịch tiếp công dân' }).click();
      await page.getByRole('button', { name: 'Lên lịch' }).click();
      await page.getByRole('button', { name: 'Ghi nhận đã tiếp' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Số lượt công dân được tiếp').fill('4');
      await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.locator('td', { hasText: 'Đã tổ chức' }).waitFor();
      await closeTab(page);
    },
    LONG,
  );

  it(
    'the auditor reads the history with its hashes and verifies the chain',
    async () => {
      expect(trackingCode).not.toBe('');
      const page = await signedIn('Phan Văn Kiên');
      await page.getByRole('menuitem', { name: 'Kiểm tra toàn vẹn' }).click();
      await page.getByLabel('Mã hồ sơ').fill(trackingCode);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByText('Tiếp nhận đơn', { exact: true }).first().waitFor();
      expect(await page.locator('.hash').count()).toBeGreaterThanOrEqual(6);
      await page.getByRole('button', { name: 'Kiểm tra chuỗi băm' }).click();
      await page.getByText('Chuỗi băm toàn vẹn').waitFor();
      await closeTab(page);
    },
    LONG,
  );
});
