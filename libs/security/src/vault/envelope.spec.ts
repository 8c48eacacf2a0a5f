import { randomBytes } from 'node:crypto';
import { describe, it, expect } from '@jest/globals';
import { isSealed, newDataKey, openWithKey, sealWithKey, unwrapDataKey, wrapDataKey } from './envelope.js';
import { VaultError } from './vault-error.js';

const codeOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(VaultError);
    return (e as VaultError).code;
  }
};

describe('sealed values', () => {
  const key = newDataKey();
  const value = { fullName: 'Nguyễn Văn An', idNumber: '001203004567' };

  it('round-trips and has the v1 shape', () => {
    const sealed = sealWithKey(key, 'p-1', value);
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(isSealed(sealed)).toBe(true);
    expect(openWithKey(key, 'p-1', sealed)).toEqual(value);
  });

  it('uses a fresh IV every time', () => {
    expect(sealWithKey(key, 'p-1', value)).not.toBe(sealWithKey(key, 'p-1', value));
  });

  it('never contains the plaintext', () => {
    const sealed = sealWithKey(key, 'p-1', value);
    const decoded = Buffer.from(sealed.split('.')[2], 'base64url').toString('latin1');
    expect(sealed).not.toContain('001203004567');
    expect(decoded).not.toContain('001203004567');
  });

  it('fails with another person reference (AAD)', () => {
    expect(codeOf(() => openWithKey(key, 'p-2', sealWithKey(key, 'p-1', value)))).toBe('DECRYPT_FAILED');
  });

  it('fails with another key or a flipped bit', () => {
    const sealed = sealWithKey(key, 'p-1', value);
    expect(codeOf(() => openWithKey(newDataKey(), 'p-1', sealed))).toBe('DECRYPT_FAILED');
    const body = Buffer.from(sealed.split('.')[2], 'base64url');
    body[0] ^= 1;
    const tampered = `${sealed.split('.').slice(0, 2).join('.')}.${body.toString('base64url')}`;
    expect(codeOf(() => openWithKey(key, 'p-1', tampered))).toBe('DECRYPT_FAILED');
  });

  it('rejects malformed input', () => {
    expect(codeOf(() => openWithKey(key, 'p-1', 'v2.abc.def'))).toBe('MALFORMED');
    expect(isSealed('Nguyễn Văn An')).toBe(false);
    expect(() => sealWithKey(key, 'p-1', null as unknown as object)).toThrow(TypeError);
  });
});

describe('wrapped data keys', () => {
  const master = randomBytes(32);
  const dek = newDataKey();

  it('round-trips', () => {
    expect(unwrapDataKey(master, 'k1', 'p-1', wrapDataKey(master, 'k1', 'p-1', dek)).equals(dek)).toBe(true);
  });

  it('is bound to the person and to the master key id', () => {
    const wrapped = wrapDataKey(master, 'k1', 'p-1', dek);
    expect(codeOf(() => unwrapDataKey(master, 'k1', 'p-2', wrapped))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => unwrapDataKey(master, 'k2', 'p-1', wrapped))).toBe('DECRYPT_FAILED');
    expect(codeOf(() => unwrapDataKey(randomBytes(32), 'k1', 'p-1', wrapped))).toBe('DECRYPT_FAILED');
  });
});
