/**
 * The statistics page in a real browser (Debian's Chromium driven by playwright-core) against the
 * server as `npm start` composes it (demo data, demo sign-in): a supervisor opens the province's
 * current quarter, sees the tables and charts, drills into a figure and exports the XLSX to file.
 * Needs /usr/bin/chromium and the console's build (dist/console, made by `npm run build`); outside CI
 * the suite says it is skipped when either is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('../../apps/api/src/all-in-one.ts', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CONSOLE_DIR = join(ROOT, 'dist/console');
const ready = existsSync(CHROMIUM) && existsSync(join(CONSOLE_DIR, 'index.html'));
if (!ready && process.env.CI)
  throw new Error('CI needs /usr/bin/chromium and the console build (npm run build)');
const suite = ready ? describe : describe.skip;
if (!ready) console.warn('statistics browser tests skipped: /usr/bin/chromium or dist/console is missing');

const LONG = 120_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

suite('the statistics page in Chromium', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base = '';
  let browser: Browser;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-console-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['--import', REGISTER, MAIN], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        LOG_LEVEL: 'silent',
        DATA_DIR: dataDir,
        DEMO_SIGN_IN: '1',
        CONSOLE_DIR,
        RATE_LIMIT_PER_MIN: '0',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
    });
    child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    const until = Date.now() + 100_000;
    while (!output.includes('Console:')) {
      if (Date.now() > until || child.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, LONG);

  /** A fresh tab signed in as one demo official (the session lives in the tab's memory only). */
  async function signedIn(name: string): Promise<Page> {
    const page = await browser.newPage({
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1366, height: 900 },
    });
    page.setDefaultTimeout(20_000);
    await page.goto(`${base}/`);
    await page.getByRole('button', { name: new RegExp(`Đăng nhập với tư cách ${name}`) }).click();
    await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();
    return page;
  }

  it(
    'a supervisor opens the quarter of the province, drills into a figure and exports the XLSX',
    async () => {
      const page = await signedIn('Ngô Thị Thu');
      await page.getByRole('menuitem', { name: 'Thống kê, báo cáo' }).click();
      await page.getByRole('heading', { name: 'Thống kê, báo cáo định kỳ' }).waitFor();
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
      const file = join(dataDir, 'bao-cao.xlsx');
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
      await page.close();
    },
    LONG,
  );
});
