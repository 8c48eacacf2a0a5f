/**
 * The console in a real browser (Debian's Chromium driven by playwright-core) against the server as
 * `npm start` composes it (apps/api/src/all-in-one.ts: API, worker, the console's build, demo data and
 * the demo sign-in on the embedded database). Each role's main path once.
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
if (!ready) console.warn('console browser tests skipped: /usr/bin/chromium or dist/console is missing');

const LONG = 120_000;

/** A date `days` before today in Vietnam, as the console's date fields take it (dd/MM/yyyy). */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  const iso = d.toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Types a date into an Ant Design date field and leaves it (Enter would submit the form). */
async function typeDate(field: ReturnType<Page['getByLabel']>, value: string) {
  await field.click();
  await field.fill(value);
  await field.press('Tab');
  expect(await field.inputValue()).toBe(value);
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

suite('the console in Chromium, each role once', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base = '';
  let browser: Browser;
  let output = '';
  /** The case the desk registers and the handler carries to its end. */
  let trackingCode = '';

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
    'the sign-in page lists an official of every role',
    async () => {
      const page = await browser.newPage();
      await page.goto(`${base}/ho-so-cua-toi`);
      await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
      for (const role of [
        'Tiếp nhận đơn',
        'Xử lý đơn',
        'Thủ trưởng',
        'Giám sát',
        'Thanh tra, kiểm toán',
        'Quản trị',
      ])
        expect(await page.locator('.ant-card .ant-tag', { hasText: role }).count()).toBeGreaterThan(0);
      await page.close();
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
      await page.getByRole('menuitem', { name: 'Tra cứu hồ sơ' }).click();
      await page.getByLabel('Mã hồ sơ, trích yếu hoặc nội dung').fill(trackingCode);
      await page.getByRole('button', { name: 'Tìm kiếm' }).click();
      await page.getByRole('link', { name: trackingCode }).waitFor();
      await page.close();
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
      await page.close();
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
      await page.close();
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
      await page.close();
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
      await page.close();
    },
    LONG,
  );
});
