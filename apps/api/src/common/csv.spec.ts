import { describe, expect, it } from '@jest/globals';
import { csvCell, toCsv, wantsCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a BOM, a header line and CRLF line ends', () => {
    const csv = toCsv(
      ['Họ tên', 'Số hạn'],
      [
        ['Nguyễn Văn A', 3],
        ['Trần Thị B', null],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFHọ tên,Số hạn\r\nNguyễn Văn A,3\r\nTrần Thị B,\r\n');
  });

  it('quotes cells with commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('cr\rlf')).toBe('"cr\rlf"');
  });

  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
  ])('neutralises the formula %j', (input, output) => expect(csvCell(input)).toBe(output));

  it('quotes a neutralised formula that also needs quoting', () => expect(csvCell('=1,2')).toBe('"\'=1,2"'));

  it('writes numbers, booleans and empties as data', () => {
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(0.5)).toBe('0.5');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(undefined)).toBe('');
  });

  it('writes only the header for no rows', () => expect(toCsv(['A'], [])).toBe('\uFEFFA\r\n'));
});

describe('wantsCsv', () => {
  it.each([
    ['text/csv', true],
    ['text/csv; charset=utf-8', true],
    ['application/json, TEXT/CSV;q=0.9', true],
    ['application/json', false],
    [undefined, false],
  ])('%j → %j', (accept, expected) =>
    expect(wantsCsv({ headers: accept === undefined ? {} : { accept } })).toBe(expected),
  );
});
