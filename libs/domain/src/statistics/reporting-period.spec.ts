import { describe, expect, it } from '@jest/globals';
import {
  parsePeriodLabel,
  previousPeriod,
  quarterOf,
  reportYearOf,
  resolvePeriod,
  yearEarlierPeriod,
  customPeriod,
} from './reporting-period.js';

// label, from, to, previous label, year-earlier label — written out by hand from TT 02/2021 and
// NĐ 09/2019's cut-offs (a quarter: the 15th of the month before it … the 14th of its last month).
const TABLE: [string, string, string, string, string][] = [
  ['2025-Q1', '2024-12-15', '2025-03-14', '2024-Q4', '2024-Q1'],
  ['2025-Q2', '2025-03-15', '2025-06-14', '2025-Q1', '2024-Q2'],
  ['2025-Q3', '2025-06-15', '2025-09-14', '2025-Q2', '2024-Q3'],
  ['2025-Q4', '2025-09-15', '2025-12-14', '2025-Q3', '2024-Q4'],
  ['2025-H1', '2024-12-15', '2025-06-14', '2024-H1', '2024-H1'],
  ['2025-9M', '2024-12-15', '2025-09-14', '2024-9M', '2024-9M'],
  ['2025', '2024-12-15', '2025-12-14', '2024', '2024'],
  ['2026-Q1', '2025-12-15', '2026-03-14', '2025-Q4', '2025-Q1'],
  ['2026-Q2', '2026-03-15', '2026-06-14', '2026-Q1', '2025-Q2'],
  ['2026-Q3', '2026-06-15', '2026-09-14', '2026-Q2', '2025-Q3'],
  ['2026-Q4', '2026-09-15', '2026-12-14', '2026-Q3', '2025-Q4'],
  ['2026-H1', '2025-12-15', '2026-06-14', '2025-H1', '2025-H1'],
  ['2026-9M', '2025-12-15', '2026-09-14', '2025-9M', '2025-9M'],
  ['2026', '2025-12-15', '2026-12-14', '2025', '2025'],
  ['2027-Q1', '2026-12-15', '2027-03-14', '2026-Q4', '2026-Q1'],
  ['2027-Q2', '2027-03-15', '2027-06-14', '2027-Q1', '2026-Q2'],
  ['2027-Q3', '2027-06-15', '2027-09-14', '2027-Q2', '2026-Q3'],
  ['2027-Q4', '2027-09-15', '2027-12-14', '2027-Q3', '2026-Q4'],
  ['2027-H1', '2026-12-15', '2027-06-14', '2026-H1', '2026-H1'],
  ['2027-9M', '2026-12-15', '2027-09-14', '2026-9M', '2026-9M'],
  ['2027', '2026-12-15', '2027-12-14', '2026', '2026'],
];
const RANGES = new Map<string, [string, string]>([
  ...TABLE.map(([l, f, t]) => [l, [f, t]] as [string, [string, string]]),
  ['2024-Q1', ['2023-12-15', '2024-03-14']],
  ['2024-Q2', ['2024-03-15', '2024-06-14']],
  ['2024-Q3', ['2024-06-15', '2024-09-14']],
  ['2024-Q4', ['2024-09-15', '2024-12-14']],
  ['2024-H1', ['2023-12-15', '2024-06-14']],
  ['2024-9M', ['2023-12-15', '2024-09-14']],
  ['2024', ['2023-12-15', '2024-12-14']],
]);

describe('reporting periods (TT 02/2021/TT-TTCP, cut-offs of NĐ 09/2019)', () => {
  it.each(TABLE)(
    '%s runs from %s to %s; previous %s; a year earlier %s',
    (label, from, to, prev, earlier) => {
      const p = parsePeriodLabel(label);
      expect(p).toMatchObject({ label, from, to });
      const pp = previousPeriod(p!);
      expect(pp.label).toBe(prev);
      expect([pp.from, pp.to]).toEqual(RANGES.get(prev));
      const ye = yearEarlierPeriod(p!);
      expect(ye.label).toBe(earlier);
      expect([ye.from, ye.to]).toEqual(RANGES.get(earlier));
    },
  );

  it('the four quarters of a report year tile the year without gap or overlap', () => {
    for (const year of [2025, 2026, 2027]) {
      const qs = [1, 2, 3, 4].map((q) => parsePeriodLabel(`${year}-Q${q}`)!);
      const y = parsePeriodLabel(String(year))!;
      expect(qs[0]!.from).toBe(y.from);
      expect(qs[3]!.to).toBe(y.to);
      for (let i = 1; i < 4; i++) {
        const dayAfter = new Date(Date.parse(qs[i - 1]!.to) + 86_400_000).toISOString().slice(0, 10);
        expect(qs[i]!.from).toBe(dayAfter);
      }
    }
  });

  it.each([
    ['2026-12-14', '2026-Q4', 2026],
    ['2026-12-15', '2027-Q1', 2027],
    ['2026-12-31', '2027-Q1', 2027],
    ['2027-01-01', '2027-Q1', 2027],
    ['2026-03-14', '2026-Q1', 2026],
    ['2026-03-15', '2026-Q2', 2026],
    ['2026-06-14', '2026-Q2', 2026],
    ['2026-06-15', '2026-Q3', 2026],
    ['2026-09-14', '2026-Q3', 2026],
    ['2026-09-15', '2026-Q4', 2026],
  ])('a business date %s lies in %s (report year %s)', (date, label, year) => {
    expect(quarterOf(date).label).toBe(label);
    expect(reportYearOf(date)).toBe(year);
  });

  it.each([
    '2026-Q5',
    '2026-Q0',
    '2026-H2',
    '2026-6M',
    '26-Q1',
    '2026-q1',
    '2026Q1',
    ' 2026',
    '1989',
    '2201',
    '',
  ])('%j is not a period label', (label) => {
    expect(parsePeriodLabel(label)).toBeNull();
  });

  it('a custom range is labelled "<from>…<to>"; its previous range has the same length just before it', () => {
    const p = customPeriod('2026-02-01', '2026-02-28');
    expect(p.label).toBe('2026-02-01…2026-02-28');
    expect(previousPeriod(p)).toMatchObject({
      label: '2026-01-04…2026-01-31',
      from: '2026-01-04',
      to: '2026-01-31',
    });
    expect(yearEarlierPeriod(p)).toMatchObject({ from: '2025-02-01', to: '2025-02-28' });
    expect(yearEarlierPeriod(customPeriod('2028-02-29', '2028-03-01'))).toMatchObject({
      from: '2027-02-28',
      to: '2027-03-01',
    });
    expect(previousPeriod(customPeriod('2026-03-01', '2026-03-01'))).toMatchObject({
      from: '2026-02-28',
      to: '2026-02-28',
    });
  });

  describe('resolvePeriod: period and from/to are exclusive', () => {
    it('neither → the current quarter', () => {
      expect(resolvePeriod({}, '2026-12-06')).toEqual({
        ok: true,
        period: { label: '2026-Q4', kind: 'quarter', from: '2026-09-15', to: '2026-12-14' },
      });
      expect(resolvePeriod({}, '2026-12-20')).toMatchObject({ ok: true, period: { label: '2027-Q1' } });
    });
    it('both → an error naming period', () => {
      expect(
        resolvePeriod({ period: '2026-Q1', from: '2026-01-01', to: '2026-01-31' }, '2026-12-06'),
      ).toEqual({
        ok: false,
        errors: [{ path: 'period', message: expect.any(String) }],
      });
      expect(resolvePeriod({ period: '2026-Q1', to: '2026-01-31' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'period' }],
      });
    });
    it('a bad label, a missing end, an unreal date or a reversed range → errors naming the field', () => {
      expect(resolvePeriod({ period: '2026-Q9' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'period' }],
      });
      expect(resolvePeriod({ from: '2026-01-01' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'to' }],
      });
      expect(resolvePeriod({ to: '2026-01-01' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'from' }],
      });
      expect(resolvePeriod({ from: '2026-02-30', to: '2026-03-01' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'from' }],
      });
      expect(resolvePeriod({ from: '2026-03-02', to: '2026-03-01' }, '2026-12-06')).toMatchObject({
        ok: false,
        errors: [{ path: 'to' }],
      });
    });
    it('a custom range', () => {
      expect(resolvePeriod({ from: '2026-01-01', to: '2026-01-31' }, '2026-12-06')).toEqual({
        ok: true,
        period: { label: '2026-01-01…2026-01-31', kind: 'custom', from: '2026-01-01', to: '2026-01-31' },
      });
    });
  });
});
