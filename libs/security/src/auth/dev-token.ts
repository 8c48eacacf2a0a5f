import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { assertStrongSecret } from './jwt-verifier.js';

export interface DevTokenClaims {
  sub: string;
  name: string;
  roles: readonly string[];
  unitId?: string | null;
}

export interface DevTokenOptions {
  /** A jose time span ('12h', '30m') or seconds. Default '12h'. */
  expiresIn?: string | number;
  issuer?: string;
  audience?: string;
}

/** An HS256 token for local use (`donthu token`) and tests. */
export async function signDevToken(
  claims: DevTokenClaims,
  secret: string,
  { expiresIn = '12h', issuer, audience }: DevTokenOptions = {},
): Promise<string> {
  const key = assertStrongSecret(secret);
  const payload: Record<string, unknown> = { name: claims.name, roles: [...claims.roles] };
  if (claims.unitId) payload.unitId = claims.unitId;
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn);
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(key);
}

/** A random HS256 secret (32 bytes, base64url) for development, kept in DATA_DIR by the app. */
export const generateHsSecret = (): string => randomBytes(32).toString('base64url');
