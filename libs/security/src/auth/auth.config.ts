/** How bearer tokens are verified. At least one of hsSecret, publicKeyPem, jwksUrl must be set. */
export interface AuthConfig {
  /** HS256 shared secret (at least 32 bytes). */
  hsSecret?: string;
  /** RS256 keys from a JWKS endpoint (https in production). */
  jwksUrl?: string;
  /** RS256 public key, PEM (SPKI, "-----BEGIN PUBLIC KEY-----"). */
  publicKeyPem?: string;
  /** Checked when set. */
  issuer?: string;
  /** Checked when set. */
  audience?: string;
  /** Allowed clock skew for exp/nbf/iat, seconds (default 30). */
  clockToleranceSec?: number;
  /** The longest lifetime a token may claim (`exp − iat`), seconds (AUTH_JWT_MAX_AGE, default 12 h). */
  maxAgeSec?: number;
}

/** The default and the ceiling of a token's lifetime: 12 hours (docs/reference/api-contract.md, Auth). */
export const DEFAULT_MAX_AGE_SEC = 12 * 3600;

/** `3600`, `90s`, `30m`, `12h`, `1d` → seconds; null when it is none of these. */
export function durationSeconds(text: string): number | null {
  const m = /^\s*(\d{1,9})\s*(s|m|h|d)?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

const value = (env: Readonly<Record<string, string | undefined>>, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

/**
 * Reads AUTH_JWT_SECRET, AUTH_JWKS_URL, AUTH_JWT_PUBLIC_KEY (PEM; `\n` escapes allowed),
 * AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE and AUTH_JWT_CLOCK_TOLERANCE_SEC. Empty values count as unset.
 */
export function authConfigFromEnv(env: Readonly<Record<string, string | undefined>>): AuthConfig {
  const config: AuthConfig = {};
  const secret = env.AUTH_JWT_SECRET;
  if (secret !== undefined && secret.length > 0) config.hsSecret = secret;
  const jwksUrl = value(env, 'AUTH_JWKS_URL');
  if (jwksUrl) config.jwksUrl = jwksUrl;
  const pem = value(env, 'AUTH_JWT_PUBLIC_KEY');
  if (pem) config.publicKeyPem = pem.replace(/\\n/g, '\n');
  const issuer = value(env, 'AUTH_JWT_ISSUER');
  if (issuer) config.issuer = issuer;
  const audience = value(env, 'AUTH_JWT_AUDIENCE');
  if (audience) config.audience = audience;
  const tolerance = value(env, 'AUTH_JWT_CLOCK_TOLERANCE_SEC');
  if (tolerance !== undefined) {
    const n = Number(tolerance);
    if (!Number.isInteger(n) || n < 0 || n > 600) {
      throw new Error('AUTH_JWT_CLOCK_TOLERANCE_SEC must be an integer number of seconds from 0 to 600');
    }
    config.clockToleranceSec = n;
  }
  const maxAge = value(env, 'AUTH_JWT_MAX_AGE');
  if (maxAge !== undefined) {
    const n = durationSeconds(maxAge);
    if (n === null || n < 60)
      throw new Error('AUTH_JWT_MAX_AGE must be a duration such as 12h, 30m or 3600 (≥ 60 s)');
    config.maxAgeSec = n;
  }
  return config;
}
