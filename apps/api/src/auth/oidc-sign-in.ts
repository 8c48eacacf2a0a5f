import * as oidc from 'openid-client';
import { ROLES } from '../../../../libs/security/src/index.js';
import type { OidcSettings } from '../../../../libs/runtime/src/index.js';
import type { SessionUser } from './sessions.js';

/** A sign-in under way: what the callback needs, kept server-side for 10 minutes, keyed by `state`. */
interface Pending {
  verifier: string;
  nonce: string;
  returnTo: string;
  createdAt: number;
}

export const OIDC_PENDING_MS = 10 * 60_000;
const PENDING_LIMIT = 10_000;

/** Why a sign-in through the provider did not end in a session (the console says it in Vietnamese). */
export type OidcFailure = 'expired' | 'provider' | 'no-role';

export class OidcSignInError extends Error {
  constructor(
    readonly reason: OidcFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

/** A claim at a dot path (`realm_access.roles`) of the provider's claims. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let v: unknown = claims;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v)
    ? v.filter((x): x is string => typeof x === 'string')
    : typeof v === 'string'
      ? v.split(/[\s,]+/).filter(Boolean)
      : [];

/** The provider's claims → docs/reference/api-contract.md's (sub, name, roles, unitId), as the settings say where they are. */
export function mapClaims(claims: Record<string, unknown>, s: OidcSettings): SessionUser {
  const sub = claimAt(claims, s.subjectClaim);
  if (typeof sub !== 'string' || !sub) throw new OidcSignInError('provider', `no ${s.subjectClaim} claim`);
  const name = claimAt(claims, s.nameClaim);
  const roles = strings(claimAt(claims, s.rolesClaim))
    .filter((r) => r.startsWith(s.rolePrefix))
    .map((r) => r.slice(s.rolePrefix.length))
    .filter((r) => (ROLES as readonly string[]).includes(r));
  const unit = strings(claimAt(claims, s.unitClaim))[0] ?? null;
  if (roles.length === 0) throw new OidcSignInError('no-role', `${sub} has no donthu role`);
  return {
    sub,
    name: typeof name === 'string' && name ? name : sub,
    roles: [...new Set(roles)],
    unitId: unit,
  };
}

/**
 * The server's side of the authorization code flow with PKCE (openid-client): the provider's
 * metadata is discovered on the first sign-in (and again after a failure), the code verifier and
 * nonce stay on the server, and the ID token and userinfo are verified by openid-client.
 */
export class OidcSignIn {
  private config: Promise<oidc.Configuration> | null = null;
  private readonly pending = new Map<string, Pending>();

  constructor(
    readonly settings: OidcSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private configuration(): Promise<oidc.Configuration> {
    const s = this.settings;
    if (this.config) return this.config;
    this.config = oidc
      .discovery(
        new URL(s.issuerUrl),
        s.clientId,
        s.clientSecret,
        s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None(),
        s.allowHttp && s.issuerUrl.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((err: unknown) => {
        this.config = null;
        throw new OidcSignInError('provider', `discovery failed: ${String(err)}`);
      });
    return this.config;
  }

  /** The provider's authorization URL for a new sign-in, and the state that names it. */
  async start(returnTo: string): Promise<{ url: string; state: string }> {
    const config = await this.configuration();
    this.sweep();
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    if (this.pending.size >= PENDING_LIMIT) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    this.pending.set(state, { verifier, nonce, returnTo, createdAt: this.now() });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state };
  }

  /**
   * The provider sent the browser back: the code is exchanged (with the verifier), the ID token
   * checked (issuer, audience, nonce, signature), userinfo read, and the claims mapped.
   * `state` is the one the browser's transaction cookie holds.
   */
  async finish(
    callbackUrl: URL,
    state: string | undefined,
  ): Promise<{ user: SessionUser; idToken?: string; returnTo: string }> {
    const p = state ? this.pending.get(state) : undefined;
    if (!state || !p || this.now() - p.createdAt > OIDC_PENDING_MS) {
      if (state) this.pending.delete(state);
      throw new OidcSignInError('expired', 'no sign-in under way for this browser');
    }
    this.pending.delete(state);
    const config = await this.configuration();
    let claims: Record<string, unknown>;
    let idToken: string | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(
        config,
        callbackUrl,
        { pkceCodeVerifier: p.verifier, expectedState: state, expectedNonce: p.nonce, idTokenExpected: true },
        { redirect_uri: this.settings.redirectUrl },
      );
      const id = tokens.claims();
      if (!id) throw new OidcSignInError('provider', 'no ID token');
      idToken = tokens.id_token;
      claims = { ...id };
      if (config.serverMetadata().userinfo_endpoint) {
        // The userinfo's `sub` must be the ID token's (openid-client checks it).
        const info = await oidc.fetchUserInfo(config, tokens.access_token, id.sub);
        claims = { ...info, ...id };
      }
    } catch (err) {
      throw new OidcSignInError('provider', `code exchange failed: ${String(err)}`);
    }
    return { user: mapClaims(claims, this.settings), idToken, returnTo: p.returnTo };
  }

  /** The provider's end-session URL for a session's ID token (null when it has none). */
  async endSessionUrl(idToken: string | undefined): Promise<string | null> {
    const config = await this.configuration().catch(() => null);
    if (!config?.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      post_logout_redirect_uri: this.settings.postLogoutRedirectUrl,
      ...(idToken ? { id_token_hint: idToken } : { client_id: this.settings.clientId }),
    }).href;
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, p] of this.pending) if (t - p.createdAt > OIDC_PENDING_MS) this.pending.delete(k);
  }
}
