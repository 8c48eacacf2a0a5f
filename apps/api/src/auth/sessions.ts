import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { signDevToken } from '../../../../libs/security/src/index.js';

/** The console's session cookie: httpOnly, SameSite=Lax, sent only to /api/v1/auth. */
export const SESSION_COOKIE = 'donthu_session';
export const SESSION_COOKIE_PATH = '/api/v1/auth';

/** A donthu token issued from a session lives 15 minutes; the console renews it from the session. */
export const SESSION_TOKEN_SECONDS = 15 * 60;

/** A session ends 12 hours after sign-in (a working day; docs/reference/api-contract.md's longest token) … */
export const SESSION_MAX_AGE_MS = 12 * 3600_000;
/** … or after 2 hours without a token renewal (the console renews every 15 minutes while used). */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** At most this many sessions are kept; beyond, the least recently used one ends. */
export const SESSION_LIMIT = 10_000;

/** Who a session is: docs/reference/api-contract.md's claims, and what the console shows beside the name. */
export interface SessionUser {
  sub: string;
  name: string;
  roles: string[];
  unitId: string | null;
  title?: string;
  unitName?: string;
}

export interface Session {
  user: SessionUser;
  /** How the official signed in. */
  via: 'demo' | 'oidc';
  /** The provider's ID token, for its end_session_endpoint (id_token_hint). */
  idToken?: string;
  createdAt: number;
  lastUsedAt: number;
}

/** A session's donthu token: what POST /auth/token and the sign-ins answer. */
export interface IssuedToken {
  token: string;
  expiresAt: string;
  user: SessionUser;
}

/**
 * The server-side sessions of the console, in the API process's memory: the browser holds only a
 * random id in an httpOnly cookie; the store keys sessions by the id's SHA-256, so a dump of memory
 * does not hand out cookies. Limits (docs/security.md): 12 h after sign-in, 2 h idle, 10 000 sessions;
 * a restart of the API signs everyone out, and several API processes behind one address need the load
 * balancer to keep a browser on one process (sticky sessions).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit = SESSION_LIMIT,
  ) {}

  /** Starts a session; answers the id the cookie carries. */
  create(user: SessionUser, via: Session['via'], idToken?: string): string {
    this.sweep();
    while (this.sessions.size >= this.limit) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const id = randomBytes(32).toString('base64url');
    const t = this.now();
    this.sessions.set(digest(id), { user, via, idToken, createdAt: t, lastUsedAt: t });
    return id;
  }

  /** The live session of an id (and it counts as used), or undefined. */
  use(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const s = this.sessions.get(key);
    if (!s) return undefined;
    const t = this.now();
    if (t - s.createdAt > SESSION_MAX_AGE_MS || t - s.lastUsedAt > SESSION_IDLE_MS) {
      this.sessions.delete(key);
      return undefined;
    }
    s.lastUsedAt = t;
    // Least recently used last: the Map's order is the eviction order.
    this.sessions.delete(key);
    this.sessions.set(key, s);
    return s;
  }

  /** Ends a session; answers it when it was live. */
  end(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const key = digest(id);
    const s = this.sessions.get(key);
    this.sessions.delete(key);
    return s;
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const t = this.now();
    for (const [key, s] of this.sessions)
      if (t - s.createdAt > SESSION_MAX_AGE_MS || t - s.lastUsedAt > SESSION_IDLE_MS)
        this.sessions.delete(key);
  }
}

const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/** A cookie's value from the request's Cookie header (no parser middleware: one cookie is read). */
export function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** Sets the session cookie (Secure when the public address is https). */
export function setSessionCookie(res: Response, id: string, secure: boolean): void {
  res.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: SESSION_COOKIE_PATH,
    maxAge: SESSION_MAX_AGE_MS,
  });
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: SESSION_COOKIE_PATH });
}

/** A donthu token (HS256, 15 minutes) for a session's official. */
export async function issueToken(user: SessionUser, secret: string): Promise<IssuedToken> {
  const token = await signDevToken(
    { sub: user.sub, name: user.name, roles: user.roles, unitId: user.unitId },
    secret,
    { expiresIn: SESSION_TOKEN_SECONDS },
  );
  return { token, expiresAt: new Date(Date.now() + SESSION_TOKEN_SECONDS * 1000).toISOString(), user };
}
