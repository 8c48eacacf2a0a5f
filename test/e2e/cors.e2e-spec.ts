import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/index.js';

/**
 * CORS is off unless CORS_ORIGINS is configured (issue: hardening). Off: no Access-Control-* header,
 * for a simple request or a preflight. On: only the listed origins, with ETag and Location exposed.
 */

const ORIGIN = 'https://tiepdan.example.gov.vn';

async function preflight(app: TestApp, origin: string): Promise<Response> {
  return fetch(`${app.url}/api/v1/cases`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization,content-type,if-match',
    },
  });
}

describe('CORS off by default', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('sends no Access-Control-Allow-Origin, for a simple request or a preflight', async () => {
    const simple = await fetch(`${app.url}/health`, { headers: { origin: ORIGIN } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(app, ORIGIN);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    expect(pre.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('CORS_ORIGINS configured', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ env: { CORS_ORIGINS: `${ORIGIN}, https://other.example.gov.vn` } });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  }, 60_000);

  it('allows a listed origin and exposes ETag and Location', async () => {
    const simple = await fetch(`${app.url}/health`, { headers: { origin: ORIGIN } });
    expect(simple.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect((simple.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain('etag');
    expect((simple.headers.get('access-control-expose-headers') ?? '').toLowerCase()).toContain('location');
    const pre = await preflight(app, 'https://other.example.gov.vn');
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://other.example.gov.vn');
  });

  it('does not allow an origin that is not listed', async () => {
    const simple = await fetch(`${app.url}/health`, { headers: { origin: 'https://evil.example.com' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await preflight(app, 'https://evil.example.com');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});
