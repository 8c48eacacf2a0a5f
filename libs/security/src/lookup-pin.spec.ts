import { describe, expect, it } from '@jest/globals';
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
    expect(hash).toMatch(/^scrypt-v1\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
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
});
