import { describe, expect, it } from '@jest/globals';
import { mapClaims, OidcSignInError } from './oidc-sign-in.js';
import { SESSION_IDLE_MS, SESSION_MAX_AGE_MS, SessionStore, type SessionUser } from './sessions.js';
import type { OidcSettings } from '../../../../libs/runtime/src/index.js';

const mai: SessionUser = {
  sub: 'tiepdan-gv',
  name: 'Nguyễn Thị Mai',
  roles: ['reception'],
  unitId: 'nb-giavien',
};

describe('console sessions (server-side, in memory)', () => {
  it('finds a session by the id its cookie carries, and ends it', () => {
    const now = 0;
    const store = new SessionStore(() => now);
    const id = store.create(mai, 'demo');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(store.use(id)?.user).toEqual(mai);
    expect(store.use('another-id')).toBeUndefined();
    expect(store.end(id)?.via).toBe('demo');
    expect(store.use(id)).toBeUndefined();
  });

  it('ends a session idle for 2 hours, and any session 12 hours after sign-in', () => {
    let now = 0;
    const store = new SessionStore(() => now);
    const idle = store.create(mai, 'demo');
    const busy = store.create(mai, 'oidc', 'id-token');
    // The busy one renews its token every 15 minutes; the idle one never does.
    for (now = 15 * 60_000; now < SESSION_IDLE_MS + 60_000; now += 15 * 60_000) store.use(busy);
    expect(store.use(idle)).toBeUndefined();
    for (; now <= SESSION_MAX_AGE_MS; now += 15 * 60_000) expect(store.use(busy)?.idToken).toBe('id-token');
    now = SESSION_MAX_AGE_MS + 1;
    expect(store.use(busy)).toBeUndefined();
  });

  it('keeps at most its limit of sessions, ending the least recently used', () => {
    let now = 0;
    const store = new SessionStore(() => now, 3);
    const a = store.create(mai, 'demo');
    now = 1;
    const b = store.create(mai, 'demo');
    now = 2;
    const c = store.create(mai, 'demo');
    now = 3;
    store.use(a);
    now = 4;
    const d = store.create(mai, 'demo');
    expect(store.size).toBe(3);
    expect(store.use(b)).toBeUndefined();
    for (const id of [a, c, d]) expect(store.use(id)).toBeDefined();
  });
});

describe("the provider's claims become api.md's", () => {
  const settings: OidcSettings = {
    issuerUrl: 'https://sso.example.gov.vn/realms/donthu',
    clientId: 'donthu',
    redirectUrl: 'https://donthu.example.gov.vn/api/v1/auth/oidc/callback',
    postLogoutRedirectUrl: 'https://donthu.example.gov.vn/dang-nhap',
    scopes: 'openid profile',
    subjectClaim: 'preferred_username',
    nameClaim: 'name',
    rolesClaim: 'realm_access.roles',
    rolePrefix: 'donthu-',
    unitClaim: 'unit_id',
    allowHttp: false,
  };

  it("reads Keycloak's realm roles with the prefix, and a multi-valued unit attribute", () => {
    const user = mapClaims(
      {
        sub: '1b7e2a40-uuid',
        preferred_username: 'cb-xuly',
        name: 'Hoàng Văn Thắng',
        realm_access: {
          roles: ['offline_access', 'donthu-handler', 'handler', 'donthu-pilot', 'donthu-handler'],
        },
        unit_id: ['nb', 'nb-stnmt'],
      },
      settings,
    );
    expect(user).toEqual({ sub: 'cb-xuly', name: 'Hoàng Văn Thắng', roles: ['handler'], unitId: 'nb' });
  });

  it('refuses an account with no donthu role, or with no subject', () => {
    const noRole = () =>
      mapClaims({ preferred_username: 'x', realm_access: { roles: ['handler'] } }, settings);
    expect(noRole).toThrow(OidcSignInError);
    try {
      noRole();
    } catch (err) {
      expect((err as OidcSignInError).reason).toBe('no-role');
    }
    expect(() => mapClaims({ sub: 'x', realm_access: { roles: ['donthu-admin'] } }, settings)).toThrow(
      /preferred_username/,
    );
  });

  it('takes roles given as one string, and the subject as the name when there is none', () => {
    expect(
      mapClaims(
        { sub: 'admin', roles: 'admin supervisor' },
        { ...settings, subjectClaim: 'sub', rolesClaim: 'roles', rolePrefix: '' },
      ),
    ).toEqual({ sub: 'admin', name: 'admin', roles: ['admin', 'supervisor'], unitId: null });
  });
});
