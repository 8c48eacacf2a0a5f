import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { JwtVerifier } from '../../../../libs/security/src/index.js';
import type { VerifiedToken } from '../auth/auth.guard.js';
import { problem } from '../../../../libs/application/src/index.js';
import { sendProblem } from './problem.filter.js';

/**
 * Rate limits per address and per user (RATE_LIMIT_PER_MIN a minute each; 0 turns them off), with
 * express-rate-limit. The user limit keys on the verified token's subject, so a forged token cannot
 * spend someone else's quota; requests without a valid token count only against their address.
 */
export function rateLimits(perMinute: number, verifier: JwtVerifier): RequestHandler[] {
  if (perMinute <= 0) return [];
  const handler = (_req: Request, res: Response) =>
    sendProblem(res, problem('RATE_LIMITED', `more than ${perMinute} requests a minute; slow down`));
  // Probes and scrapes (`/health…`, `/metrics`) are never limited: a probe that got 429 once took a
  // healthy API out of its load balancer.
  const probe = (req: Request) => /^\/(health|metrics)(\/|\?|$)/.test(req.originalUrl ?? req.url);
  const byAddress = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler,
    skip: probe,
  });
  const byUser = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: false,
    legacyHeaders: false,
    handler,
    skip: (req) => probe(req) || !(req as Request & { rateUser?: string }).rateUser,
    keyGenerator: (req) => `user:${(req as Request & { rateUser?: string }).rateUser}`,
  });
  const identify = async (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      try {
        const principal = await verifier.verify(header.slice(7).trim());
        (req as Request & { rateUser?: string }).rateUser = principal.id;
        // The auth guard reuses this verification (one per request) when the header is the same.
        (req as Request & { verified?: VerifiedToken }).verified = { header, principal };
      } catch {
        /* unauthenticated: the auth guard answers 401 */
      }
    }
    next();
  };
  return [byAddress, identify as RequestHandler, byUser];
}
