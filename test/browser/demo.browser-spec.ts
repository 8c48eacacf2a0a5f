/**
 * `npm start` as a newcomer meets it, in a real browser (Debian's Chromium driven by playwright-core):
 * the embedded database with the demo organisation and the demo sign-in (DEMO_SIGN_IN=1). The demo
 * sign-in (a reload keeps the session, signing out ends it), and the statistics page: a supervisor
 * opens the province's current quarter, sees the tables and charts, drills into a figure and exports
 * the XLSX to file. See support.ts; the roles' paths through OpenID Connect: console.browser-spec.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import {
  browserSuite,
  closeTab,
  expectAccessible,
  newTab,
  launchChromium,
  LONG,
  signInDemo,
  startServer,
  type ConsoleServer,
} from './support.js';

const suite = browserSuite('demo browser tests');

suite('npm start in Chromium: the demo sign-in and the statistics page', () => {
  let server: ConsoleServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer({ DEMO_SIGN_IN: '1' });
    browser = await launchChromium();
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, LONG);

  const signedIn = (name: string) => signInDemo(browser, server.base, name);

  it(
    'the demo sign-in lists an official of every role, returns to the page asked for, survives a reload, and signs out',
    async () => {
      const page = await newTab(browser);
      await page.goto(`${server.base}/ho-so-cua-toi`);
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
      // No OpenID Connect provider on this server: no button for it.
      expect(await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản cơ quan' }).count()).toBe(0);
      await expectAccessible(page, 'Đăng nhập (thử nghiệm)');
      await page.getByRole('button', { name: /Đăng nhập với tư cách Hoàng Văn Thắng/ }).click();
      await page.getByRole('heading', { name: 'Hồ sơ tôi xử lý' }).waitFor();
      // A reload keeps the official signed in (the token comes again from the server's session) and
      // nothing is kept in browser storage.
      await page.reload();
      await page.getByRole('heading', { name: 'Hồ sơ tôi xử lý' }).waitFor();
      expect(
        await page.evaluate(
          () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
        ),
      ).toBe('{}{}');
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await page.goto(`${server.base}/ho-so-cua-toi`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      await closeTab(page);
    },
    LONG,
  );

  it(
    'a supervisor opens the quarter of the province, drills into a figure and exports the XLSX',
    async () => {
      const page = await signedIn('Ngô Thị Thu');
      await page.getByRole('menuitem', { name: 'Thống kê, báo cáo' }).click();
      await page.getByRole('heading', { name: 'Thống kê, báo cáo định kỳ' }).waitFor();
      await expectAccessible(page, 'Thống kê, báo cáo');
      await page.getByText(/UBND tỉnh Ninh Bình: kỳ báo cáo \d{4}-Q[1-4], từ ngày/).waitFor();
      // The three charts are drawn.
      for (const label of [
        'Đơn tiếp nhận theo loại: kỳ này, kỳ trước, cùng kỳ năm trước',
        'Giải quyết đúng hạn và quá hạn theo đơn vị',
        'Hồ sơ tồn cuối kỳ đã quá hạn theo đơn vị',
      ])
        await page.getByRole('img', { name: label }).locator('canvas').first().waitFor();
      // The demo letters were received in this quarter: the figure opens the list of its cases.
      const row = page.getByRole('row', { name: /^Tổng số đơn tiếp nhận/ });
      const total = Number((await row.getByRole('button').first().textContent())?.trim());
      expect(total).toBeGreaterThan(0);
      await row.getByRole('button').first().click();
      const drawer = page.getByRole('dialog');
      await drawer.getByText('Tổng số đơn tiếp nhận').waitFor();
      await drawer.getByRole('link', { name: /^NB/ }).first().waitFor();
      expect(await drawer.getByRole('link', { name: /^NB/ }).count()).toBe(Math.min(total, 10));
      await drawer
        .getByRole('button', { name: 'Close' })
        .click()
        .catch(() => page.keyboard.press('Escape'));
      // Export: the XLSX a clerk files.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: /Xuất Excel/ }).click(),
      ]);
      const file = join(server.dataDir, 'bao-cao.xlsx');
      await download.saveAs(file);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toEqual([
        'Tổng hợp',
        'Tiếp công dân',
        'Tiếp nhận đơn',
        'Xử lý đơn',
        'Giải quyết',
      ]);
      const summary = wb.getWorksheet('Tổng hợp')!;
      expect(summary.getCell('A1').value).toBe('CƠ QUAN, ĐƠN VỊ: UBND tỉnh Ninh Bình');
      expect(summary.getRow(9).getCell(1).value).toBe('received.total');
      expect(summary.getRow(9).getCell(3).value).toBe(total);
      await closeTab(page);
    },
    LONG,
  );
});
