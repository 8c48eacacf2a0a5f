import { createHash, randomBytes } from 'node:crypto';
import { VaultError } from './vault-error.js';

/** Length of every master key and data key: AES-256. */
export const KEY_BYTES = 32;

/**
 * The master keys the vault knows. `activeKeyId` wraps new data keys (and is the target of `rewrap`);
 * the others are kept only to unwrap data keys that have not been rewrapped yet.
 */
export interface Keyring {
  activeKeyId: string;
  keys: Readonly<Record<string, Buffer>>;
}

/** A master key with an explicit id, or a bare key whose id is derived with `keyIdOf`. */
export type MasterKeyInput = Buffer | { id: string; key: Buffer };

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+={0,2}|[A-Za-z0-9_-]+)$/;

/** The default id of a master key: the first 8 hex characters of sha256(key). Not secret. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** 32 random bytes in base64, the format of `VAULT_MASTER_KEY`. */
export function generateMasterKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

function normalise(input: MasterKeyInput, what: string): { id: string; key: Buffer } {
  const entry = Buffer.isBuffer(input) ? { id: keyIdOf(input), key: input } : input;
  if (!KEY_ID.test(entry.id)) {
    throw new VaultError('INVALID_KEY', `${what}: key id must be 1-64 characters of [A-Za-z0-9_-]`);
  }
  if (entry.key.length !== KEY_BYTES) {
    throw new VaultError(
      'INVALID_KEY',
      `${what}: a master key must be ${KEY_BYTES} bytes, got ${entry.key.length}`,
    );
  }
  return entry;
}

/** Builds a keyring; the first key is active. Duplicate keys are ignored; one id for two keys is an error. */
export function createKeyring(active: MasterKeyInput, old: readonly MasterKeyInput[] = []): Keyring {
  const activeEntry = normalise(active, 'active master key');
  const keys: Record<string, Buffer> = { [activeEntry.id]: Buffer.from(activeEntry.key) };
  old.forEach((input, i) => {
    const { id, key } = normalise(input, `old master key #${i + 1}`);
    const known = keys[id];
    if (known && !known.equals(key)) {
      throw new VaultError(
        'INVALID_KEY',
        `old master key #${i + 1}: key id ${id} is already used by another key`,
      );
    }
    keys[id] = Buffer.from(key);
  });
  return { activeKeyId: activeEntry.id, keys };
}

/** Checks a keyring built by hand: the active key exists and every key is 32 bytes. */
export function assertValidKeyring(keyring: Keyring): void {
  const ids = Object.keys(keyring.keys);
  if (!ids.includes(keyring.activeKeyId)) {
    throw new VaultError('INVALID_KEY', `the active master key ${keyring.activeKeyId} is not in the keyring`);
  }
  for (const id of ids) normalise({ id, key: keyring.keys[id] }, `master key ${id}`);
}

/**
 * Parses one master key: base64 (or base64url) of 32 bytes, optionally prefixed by an explicit id
 * (`<id>:<base64>`). `what` names the source in error messages; the key itself is never echoed.
 */
export function parseMasterKey(text: string, what: string): MasterKeyInput {
  const trimmed = text.trim();
  const colon = trimmed.indexOf(':');
  const id = colon >= 0 ? trimmed.slice(0, colon) : undefined;
  const encoded = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
  if (!BASE64.test(encoded)) throw new VaultError('INVALID_KEY', `${what} is not valid base64`);
  const key = Buffer.from(encoded, encoded.includes('-') || encoded.includes('_') ? 'base64url' : 'base64');
  if (key.length !== KEY_BYTES) {
    throw new VaultError(
      'INVALID_KEY',
      `${what} must be ${KEY_BYTES} random bytes in base64 (44 characters), got ${key.length} bytes`,
    );
  }
  return id === undefined ? key : normalise({ id, key }, what);
}

/**
 * The keyring from the environment: `VAULT_MASTER_KEY` (active, required) and `VAULT_OLD_KEYS`
 * (optional, comma-separated; keys being rotated out). Throws `VaultError('INVALID_KEY')` with a clear
 * message when a key is missing or malformed.
 */
export function keyringFromEnv(env: Readonly<Record<string, string | undefined>>): Keyring {
  const active = env.VAULT_MASTER_KEY?.trim();
  if (!active) {
    throw new VaultError('INVALID_KEY', 'VAULT_MASTER_KEY is not set (32 random bytes in base64)');
  }
  const old = (env.VAULT_OLD_KEYS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s, i) => parseMasterKey(s, `VAULT_OLD_KEYS entry #${i + 1}`));
  return createKeyring(parseMasterKey(active, 'VAULT_MASTER_KEY'), old);
}
