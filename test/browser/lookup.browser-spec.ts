/**
 * The citizen's lookup page (/tra-cuu) in Chromium on a phone-sized screen (390×844), against the
 * server as `npm start` composes it: a letter registered at the desk, then the QR code's address
 * (`/tra-cuu?ma=<code>#pin=<PIN>`) opened without signing in. Needs /usr/bin/chromium and the
 * console's build (dist/console); outside CI the suite says it is skipped when either is missing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { signDevToken } from '../../libs/security/src/auth/dev-token.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('../../apps/api/src/all-in-one.ts', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const CONSOLE_DIR = join(ROOT, 'dist/console');
const SECRET = 'lookup-browser-secret-lookup-browser-secret-0123';
const ready = existsSync(CHROMIUM) && existsSync(join(CONSOLE_DIR, 'index.html'));
if (!ready && process.env.CI)
  throw new Error('CI needs /usr/bin/chromium and the console build (npm run build)');
const suite = ready ? describe : describe.skip;
if (!ready) console.warn('lookup browser test skipped: /usr/bin/chromium or dist/console is missing');

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

suite('the citizen reads their case on a phone (Chromium, 390×844)', () => {
  let child: ChildProcess;
  let dataDir: string;
  let base = '';
  let browser: Browser;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-lookup-'));
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
        CONSOLE_DIR,
        AUTH_JWT_SECRET: SECRET,
        RATE_LIMIT_PER_MIN: '0',
        PUBLIC_URL: base,
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

  it(
    'opens the QR code address, reads the status in plain Vietnamese, and refuses a wrong PIN',
    async () => {
      const token = await signDevToken(
        { sub: 'tiepdan-test', name: 'Cán bộ tiếp dân', roles: ['reception'], unitId: 'nb' },
        SECRET,
        { expiresIn: '1h' },
      );
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
      const registered = await fetch(`${base}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          receivedAt: today,
          channel: 'in_person',
          receivingUnitId: 'nb',
          petitioners: [{ fullName: 'Phạm Thị Hoa' }],
          subject: 'Kiến nghị sửa đường liên thôn',
          content: 'Đường hư hỏng nặng.',
        }),
      });
      expect(registered.status).toBe(201);
      const { trackingCode, receipt } = (await registered.json()) as {
        trackingCode: string;
        receipt: { lookupUrl: string; lookupPin: string; receivingUnitName: string };
      };
      // The lookup reads the case summaries: wait until they hold the new case.
      await fetch(`${base}/api/v1/cases?q=${trackingCode}&minPosition=1`, {
        headers: { authorization: `Bearer ${token}` },
      });

      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 2,
        isMobile: true,
        hasTouch: true,
        locale: 'vi-VN',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      expect(receipt.lookupUrl).toBe(`${base}/tra-cuu?ma=${trackingCode}`);
      await page.goto(`${receipt.lookupUrl}#pin=${receipt.lookupPin}`);

      await page.getByRole('heading', { name: 'Tra cứu hồ sơ khiếu nại, tố cáo, kiến nghị' }).waitFor();
      await page.getByText(`Hồ sơ ${trackingCode}`).waitFor();
      await expect(page.getByText('Đã tiếp nhận đơn', { exact: true }).isVisible()).resolves.toBe(true);
      await expect(page.getByText(receipt.receivingUnitName).isVisible()).resolves.toBe(true);
      const [y, m, d] = today.split('-');
      await expect(page.getByText(`${d}/${m}/${y}`).first().isVisible()).resolves.toBe(true);
      // The PIN left the address bar; it went to the API only as the lookup's query.
      expect(page.url()).toBe(receipt.lookupUrl);
      expect(
        requested
          .filter((u) => u.includes(receipt.lookupPin))
          .every((u) => u.includes('/api/v1/public/cases/')),
      ).toBe(true);
      // Fits the phone: nothing wider than the screen.
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);

      // A wrong PIN typed by hand.
      await page.getByLabel('Mã tra cứu (PIN)').fill('ABCDEFGH');
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      await page.getByText('Không tìm thấy hồ sơ').waitFor();
      await context.close();
    },
    LONG,
  );
});
