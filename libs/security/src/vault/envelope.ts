import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from 'node:crypto';
import { KEY_BYTES } from './keyring.js';
import { VaultError } from './vault-error.js';

/**
 * AES-256-GCM building blocks of the vault. Pure functions over keys held by the caller.
 * Layout of one encrypted blob: a random 96-bit IV, then ciphertext ‖ 128-bit tag.
 */

const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Prefix of the current sealed format. A new format gets a new prefix; old ones stay readable. */
export const SEALED_PREFIX = 'v1';
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;
const WRAPPED = /^([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

export interface Encrypted {
  iv: Buffer;
  /** ciphertext followed by the authentication tag */
  body: Buffer;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES)
    throw new VaultError('INVALID_KEY', `an AES-256 key must be ${KEY_BYTES} bytes`);
}

/**
 * The key as a KeyObject: given a Buffer, `createCipheriv`/`createDecipheriv` spend ≈ 4 × the time of
 * the cipher itself checking what kind of key it is (node 24, profiled in a projection rebuild, where
 * every letter is opened); a KeyObject made for the call costs a fraction of that.
 */
const keyObject = (key: Buffer) => createSecretKey(key);

export function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Encrypted {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(CIPHER, keyObject(key), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return { iv, body };
}

/** Throws `VaultError('DECRYPT_FAILED')` on a wrong key, wrong AAD or any tampering. */
export function decrypt(key: Buffer, { iv, body }: Encrypted, aad: Buffer): Buffer {
  checkKey(key);
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES) throw new VaultError('MALFORMED', 'bad blob length');
  try {
    const decipher = createDecipheriv(CIPHER, keyObject(key), iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new VaultError(
      'DECRYPT_FAILED',
      'authentication failed: wrong key, wrong context or tampered data',
    );
  }
}

/** AAD of a sealed value: binds the ciphertext to one person reference. */
export const valueAad = (personRef: string): Buffer =>
  Buffer.from(`donthu:vault:value:v1\u0000${personRef}`, 'utf8');

/** AAD of a wrapped data key: binds it to its person and to the master key id that wrapped it. */
export const wrapAad = (keyId: string, personRef: string): Buffer =>
  Buffer.from(`donthu:vault:dek:v1\u0000${keyId}\u0000${personRef}`, 'utf8');

/** True when `text` has the shape of a sealed value (it says nothing about whether it opens). */
export function isSealed(text: unknown): text is string {
  return typeof text === 'string' && SEALED.test(text);
}

/** Encrypts a JSON object under a person's data key: `v1.<iv>.<ciphertext+tag>` (base64url). */
export function sealWithKey(dataKey: Buffer, personRef: string, value: object): string {
  if (value === null || typeof value !== 'object') {
    throw new TypeError('only objects can be sealed');
  }
  const { iv, body } = encrypt(dataKey, Buffer.from(JSON.stringify(value), 'utf8'), valueAad(personRef));
  return `${SEALED_PREFIX}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function openWithKey(dataKey: Buffer, personRef: string, sealed: string): unknown {
  const m = SEALED.exec(sealed);
  if (!m) throw new VaultError('MALFORMED', 'not a sealed value');
  const plain = decrypt(
    dataKey,
    { iv: Buffer.from(m[1], 'base64url'), body: Buffer.from(m[2], 'base64url') },
    valueAad(personRef),
  );
  return JSON.parse(plain.toString('utf8')) as unknown;
}

/** Wraps a data key under a master key: `<iv>.<ciphertext+tag>` (base64url). */
export function wrapDataKey(masterKey: Buffer, keyId: string, personRef: string, dataKey: Buffer): string {
  const { iv, body } = encrypt(masterKey, dataKey, wrapAad(keyId, personRef));
  return `${iv.toString('base64url')}.${body.toString('base64url')}`;
}

export function unwrapDataKey(masterKey: Buffer, keyId: string, personRef: string, wrapped: string): Buffer {
  const m = WRAPPED.exec(wrapped);
  if (!m) throw new VaultError('MALFORMED', 'not a wrapped key');
  const key = decrypt(
    masterKey,
    { iv: Buffer.from(m[1], 'base64url'), body: Buffer.from(m[2], 'base64url') },
    wrapAad(keyId, personRef),
  );
  if (key.length !== KEY_BYTES) throw new VaultError('MALFORMED', 'unwrapped data key has the wrong length');
  return key;
}

/** A fresh random data key for one person. */
export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);
