import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ApiKeyHolder } from '../../../../libs/security/src/index.js';
import {
  fail,
  problem,
  ProblemError,
  Open311Service,
  RUNTIME,
  type Runtime,
} from '../../../../libs/application/src/index.js';

export interface Open311Request extends Request {
  open311Key?: ApiKeyHolder;
}

/** The `api_key` of a request: the form or JSON body's, else the query's. */
function apiKeyOf(req: Request): unknown {
  const body = req.body as Record<string, unknown> | undefined;
  if (body && typeof body === 'object' && body.api_key !== undefined) return body.api_key;
  return (req.query as Record<string, unknown> | undefined)?.api_key;
}

/**
 * Open311 resources that need a key: a missing, unknown or revoked `api_key` → 403 in GeoReport's
 * error format, before anything is read or written. Each key has RATE_LIMIT_PER_MIN requests a
 * minute (beside the limit per address every request has).
 */
@Injectable()
export class Open311KeyGuard implements CanActivate {
  private readonly limiter: RequestHandler | null;

  constructor(
    @Inject(RUNTIME) runtime: Runtime,
    private readonly open311: Open311Service,
  ) {
    const perMinute = runtime.config.rateLimitPerMin;
    this.limiter =
      perMinute > 0
        ? rateLimit({
            windowMs: 60_000,
            limit: perMinute,
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            keyGenerator: (req) => `open311:${(req as Open311Request).open311Key?.id ?? ''}`,
            handler: (_req: Request, _res: Response, next: NextFunction) =>
              next(
                new ProblemError(
                  problem(
                    'RATE_LIMITED',
                    `more than ${perMinute} requests a minute with this api_key; slow down`,
                  ),
                ),
              ),
          })
        : null;
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Open311Request>();
    const holder = await this.open311.keys.verify(apiKeyOf(req));
    if (!holder)
      return fail('FORBIDDEN', 'api_key: a valid api_key is required', [
        { path: 'api_key', message: 'missing, unknown or revoked' },
      ]);
    req.open311Key = holder;
    const limiter = this.limiter;
    if (!limiter) return true;
    return new Promise<boolean>((resolve, reject) => {
      void limiter(req, http.getResponse<Response>(), (err?: unknown) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(true),
      );
    });
  }
}
