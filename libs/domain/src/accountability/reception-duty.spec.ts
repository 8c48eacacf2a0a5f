import { describe, expect, it } from '@jest/globals';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { DomainError } from '../shared/domain-error.js';
import { dutyPeriodFor, isoWeekOf, receptionDuty, type ReceptionDutyInput } from './reception-duty.js';

const calendar = createTestCalendar();

function codeOf(run: () => unknown): [string | undefined, string | undefined] {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return [e.code, e.path];
    throw e;
  }
  return [undefined, undefined];
}

describe('receptionDuty', () => {
  // Tết Bính Ngọ 2026: Mon 16 – Fri 20 February are days off, so ISO week 2026-W08 has no working day.
  describe('a month-level head (province chair) over a range crossing Tết', () => {
    const input: ReceptionDutyInput = {
      term: { from: '2025-07-01', to: null },
      range: { from: '2026-01-15', to: '2026-03-10' },
      level: 'province',
      heldDays: ['2026-01-20', '2026-01-22', '2026-03-05', '2026-03-05', '2026-01-10', '2026-03-11'],
      calendar,
    };

    it('owes one day in each month with a working day in term ∩ range', () =>
      expect(receptionDuty(input)).toEqual({
        required: 3,
        held: 3,
        missing: 1,
        missingPeriods: ['2026-02'],
      }));

    it('counts every distinct held day inside term ∩ range, duplicates once', () =>
      expect(receptionDuty({ ...input, heldDays: ['2026-02-18', '2026-02-18'] })).toMatchObject({
        held: 1,
        missing: 2,
      }));

    it('does not owe a month whose only days in the range are days off', () =>
      // 2026-02-16 … 2026-02-22: Tết days off and a weekend.
      expect(
        receptionDuty({ ...input, range: { from: '2026-02-16', to: '2026-02-22' }, heldDays: [] }),
      ).toEqual({
        required: 0,
        held: 0,
        missing: 0,
        missingPeriods: [],
      }));
  });

  describe('a week-level head (commune chair) over a range crossing Tết', () => {
    const input: ReceptionDutyInput = {
      term: { from: '2025-07-01', to: null },
      range: { from: '2026-02-02', to: '2026-03-01' },
      level: 'commune',
      heldDays: ['2026-02-04', '2026-02-25'],
      calendar,
    };

    it('does not count the Tết week, which has no working day', () =>
      expect(receptionDuty(input)).toEqual({
        required: 3,
        held: 2,
        missing: 1,
        missingPeriods: ['2026-W07'],
      }));

    it('counts a session held during Tết as held without making the week owed', () =>
      expect(receptionDuty({ ...input, heldDays: [...input.heldDays, '2026-02-18'] })).toEqual({
        required: 3,
        held: 3,
        missing: 1,
        missingPeriods: ['2026-W07'],
      }));

    it('splits the duty at a head change: a week with no working day inside the term is not owed', () => {
      const outgoing = receptionDuty({ ...input, term: { from: '2025-07-01', to: '2026-02-10' } });
      expect(outgoing).toEqual({ required: 2, held: 1, missing: 1, missingPeriods: ['2026-W07'] });
      // The new chair starts on Saturday 14/2: W07's days in the term are a weekend, W08 is Tết.
      const incoming = receptionDuty({ ...input, term: { from: '2026-02-14', to: null } });
      expect(incoming).toEqual({ required: 1, held: 1, missing: 0, missingPeriods: [] });
    });

    it('counts months instead when the weekly setting is off', () =>
      // March's only day in range is Sunday 1/3.
      expect(receptionDuty({ ...input, communeWeekly: false, heldDays: [] })).toEqual({
        required: 1,
        held: 0,
        missing: 1,
        missingPeriods: ['2026-02'],
      }));
  });

  it('is all zeros when the term and the range do not meet', () =>
    expect(
      receptionDuty({
        term: { from: '2026-01-01', to: '2026-01-31' },
        range: { from: '2026-02-01', to: '2026-02-28' },
        level: 'agency',
        heldDays: ['2026-01-05'],
        calendar,
      }),
    ).toEqual({ required: 0, held: 0, missing: 0, missingPeriods: [] }));

  it('rejects bad input with the field path', () => {
    const base: ReceptionDutyInput = {
      term: { from: '2026-01-01', to: null },
      range: { from: '2026-01-01', to: '2026-01-31' },
      level: 'agency',
      heldDays: [],
      calendar,
    };
    expect(codeOf(() => receptionDuty({ ...base, range: { from: '2026-02-01', to: '2026-01-31' } }))).toEqual(
      ['VALIDATION_FAILED', 'range.to'],
    );
    expect(codeOf(() => receptionDuty({ ...base, term: { from: '2026-01-32', to: null } }))).toEqual([
      'VALIDATION_FAILED',
      'term.from',
    ]);
    expect(codeOf(() => receptionDuty({ ...base, heldDays: ['2026-1-5'] }))).toEqual([
      'VALIDATION_FAILED',
      'heldDays[0]',
    ]);
  });

  it('fails with CALENDAR_UNAVAILABLE for a year with no calendar data', () =>
    expect(
      codeOf(() =>
        receptionDuty({
          term: { from: '2026-01-01', to: null },
          range: { from: '2030-01-01', to: '2030-01-31' },
          level: 'agency',
          heldDays: [],
          calendar,
        }),
      )[0],
    ).toBe('CALENDAR_UNAVAILABLE'));

  it('uses ISO weeks for commune chairs (a setting) and months for every other head', () => {
    expect(dutyPeriodFor('commune')).toBe('iso_week');
    expect(dutyPeriodFor('commune', false)).toBe('month');
    for (const level of ['central', 'province', 'department', 'agency'] as const)
      expect(dutyPeriodFor(level)).toBe('month');
  });

  it.each([
    ['2025-12-29', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2026-02-16', '2026-W08'],
    ['2027-01-01', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2024-12-30', '2025-W01'],
  ])('names the ISO week of %s as %s', (date, week) => expect(isoWeekOf(date)).toBe(week));
});
