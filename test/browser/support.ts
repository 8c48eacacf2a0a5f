/**
 * What the browser specs share: the server as `npm start` composes it (apps/api/src/all-in-one.ts,
 * started as its own process), Debian's Chromium driven by playwright-core, a tab in Vietnamese on
 * Vietnam time, and signing in (the demo sign-in on the embedded database; OpenID Connect through a
 * provider the test starts, see oidc-provider.ts).
 *
 * The specs need /usr/bin/chromium and the console's build (dist/console, made by `npm run build`):
 * in CI a missing one fails the run; elsewhere the suite says it is skipped.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { DEMO_OFFICIALS } from '../../libs/application/src/index.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { OIDC_TEST_SCOPES, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../support/ts-register.mjs', import.meta.url));
const MAIN = fileURLToPath(new URL('../../apps/api/src/all-in-one.ts', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const CONSOLE_DIR = join(ROOT, 'dist/console');

/** A browser test's time limit (server start-up, Chromium start-up, a role's whole path). */
export const LONG = 300_000;

/** `describe` when Chromium and the console's build are here, `describe.skip` (with a word) when not. */
export function browserSuite(what: string): typeof describe {
  const ready = existsSync(CHROMIUM) && existsSync(join(CONSOLE_DIR, 'index.html'));
  if (!ready && process.env.CI)
    throw new Error('CI needs /usr/bin/chromium and the console build (npm run build)');
  if (!ready) console.warn(`${what}: skipped, /usr/bin/chromium or dist/console is missing`);
  return ready ? describe : (describe.skip as typeof describe);
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export interface ConsoleServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  port: number;
  /** The embedded database's folder (and the secrets'), removed by stop(). */
  dataDir: string;
  /** What the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `npm start`'s composition (API, worker, the console's build) on a free port, with its own
 * DATA_DIR, and waits for its "Console:" line (printed once demo data, if any, is seeded).
 * `env` adds to or overrides the defaults (development, quiet logs, no rate limit).
 */
export async function startServer(env: Record<string, string> = {}, port?: number): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'donthu-browser-'));
  const p = port ?? (await freePort());
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', REGISTER, MAIN], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      CONSOLE_DIR,
      RATE_LIMIT_PER_MIN: '0',
      PORT: String(p),
      HOST: '127.0.0.1',
      ...env,
    },
  });
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + 240_000;
  while (!output.includes('Console:')) {
    if (Date.now() > until || child.exitCode !== null) {
      await stop();
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { base: `http://127.0.0.1:${p}`, port: p, dataDir, output: () => output, stop };
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
}

/** A tab of its own (own cookies) in Vietnamese, on Vietnam time, on a desk-sized screen. */
export async function newTab(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 900 },
    ...options,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Closes a tab made by newTab, with its context (its cookies). */
export async function closeTab(page: Page): Promise<void> {
  await page.context().close();
}

/** A fresh tab signed in through the demo sign-in as one demo official, on the home page. */
export async function signInDemo(browser: Browser, base: string, name: string): Promise<Page> {
  const page = await newTab(browser);
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: new RegExp(`Đăng nhập với tư cách ${name}`) }).click();
  await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();
  return page;
}

/** A date `days` before today in Vietnam, as the console's date fields take it (dd/MM/yyyy). */
export function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  const iso = d.toISOString().slice(0, 10);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** Types a date into an Ant Design date field and leaves it (Enter would submit the form). */
export async function typeDate(field: Locator, value: string): Promise<void> {
  await field.click();
  await field.fill(value);
  await field.press('Tab');
  expect(await field.inputValue()).toBe(value);
  // No wait for the calendar to finish closing: expectAccessible waits until nothing is fading.
}

/**
 * A fresh tab signed in through the agency's OpenID Connect provider (test/support/oidc-provider.ts):
 * the console's button, the provider's sign-in form (login = the official's id), back to the console.
 */
export async function signInOidc(browser: Browser, base: string, login: string, name: string): Promise<Page> {
  const page = await newTab(browser);
  await page.goto(`${base}/`);
  await page.getByRole('link', { name: 'Đăng nhập bằng tài khoản cơ quan' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('mat-khau');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('heading', { name: `Xin chào, ${name}` }).waitFor();
  return page;
}

/**
 * The page as it stands passes axe-core's WCAG checks with no serious or critical violation (the
 * violations found are listed in the failure). Disabled date-picker days are left out (inactive).
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  // Let the page settle: no spinner, no skeleton.
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  // And no element still fading in or out (a calendar closing, a toast appearing): axe would measure
  // its contrast halfway through the animation. Endless animations (a status dot) are not waited for.
  await page
    .waitForFunction(
      () =>
        document
          .getAnimations()
          .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
      undefined,
      { timeout: 5000 },
    )
    .catch(() => undefined);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // A date picker's disabled days (outside the allowed range) are inactive controls, which WCAG
    // 1.4.3 exempts from the contrast minimum; axe cannot tell them from text.
    .exclude('.ant-picker-cell-disabled')
    .analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes.slice(0, 5).map((n) => {
        // For contrast, the colours axe measured.
        const data = n.any[0]?.data as
          { fgColor?: string; bgColor?: string; contrastRatio?: number } | undefined;
        const colours = data?.fgColor ? ` [${data.fgColor} on ${data.bgColor}, ${data.contrastRatio}:1]` : '';
        return `${n.target.join(' ')}${colours}`;
      });
      return `${v.id} (${v.impact}): ${v.help} — ${nodes.join(', ')}`;
    });
  expect({ page: what, violations: bad }).toEqual({ page: what, violations: [] });
}

/**
 * Chooses an option of an Ant Design select by its text, and checks the select shows it (a click
 * during the dropdown's opening animation can miss: it is tried again, up to three times).
 */
export async function chooseOption(page: Page, field: Locator, option: string): Promise<void> {
  const select = field.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  for (let attempt = 0; attempt < 3; attempt++) {
    await field.click();
    const item = page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ has: page.getByText(option, { exact: true }) })
      .first();
    await item.waitFor();
    await item.click();
    if ((await select.textContent())?.includes(option)) return;
  }
  throw new Error(`the select did not take "${option}"`);
}

/**
 * With CONSOLE_SCREENSHOTS=1, saves the page as docs/console/<name>.png (the pictures of
 * docs/console.md); otherwise does nothing.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!process.env.CONSOLE_SCREENSHOTS) return;
  await page.screenshot({ path: join(ROOT, 'docs/console', `${name}.png`) });
}

/** The console served with demo data on a fresh database, signing in through a real OIDC provider. */
export interface OidcConsole {
  base: string;
  browser: Browser;
  db: TestDatabase;
  provider: TestOidcProvider;
  /** A fresh tab signed in as the demo official of that name, through the provider. */
  signedIn(name: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * One call for a browser suite: a fresh database, an OIDC provider knowing the demo officials, the
 * server (all-in-one, demo data) signing in through it, and Chromium.
 */
export async function startOidcConsole(): Promise<OidcConsole> {
  const db = await freshDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({
    accounts: DEMO_OFFICIALS.map((o) => ({ sub: o.id, name: o.name, roles: [o.role], unitId: o.unitId })),
    redirectUris: [`${base}/api/v1/auth/oidc/callback`],
    postLogoutRedirectUris: [`${base}/dang-nhap`],
  });
  const server = await startServer(
    {
      DATABASE_URL: db.url,
      DONTHU_DEMO: '1',
      PUBLIC_URL: base,
      OIDC_ISSUER_URL: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_SCOPES: OIDC_TEST_SCOPES,
    },
    port,
  );
  const browser = await launchChromium();
  return {
    base,
    browser,
    db,
    provider,
    signedIn(name) {
      const official = DEMO_OFFICIALS.find((o) => o.name === name);
      if (!official) throw new Error(`no demo official ${name}`);
      return signInOidc(browser, base, official.id, name);
    },
    async close() {
      await browser.close();
      await server.stop();
      await provider.close();
      await db.drop();
    },
  };
}
