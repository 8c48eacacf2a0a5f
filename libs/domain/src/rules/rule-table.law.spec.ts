/**
 * Law audit of the rule table against docs/reference/legal.md §12.2 (lengths, units, versions,
 * extensions) and docs/reference/deadlines.md §4–§6.
 */
import { describe, expect, it } from '@jest/globals';
import { createBusinessCalendar } from '../calendar/business-calendar.js';
import { SHIPPED_CALENDAR_YEARS } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from './rule-book.js';
import { RULE_TABLE, ruleVersionFor } from './rule-table.js';
import type { RuleId } from './rule.types.js';

const calendar = createBusinessCalendar(SHIPPED_CALENDAR_YEARS);
const rules = createRuleBook();

describe('§12.2 lengths and units', () => {
  it.each<[RuleId, string, Record<string, number>, 'working_days' | 'calendar_days']>([
    ['KN-ACC', '2026-06-30', { normal: 10 }, 'working_days'],
    ['KN-ACC', '2026-07-01', { normal: 7 }, 'working_days'],
    ['KN-RES1', '2026-07-01', { normal: 30, complex: 45, remote: 45, remote_complex: 60 }, 'calendar_days'],
    ['KN-RES2', '2026-07-01', { normal: 45, complex: 60, remote: 60, remote_complex: 70 }, 'calendar_days'],
    ['KN-SEND1', '2026-07-01', { normal: 3 }, 'working_days'],
    ['KN-ESC', '2026-07-01', { normal: 30, remote: 45 }, 'calendar_days'],
    ['KN-EFF1', '2026-07-01', { normal: 30, remote: 45 }, 'calendar_days'],
    ['KN-SEND2', '2026-07-01', { normal: 7 }, 'calendar_days'],
    ['KN-PUB2', '2026-07-01', { normal: 15 }, 'calendar_days'],
    ['KN-EFF2', '2026-07-01', { normal: 30, remote: 45 }, 'calendar_days'],
    ['TC-PRE', '2026-07-01', { normal: 7, multi_location: 10 }, 'working_days'],
    ['TC-XFER', '2026-07-01', { normal: 5 }, 'working_days'],
    ['TC-NOTIF', '2026-07-01', { normal: 5 }, 'working_days'],
    ['TC-RES', '2026-07-01', { normal: 30 }, 'calendar_days'],
    ['TC-CONCL-SEND', '2026-07-01', { normal: 5 }, 'working_days'],
    ['TC-HANDLE', '2026-07-01', { normal: 7 }, 'working_days'],
    ['TC-PUB', '2026-07-01', { normal: 7 }, 'working_days'],
    ['TCD-ANS', '2026-07-01', { normal: 10 }, 'working_days'],
    ['TT-DIRECT', '2026-07-01', { normal: 15 }, 'calendar_days'],
  ])('%s in force on %s: %j %s', (ruleId, on, lengths, unit) => {
    const v = ruleVersionFor(ruleId, on);
    expect(v.unit).toBe(unit);
    expect(v.lengths).toMatchObject(lengths);
  });

  it('versions are the dates the laws took effect', () => {
    const versions = Object.fromEntries(
      RULE_TABLE.map((v) => [`${v.ruleId}@${v.version}`, v.effectiveTo ?? null]),
    );
    expect(versions).toMatchObject({
      'KN-ACC@2012-07-01': '2026-07-01',
      'KN-ACC@2026-07-01': null,
      'KN-RES1@2012-07-01': null,
      'KN-RES2@2012-07-01': null,
      'TC-PRE@2019-01-01': null,
      'TC-RES@2019-01-01': null,
      'TCD-ANS@2014-07-01': null,
      'TT-DIRECT@2025-07-01': null,
    });
  });
});

describe('TC-RES extensions (LTC Art. 30)', () => {
  it.each([
    [{}, 0],
    [{ complex: true }, 1],
    [{ especiallyComplex: true }, 2],
    [{ complex: true, especiallyComplex: true }, 2],
    [{ complex: true, remoteArea: true, multiLocation: true }, 1],
  ])('facts %j → %i extension(s), each ≤ 30 days', (facts, n) => {
    expect(rules.maxExtensions('TC-RES', facts)).toBe(n);
    expect(rules.maxExtensionDays('TC-RES')).toBe(30);
  });

  it('no other rule can be extended', () => {
    for (const v of RULE_TABLE.filter((x) => x.ruleId !== 'TC-RES')) expect(v.maxExtensionDays).toBe(0);
  });

  it('an extension counts from the due date before roll-forward (docs/reference/deadlines.md §6)', () => {
    // Accepted Mon 2026-08-03: +30 = Wed 2026-09-02 (National Day) → Thu 2026-09-03; +30 from 09-02 = Fri 2026-10-02.
    const d = rules.compute('TC-RES', '2026-08-03', { complex: true }, calendar);
    expect([d.baseDueOn, d.dueOn]).toEqual(['2026-09-02', '2026-09-03']);
    expect(rules.extend(d, 30, calendar)).toMatchObject({ baseDueOn: '2026-10-02', dueOn: '2026-10-02' });
  });
});

describe('variants (docs/reference/deadlines.md §5)', () => {
  it.each<[RuleId, object, number]>([
    ['KN-RES1', { complex: true, remoteArea: true }, 60],
    ['KN-RES1', { especiallyComplex: true }, 45],
    ['KN-RES2', { complex: true, remoteArea: true }, 70],
    ['KN-RES2', { remoteArea: true }, 60],
    ['KN-ESC', { complex: true, remoteArea: true }, 45],
    ['KN-EFF2', { remoteArea: true }, 45],
    ['TC-PRE', { multiLocation: true }, 10],
    ['TC-RES', { complex: true, remoteArea: true }, 30],
  ])('%s with %j → %i', (ruleId, facts, length) => {
    expect(rules.compute(ruleId, '2026-07-06', facts, calendar).length).toBe(length);
  });
});

describe('calendar arithmetic used by the rules', () => {
  it('workingDaysBetween backwards over no working day is +0, never -0 (found by the additive property)', () => {
    // (Fri 2025-01-03, Sat 2025-01-04] holds no working day.
    expect(Object.is(calendar.workingDaysBetween('2025-01-04', '2025-01-03'), 0)).toBe(true);
  });
});
