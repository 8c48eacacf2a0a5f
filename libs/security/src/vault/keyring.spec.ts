import { createHash, randomBytes } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { createKeyring, generateMasterKey, keyIdOf, keyringFromEnv, parseMasterKey } from './keyring.js';
import { VaultError } from './vault-error.js';

describe('keyring', () => {
  it('derives key ids from sha256', () => {
    const key = randomBytes(32);
    expect(keyIdOf(key)).toBe(createHash('sha256').update(key).digest('hex').slice(0, 8));
  });

  it('loads the active and old keys from the environment', () => {
    const a = generateMasterKey();
    const b = generateMasterKey();
    const c = Buffer.from(generateMasterKey(), 'base64').toString('base64url');
    const ring = keyringFromEnv({ VAULT_MASTER_KEY: a, VAULT_OLD_KEYS: ` ${b}, legacy:${c} ,` });
    expect(ring.activeKeyId).toBe(keyIdOf(Buffer.from(a, 'base64')));
    expect(Object.keys(ring.keys).sort()).toEqual(
      [ring.activeKeyId, keyIdOf(Buffer.from(b, 'base64')), 'legacy'].sort(),
    );
    expect(ring.keys.legacy.equals(Buffer.from(c, 'base64url'))).toBe(true);
  });

  it('rejects a missing key, a wrong length and bad base64 with a clear error that does not echo the key', () => {
    expect(() => keyringFromEnv({})).toThrow(/VAULT_MASTER_KEY is not set/);
    const short = randomBytes(16).toString('base64');
    expect(() => keyringFromEnv({ VAULT_MASTER_KEY: short })).toThrow(/32 random bytes.*got 16 bytes/);
    try {
      keyringFromEnv({ VAULT_MASTER_KEY: short });
    } catch (e) {
      expect((e as VaultError).code).toBe('INVALID_KEY');
      expect((e as Error).message).not.toContain(short);
    }
    expect(() =>
      keyringFromEnv({ VAULT_MASTER_KEY: generateMasterKey(), VAULT_OLD_KEYS: 'not base64!' }),
    ).toThrow(/VAULT_OLD_KEYS entry #1 is not valid base64/);
  });

  it('refuses one id for two different keys', () => {
    expect(() =>
      createKeyring({ id: 'k', key: randomBytes(32) }, [{ id: 'k', key: randomBytes(32) }]),
    ).toThrow(VaultError);
    expect(() => parseMasterKey(`bad id:${generateMasterKey()}`, 'X')).toThrow(/key id/);
  });
});
