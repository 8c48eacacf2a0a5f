import { describe, expect, it } from '@jest/globals';
import { randomBytes, scryptSync } from 'node:crypto';
import {
  generateLookupPin,
  hashLookupPin,
  LOOKUP_PIN_ALPHABET,
  normaliseLookupPin,
  verifyLookupPin,
} from './lookup-pin.js';

describe('lookup PIN', () => {
  it('has 8 characters from an alphabet without 0, O, 1, I or L', () => {
    expect(LOOKUP_PIN_ALPHABET).toHaveLength(31);
    for (const ch of '0O1IL') expect(LOOKUP_PIN_ALPHABET).not.toContain(ch);
    const pins = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const pin = generateLookupPin();
      expect(pin).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
      pins.add(pin);
    }
    expect(pins.size).toBe(100); // 31^8 possibilities: a repeat among 100 would be a broken generator
  });

  it('normalises what a citizen types and refuses what cannot be a PIN', () => {
    expect(normaliseLookupPin('abcd-efgh')).toBe('ABCDEFGH');
    expect(normaliseLookupPin(' 2345 6789 ')).toBe('23456789');
    expect(normaliseLookupPin('ABCDEFG')).toBeNull();
    expect(normaliseLookupPin('ABCDEFGO')).toBeNull();
    expect(normaliseLookupPin('ABCDEFG1')).toBeNull();
    expect(normaliseLookupPin(undefined)).toBeNull();
    expect(normaliseLookupPin(['ABCDEFGH'])).toBeNull();
  });

  it('stores only a salted hash bound to the case, and verifies it', async () => {
    const pin = generateLookupPin();
    const hash = await hashLookupPin('case-1', pin);
    expect(hash).toMatch(/^scrypt-v2\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
    expect(hash).not.toContain(pin);
    expect(await hashLookupPin('case-1', pin)).not.toBe(hash); // a fresh salt each time
    expect(await verifyLookupPin('case-1', pin, hash)).toBe(true);
    expect(await verifyLookupPin('case-1', pin.toLowerCase(), hash)).toBe(true);
    expect(await verifyLookupPin('case-2', pin, hash)).toBe(false);
    const other = pin[0] === '2' ? `3${pin.slice(1)}` : `2${pin.slice(1)}`;
    expect(await verifyLookupPin('case-1', other, hash)).toBe(false);
    expect(await verifyLookupPin('case-1', 'bad', hash)).toBe(false);
    expect(await verifyLookupPin('case-1', pin, null)).toBe(false);
    expect(await verifyLookupPin('case-1', pin, 'garbage')).toBe(false);
  });

  it('still verifies the first scheme (scrypt-v1, N = 16384) of the cases registered before v2', async () => {
    const pin = generateLookupPin();
    const salt = randomBytes(16);
    const key = scryptSync(`case-1\n${pin}`, salt, 32, { N: 16384, r: 8, p: 1 });
    const v1 = `scrypt-v1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyLookupPin('case-1', pin, v1)).toBe(true);
    const other = pin[0] === '2' ? `3${pin.slice(1)}` : `2${pin.slice(1)}`;
    expect(await verifyLookupPin('case-1', other, v1)).toBe(false);
    expect(await verifyLookupPin('case-2', pin, v1)).toBe(false);
    // A v1 hash under the v2 prefix (or the reverse) is not accepted: the prefix names the work.
    expect(await verifyLookupPin('case-1', pin, v1.replace('scrypt-v1', 'scrypt-v2'))).toBe(false);
    expect(await verifyLookupPin('case-1', pin, 'scrypt-v3$a$b')).toBe(false);
  });
});
