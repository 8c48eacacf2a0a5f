import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { AuthedRequest } from '../auth/auth.guard.js';

/**
 * Rate limits per user and per address (RATE_LIMIT_PER_MIN; 0 turns them off). Two throttlers share
 * the limit: `address` keys on the client address, `user` on the authenticated person (falling back
 * to the address for anonymous requests). Runs after authentication, so the user is known.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return String((req as unknown as AuthedRequest).ip ?? 'unknown');
  }

  protected override generateKey(context: ExecutionContext, suffix: string, name: string): string {
    if (name === 'user') {
      const req = context.switchToHttp().getRequest<AuthedRequest>();
      const who = req.principal?.id ? `user:${req.principal.id}` : `addr:${req.ip ?? 'unknown'}`;
      return `${name}:${who}`;
    }
    return `${name}:${suffix}`;
  }
}
