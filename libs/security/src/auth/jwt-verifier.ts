import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type FlattenedJWSInput,
  type JWSAlgorithm,
  type JWTHeaderParameters,
  type JWTPayload,
} from 'jose';
import { DEFAULT_MAX_AGE_SEC, type AuthConfig } from './auth.config.js';
import { AuthError } from './auth-error.js';
import { isRole, type Principal, type Role } from './roles.js';

/** RFC 7518 §3.2: an HS256 key has at least 256 bits. */
export const MIN_HS_SECRET_BYTES = 32;
const MAX_TOKEN_LENGTH = 8192;
const MAX_CLAIM_LENGTH = 200;
/** Verified tokens kept (`JwtVerifier.verified`): a few per person signed in. */
const MAX_VERIFIED_TOKENS = 10_000;
/** How long a verified token is taken on its earlier verification at most. */
const VERIFIED_FOR_MS = 60_000;

export function assertStrongSecret(secret: string, what = 'AUTH_JWT_SECRET'): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_HS_SECRET_BYTES) {
    throw new Error(`${what} must be at least ${MIN_HS_SECRET_BYTES} bytes for HS256`);
  }
  return bytes;
}

/** The token from an `Authorization: Bearer <token>` header; AuthError when absent or malformed. */
export function bearerToken(header: string | undefined | null): string {
  const m = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i.exec(header ?? '');
  if (!m) throw new AuthError('missing_bearer_token');
  return m[1];
}

/**
 * Verifies bearer JWTs and turns their claims into a Principal. Algorithms are allow-listed by the
 * configuration (HS256 with a secret; RS256 with a PEM public key or a JWKS); `exp` and `sub` are
 * required; `iss`/`aud` are checked when configured. Every failure is an `AuthError`.
 */
export class JwtVerifier {
  /**
   * The HS256 secret imported once as a WebCrypto key: given as bytes, jose imports it again for
   * every token (about a third of a verification's CPU).
   */
  private readonly secret?: Promise<CryptoKey>;
  private readonly publicKey?: KeyObject;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: JWSAlgorithm[] = [];
  /**
   * Tokens verified already, with their principal and `exp`: a client sends the same token with every
   * request, and its verification (an HMAC through WebCrypto, the claims' checks) was about a tenth of
   * a command's CPU. What `verify` decides depends only on the token and on the time, and the time
   * only moves towards `exp`: a token that passed stays good until `exp` (+ the tolerance), when
   * it is dropped and verified again (so refused). Kept a minute at most; failures are never kept.
   * Bounded: the oldest entry goes first.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(
    private readonly config: AuthConfig,
    /** Milliseconds since the epoch (tests move it). */
    private readonly now: () => number = Date.now,
  ) {
    if (config.hsSecret !== undefined) {
      this.secret = crypto.subtle.importKey(
        'raw',
        new Uint8Array(assertStrongSecret(config.hsSecret)),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      // A failed import surfaces in verify (as an AuthError), never as an unhandled rejection.
      this.secret.catch(() => undefined);
      this.algorithms.push('HS256');
    }
    if (config.publicKeyPem !== undefined) {
      let key: KeyObject;
      try {
        key = createPublicKey(config.publicKeyPem);
      } catch {
        throw new Error('AUTH_JWT_PUBLIC_KEY is not a PEM public key');
      }
      if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
        throw new Error('AUTH_JWT_PUBLIC_KEY must be an RSA public key of at least 2048 bits (RS256)');
      }
      this.publicKey = key;
    }
    if (config.jwksUrl !== undefined) {
      let url: URL;
      try {
        url = new URL(config.jwksUrl);
      } catch {
        throw new Error('AUTH_JWKS_URL is not a URL');
      }
      this.jwks = createRemoteJWKSet(url, { timeoutDuration: 5000, cooldownDuration: 30_000 });
    }
    if (this.publicKey || this.jwks) this.algorithms.push('RS256');
    if (this.algorithms.length === 0) {
      throw new Error('no JWT verification key: set AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY or AUTH_JWKS_URL');
    }
  }

  async verify(token: string): Promise<Principal> {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) {
      throw new AuthError('malformed_token');
    }
    const known = this.verified.get(token);
    if (known) {
      if (this.now() < known.until) return { ...known.principal, roles: [...known.principal.roles] };
      this.verified.delete(token);
    }
    const principal = await this.verifyAfresh(token);
    return { ...principal, roles: [...principal.roles] };
  }

  private async verifyAfresh(token: string): Promise<Principal> {
    let payload: JWTPayload;
    const tolerance = this.config.clockToleranceSec ?? 30;
    try {
      ({ payload } = await jwtVerify(token, this.keyFor, {
        algorithms: this.algorithms,
        issuer: this.config.issuer,
        audience: this.config.audience,
        clockTolerance: tolerance,
        requiredClaims: ['exp', 'sub', 'iat'],
        currentDate: new Date(this.now()),
      }));
    } catch (e) {
      if (e instanceof AuthError) throw e;
      throw new AuthError(e instanceof errors.JOSEError ? e.code : 'invalid_token');
    }
    // Not issued in the future, and not valid for longer than AUTH_JWT_MAX_AGE (a token minted for a
    // hundred years is a stolen key waiting to happen).
    const iat = payload.iat!;
    const exp = payload.exp!;
    if (iat > this.now() / 1000 + tolerance) throw new AuthError('iat_in_future');
    if (exp - iat > (this.config.maxAgeSec ?? DEFAULT_MAX_AGE_SEC)) throw new AuthError('lifetime_too_long');
    const principal = principalFromClaims(payload);
    // jose accepts while now < exp + tolerance (whole seconds); so does the kept entry, and for a
    // minute at most, so that a key withdrawn from the JWKS stops its tokens as soon as it would
    // (jose keeps a fetched JWKS for minutes).
    const until = Math.min((exp + tolerance) * 1000, this.now() + VERIFIED_FOR_MS);
    this.verified.set(token, { principal, until });
    if (this.verified.size > MAX_VERIFIED_TOKENS) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    return principal;
  }

  /** Picks the key by the (already allow-listed) algorithm, so no key is ever used with another alg. */
  private readonly keyFor = (header: JWTHeaderParameters, token: FlattenedJWSInput) => {
    if (header.alg === 'HS256' && this.secret) return this.secret;
    if (header.alg === 'RS256') {
      if (this.publicKey) return this.publicKey;
      if (this.jwks) return this.jwks(header, token);
    }
    throw new AuthError('alg_not_allowed');
  };
}

const shortString = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_CLAIM_LENGTH;

/** Claims → Principal: `sub`, `name` (defaults to sub), `roles` (known ones, ≥ 1), `unitId` (required but for admin). */
export function principalFromClaims(claims: JWTPayload): Principal {
  if (!shortString(claims.sub)) throw new AuthError('bad_sub');
  const name = shortString(claims.name) ? claims.name.normalize('NFC').trim() || claims.sub : claims.sub;
  if (!Array.isArray(claims.roles)) throw new AuthError('bad_roles');
  const roles = [...new Set((claims.roles as unknown[]).filter(isRole))] as Role[];
  if (roles.length === 0) throw new AuthError('no_known_role');
  const unit = claims.unitId;
  if (unit !== undefined && unit !== null && !shortString(unit)) throw new AuthError('bad_unit');
  const unitId = shortString(unit) ? unit : null;
  if (unitId === null && !roles.includes('admin')) throw new AuthError('unit_required');
  return { id: claims.sub, name, roles, unitId };
}
