import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { decodeJwt } from 'jose';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { createRuntime, type Runtime } from '../../libs/runtime/src/index.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { OIDC_TEST_SCOPES, startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { LONG } from '../support/index.js';

/**
 * The console's OpenID Connect sign-in over real HTTP (docs/security.md, "Console sessions"): the
 * API runs the authorization code flow with PKCE against a real provider (`oidc-provider`) started
 * here, keeps the session server-side behind an httpOnly cookie, issues its own 15-minute token from
 * it, and signing out ends both sessions.
 */

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** The hidden fields of a page's form (what a browser would post with it). */
function hiddenInputs(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1];
    if (name) out[name] = value ?? '';
  }
  return out;
}

/** A browser's cookies, enough for two hosts on one machine: name → value, per origin. */
class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();
  header(url: string): string {
    const c = this.cookies.get(new URL(url).origin);
    return c ? [...c].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }
  store(url: string, res: Response): void {
    const origin = new URL(url).origin;
    const c = this.cookies.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) c.delete(name);
      else c.set(name, value);
    }
    this.cookies.set(origin, c);
  }
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(url, res);
    return res;
  }
}

describe('OpenID Connect sign-in of the console (authorization code + PKCE, real provider)', () => {
  let db: TestDatabase;
  let runtime: Runtime;
  let app: INestApplication;
  let provider: TestOidcProvider;
  let dataDir: string;
  let base = '';

  beforeAll(async () => {
    db = await freshDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'donthu-oidc-'));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startOidcProvider({
      accounts: [
        { sub: 'cb-xuly', name: 'Hoàng Văn Thắng', roles: ['handler', 'offline_access'], unitId: 'nb' },
        { sub: 'khach', name: 'Người ngoài', roles: ['uma_authorization'] },
      ],
      redirectUris: [`${base}/api/v1/auth/oidc/callback`],
      postLogoutRedirectUris: [`${base}/dang-nhap`],
    });
    runtime = await createRuntime({
      role: 'cli',
      databaseUrl: db.url,
      env: {
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: 'oidc-test-secret-oidc-test-secret-0123456789',
        VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PER_MIN: '0',
        PUBLIC_URL: base,
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: provider.clientId,
        OIDC_CLIENT_SECRET: provider.clientSecret,
        OIDC_SCOPES: OIDC_TEST_SCOPES,
      },
    });
    app = await createApp(runtime, { logLevel: 'silent' });
    await app.listen(port, '127.0.0.1');
  }, LONG);

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await provider?.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, LONG);

  /**
   * A browser signing in as `login`: the console's sign-in address, the provider's redirects, its
   * login form, back to the console's callback. Answers the callback's answer.
   */
  async function signIn(jar: Jar, login: string, returnTo = '/ho-so'): Promise<Response> {
    const start = await jar.fetch(
      `${base}/api/v1/auth/oidc/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
    );
    expect(start.status).toBe(302);
    let url = start.headers.get('location')!;
    for (let hops = 0; hops < 10; hops++) {
      if (url.startsWith(`${base}/api/v1/auth/oidc/callback`)) return jar.fetch(url);
      const res = await jar.fetch(url);
      if (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        continue;
      }
      // The provider's login form.
      const html = await res.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      expect(action).toBeDefined();
      const posted = await jar.fetch(new URL(action!, url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hiddenInputs(html), login, password: 'mat-khau' }).toString(),
      });
      expect(posted.status).toBeGreaterThanOrEqual(300);
      url = new URL(posted.headers.get('location')!, url).href;
    }
    throw new Error('too many redirects');
  }

  it('says which sign-in methods this server has', async () => {
    const res = await fetch(`${base}/api/v1/auth/methods`);
    expect(await res.json()).toEqual({ demo: false, oidc: true });
  });

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const jar = new Jar();
    const res = await jar.fetch(`${base}/api/v1/auth/oidc/sign-in`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(provider.issuer);
    expect(to.searchParams.get('code_challenge_method')).toBe('S256');
    expect(to.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(to.searchParams.get('state')).toBeTruthy();
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(to.searchParams.get('redirect_uri')).toBe(`${base}/api/v1/auth/oidc/callback`);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('donthu_oidc='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it(
    'signs in, keeps the session server-side, issues 15-minute tokens from it, and signs out of both',
    async () => {
      const jar = new Jar();
      expect((await jar.fetch(`${base}/api/v1/auth/token`, { method: 'POST' })).status).toBe(401);

      const back = await signIn(jar, 'cb-xuly');
      expect(back.status).toBe(302);
      expect(back.headers.get('location')).toBe('/ho-so');
      const cookie = back.headers.getSetCookie().find((c) => c.startsWith('donthu_session='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/i);

      // What the console does on start-up (a reload) and when its token runs out.
      const issued = await jar.fetch(`${base}/api/v1/auth/token`, { method: 'POST' });
      expect(issued.status).toBe(200);
      const body = (await issued.json()) as { token: string; expiresAt: string; user: { sub: string } };
      const claims = decodeJwt(body.token);
      expect(claims).toMatchObject({
        sub: 'cb-xuly',
        name: 'Hoàng Văn Thắng',
        roles: ['handler'],
        unitId: 'nb',
      });
      expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(15 * 60);
      expect(body.user).toMatchObject({ sub: 'cb-xuly', roles: ['handler'], unitId: 'nb' });
      // The token is the API's bearer token.
      const cases = await fetch(`${base}/api/v1/cases`, {
        headers: { authorization: `Bearer ${body.token}` },
      });
      expect(cases.status).toBe(200);
      // A second token from the same session.
      expect((await jar.fetch(`${base}/api/v1/auth/token`, { method: 'POST' })).status).toBe(200);

      // Signing out ends the server session and answers the provider's end-session address.
      const out = await jar.fetch(`${base}/api/v1/auth/sign-out`, { method: 'POST' });
      expect(out.status).toBe(200);
      const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
      const end = new URL(endSessionUrl);
      expect(end.origin).toBe(provider.issuer);
      expect(end.searchParams.get('id_token_hint')).toBeTruthy();
      expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/dang-nhap`);
      expect((await jar.fetch(`${base}/api/v1/auth/token`, { method: 'POST' })).status).toBe(401);

      // The browser goes there and confirms: the provider's session ends, and it comes back to the console.
      const confirm = await jar.fetch(endSessionUrl);
      const html = await confirm.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      const done = await jar.fetch(new URL(action!, endSessionUrl).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...hiddenInputs(html), logout: 'yes' }).toString(),
      });
      let location = done.headers.get('location')!;
      for (let hops = 0; hops < 5 && !location.startsWith(base); hops++) {
        const next = await jar.fetch(new URL(location, provider.issuer).href);
        location = next.headers.get('location')!;
      }
      expect(location).toBe(`${base}/dang-nhap`);
      // Signing in again asks for the login again (the provider's session is gone).
      const again = await jar.fetch(`${base}/api/v1/auth/oidc/sign-in`);
      let url = again.headers.get('location')!;
      let res = await jar.fetch(url);
      while (res.status >= 300 && res.status < 400) {
        url = new URL(res.headers.get('location')!, url).href;
        expect(url.startsWith(`${base}/api/v1/auth/oidc/callback`)).toBe(false);
        res = await jar.fetch(url);
      }
      expect(await res.text()).toMatch(/name="login"/);
    },
    LONG,
  );

  it('refuses a callback replayed or without the browser that started it', async () => {
    const jar = new Jar();
    const start = await jar.fetch(`${base}/api/v1/auth/oidc/sign-in`);
    const state = new URL(start.headers.get('location')!).searchParams.get('state');
    // Another browser (no transaction cookie) arriving with that state.
    const other = await fetch(`${base}/api/v1/auth/oidc/callback?code=x&state=${state}`, {
      redirect: 'manual',
    });
    expect(other.status).toBe(302);
    expect(other.headers.get('location')).toBe('/dang-nhap?loi=het-han');
    expect(other.headers.getSetCookie().some((c) => c.startsWith('donthu_session='))).toBe(false);
  });

  it('refuses an account with no donthu role', async () => {
    const jar = new Jar();
    const back = await signIn(jar, 'khach');
    expect(back.headers.get('location')).toBe('/dang-nhap?loi=khong-co-vai-tro');
    expect((await jar.fetch(`${base}/api/v1/auth/token`, { method: 'POST' })).status).toBe(401);
  });

  it('accepts only a path of the console to come back to', async () => {
    const jar = new Jar();
    const back = await signIn(jar, 'cb-xuly', '//evil.example/x');
    expect(back.headers.get('location')).toBe('/');
  });
});
