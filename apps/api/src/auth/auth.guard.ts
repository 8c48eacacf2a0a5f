import { CanActivate, ExecutionContext, Injectable, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import {
  AuthError,
  bearerToken,
  JwtVerifier,
  requirePermission,
  type Permission,
  type Principal,
} from '../../../../libs/security/src/index.js';

export const PUBLIC = 'donthu:public';
export const PERMISSION = 'donthu:permission';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * The role permission a route needs. Checked after authentication; routes that touch one case check
 * scope first (out of scope → 404) and the permission after (→ 403), in the service.
 */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION, permission);

/** A bearer token already verified earlier in this request (by the rate limiter), with its header. */
export interface VerifiedToken {
  header: string;
  principal: Principal;
}

export interface AuthedRequest extends Request {
  principal?: Principal;
  verified?: VerifiedToken;
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.principal) throw new AuthError('no_principal');
  return req.principal;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    // One verification per request: the rate limiter's, when it verified this same header.
    const verified = req.verified;
    req.principal =
      verified && verified.header === req.headers.authorization
        ? verified.principal
        : await this.verifier.verify(bearerToken(req.headers.authorization));
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    if (permission) requirePermission(req.principal, permission);
    return true;
  }
}
