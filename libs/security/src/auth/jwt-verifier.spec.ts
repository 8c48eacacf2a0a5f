import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { SignJWT, UnsecuredJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey } from 'jose';
import { authConfigFromEnv } from './auth.config.js';
import { AuthError } from './auth-error.js';
import { signDevToken } from './dev-token.js';
import { JwtVerifier, bearerToken } from './jwt-verifier.js';

const SECRET = 'test-secret-test-secret-test-secret-0123';
const OTHER = 'another-secret-another-secret-another-01';
const handler = { sub: 'u-1', name: 'Trần Thị Bình', roles: ['handler'], unitId: 'unit-a' };

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    expect(e).toBeInstanceOf(AuthError);
    return (e as AuthError).code;
  }
};

describe('JwtVerifier with HS256', () => {
  const verifier = new JwtVerifier({ hsSecret: SECRET });

  it('accepts a valid token and maps its claims', async () => {
    const principal = await verifier.verify(await signDevToken(handler, SECRET));
    expect(principal).toEqual({ id: 'u-1', name: 'Trần Thị Bình', roles: ['handler'], unitId: 'unit-a' });
  });

  it('rejects alg none', async () => {
    const token = new UnsecuredJWT({ roles: ['admin'] }).setSubject('x').setExpirationTime('1h').encode();
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('rejects a token signed with another key', async () => {
    expect(await codeOf(verifier.verify(await signDevToken(handler, OTHER)))).toBe('UNAUTHENTICATED');
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await signDevToken(handler, SECRET)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...handler, roles: ['admin'], exp: 4102444800 })).toString(
      'base64url',
    );
    expect(await codeOf(verifier.verify(`${h}.${forged}.${s}`))).toBe('UNAUTHENTICATED');
  });

  it('rejects an expired token', async () => {
    const token = await signDevToken(handler, SECRET, { expiresIn: -3600 });
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('takes a token verified already for as long as it is valid, and refuses it once expired', async () => {
    let now = Date.now();
    const clocked = new JwtVerifier({ hsSecret: SECRET, clockToleranceSec: 0 }, () => now);
    const token = await signDevToken(handler, SECRET, { expiresIn: 120 });
    const first = await clocked.verify(token);
    first.roles.push('admin'); // a caller's change never reaches the next request
    expect(await clocked.verify(token)).toEqual({ ...first, roles: ['handler'] });
    now += 61_000; // past the minute it is kept: verified again, still valid
    expect((await clocked.verify(token)).id).toBe('u-1');
    now += 60_000; // past exp
    expect(await codeOf(clocked.verify(token))).toBe('UNAUTHENTICATED');
    // A refused token is not kept: the same forged token is refused again.
    const [h, p] = token.split('.');
    expect(await codeOf(clocked.verify(`${h}.${p}.AAAA`))).toBe('UNAUTHENTICATED');
    expect(await codeOf(clocked.verify(`${h}.${p}.AAAA`))).toBe('UNAUTHENTICATED');
  });

  it('rejects a token without exp', async () => {
    const token = await new SignJWT({ name: 'x', roles: ['handler'], unitId: 'unit-a' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-1')
      .sign(new TextEncoder().encode(SECRET));
    expect(await codeOf(verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('rejects garbage, empty and oversized tokens', async () => {
    expect(await codeOf(verifier.verify('not.a.jwt'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier.verify(''))).toBe('UNAUTHENTICATED');
    expect(await codeOf(verifier.verify('a'.repeat(10_000)))).toBe('UNAUTHENTICATED');
  });

  it('ignores unknown roles and rejects a token with no known role', async () => {
    const mixed = await signDevToken({ ...handler, roles: ['root', 'handler', 'handler'] }, SECRET);
    expect((await verifier.verify(mixed)).roles).toEqual(['handler']);
    const none = await signDevToken({ ...handler, roles: ['root'] }, SECRET);
    expect(await codeOf(verifier.verify(none))).toBe('UNAUTHENTICATED');
    const empty = await signDevToken({ ...handler, roles: [] }, SECRET);
    expect(await codeOf(verifier.verify(empty))).toBe('UNAUTHENTICATED');
  });

  it('requires a unit except for admin', async () => {
    const noUnit = await signDevToken({ ...handler, unitId: null }, SECRET);
    expect(await codeOf(verifier.verify(noUnit))).toBe('UNAUTHENTICATED');
    const admin = await signDevToken({ sub: 'a-1', name: 'Admin', roles: ['admin'] }, SECRET);
    expect(await verifier.verify(admin)).toEqual({
      id: 'a-1',
      name: 'Admin',
      roles: ['admin'],
      unitId: null,
    });
  });

  it('refuses a weak secret and a configuration without keys', () => {
    expect(() => new JwtVerifier({ hsSecret: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => new JwtVerifier({})).toThrow(/no JWT verification key/);
  });
});

describe('JwtVerifier issuer and audience', () => {
  const verifier = new JwtVerifier({ hsSecret: SECRET, issuer: 'https://idp.example', audience: 'donthu' });
  const opts = { issuer: 'https://idp.example', audience: 'donthu' };

  it('accepts the configured issuer and audience', async () => {
    await expect(verifier.verify(await signDevToken(handler, SECRET, opts))).resolves.toMatchObject({
      id: 'u-1',
    });
  });

  it('rejects a wrong or missing audience or issuer', async () => {
    for (const o of [
      { ...opts, audience: 'other' },
      { ...opts, issuer: 'https://evil.example' },
      { issuer: opts.issuer },
    ]) {
      expect(await codeOf(verifier.verify(await signDevToken(handler, SECRET, o)))).toBe('UNAUTHENTICATED');
    }
  });
});

describe('JwtVerifier with RS256', () => {
  let privateKey: CryptoKey;
  let pem: string;
  let server: Server;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    pem = await exportSPKI(pair.publicKey);
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const rsToken = (claims = handler) =>
    new SignJWT({ name: claims.name, roles: claims.roles, unitId: claims.unitId })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject(claims.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  it('accepts a token signed by the private key (PEM public key)', async () => {
    const verifier = new JwtVerifier({ publicKeyPem: pem });
    await expect(verifier.verify(await rsToken())).resolves.toMatchObject({ id: 'u-1', roles: ['handler'] });
  });

  it('accepts a token whose key comes from a JWKS', async () => {
    const verifier = new JwtVerifier({ jwksUrl });
    await expect(verifier.verify(await rsToken())).resolves.toMatchObject({ id: 'u-1', unitId: 'unit-a' });
  });

  it('refuses HS256 when only RS256 is configured (no algorithm confusion with the public key)', async () => {
    const verifier = new JwtVerifier({ publicKeyPem: pem });
    const confused = await new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(pem));
    expect(await codeOf(verifier.verify(confused))).toBe('UNAUTHENTICATED');
  });

  it('refuses an RS256 token when only HS256 is configured', async () => {
    const verifier = new JwtVerifier({ hsSecret: SECRET });
    expect(await codeOf(verifier.verify(await rsToken()))).toBe('UNAUTHENTICATED');
  });

  it('accepts both kinds when both are configured', async () => {
    const verifier = new JwtVerifier({ publicKeyPem: pem, hsSecret: SECRET });
    await expect(verifier.verify(await rsToken())).resolves.toMatchObject({ id: 'u-1' });
    await expect(verifier.verify(await signDevToken(handler, SECRET))).resolves.toMatchObject({ id: 'u-1' });
  });

  it('rejects a non-RSA or malformed public key at construction', () => {
    expect(() => new JwtVerifier({ publicKeyPem: 'nope' })).toThrow(/PEM/);
  });
});

describe('authConfigFromEnv and bearerToken', () => {
  it('reads the variables, treating empty ones as unset', () => {
    expect(
      authConfigFromEnv({
        AUTH_JWT_SECRET: SECRET,
        AUTH_JWKS_URL: '',
        AUTH_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\\nabc\\n-----END PUBLIC KEY-----',
        AUTH_JWT_ISSUER: 'iss',
        AUTH_JWT_AUDIENCE: 'aud',
      }),
    ).toEqual({
      hsSecret: SECRET,
      publicKeyPem: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----',
      issuer: 'iss',
      audience: 'aud',
    });
    expect(authConfigFromEnv({})).toEqual({});
    expect(() => authConfigFromEnv({ AUTH_JWT_CLOCK_TOLERANCE_SEC: '-1' })).toThrow();
  });

  it('parses a bearer header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(() => bearerToken(undefined)).toThrow(AuthError);
    expect(() => bearerToken('Basic dXNlcjpwYXNz')).toThrow(AuthError);
  });
});
