import type { Request, Response } from 'express';
import type { Principal } from '../../../../libs/security/src/index.js';
import { fail, IdempotencyService } from '../../../../libs/application/src/index.js';
import { requestIdOf } from './request-id.js';

/** `If-Match: "<version>"` → the version, undefined when absent. */
export function ifMatchOf(req: Request): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined || raw === '') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(String(raw));
  if (!m)
    return fail('VALIDATION_FAILED', 'If-Match must be a case version such as "3"', [
      { path: 'If-Match', message: 'must be "<version>"' },
    ]);
  return Number(m[1]);
}

/** The events a request appends carry its request id as their `correlationId`. */
export function correlationIdOf(req: Request): string {
  return requestIdOf(req);
}

/**
 * Runs a command under `Idempotency-Key` when the request has one: a repeat with the same body gets
 * the stored response; another body → 422; a failure releases the key and writes nothing.
 */
export async function idempotent<T extends object>(
  idem: IdempotencyService,
  req: Request,
  res: Response,
  principal: Principal,
  status: number,
  run: (eventIdSeed: string | undefined) => Promise<T>,
  /** On a replay: `petitioners` and `content` as they are now, read with the caller's rights. */
  refill?: (stored: T) => Promise<Partial<T>>,
): Promise<T> {
  const key = req.headers['idempotency-key'];
  if (key === undefined) {
    const body = await run(undefined);
    res.status(status);
    return body;
  }
  const k = String(key);
  const hash = IdempotencyService.requestHash(req.method, req.originalUrl.split('?')[0], req.body);
  const start = await idem.start(principal.id, k, hash);
  if (start.kind === 'replay') {
    res.status(start.status);
    res.setHeader('Idempotency-Replayed', 'true');
    const stored = start.body as T & { version?: number };
    const body =
      refill && stored && typeof stored === 'object' ? { ...stored, ...(await refill(stored)) } : stored;
    if (typeof body?.version === 'number') res.setHeader('ETag', `"${body.version}"`);
    return body;
  }
  try {
    const body = await run(`${principal.id}:${k}`);
    // Stored without identities or the letter (an erased person must stay erased on replay).
    await idem.complete(principal.id, k, status, withoutPersonalData(body));
    res.status(status);
    return body;
  } catch (err) {
    await idem.release(principal.id, k);
    throw err;
  }
}

/** A response as it may be stored: no `petitioners`, no `content` (docs/reference/api-contract.md, Idempotency). */
export function withoutPersonalData<T extends object>(body: T): T {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const out: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if ('petitioners' in out) out.petitioners = null;
  if ('content' in out) out.content = null;
  return out as T;
}
