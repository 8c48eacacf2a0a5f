import { describe, expect, it } from '@jest/globals';
import { v5 } from 'uuid';
import { nameBasedUuid } from './ids.js';

const NS = '6f1d7c52-3b8e-4a2f-9d61-0c4e5a7b9e13';

describe('nameBasedUuid', () => {
  it('is RFC 9562 version 5 (agrees with the uuid package and the RFC example)', () => {
    for (const name of [
      '',
      'DeadlineMissed:c-1:KN-ACC:2026-07-01:2026-07-10',
      'Tố cáo – ñ',
      'x'.repeat(500),
    ]) {
      expect(nameBasedUuid(name, NS)).toBe(v5(name, NS));
    }
    // RFC 9562 Appendix A.4: www.example.com in the DNS namespace.
    expect(nameBasedUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});
