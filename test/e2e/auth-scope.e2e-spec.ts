/** Authentication (401), roles (403), scope (404) and /health over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, base64url } from 'jose';
import {
  command,
  eventCount,
  expectProblem,
  expectStatus,
  LONG,
  register,
  registerAndClassify,
  startWorld,
  TEST_SECRET,
  type TestApp,
  type Tokens,
  UNITS,
} from '../support/index.js';

let app: TestApp;
let t: Tokens;
let caseId = '';
let communeCaseId = '';

const claims = { name: 'Ai đó', roles: ['handler'], unitId: 'hanoi' };

async function sign(
  secret: string,
  exp: number | string | null,
  payload: Record<string, unknown> = claims,
): Promise<string> {
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('someone')
    .setIssuedAt();
  if (exp !== null) jwt.setExpirationTime(exp);
  return jwt.sign(new TextEncoder().encode(secret));
}

beforeAll(async () => {
  ({ app, tokens: t } = await startWorld());
  caseId = (await registerAndClassify(app, t, { receivedAt: '2026-11-16' }, { kind: 'complaint' })).id;
  communeCaseId = (
    await register(app, t.receptionC1, { receivedAt: '2026-11-16', receivingUnitId: UNITS.commune1 })
  ).id;
}, LONG);

afterAll(async () => {
  await app?.close();
}, LONG);

describe('401 UNAUTHENTICATED', () => {
  const cases: [string, () => Promise<Record<string, string>>][] = [
    ['no token', async () => ({})],
    ['a garbage token', async () => ({ authorization: 'Bearer not-a-jwt' })],
    [
      'a non-bearer scheme',
      async () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }),
    ],
    [
      'an expired token',
      async () => ({
        authorization: `Bearer ${await sign(TEST_SECRET, Math.floor(Date.now() / 1000) - 3600)}`,
      }),
    ],
    ['a token without exp', async () => ({ authorization: `Bearer ${await sign(TEST_SECRET, null)}` })],
    [
      'a wrong signature',
      async () => ({
        authorization: `Bearer ${await sign('another-secret-another-secret-0123456789ab', '1h')}`,
      }),
    ],
    [
      'alg none',
      async () => {
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        const payload = base64url.encode(
          JSON.stringify({ ...claims, sub: 'someone', exp: Math.floor(Date.now() / 1000) + 3600 }),
        );
        return { authorization: `Bearer ${header}.${payload}.` };
      },
    ],
    [
      'a token with no known role',
      async () => ({
        authorization: `Bearer ${await sign(TEST_SECRET, '1h', { ...claims, roles: ['root'] })}`,
      }),
    ],
    [
      'a non-admin token without a unit',
      async () => ({
        authorization: `Bearer ${await sign(TEST_SECRET, '1h', { name: 'x', roles: ['handler'] })}`,
      }),
    ],
  ];
  for (const [name, headers] of cases) {
    it(name, async () => {
      const h = await headers();
      expectProblem(
        await app.request('GET', `/api/v1/cases/${caseId}`, { headers: h }),
        401,
        'UNAUTHENTICATED',
      );
      const before = await eventCount(app);
      expectProblem(
        await app.request('POST', `/api/v1/cases/${caseId}/assign`, { headers: h, body: { handlerId: 'x' } }),
        401,
        'UNAUTHENTICATED',
      );
      expect(await eventCount(app)).toBe(before);
    });
  }
});

describe('403 FORBIDDEN (in scope, but the role may not)', () => {
  it('a supervisor may not accept', async () => {
    const before = await eventCount(app);
    expectProblem(
      await app.request('POST', `/api/v1/cases/${caseId}/accept`, {
        token: t.supervisor,
        body: { acceptedAt: '2026-11-18' },
      }),
      403,
      'FORBIDDEN',
    );
    expect(await eventCount(app)).toBe(before);
  });

  it('reception may not resolve, accept or read the history', async () => {
    expectProblem(
      await app.request('POST', `/api/v1/cases/${caseId}/resolve`, {
        token: t.reception,
        body: { decidedAt: '2026-11-18', outcome: 'upheld', summary: 'x' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${caseId}/accept`, {
        token: t.reception,
        body: { acceptedAt: '2026-11-18' },
      }),
      403,
      'FORBIDDEN',
    );
    expectProblem(
      await app.request('GET', `/api/v1/cases/${caseId}/history`, { token: t.reception }),
      403,
      'FORBIDDEN',
    );
  });

  it('a supervisor may not read as-of views; an auditor may not register', async () => {
    expectProblem(
      await app.request('GET', `/api/v1/cases/${caseId}?asOf=2026-11-22T03:00:00Z`, { token: t.supervisor }),
      403,
      'FORBIDDEN',
    );
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.auditor,
      body: {
        receivedAt: '2026-11-20',
        channel: 'post',
        receivingUnitId: UNITS.province,
        petitioners: [{ fullName: 'A' }],
        subject: 's',
        content: 'c',
      },
    });
    expectProblem(res, 403, 'FORBIDDEN');
  });

  it('reception may not register for a unit outside its scope', async () => {
    const res = await app.request('POST', '/api/v1/cases', {
      token: t.receptionC1,
      body: {
        receivedAt: '2026-11-20',
        channel: 'post',
        receivingUnitId: UNITS.commune2,
        petitioners: [{ fullName: 'A' }],
        subject: 's',
        content: 'c',
      },
    });
    expectProblem(res, 403, 'FORBIDDEN');
  });
});

describe('404 NOT_FOUND (existence is not revealed)', () => {
  it('an unknown case', async () => {
    expectProblem(
      await app.request('GET', '/api/v1/cases/6f1c0d7e-0000-4000-8000-000000000000', { token: t.handler }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('POST', '/api/v1/cases/6f1c0d7e-0000-4000-8000-000000000000/assign', {
        token: t.handler,
        body: { handlerId: 'x' },
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', '/api/v1/cases/6f1c0d7e-0000-4000-8000-000000000000/history', {
        token: t.auditor,
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('a commune user reading or commanding a case of another commune gets 404, not 403', async () => {
    expectProblem(
      await app.request('GET', `/api/v1/cases/${communeCaseId}`, { token: t.communeUser }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', `/api/v1/cases/${communeCaseId}/history`, { token: t.communeUser }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('POST', `/api/v1/cases/${communeCaseId}/classify`, {
        token: t.communeUser,
        body: { kind: 'complaint', competentUnitId: UNITS.commune2, processable: true },
      }),
      404,
      'NOT_FOUND',
    );
    // A supervisor of another province may not even learn that it is forbidden.
    const dn = await app.token('sup-dn', ['supervisor'], UNITS.otherProvince);
    expectProblem(
      await app.request('POST', `/api/v1/cases/${caseId}/accept`, {
        token: dn,
        body: { acceptedAt: '2026-11-18' },
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.request('GET', `/api/v1/audit/streams/case-${caseId}/verify`, {
        token: await app.token('aud-dn', ['auditor'], UNITS.otherProvince),
      }),
      404,
      'NOT_FOUND',
    );
    // The province above sees it.
    expectStatus(await app.request('GET', `/api/v1/cases/${communeCaseId}`, { token: t.handler }), 200);
  });

  it("another commune's list never shows the case", async () => {
    const res = await app.request('GET', '/api/v1/cases', { token: t.communeUser });
    expectStatus(res, 200);
    await app.catchUp();
    const again = await app.request('GET', '/api/v1/cases', { token: t.communeUser });
    expect((again.body.items as { id: string }[]).map((i) => i.id)).not.toContain(communeCaseId);
  });

  it('an unknown route is a 404 problem', async () => {
    expectProblem(await app.request('GET', '/api/v1/nothing-here', { token: t.handler }), 404, 'NOT_FOUND');
  });
});

describe('the commune case through its own commune', () => {
  it('the commune handler works on it', async () => {
    const res = await command(app, t.handlerC1, communeCaseId, 'classify', {
      kind: 'petition',
      competentUnitId: UNITS.commune1,
      processable: true,
    });
    expect(res.body.status).toBe('classified');
  });
});

describe('GET /health', () => {
  it('answers without a token: status, event-store head and projection lag', async () => {
    const res = await app.request('GET', '/health');
    expectStatus(res, 200);
    expect(res.body.status).toBe('ok');
    expect(Number(res.body.eventStore.headPosition)).toBe(await eventCount(app));
    const names = Object.keys(res.body.projections);
    expect(names).toEqual(expect.arrayContaining(['case-summaries.v1', 'deadlines.v1', 'units.v1']));
    for (const n of names) expect(typeof res.body.projections[n].lag).toBe('number');
    await app.catchUp();
    const caught = await app.request('GET', '/health');
    expect(caught.body.projections['deadlines.v1'].lag).toBe(0);
  });
});
