import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { problem, ProblemError, RUNTIME, type Runtime } from '../../../../libs/application/src/index.js';
import { publicLookupRateLimited } from './public-lookup.metrics.js';

/**
 * PUBLIC_LOOKUP_PER_MIN lookups a minute per address (default 10; 0 turns the limit off), on top of
 * the general RATE_LIMIT_PER_MIN: a PIN has about 40 bits, and this keeps guessing hopeless.
 */
@Injectable()
export class PublicLookupLimit implements CanActivate {
  private readonly limiter: RequestHandler | null;

  constructor(@Inject(RUNTIME) runtime: Runtime) {
    const perMinute = runtime.config.publicLookupPerMin;
    this.limiter =
      perMinute > 0
        ? rateLimit({
            windowMs: 60_000,
            limit: perMinute,
            standardHeaders: 'draft-7',
            legacyHeaders: false,
            handler: (_req: Request, _res: Response, next: NextFunction) => {
              publicLookupRateLimited.inc();
              next(
                new ProblemError(
                  problem(
                    'RATE_LIMITED',
                    `quá ${perMinute} lần tra cứu trong một phút; vui lòng thử lại sau`,
                  ),
                ),
              );
            },
          })
        : null;
  }

  canActivate(ctx: ExecutionContext): Promise<boolean> | boolean {
    const limiter = this.limiter;
    if (!limiter) return true;
    const http = ctx.switchToHttp();
    return new Promise<boolean>((resolve, reject) => {
      void limiter(http.getRequest<Request>(), http.getResponse<Response>(), (err?: unknown) =>
        err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(true),
      );
    });
  }
}
