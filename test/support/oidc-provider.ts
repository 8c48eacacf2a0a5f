/**
 * A real OpenID Connect provider for tests (the `oidc-provider` package, on a local port), shaped like
 * an agency's Keycloak: roles in `realm_access.roles`, the official's unit in `unit_id`. Its sign-in
 * page is the package's development form (any password); consent is granted without asking, as an
 * agency's own provider does for its own application.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface TestAccount {
  sub: string;
  name: string;
  roles: string[];
  unitId?: string | null;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export const OIDC_CLIENT_ID = 'donthu-console';
export const OIDC_CLIENT_SECRET = 'donthu-console-test-secret-0123456789abcdef';

/** The scopes the console asks for (OIDC_SCOPES) to receive the role and unit claims. */
export const OIDC_TEST_SCOPES = 'openid profile donthu';

/**
 * Starts the provider on `port` (0 = any) for one client whose callback and post-logout addresses
 * are given; `accounts` are the people who may sign in (their `sub` is what they type as login).
 */
export async function startOidcProvider(options: {
  accounts: readonly TestAccount[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  port?: number;
}): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));
  const configuration: Configuration = {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: options.redirectUris,
        post_logout_redirect_uris: options.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'donthu'],
    claims: { openid: ['sub'], profile: ['name'], donthu: ['realm_access', 'unit_id'] },
    cookies: { keys: ['oidc-test-cookie-key-0123456789abcdef'] },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // The provider's "sign out?" page: one button, as an agency's provider shows it.
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = `<!DOCTYPE html><html lang="vi"><head><title>Đăng xuất</title></head><body>${form}<button type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button></body></html>`;
        },
      },
    },
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            name: a.name,
            realm_access: { roles: a.roles },
            ...(a.unitId ? { unit_id: a.unitId } : {}),
          };
        },
      };
    },
    // The agency's own application: every scope and claim it asks for is granted without a consent page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile donthu');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
