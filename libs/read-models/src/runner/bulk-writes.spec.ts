import { describe, expect, it } from '@jest/globals';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { copyText, sameJson, sameRow } from './bulk-writes.js';

/** The bulk writer's row comparison answers what comparing canonical JSON answers (the per-row writer's way). */
describe('sameJson / sameRow', () => {
  const value = fc.letrec((tie) => ({
    leaf: fc.oneof(
      fc.constant(null),
      fc.constant(undefined),
      fc.boolean(),
      fc.integer({ min: -3, max: 3 }),
      fc.constantFrom('', 'a', 'b', '1', '2026-01-01'),
    ),
    node: fc.oneof(
      { depthSize: 'small' },
      tie('leaf'),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }),
    ),
  })).node;

  it('agrees with canonical JSON on any two values', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(sameJson(a, b)).toBe(canonicalize(a) === canonicalize(b));
      }),
      { numRuns: 100 },
    );
  });

  it('a value equals a copy of itself with its keys in another order', () => {
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    fc.assert(
      fc.property(value, (a) => {
        expect(sameJson(a, reorder(a))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('rows: temporal and generated columns are not compared; a changed column is', () => {
    const row = { case_id: 'c', due_on: '2026-01-02', reports: [{ on: '2026-01-01' }] };
    expect(sameRow({ ...row, position_from: '1', recorded_from: 'x', search_text: 's' }, row)).toBe(true);
    expect(sameRow(row, { ...row, due_on: '2026-01-03' })).toBe(false);
    expect(sameRow(row, { ...row, extra: null })).toBe(false);
    expect(sameRow(row, { ...row, extra: undefined })).toBe(true);
    expect(sameRow(null, row)).toBe(false);
  });
});

/** COPY's text format read back the way the server reads it (a column of one line). */
function fromCopyText(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

describe('copyText', () => {
  it('any text reads back as itself, on one line, without a tab', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', 'ă', '\\', '\n', '\r', '\t', 'N', ' ', '"') }),
        (text) => {
          const field = copyText(text);
          expect(field).not.toMatch(/[\n\r\t]/);
          expect(fromCopyText(field)).toBe(text);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('null and undefined are \\N; objects are their JSON; numbers and booleans their text', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText(undefined)).toBe('\\N');
    expect(fromCopyText(copyText({ a: 'x\ty', b: [1, null] }))).toBe('{"a":"x\\ty","b":[1,null]}');
    expect(copyText(42)).toBe('42');
    expect(copyText(false)).toBe('false');
    expect(copyText(new Date('2026-01-02T03:04:05.006Z'))).toBe('2026-01-02T03:04:05.006Z');
  });
});
