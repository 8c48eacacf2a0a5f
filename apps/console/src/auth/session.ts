import { useSyncExternalStore } from 'react';

/** Who is signed in, from the token's claims (docs/reference/api-contract.md, Auth, roles and scope: sub, name, roles, unitId). */
export interface User {
  id: string;
  name: string;
  roles: string[];
  unitId: string | null;
  title?: string;
  unitName?: string;
}

interface State {
  token: string | null;
  expiresAt: number;
  user: User | null;
  /** How to get a new token when this one runs out (by default: from the server's session). */
  renew: (() => Promise<{ token: string; expiresAt: string }>) | null;
}

/** What the server's session answers (POST /api/v1/auth/token). */
interface SessionToken {
  token: string;
  expiresAt: string;
  user: {
    sub: string;
    name: string;
    roles: string[];
    unitId: string | null;
    title?: string;
    unitName?: string;
  };
}

/**
 * A donthu token from the server's session (the httpOnly cookie the sign-in set), or null when there
 * is none. Plain fetch: the typed client's middleware asks this module for a token.
 */
async function tokenFromServerSession(): Promise<SessionToken | null> {
  const res = await fetch('/api/v1/auth/token', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Accept-Language': 'vi' },
  });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error(`POST /api/v1/auth/token: ${res.status}`);
  return (await res.json()) as SessionToken;
}

const renewFromServerSession = async (): Promise<{ token: string; expiresAt: string }> => {
  const t = await tokenFromServerSession();
  if (!t) throw new Error('the session has ended');
  return t;
};

/**
 * The token lives in memory only — never in localStorage, sessionStorage or a readable cookie. The
 * server keeps the session (an httpOnly cookie the console cannot read): on start-up, after a reload,
 * the console asks it for a fresh token, and renews the token from it before it runs out.
 */
function createSession() {
  let state: State = { token: null, expiresAt: 0, user: null, renew: null };
  const listeners = new Set<() => void>();
  const emit = () => listeners.forEach((l) => l());
  let renewing: Promise<string | null> | null = null;
  return {
    subscribe(l: () => void) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    get: () => state,
    signIn(token: string, expiresAt: string, user: User, renew: State['renew'] = renewFromServerSession) {
      state = { token, expiresAt: Date.parse(expiresAt), user, renew };
      emit();
    },
    /** Forgets the token here (the server said it is no longer valid). */
    signOut() {
      state = { token: null, expiresAt: 0, user: null, renew: null };
      emit();
    },
    /**
     * Signs out: ends the server's session, forgets the token, and answers the identity provider's
     * end-session address when the session came from it (the caller sends the browser there).
     */
    async end(): Promise<string | null> {
      let endSessionUrl: string | null = null;
      try {
        const res = await fetch('/api/v1/auth/sign-out', { method: 'POST', credentials: 'same-origin' });
        if (res.ok) endSessionUrl = ((await res.json()) as { endSessionUrl: string | null }).endSessionUrl;
      } catch {
        /* offline: the session ends on the server by itself (idle limit) */
      }
      state = { token: null, expiresAt: 0, user: null, renew: null };
      emit();
      return endSessionUrl;
    },
    /** On start-up (a reload): a fresh token from the server's session, if the browser has one. */
    async restore(): Promise<boolean> {
      const t = await tokenFromServerSession().catch(() => null);
      if (!t) return false;
      state = {
        token: t.token,
        expiresAt: Date.parse(t.expiresAt),
        user: {
          id: t.user.sub,
          name: t.user.name,
          roles: t.user.roles,
          unitId: t.user.unitId,
          title: t.user.title,
          unitName: t.user.unitName,
        },
        renew: renewFromServerSession,
      };
      emit();
      return true;
    },
    /** The token, renewed when it expires within a minute. */
    async freshToken(): Promise<string | null> {
      if (!state.token) return null;
      if (state.expiresAt - Date.now() > 60_000 || !state.renew) return state.token;
      renewing ??= state
        .renew()
        .then((r) => {
          state = { ...state, token: r.token, expiresAt: Date.parse(r.expiresAt) };
          return r.token;
        })
        .catch(() => state.token)
        .finally(() => {
          renewing = null;
        });
      return renewing;
    },
  };
}

export const session = createSession();

export function useSession(): State {
  return useSyncExternalStore(session.subscribe, session.get);
}

export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser outside a signed-in page');
  return user;
}

/** Reads a JWT's payload (the server has verified it; the console only shows who it is). */
export function claimsOf(token: string): User {
  const payload = token.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
      .split('')
      .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
      .join(''),
  );
  const c = JSON.parse(json) as { sub: string; name?: string; roles?: string[]; unitId?: string };
  return { id: c.sub, name: c.name ?? c.sub, roles: c.roles ?? [], unitId: c.unitId ?? null };
}

export const hasRole = (user: User, ...roles: string[]): boolean => roles.some((r) => user.roles.includes(r));
