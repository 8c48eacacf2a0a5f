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
  /** Allowed clock skew for exp/nbf, seconds (default 30). */
  clockToleranceSec?: number;
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
  return config;
}
