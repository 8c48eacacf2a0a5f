import { Controller, Get, HttpCode, Inject, Injectable, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { fail, RUNTIME, type Runtime, UnitDirectory } from '../../../../libs/application/src/index.js';
import { Public } from './auth.guard.js';
import { OidcSignIn, OidcSignInError } from './oidc-sign-in.js';
import {
  clearSessionCookie,
  cookieOf,
  issueToken,
  SESSION_COOKIE,
  SessionStore,
  setSessionCookie,
  type IssuedToken,
  type SessionUser,
} from './sessions.js';

/** The OpenID Connect sign-in when configured (OIDC_ISSUER_URL), null when not. */
export const OIDC_SIGN_IN = Symbol('donthu.oidcSignIn');
/** Whether the demo sign-in is on (DEMO_SIGN_IN=1 on the embedded database). */
export const DEMO_SIGN_IN_ON = Symbol('donthu.demoSignInOn');

const LOCATION = { Location: { description: 'where the browser goes next', schema: { type: 'string' } } };

/** The browser's sign-in transaction cookie (the `state` of the flow under way), 10 minutes. */
const OIDC_COOKIE = 'donthu_oidc';
const OIDC_COOKIE_PATH = '/api/v1/auth/oidc';

export class SignInMethodsDto {
  @ApiProperty({ description: 'the demo sign-in (DEMO_SIGN_IN=1 on the embedded database)' }) demo!: boolean;
  @ApiProperty({ description: "the agency's OpenID Connect provider (OIDC_ISSUER_URL)" }) oidc!: boolean;
}

export class SessionUserDto {
  @ApiProperty() sub!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: String, nullable: true }) unitId!: string | null;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional() unitName?: string;
}

export class SessionTokenDto {
  @ApiProperty({ description: 'a donthu bearer token (HS256), valid 15 minutes' }) token!: string;
  @ApiProperty({ description: 'an instant (ISO 8601)' }) expiresAt!: string;
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
}

export class SignOutDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the provider's end-session address to send the browser to (OpenID Connect), or null",
  })
  endSessionUrl!: string | null;
}

/** A path of the console to come back to after signing in: same origin only. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 500) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return '/';
  return value;
}

/** Starts a console session for an official who has signed in (demo or OpenID Connect). */
@Injectable()
export class SessionStarter {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly sessions: SessionStore,
    private readonly units: UnitDirectory,
  ) {}

  /** Cookies are Secure when the public address is https. */
  get secure(): boolean {
    return this.runtime.config.publicUrl.startsWith('https:');
  }

  /** Starts a session and sets its cookie; answers the first token. */
  async begin(
    res: Response,
    user: SessionUser,
    via: 'demo' | 'oidc',
    idToken?: string,
  ): Promise<IssuedToken> {
    const withUnit =
      user.unitId && !user.unitName
        ? { ...user, unitName: (await this.unitName(user.unitId)) ?? undefined }
        : user;
    setSessionCookie(res, this.sessions.create(withUnit, via, idToken), this.secure);
    return issueToken(withUnit, this.runtime.secrets.jwtSecret);
  }

  private async unitName(unitId: string): Promise<string | null> {
    const state = await this.units.state(unitId).catch(() => null);
    return state && state.status !== 'none' ? (state.names.at(-1)?.name ?? null) : null;
  }
}

/**
 * The console's server-side session (docs/security.md, "Console sessions"): the demo sign-in and the
 * OpenID Connect callback start one (an httpOnly, SameSite=Lax cookie holding a random id); the
 * console asks it for a donthu token (15 minutes) when it starts and whenever its token runs out, and
 * keeps the token in memory only.
 */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly sessions: SessionStore,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    @Inject(DEMO_SIGN_IN_ON) private readonly demo: boolean,
    private readonly starter: SessionStarter,
  ) {}

  private get secure(): boolean {
    return this.starter.secure;
  }

  @Public()
  @Get('methods')
  @ApiOperation({ summary: 'How officials sign in to the console on this server' })
  @ApiOkResponse({ type: SignInMethodsDto })
  methods(): SignInMethodsDto {
    return { demo: this.demo, oidc: this.oidc !== null };
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({
    summary: "A fresh donthu token (15 minutes) from the browser's session cookie",
    description:
      'The console calls it when it starts (a reload keeps the session) and before its token runs out.',
  })
  @ApiOkResponse({ type: SessionTokenDto })
  @ApiUnauthorizedResponse({ description: 'no session, or it has ended' })
  async token(@Req() req: Request): Promise<SessionTokenDto> {
    const s = this.sessions.use(cookieOf(req, SESSION_COOKIE));
    if (!s) return fail('UNAUTHENTICATED', 'no session: sign in again');
    return issueToken(s.user, this.runtime.secrets.jwtSecret);
  }

  @Public()
  @Post('sign-out')
  @HttpCode(200)
  @ApiOperation({
    summary: "Ends the browser's session; answers where to end the provider's session too",
  })
  @ApiOkResponse({ type: SignOutDto })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SignOutDto> {
    const s = this.sessions.end(cookieOf(req, SESSION_COOKIE));
    clearSessionCookie(res, this.secure);
    const endSessionUrl = s?.via === 'oidc' && this.oidc ? await this.oidc.endSessionUrl(s.idToken) : null;
    return { endSessionUrl };
  }
}

/**
 * Signing in through the agency's OpenID Connect provider: the authorization code flow with PKCE
 * (openid-client). Answers 404 when OIDC_ISSUER_URL is not set.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @Inject(OIDC_SIGN_IN) private readonly oidc: OidcSignIn | null,
    private readonly starter: SessionStarter,
  ) {}

  private get secure(): boolean {
    return this.starter.secure;
  }

  @Public()
  @Get('sign-in')
  @ApiOperation({ summary: "Sends the browser to the provider's sign-in page (authorization code, PKCE)" })
  @ApiQuery({ name: 'returnTo', required: false, description: 'a path of the console to come back to' })
  @ApiFoundResponse({ description: "to the provider's authorization endpoint", headers: LOCATION })
  async signIn(@Query('returnTo') returnTo: unknown, @Res() res: Response): Promise<void> {
    const oidc = this.enabled();
    let started: { url: string; state: string };
    try {
      started = await oidc.start(safeReturnTo(returnTo));
    } catch {
      res.redirect(302, '/dang-nhap?loi=nha-cung-cap');
      return;
    }
    res.cookie(OIDC_COOKIE, started.state, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: OIDC_COOKIE_PATH,
      maxAge: 10 * 60_000,
    });
    res.redirect(302, started.url);
  }

  @Public()
  @Get('callback')
  @ApiOperation({ summary: 'Where the provider sends the browser back: starts the session' })
  @ApiFoundResponse({
    description: 'to the console (signed in), or to its sign-in page with the reason',
    headers: LOCATION,
  })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const oidc = this.enabled();
    const state = cookieOf(req, OIDC_COOKIE);
    res.clearCookie(OIDC_COOKIE, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secure,
      path: OIDC_COOKIE_PATH,
    });
    // The provider's own redirect URL, with the query the provider sent (code, state, iss or error).
    const url = new URL(oidc.settings.redirectUrl);
    url.search = new URL(req.originalUrl, 'http://x').search;
    try {
      const done = await oidc.finish(url, state);
      await this.starter.begin(res, done.user, 'oidc', done.idToken);
      res.redirect(302, done.returnTo);
    } catch (err) {
      const reason = err instanceof OidcSignInError ? err.reason : 'provider';
      const code = { expired: 'het-han', provider: 'nha-cung-cap', 'no-role': 'khong-co-vai-tro' }[reason];
      res.redirect(302, `/dang-nhap?loi=${code}`);
    }
  }

  private enabled(): OidcSignIn {
    if (!this.oidc) return fail('NOT_FOUND', 'OpenID Connect sign-in is not configured');
    return this.oidc;
  }
}
