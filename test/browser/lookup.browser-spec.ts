/**
 * The citizen's lookup page (/tra-cuu) in Chromium on a phone-sized screen (390×844), against the
 * server as `npm start` composes it: a letter registered at the desk, then the QR code's address
 * (`/tra-cuu?ma=<code>#pin=<PIN>`) opened without signing in. See support.ts.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import { signDevToken } from '../../libs/security/src/index.js';
import {
  browserSuite,
  expectAccessible,
  freePort,
  launchChromium,
  LONG,
  startServer,
  type ConsoleServer,
} from './support.js';

const SECRET = 'lookup-browser-secret-lookup-browser-secret-0123';
const suite = browserSuite('lookup browser test');

suite('the citizen reads their case on a phone (Chromium, 390×844)', () => {
  let server: ConsoleServer;
  let base = '';
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await startServer({ AUTH_JWT_SECRET: SECRET, PUBLIC_URL: base }, port);
    browser = await launchChromium();
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
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
      await expectAccessible(page, 'Tra cứu hồ sơ (công dân)');
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
