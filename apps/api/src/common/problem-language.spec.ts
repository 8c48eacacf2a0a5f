import { describe, expect, it } from '@jest/globals';
import { problem } from '../../../../libs/application/src/index.js';
import { detailVi, localizeProblem, problemLanguage } from './problem-language.js';

describe('the language of problems (docs/reference/api-contract.md "Language")', () => {
  it('is Vietnamese without Accept-Language, with vi, and when vi ranks first', () => {
    for (const h of [undefined, '', 'vi', 'vi-VN,vi;q=0.9,en;q=0.8', 'fr', 'en;q=0.5,vi'])
      expect(problemLanguage(h)).toBe('vi');
  });

  it('is English when English ranks above Vietnamese', () => {
    for (const h of ['en', 'en-US,en;q=0.9', 'vi;q=0.4,en;q=0.8', 'fr,en-GB;q=0.7'])
      expect(problemLanguage(h)).toBe('en');
  });

  it('translates the title, the detail part by part and each error, and keeps code, paths and rule ids', () => {
    const p = problem(
      'VALIDATION_FAILED',
      'receivedAt: receivedAt 2027-01-01 is after today (2026-12-06); reason: property reason should not exist',
      [
        { path: 'receivedAt', message: 'receivedAt 2027-01-01 is after today (2026-12-06)' },
        { path: 'reason', message: 'property reason should not exist' },
      ],
    );
    const vi = localizeProblem(p, 'vi');
    expect(vi).toMatchObject({ code: 'VALIDATION_FAILED', status: 400, title: 'Dữ liệu không hợp lệ' });
    expect(vi.detail).toBe(
      'receivedAt: ngày 01/01/2027 sau ngày hôm nay (06/12/2026); reason: trường reason không được phép',
    );
    expect(vi.errors).toEqual([
      { path: 'receivedAt', message: 'receivedAt: ngày 01/01/2027 sau ngày hôm nay (06/12/2026)' },
      { path: 'reason', message: 'trường reason không được phép' },
    ]);
    expect(localizeProblem(p, 'en')).toEqual(p);
  });

  it('names the state in Vietnamese and leaves a message it does not know as it was', () => {
    expect(detailVi('case is resolved: ResolveCase is not allowed')).toContain('“đã giải quyết”');
    expect(detailVi('a second complaint needs a dialogue before the decision (KN-DLG)')).toBe(
      'a second complaint needs a dialogue before the decision (KN-DLG)',
    );
  });
});
