import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import canonicalize from 'canonicalize';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { fail } from './problem.js';

export type IdempotencyStart = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown };

/**
 * `Idempotency-Key`: the first response to a key is stored; the same key and body return it again
 * and append nothing; the same key with another body answers 422. A key is claimed (state
 * `pending`) before the command runs, so two concurrent requests with one key cannot both append.
 *
 * A claim holds for a lease (`IDEMPOTENCY_LEASE_MS`, default 30 s). A request that died holding it
 * (the API was killed between claiming and completing) does not block the key for good: once the
 * lease is over a retry takes the claim over and runs again. Event ids are derived from the key, so
 * if the first run had committed, the command answers that committed outcome instead of appending
 * again (`committedIn` in handle-command.ts).
 */
@Injectable()
export class IdempotencyService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  static requestHash(method: string, path: string, body: unknown): string {
    return createHash('sha256')
      .update(`${method} ${path}\n${canonicalize(body ?? null) ?? ''}`)
      .digest('hex');
  }

  async start(principalId: string, key: string, requestHash: string): Promise<IdempotencyStart> {
    if (!/^[\x21-\x7e]{1,200}$/.test(key))
      fail('VALIDATION_FAILED', 'Idempotency-Key must be 1–200 visible ASCII characters', [
        { path: 'Idempotency-Key', message: 'invalid' },
      ]);
    for (let attempt = 0; attempt < 100; attempt++) {
      const lease = this.runtime.config.idempotencyLeaseMs;
      const inserted = await this.runtime.pool.query(
        `INSERT INTO idempotency_keys (principal_id, key, request_hash, state, lease_until)
         VALUES ($1, $2, $3, 'pending', now() + $4 * interval '1 millisecond')
         ON CONFLICT (principal_id, key) DO NOTHING RETURNING key`,
        [principalId, key, requestHash, lease],
      );
      if (inserted.rowCount === 1) return { kind: 'new' };
      // A pending claim whose lease is over: its request died; take the claim over (one taker wins).
      const taken = await this.runtime.pool.query(
        `UPDATE idempotency_keys SET lease_until = now() + $4 * interval '1 millisecond'
          WHERE principal_id = $1 AND key = $2 AND request_hash = $3 AND state = 'pending'
            AND (lease_until IS NULL OR lease_until < now())
          RETURNING key`,
        [principalId, key, requestHash, lease],
      );
      if (taken.rowCount === 1) return { kind: 'new' };
      const existing = await this.runtime.pool.query<{
        request_hash: string;
        state: string;
        status_code: number | null;
        response: unknown;
        expired: boolean;
      }>(
        `SELECT request_hash, state, status_code, response,
                created_at < now() - $3 * interval '1 second' AS expired
           FROM idempotency_keys WHERE principal_id = $1 AND key = $2`,
        [principalId, key, this.runtime.config.idempotencyRetentionSec],
      );
      const row = existing.rows[0];
      if (!row) continue; // released meanwhile: claim again
      if (row.request_hash !== requestHash)
        fail('IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was used with another request');
      // Past IDEMPOTENCY_RETENTION a key answers nothing more (event ids stay derived from it, so a
      // late retry still cannot append twice).
      if (row.state === 'done' && row.expired)
        fail(
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key is older than the retention period; use a new one',
        );
      if (row.state === 'done') return { kind: 'replay', status: row.status_code ?? 200, body: row.response };
      await new Promise((r) => setTimeout(r, 50)); // the first request is still running
    }
    return fail('VERSION_CONFLICT', 'a request with this Idempotency-Key is still being processed; retry');
  }

  async complete(principalId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.runtime.pool.query(
      `UPDATE idempotency_keys SET state = 'done', status_code = $3, response = $4 WHERE principal_id = $1 AND key = $2`,
      [principalId, key, status, JSON.stringify(body)],
    );
  }

  /** A failed command leaves no trace: the key can be used again. */
  async release(principalId: string, key: string): Promise<void> {
    await this.runtime.pool.query(
      `DELETE FROM idempotency_keys WHERE principal_id = $1 AND key = $2 AND state = 'pending'`,
      [principalId, key],
    );
  }
}
