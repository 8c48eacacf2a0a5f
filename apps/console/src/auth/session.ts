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
  /** How to get a new token when this one runs out (the demo sign-in signs in again). */
  renew: (() => Promise<{ token: string; expiresAt: string }>) | null;
}

/**
 * The session lives in memory only — never in localStorage, sessionStorage or a cookie: closing or
 * reloading the tab signs out. A token about to expire is renewed before a request.
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
    signIn(token: string, expiresAt: string, user: User, renew: State['renew'] = null) {
      state = { token, expiresAt: Date.parse(expiresAt), user, renew };
      emit();
    },
    signOut() {
      state = { token: null, expiresAt: 0, user: null, renew: null };
      emit();
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
