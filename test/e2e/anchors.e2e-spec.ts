import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LONG, register, startWorld, TEST_SECRET, type TestApp, type Tokens } from '../support/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REGISTER = fileURLToPath(new URL('../support/ts-register.mjs', import.meta.url));
const CLI = fileURLToPath(new URL('../../apps/cli/src/main.ts', import.meta.url));

/**
 * Issue 12 item 12: `donthu anchors verify` names every stream whose head differs from the anchor
 * (it used to say only that the anchor no longer matched). Tampered with in SQL, run as a process.
 */
describe('donthu anchors verify names the streams whose heads differ', () => {
  let app: TestApp;
  let t: Tokens;

  const cli = async (...args: string[]): Promise<{ code: number; out: string }> => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', REGISTER, CLI, ...args], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          DATABASE_URL: app.db.url,
          DATA_DIR: app.runtime.config.dataDir,
          AUTH_JWT_SECRET: TEST_SECRET,
          VAULT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
          LOG_LEVEL: 'silent',
        },
      });
      return { code: 0, out: stdout };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      if (typeof e.code !== 'number') throw err;
      return { code: e.code, out: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  };

  beforeAll(async () => {
    ({ app, tokens: t } = await startWorld());
  }, LONG * 2);
  afterAll(async () => {
    await app?.close();
  }, LONG);

  it(
    'is ok on an untouched store; after the last event of two streams is deleted, names both',
    async () => {
      const a = await register(app, t.reception, { kindHint: 'petition' });
      const b = await register(app, t.reception, { kindHint: 'petition' });
      const c = await register(app, t.reception, { kindHint: 'petition' });
      for (const id of [a.id, b.id]) {
        const res = await app.request('POST', `/api/v1/cases/${id}/assign`, {
          token: t.head,
          body: { handlerId: 'handler-1' },
        });
        expect(res.status).toBe(200);
      }
      const recorded = await cli('anchors', 'record');
      expect(recorded.code).toBe(0);
      const ok = await cli('anchors', 'verify');
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/\tok\t/);
      expect(ok.out).not.toMatch(/stream /);

      await app.runtime.pool.query(`DELETE FROM events WHERE (stream_id, version) IN (($1, 2), ($2, 2))`, [
        `case-${a.id}`,
        `case-${b.id}`,
      ]);
      const bad = await cli('anchors', 'verify');
      expect(bad.code).toBe(3);
      expect(bad.out).toMatch(/MISMATCH/);
      expect(bad.out).toMatch(new RegExp(`stream case-${a.id}\\tanchored version 2 .*\\tnow version 1 `));
      expect(bad.out).toMatch(new RegExp(`stream case-${b.id}\\tanchored version 2 .*\\tnow version 1 `));
      expect(bad.out).not.toContain(c.id);
      expect(bad.out).not.toMatch(/altered too/);
    },
    LONG * 3,
  );

  it(
    'names a stream deleted outright, with an anchor recorded after others (heads kept as changes)',
    async () => {
      const d = await register(app, t.reception, { kindHint: 'petition' });
      expect((await cli('anchors', 'record')).code).toBe(0);
      await app.runtime.pool.query('DELETE FROM events WHERE stream_id = $1', [`case-${d.id}`]);
      const bad = await cli('anchors', 'verify');
      expect(bad.code).toBe(3);
      expect(bad.out).toMatch(new RegExp(`stream case-${d.id}\\tanchored version 1 .*\\tnow none`));
    },
    LONG * 3,
  );
});
