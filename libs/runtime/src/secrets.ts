import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Secrets {
  jwtSecret: string;
  vaultMasterKey: string;
}

/**
 * AUTH_JWT_SECRET and VAULT_MASTER_KEY. In development they are generated once and kept in
 * DATA_DIR/secrets.json (mode 0600); with NODE_ENV=production the app refuses to start without them.
 */
export function resolveSecrets(env: NodeJS.ProcessEnv, dataDir: string, production: boolean): Secrets {
  const fromEnv = { jwtSecret: env.AUTH_JWT_SECRET, vaultMasterKey: env.VAULT_MASTER_KEY };
  if (production) {
    const missing = Object.entries({
      AUTH_JWT_SECRET: fromEnv.jwtSecret,
      VAULT_MASTER_KEY: fromEnv.vaultMasterKey,
    })
      .filter(([, v]) => !v)
      .map(([k]) => k);
    // A JWKS or public key replaces the shared secret for verification.
    const jwtViaKeys = Boolean(env.AUTH_JWKS_URL || env.AUTH_JWT_PUBLIC_KEY);
    const really = missing.filter((k) => !(k === 'AUTH_JWT_SECRET' && jwtViaKeys));
    if (really.length > 0) throw new Error(`NODE_ENV=production requires ${really.join(' and ')}`);
    return { jwtSecret: fromEnv.jwtSecret ?? '', vaultMasterKey: fromEnv.vaultMasterKey! };
  }
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Secrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Secrets>;
  const secrets: Secrets = {
    jwtSecret: fromEnv.jwtSecret ?? stored.jwtSecret ?? randomBytes(32).toString('base64url'),
    vaultMasterKey: fromEnv.vaultMasterKey ?? stored.vaultMasterKey ?? randomBytes(32).toString('base64'),
  };
  if (!stored.jwtSecret || !stored.vaultMasterKey) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify(
        {
          jwtSecret: stored.jwtSecret ?? secrets.jwtSecret,
          vaultMasterKey: stored.vaultMasterKey ?? secrets.vaultMasterKey,
        },
        null,
        2,
      ),
      { mode: 0o600 },
    );
  }
  return secrets;
}
