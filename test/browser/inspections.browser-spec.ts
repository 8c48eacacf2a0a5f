/**
 * The inspections page in a real browser (Debian's Chromium driven by playwright-core) against the
 * server as `npm start` composes it, on PostgreSQL (DATABASE_URL; without it, PGlite served over TCP)
 * with the demo organisation, officials signing in through the OpenID Connect provider the test starts
 * (as console.browser-spec.ts). The province's chairman decides an inspection of a department by the
 * provincial inspectorate and concludes it with a recommendation reported on every 3 months; the
 * handler of the province (whose scope covers the department) reports progress; the supervisor finds
 * the recommendation on the follow-up board. Every page on the way passes axe-core.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  browserSuite,
  chooseOption,
  closeTab,
  daysAgo,
  expectAccessible,
  LONG,
  typeDate,
  startOidcConsole,
  type OidcConsole,
} from './support.js';

if (process.env.CI && !process.env.DATABASE_URL)
  throw new Error('CI runs the console browser tests on PostgreSQL: set DATABASE_URL');
const suite = browserSuite('inspections browser tests');

const TITLE = 'Thanh tra việc cấp phép xây dựng năm 2026';
const RECOMMENDATION = 'Thu hồi các giấy phép xây dựng cấp sai quy định';

suite('the inspections page in Chromium: decide, conclude, report, follow up', () => {
  let world: OidcConsole;

  beforeAll(async () => {
    world = await startOidcConsole();
  }, LONG);

  afterAll(async () => {
    await world?.close();
  }, LONG);

  const signedIn = (name: string) => world.signedIn(name);

  /** Fills a command's dialog, sends it, and waits for it to close (or says what it showed). */
  async function send(page: Page, what: string, fill: (dialog: Locator) => Promise<void>) {
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: 'Ghi nhận' }).click();
    await dialog.waitFor({ state: 'hidden' }).catch(async (err: unknown) => {
      await page.screenshot({ path: join(tmpdir(), 'donthu-inspections-failure.png') });
      const shown = await dialog.locator('.ant-alert, .ant-form-item-explain').allTextContents();
      throw new Error(`${what}: the form stayed open (${shown.join(' | ')}): ${String(err)}`);
    });
  }

  /**
   * Chooses a unit in a searchable select by typing its name first (the list of units is long: an
   * option below the dropdown's fold is not visible), then as chooseOption does.
   */
  async function chooseUnit(page: Page, field: Locator, name: string) {
    await field.click();
    await field.fill(name);
    await chooseOption(page, field, name);
  }

  async function openInspection(page: Page) {
    await page.getByRole('menuitem', { name: 'Thanh tra, kiểm tra' }).click();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: `Thanh tra: ${TITLE}` }).waitFor();
  }

  it(
    'the chairman decides an inspection and concludes it; the handler reports progress; the supervisor follows it up',
    async () => {
      const chair = await signedIn('Trần Minh Đức');
      await chair.getByRole('menuitem', { name: 'Thanh tra, kiểm tra' }).click();
      await chair.getByRole('heading', { name: 'Thanh tra, kiểm tra' }).waitFor();
      // The demo organisation's inspection of a commune is listed.
      await chair.locator('.ant-table-row').first().waitFor();
      await expectAccessible(chair, 'Thanh tra, kiểm tra');

      await chair.getByRole('button', { name: 'Quyết định thanh tra, kiểm tra' }).click();
      await send(chair, 'decide', async (d) => {
        await d.getByLabel('Tên cuộc thanh tra, kiểm tra').fill(TITLE);
        await chooseUnit(chair, d.getByLabel('Đơn vị chủ trì (cơ quan thanh tra)'), 'Thanh tra tỉnh');
        await chooseUnit(chair, d.getByLabel('Đơn vị được thanh tra, kiểm tra'), 'Sở Xây dựng');
        await typeDate(d.getByLabel('Ngày ban hành quyết định'), daysAgo(40));
      });
      await chair.getByRole('heading', { name: `Thanh tra: ${TITLE}` }).waitFor();
      await chair.locator('.ant-tag', { hasText: 'Đã quyết định' }).first().waitFor();
      await expectAccessible(chair, 'Cuộc thanh tra (đã quyết định)');

      await chair.getByRole('button', { name: 'Ban hành kết luận' }).click();
      await send(chair, 'conclude', async (d) => {
        await typeDate(d.getByLabel('Ngày ký kết luận'), daysAgo(10));
        await d.getByLabel('Nội dung kết luận').fill('Có 3 giấy phép xây dựng cấp không đúng quy hoạch.');
        await d.getByLabel('Nội dung kiến nghị').fill(RECOMMENDATION);
        // The owner unit is the inspected department, reporting every 3 months (the form's defaults).
        expect(await d.locator('.ant-select', { hasText: 'Sở Xây dựng' }).count()).toBe(1);
        await expectAccessible(chair, 'Ban hành kết luận');
      });
      await chair.locator('.ant-tag', { hasText: 'Đã kết luận' }).first().waitFor();
      await chair.getByRole('cell', { name: RECOMMENDATION }).waitFor();
      await chair.getByRole('cell', { name: /^Ban hành kết luận/ }).waitFor();
      // The chairman leads: the directive and the closure are offered to him.
      await chair.getByRole('button', { name: 'Ghi nhận chỉ đạo thực hiện' }).waitFor();
      await expectAccessible(chair, 'Cuộc thanh tra (đã kết luận)');
      await closeTab(chair);

      const handler = await signedIn('Hoàng Văn Thắng');
      await openInspection(handler);
      // A handler does not conclude, direct or close.
      expect(await handler.getByRole('button', { name: 'Kết thúc theo dõi' }).count()).toBe(0);
      expect(await handler.getByRole('button', { name: 'Không yêu cầu thực hiện tiếp' }).count()).toBe(0);
      await handler.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
      await send(handler, 'report', async (d) => {
        await d.getByLabel('Kết quả thực hiện').fill('Đã thu hồi 2 trên 3 giấy phép.');
      });
      await handler.getByRole('cell', { name: /^Báo cáo tiến độ/ }).waitFor();
      await handler
        .locator('.ant-table-row', { hasText: RECOMMENDATION })
        .locator('.ant-table-row-expand-icon')
        .click();
      await handler.getByText('Đã thu hồi 2 trên 3 giấy phép.').waitFor();
      await expectAccessible(handler, 'Cuộc thanh tra (báo cáo tiến độ)');
      // No follow-up board for a handler.
      await handler.getByRole('menuitem', { name: 'Thanh tra, kiểm tra' }).click();
      await handler.getByRole('heading', { name: 'Thanh tra, kiểm tra' }).waitFor();
      expect(await handler.getByRole('tab', { name: 'Theo dõi thực hiện kiến nghị' }).count()).toBe(0);
      await closeTab(handler);

      const supervisor = await signedIn('Ngô Thị Thu');
      await supervisor.getByRole('menuitem', { name: 'Thanh tra, kiểm tra' }).click();
      await supervisor.getByRole('tab', { name: 'Theo dõi thực hiện kiến nghị' }).click();
      const row = supervisor.locator('.ant-table-row', { hasText: RECOMMENDATION });
      await row.waitFor();
      expect(await row.textContent()).toContain('Sở Xây dựng');
      expect(await row.textContent()).toContain('3 tháng một lần');
      expect(await row.textContent()).toContain(daysAgo(0)); // the last report: today's
      // No command for a supervisor.
      expect(await supervisor.getByRole('button', { name: 'Quyết định thanh tra, kiểm tra' }).count()).toBe(
        0,
      );
      await expectAccessible(supervisor, 'Theo dõi thực hiện kiến nghị');
      await closeTab(supervisor);
    },
    LONG,
  );
});
