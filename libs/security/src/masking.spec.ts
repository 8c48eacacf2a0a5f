import { describe, it, expect } from '@jest/globals';
import {
  DENUNCIATOR_MASK,
  maskAddress,
  maskIdNumber,
  maskName,
  maskPetitioner,
  maskPetitioners,
  maskPhone,
} from './masking.js';

describe('maskName', () => {
  it('keeps initials only', () => {
    expect(maskName('Nguyễn Văn An')).toBe('N. V. A.');
    expect(maskName('  đỗ   thị\tánh ')).toBe('Đ. T. Á.');
    expect(maskName('')).toBe('');
  });

  it('normalises to NFC first (a decomposed Ư stays one letter)', () => {
    const decomposed = 'U\u031B\u0301ng Văn B'; // Ứ written as U + horn + acute
    expect(maskName(decomposed)).toBe('Ứ. V. B.');
    expect(maskName(decomposed).normalize('NFC')).toBe(maskName(decomposed));
  });
});

describe('maskIdNumber', () => {
  it('keeps the last four digits of a 12-digit CCCD', () =>
    expect(maskIdNumber('001203004567')).toBe('********4567'));
  it('keeps three of a 9-digit CMND', () => expect(maskIdNumber('123 456 789')).toBe('******789'));
  it('hides very short values entirely', () => expect(maskIdNumber('12')).toBe('**'));
});

describe('maskPhone', () => {
  it('keeps the first and last three digits', () => {
    expect(maskPhone('0912345678')).toBe('091****678');
    expect(maskPhone('0912 345 678')).toBe('091****678');
    expect(maskPhone('+84912345678')).toBe('+84******678');
  });
  it('hides most of a short number', () => expect(maskPhone('113')).toBe('**3'));
});

describe('maskAddress', () => {
  it('keeps only the last comma-separated part', () => {
    expect(maskAddress('12 Lê Lợi, phường Bến Nghé, TP. Hồ Chí Minh')).toBe('TP. Hồ Chí Minh');
    expect(maskAddress('Thôn 3, xã Ea Kao,  tỉnh   Đắk Lắk ')).toBe('tỉnh Đắk Lắk');
  });
  it('hides an address that has a single part', () => expect(maskAddress('12 Lê Lợi')).toBe('***'));
  it('leaves an empty address empty', () => expect(maskAddress(' , ')).toBe(''));
});

describe('maskPetitioner', () => {
  const person = {
    fullName: 'Nguyễn Văn An',
    idNumber: '001203004567',
    phone: '0912345678',
    address: '12 Lê Lợi, phường Bến Nghé, TP. Hồ Chí Minh',
    representative: true,
  };

  it('masks a complainant', () => {
    expect(maskPetitioner(person, { confidential: false })).toEqual({
      fullName: 'N. V. A.',
      idNumber: '********4567',
      phone: '091****678',
      address: 'TP. Hồ Chí Minh',
      representative: true,
    });
  });

  it('keeps absent fields absent', () => {
    expect(maskPetitioner({ fullName: 'Lê B' }, { confidential: false })).toEqual({ fullName: 'L. B.' });
  });

  it('shows nothing of a denunciator, not even initials', () => {
    const masked = maskPetitioner(person, { confidential: true });
    expect(masked).toEqual({ fullName: DENUNCIATOR_MASK });
    const text = JSON.stringify(masked);
    for (const leak of ['N.', 'An', '4567', '678', 'Hồ Chí Minh']) expect(text).not.toContain(leak);
  });

  it('masks a list', () => {
    expect(maskPetitioners([person, { fullName: 'Trần C' }], { confidential: true })).toEqual([
      { fullName: '[bảo mật]' },
      { fullName: '[bảo mật]' },
    ]);
  });
});
