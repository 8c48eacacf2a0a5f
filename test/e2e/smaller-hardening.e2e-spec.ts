import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { createRuntime } from '../../libs/runtime/src/index.js';
import { freshDatabase } from '../support/database.js';
import {
  command,
  createTestApp,
  eventCount,
  expectProblem,
  LONG,
  register,
  startWorld,
  TEST_SECRET,
  type TestApp,
  tick,
  type Tokens,
} from '../support/index.js';

/** Issue 12, item 12: the smaller holes — encodings, tokens, rate limits on probes, races, timeouts. */

let app: TestApp;
let t: Tokens;

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  tick(app, 1000);
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

const secret = new TextEncoder().encode(TEST_SECRET);
const claims = { name: 'Quản trị', roles: ['admin'] };

describe('bodies', () => {
  it('invalid UTF-8 in a body → 400, nothing written', async () => {
    const before = await eventCount(app);
    const valid = Buffer.from(JSON.stringify({ id: 'utf8-bad', name: 'Tỉnh X', level: 'province' }));
    const broken = Buffer.concat([
      valid.subarray(0, 30),
      Buffer.from([0xc3, 0x28, 0xff]),
      valid.subarray(30),
    ]);
    const res = await fetch(`${app.url}/api/v1/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.admin}`, 'content-type': 'application/json' },
      body: broken,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    expect(await eventCount(app)).toBe(before);
  });
});

describe('tokens', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (iat: number | null, exp: number) => {
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('admin-x')
      .setExpirationTime(exp);
    if (iat !== null) jwt.setIssuedAt(iat);
    return jwt.sign(secret);
  };
  it.each([
    ['issued in the future', () => sign(now() + 3600, now() + 7200)],
    ['valid for 100 years', () => sign(now(), now() + 100 * 365 * 86_400)],
    ['valid for 13 hours (over the 12 h default of AUTH_JWT_MAX_AGE)', () => sign(now(), now() + 13 * 3600)],
    ['without iat', () => sign(null, now() + 3600)],
  ])('a token %s → 401', async (_what, make) => {
    const res = await app.request('GET', '/api/v1/units', { token: await make() });
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });

  it('a token of 12 hours issued now is accepted (the control)', async () => {
    const res = await app.request('GET', '/api/v1/units', { token: await sign(now(), now() + 12 * 3600) });
    expect(res.status).toBe(200);
  });
});

describe('rate limits', () => {
  it(
    'never limit /health and /metrics (a probe that got 429 took a healthy API out of service)',
    async () => {
      const limited = await createTestApp({ env: { RATE_LIMIT_PER_MIN: '5' } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 12; i++) {
          statuses.push((await fetch(`${limited.url}/health`)).status);
          statuses.push((await fetch(`${limited.url}/metrics`)).status);
        }
        expect(statuses.filter((s) => s === 429)).toEqual([]);
        // The API itself is limited (the control): 5 a minute per address.
        const api: number[] = [];
        for (let i = 0; i < 8; i++) api.push((await fetch(`${limited.url}/api/v1/units`)).status);
        expect(api).toContain(429);
      } finally {
        await limited.close();
      }
    },
    LONG,
  );
});

describe('races without If-Match', () => {
  it(
    '30 concurrent commands on one case without If-Match all succeed (the server re-reads and re-decides)',
    async () => {
      const c = await register(app, t.reception, { receivedAt: '2026-11-20' });
      await command(app, t.reception, c.id, 'classify', {
        kind: 'complaint',
        level: 1,
        competentUnitId: 'hanoi',
        processable: true,
      });
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          app.request('POST', `/api/v1/cases/${c.id}/assign`, {
            token: t.head,
            body: { handlerId: `handler-${i}` },
          }),
        ),
      );
      expect(results.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    },
    LONG,
  );
});

describe('server timeouts', () => {
  it('the HTTP server closes slow requests (headers 10 s, request 30 s, idle keep-alive 5 s)', () => {
    const server = app.app.getHttpServer() as import('node:http').Server;
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([
      10_000, 30_000, 5_000,
    ]);
  });
});

describe('a wrong VAULT_MASTER_KEY', () => {
  it(
    'is found at start-up (the runtime refuses to start), not as a 500 on case views later',
    async () => {
      const db = await freshDatabase();
      const dataDir = mkdtempSync(join(tmpdir(), 'donthu-vault-'));
      const env = (key: number) => ({
        NODE_ENV: 'test',
        DATA_DIR: dataDir,
        AUTH_JWT_SECRET: TEST_SECRET,
        VAULT_MASTER_KEY: Buffer.alloc(32, key).toString('base64'),
        LOG_LEVEL: 'silent',
      });
      try {
        const first = await createRuntime({ role: 'cli', env: env(7), databaseUrl: db.url });
        await first.vault.seal(first.vault.newPersonRef(), { fullName: 'Nguyễn Văn A' });
        await first.close();
        await expect(createRuntime({ role: 'cli', env: env(9), databaseUrl: db.url })).rejects.toThrow(
          /VAULT_MASTER_KEY/,
        );
        // The right key still starts (the control).
        const again = await createRuntime({ role: 'cli', env: env(7), databaseUrl: db.url });
        await again.close();
      } finally {
        await db.drop();
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    LONG,
  );
});
