import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { DomainError } from '../shared/domain-error.js';
import { addDays, daysBetween } from '../shared/dates.js';
import { createRuleBook } from './rule-book.js';
import {
  RULE_IDS,
  RULE_TABLE,
  isTrackedRule,
  ruleCategoryOf,
  ruleVersionFor,
  ruleVersionsOf,
  selectVariant,
} from './rule-table.js';
import type { DeadlineFacts, RuleId, Variant } from './rule.types.js';

const cal = createTestCalendar();
const rules = createRuleBook();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

const N: DeadlineFacts = {};
const C: DeadlineFacts = { complex: true };
const EC: DeadlineFacts = { especiallyComplex: true };
const R: DeadlineFacts = { remoteArea: true };
const RC: DeadlineFacts = { remoteArea: true, complex: true };
const REC: DeadlineFacts = { remoteArea: true, especiallyComplex: true };
const ML: DeadlineFacts = { multiLocation: true };

describe('RULE_TABLE', () => {
  it('covers every rule id, versions in order without overlap', () => {
    for (const id of RULE_IDS) {
      const versions = RULE_TABLE.filter((v) => v.ruleId === id);
      expect(versions.length).toBeGreaterThan(0);
      for (let i = 0; i < versions.length; i++) {
        expect(versions[i].lengths.normal).toBeGreaterThan(0);
        if (i < versions.length - 1) expect(versions[i].effectiveTo).toBe(versions[i + 1].version);
        else expect(versions[i].effectiveTo).toBeUndefined();
      }
    }
  });

  it('is frozen data', () => {
    expect(Object.isFrozen(RULE_TABLE)).toBe(true);
    expect(Object.isFrozen(RULE_TABLE[0].lengths)).toBe(true);
  });

  it('marks exactly the tracked rules of docs/reference/deadlines.md', () => {
    const tracked = RULE_IDS.filter(isTrackedRule).sort();
    expect(tracked).toEqual(
      ['KN-ACC', 'KN-RES1', 'KN-RES2', 'KN-RES-KL', 'TC-PRE', 'TC-RES', 'TC-XFER', 'TCD-ANS', 'XLD'].sort(),
    );
  });

  it('lists the guards, the periodic rules and those with no start event yet as docs/reference/deadlines.md, Tracked deadlines, does', () => {
    expect(RULE_IDS.filter((id) => ruleCategoryOf(id) === 'guard').sort()).toEqual(['KN-DLG', 'TCD-ONLINE']);
    expect(RULE_IDS.filter((id) => ruleCategoryOf(id) === 'periodic').sort()).toEqual([
      'TC-MON',
      'TCD-FREQ',
      'TT-REMED',
    ]);
    const notYet = RULE_TABLE.filter((v) => !v.startRecorded).map((v) => v.ruleId);
    expect(new Set(notYet)).toEqual(
      new Set([
        'KN-LIM',
        'KN-LIM-KL',
        'TC-FOLLOWUP',
        'TC-OVERDUE',
        'TCD-RESULT',
        'TCD-REFUSE',
        'TT-CONCL',
        'TT-DIRECT',
      ]),
    );
  });

  it('ruleVersionFor picks the version in force on the start date', () => {
    expect(ruleVersionFor('KN-ACC', '2026-06-30').version).toBe('2012-07-01');
    expect(ruleVersionFor('KN-ACC', '2026-07-01').version).toBe('2026-07-01');
    expect(ruleVersionFor('TC-PRE', '2019-01-01').version).toBe('2019-01-01');
    expect(codeOf(() => ruleVersionFor('TC-PRE', '2018-12-31'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => ruleVersionFor('TT-DIRECT', '2025-06-30'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => ruleVersionFor('XX' as RuleId, '2026-01-05'))).toBe('VALIDATION_FAILED');
  });

  it('selectVariant falls back step by step to a variant the rule defines', () => {
    const v = (id: RuleId, f: DeadlineFacts) => selectVariant(ruleVersionFor(id, '2026-03-02'), f);
    expect(v('KN-RES1', EC)).toBe('complex');
    expect(v('KN-RES1', REC)).toBe('remote_complex');
    expect(v('TC-RES', RC)).toBe('complex');
    expect(v('TC-RES', R)).toBe('normal');
    expect(v('KN-ESC', RC)).toBe('remote');
    expect(v('TC-PRE', { multiLocation: true, complex: true })).toBe('multi_location');
    expect(v('KN-ACC', RC)).toBe('normal');
  });
});

/** Every rule × variant from Monday 2026-03-02 (no holiday before 27/4). Expected dates by hand. */
const S = '2026-03-02';
const CASES: [RuleId, DeadlineFacts, Variant, number, string, string][] = [
  // rule, facts, variant applied, length, baseDueOn, dueOn
  ['KN-ACC', N, 'normal', 10, '2026-03-16', '2026-03-16'],
  ['KN-ACC', C, 'normal', 10, '2026-03-16', '2026-03-16'],
  ['KN-RES1', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-RES1', C, 'complex', 45, '2026-04-16', '2026-04-16'],
  ['KN-RES1', EC, 'complex', 45, '2026-04-16', '2026-04-16'],
  ['KN-RES1', R, 'remote', 45, '2026-04-16', '2026-04-16'],
  ['KN-RES1', RC, 'remote_complex', 60, '2026-05-01', '2026-05-04'],
  ['KN-RES1', REC, 'remote_complex', 60, '2026-05-01', '2026-05-04'],
  ['KN-RES2', N, 'normal', 45, '2026-04-16', '2026-04-16'],
  ['KN-RES2', C, 'complex', 60, '2026-05-01', '2026-05-04'],
  ['KN-RES2', EC, 'complex', 60, '2026-05-01', '2026-05-04'],
  ['KN-RES2', R, 'remote', 60, '2026-05-01', '2026-05-04'],
  ['KN-RES2', RC, 'remote_complex', 70, '2026-05-11', '2026-05-11'],
  ['KN-SEND1', N, 'normal', 3, '2026-03-05', '2026-03-05'],
  ['KN-ESC', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-ESC', R, 'remote', 45, '2026-04-16', '2026-04-16'],
  ['KN-ESC', RC, 'remote', 45, '2026-04-16', '2026-04-16'],
  ['KN-EFF1', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-EFF1', R, 'remote', 45, '2026-04-16', '2026-04-16'],
  ['KN-SEND2', N, 'normal', 7, '2026-03-09', '2026-03-09'],
  ['KN-PUB2', N, 'normal', 15, '2026-03-17', '2026-03-17'],
  ['KN-EFF2', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-EFF2', R, 'remote', 45, '2026-04-16', '2026-04-16'],
  ['TC-PRE', N, 'normal', 7, '2026-03-11', '2026-03-11'],
  ['TC-PRE', ML, 'multi_location', 10, '2026-03-16', '2026-03-16'],
  ['TC-PRE', C, 'normal', 7, '2026-03-11', '2026-03-11'],
  ['TC-XFER', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  ['TC-XFER', ML, 'normal', 5, '2026-03-09', '2026-03-09'],
  ['TC-NOTIF', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  ['TC-RES', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['TC-RES', C, 'complex', 30, '2026-04-01', '2026-04-01'],
  ['TC-RES', EC, 'especially_complex', 30, '2026-04-01', '2026-04-01'],
  ['TC-RES', R, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['TC-CONCL-SEND', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  ['TC-HANDLE', N, 'normal', 7, '2026-03-11', '2026-03-11'],
  ['TC-PUB', N, 'normal', 7, '2026-03-11', '2026-03-11'],
  ['TCD-ANS', N, 'normal', 10, '2026-03-16', '2026-03-16'],
  ['TT-DIRECT', N, 'normal', 15, '2026-03-17', '2026-03-17'],
  // Mar 2 + 90 = Sun May 31 → Mon Jun 1
  ['KN-LIM', N, 'normal', 90, '2026-05-31', '2026-06-01'],
  ['KN-LIM-KL', N, 'normal', 15, '2026-03-17', '2026-03-17'],
  ['KN-LIM-KL', { level: 2 }, 'second', 10, '2026-03-12', '2026-03-12'],
  ['KN-LIM-KL', { level: 2, dismissal: true }, 'second_dismissal', 30, '2026-04-01', '2026-04-01'],
  ['KN-LIM-KL', { dismissal: true }, 'normal', 15, '2026-03-17', '2026-03-17'],
  ['KN-RES-KL', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-RES-KL', C, 'complex', 45, '2026-04-16', '2026-04-16'],
  ['KN-RES-KL', R, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['KN-TERM30', N, 'normal', 30, '2026-04-01', '2026-04-01'],
  ['TC-SUSP', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  // Mar 2 + 20 = Sun Mar 22 → Mon Mar 23
  ['TC-FOLLOWUP', N, 'normal', 20, '2026-03-22', '2026-03-23'],
  ['TC-OVERDUE', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  // periodic: S + N months, no roll-forward (Wed Sep 2 is National Day and stays)
  ['TC-MON', N, 'normal', 1, '2026-04-02', '2026-04-02'],
  ['TCD-FREQ', N, 'normal', 1, '2026-04-02', '2026-04-02'],
  ['TT-REMED', N, 'normal', 6, '2026-09-02', '2026-09-02'],
  ['TCD-RESULT', N, 'normal', 5, '2026-03-09', '2026-03-09'],
  ['XLD', N, 'normal', 10, '2026-03-16', '2026-03-16'],
  ['XLD', ML, 'normal', 10, '2026-03-16', '2026-03-16'],
  ['TT-CONCL', N, 'normal', 15, '2026-03-17', '2026-03-17'],
];

/** The rules first in force on 2026-07-01 (NĐ 154/155/2026), from Monday 2026-07-06. Dates by hand. */
const S26 = '2026-07-06';
const CASES_2026: [RuleId, number, string][] = [
  // KN-DLG counts back 5 calendar days: the latest notice for a dialogue on Mon Jul 6 is Wed Jul 1
  ['KN-DLG', 5, '2026-07-01'],
  ['KN-SUSP', 3, '2026-07-09'],
  ['TCD-REFUSE', 3, '2026-07-09'],
  // TCD-ONLINE: the 5th working day before Mon Jul 6 is Mon Jun 29
  ['TCD-ONLINE', 5, '2026-06-29'],
];

describe('compute: every rule × variant from 2026-03-02', () => {
  it('has a case for every rule', () => {
    expect(new Set([...CASES.map((c) => c[0]), ...CASES_2026.map((c) => c[0])])).toEqual(new Set(RULE_IDS));
  });

  it.each(CASES_2026)('%s (v2026) from 2026-07-06: %i → %s', (ruleId, length, dueOn) => {
    const d = rules.compute(ruleId, S26, N, cal);
    expect(d).toMatchObject({ ruleVersion: '2026-07-01', startOn: S26, length, baseDueOn: dueOn, dueOn });
    expect(codeOf(() => rules.compute(ruleId, '2026-06-30', N, cal))).toBe('VALIDATION_FAILED');
  });

  it.each(CASES)('%s %j → %s %i, base %s, due %s', (ruleId, facts, variant, length, baseDueOn, dueOn) => {
    const d = rules.compute(ruleId, S, facts, cal);
    const version = ruleVersionFor(ruleId, S);
    expect(d).toEqual({
      ruleId,
      ruleVersion: version.version,
      startOn: S,
      length,
      unit: version.unit,
      variant,
      baseDueOn,
      dueOn,
      provisional: false,
      legalBasis: `${version.legalBasis}; ${length} ${{ working_days: 'ngày làm việc', calendar_days: 'ngày', months: 'tháng' }[version.unit]}`,
    });
  });

  it('writes a readable legal basis', () => {
    expect(rules.compute('KN-RES1', S, N, cal).legalBasis).toBe('LKN Art. 28; 30 ngày');
    expect(rules.compute('TC-PRE', S, N, cal).legalBasis).toBe('LTC Art. 24(1); 7 ngày làm việc');
  });
});

describe('compute: version boundaries', () => {
  it.each([
    ['KN-ACC', '2026-06-29', '2012-07-01', 10, '2026-07-13'],
    ['KN-ACC', '2026-06-30', '2012-07-01', 10, '2026-07-14'],
    ['KN-ACC', '2026-07-01', '2026-07-01', 7, '2026-07-10'],
    ['KN-ACC', '2026-07-02', '2026-07-01', 7, '2026-07-13'],
    ['KN-ACC', '2025-01-22', '2012-07-01', 10, '2025-02-12'],
    ['TT-DIRECT', '2025-07-01', '2025-07-01', 15, '2025-07-16'],
  ] as [RuleId, string, string, number, string][])(
    '%s from %s: version %s, %i days, due %s',
    (ruleId, startOn, version, length, dueOn) => {
      const d = rules.compute(ruleId, startOn, N, cal);
      expect(d.ruleVersion).toBe(version);
      expect(d.length).toBe(length);
      expect(d.dueOn).toBe(dueOn);
    },
  );

  it('refuses a start date before the first version', () => {
    expect(codeOf(() => rules.compute('TC-PRE', '2018-12-31', N, cal))).toBe('VALIDATION_FAILED');
  });
});

describe('compute: holidays and roll-forward', () => {
  it.each([
    // Tết 2025 (Jan 27–31)
    ['TC-PRE', '2025-01-24', N, '2025-02-11', '2025-02-11'],
    ['KN-ACC', '2025-01-22', N, '2025-02-12', '2025-02-12'],
    ['KN-PUB2', '2025-01-12', N, '2025-01-27', '2025-02-03'],
    // Tết 2026 (Feb 16–20)
    ['KN-ACC', '2026-02-12', N, '2026-03-05', '2026-03-05'],
    ['TCD-ANS', '2026-02-12', N, '2026-03-05', '2026-03-05'],
    ['KN-RES1', '2026-01-20', N, '2026-02-19', '2026-02-23'],
    // New Year 2026: Jan 2 off, Saturday Jan 10 working
    ['TC-XFER', '2025-12-31', N, '2026-01-09', '2026-01-09'],
    ['TC-PRE', '2025-12-31', N, '2026-01-12', '2026-01-12'],
    ['KN-ACC', '2026-01-05', N, '2026-01-16', '2026-01-16'],
    // 30/4–1/5
    ['KN-RES1', '2026-03-31', N, '2026-04-30', '2026-05-04'],
    ['TC-PRE', '2025-04-24', N, '2025-05-07', '2025-05-07'],
    ['KN-ACC', '2026-04-23', N, '2026-05-12', '2026-05-12'],
    // National Day 2026: Sat Aug 22 working; Aug 31 – Sep 2 off
    ['TC-PRE', '2026-08-20', ML, '2026-09-07', '2026-09-07'],
    ['KN-ACC', '2026-08-25', N, '2026-09-08', '2026-09-08'],
    ['KN-RES1', '2026-08-01', N, '2026-08-31', '2026-09-03'],
    // from / onto a weekend
    ['KN-SEND2', '2026-03-07', N, '2026-03-14', '2026-03-16'],
    ['TC-XFER', '2026-03-07', N, '2026-03-13', '2026-03-13'],
    // the rules added for the whole of §12.2
    ['XLD', '2026-02-12', N, '2026-03-05', '2026-03-05'],
    ['XLD', '2025-12-31', N, '2026-01-15', '2026-01-15'],
    ['XLD', '2026-08-20', N, '2026-09-07', '2026-09-07'],
    ['KN-RES-KL', '2026-03-31', N, '2026-04-30', '2026-05-04'],
    ['KN-RES-KL', '2026-08-01', N, '2026-08-31', '2026-09-03'],
    ['KN-RES-KL', '2026-08-01', C, '2026-09-15', '2026-09-15'],
    ['KN-TERM30', '2026-01-20', N, '2026-02-19', '2026-02-23'],
    ['TC-SUSP', '2026-04-23', N, '2026-05-05', '2026-05-05'],
    ['TC-FOLLOWUP', '2026-08-12', N, '2026-09-01', '2026-09-03'],
    ['TC-OVERDUE', '2025-01-22', N, '2025-02-05', '2025-02-05'],
    ['TT-CONCL', '2026-04-15', N, '2026-04-30', '2026-05-04'],
    ['KN-LIM', '2025-11-21', N, '2026-02-19', '2026-02-23'],
    ['KN-LIM-KL', '2026-08-01', { level: 2, dismissal: true }, '2026-08-31', '2026-09-03'],
    ['KN-SUSP', '2026-08-27', N, '2026-09-04', '2026-09-04'],
    ['TCD-REFUSE', '2026-08-20', N, '2026-08-24', '2026-08-24'],
    // backwards: 5 working days before Mon Sep 7 across National Day → Wed Aug 26
    ['TCD-ONLINE', '2026-09-07', N, '2026-08-26', '2026-08-26'],
    ['TCD-ONLINE', '2026-07-20', N, '2026-07-13', '2026-07-13'],
    // backwards in calendar days, no roll: a Saturday stays
    ['KN-DLG', '2026-09-03', N, '2026-08-29', '2026-08-29'],
    ['KN-DLG', '2026-07-20', N, '2026-07-15', '2026-07-15'],
    // months, the day clamped to the month's end
    ['TC-MON', '2026-01-31', N, '2026-02-28', '2026-02-28'],
    ['TT-REMED', '2026-08-31', N, '2027-02-28', '2027-02-28'],
    ['TCD-FREQ', '2026-03-15', N, '2026-04-15', '2026-04-15'],
  ] as [RuleId, string, DeadlineFacts, string, string][])(
    '%s from %s %j: base %s, due %s',
    (ruleId, startOn, facts, baseDueOn, dueOn) => {
      const d = rules.compute(ruleId, startOn, facts, cal);
      expect(d.baseDueOn).toBe(baseDueOn);
      expect(d.dueOn).toBe(dueOn);
    },
  );
});

describe('compute: calendar coverage', () => {
  it('marks a deadline that reaches provisional data', () => {
    const d = rules.compute('KN-RES2', '2026-12-15', N, cal);
    expect(d.dueOn).toBe('2027-01-29');
    expect(d.provisional).toBe(true);
    expect(rules.compute('KN-RES1', '2026-11-02', N, cal)).toMatchObject({
      dueOn: '2026-12-02',
      provisional: false,
    });
  });

  it.each([
    ['TC-RES', '2027-12-15'],
    ['KN-ACC', '2027-12-28'],
    ['KN-ACC', '2023-12-20'],
    ['KN-RES1', '2023-12-01'],
    ['XLD', '2027-12-20'],
  ] as [RuleId, string][])('%s from %s → CALENDAR_UNAVAILABLE', (ruleId, startOn) => {
    expect(codeOf(() => rules.compute(ruleId, startOn, N, cal))).toBe('CALENDAR_UNAVAILABLE');
  });

  it('counting backwards into a year without data is refused too', () => {
    // Jan 2 (1), Jan 1 off, then 2023, which the test calendar does not hold
    expect(codeOf(() => cal.subtractWorkingDays('2024-01-03', 5))).toBe('CALENDAR_UNAVAILABLE');
    expect(cal.subtractWorkingDays('2024-01-03', 1)).toBe('2024-01-02');
    expect(cal.subtractWorkingDays('2024-01-03', 0)).toBe('2024-01-03');
  });

  it('marks a working-day rule reaching provisional data', () => {
    // Dec 30, 31, (Jan 1 off), Jan 4, 5, 6 → 2027-01-06
    expect(rules.compute('TCD-RESULT', '2026-12-29', N, cal)).toMatchObject({
      dueOn: '2027-01-06',
      provisional: true,
    });
  });

  it('rejects an unknown rule and a malformed date', () => {
    expect(codeOf(() => rules.compute('KN-XYZ' as RuleId, S, N, cal))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => rules.compute('KN-RES1', '2026-3-2', N, cal))).toBe('VALIDATION_FAILED');
  });
});

describe('extend', () => {
  it('adds days to the unrolled due date, then rolls forward', () => {
    const d0 = rules.compute('TC-RES', S, EC, cal);
    expect(d0).toMatchObject({ baseDueOn: '2026-04-01', dueOn: '2026-04-01', length: 30 });
    const d1 = rules.extend(d0, 30, cal);
    expect(d1).toMatchObject({ baseDueOn: '2026-05-01', dueOn: '2026-05-04', length: 60 });
    const d2 = rules.extend(d1, 30, cal);
    // from baseDueOn May 1 (not the rolled May 4): May 31 is a Sunday → Mon Jun 1
    expect(d2).toMatchObject({ baseDueOn: '2026-05-31', dueOn: '2026-06-01', length: 90 });
    expect(d2).toMatchObject({
      ruleId: 'TC-RES',
      ruleVersion: '2019-01-01',
      startOn: S,
      variant: 'especially_complex',
    });
    expect(d2.legalBasis).toBe(d0.legalBasis);
  });

  it('allows a shorter extension', () => {
    expect(rules.extend(rules.compute('TC-RES', S, C, cal), 10, cal)).toMatchObject({
      baseDueOn: '2026-04-11',
      dueOn: '2026-04-13',
      length: 40,
    });
  });

  it('limits the days and refuses rules that cannot be extended', () => {
    const d = rules.compute('TC-RES', S, C, cal);
    expect(codeOf(() => rules.extend(d, 31, cal))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => rules.extend(d, 0, cal))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => rules.extend(rules.compute('KN-RES1', S, N, cal), 10, cal))).toBe(
      'ILLEGAL_TRANSITION',
    );
  });

  it('reports extension limits per variant', () => {
    expect(rules.maxExtensions('TC-RES', N)).toBe(0);
    expect(rules.maxExtensions('TC-RES', C)).toBe(1);
    expect(rules.maxExtensions('TC-RES', RC)).toBe(1);
    expect(rules.maxExtensions('TC-RES', EC)).toBe(2);
    expect(rules.maxExtensions('TC-RES', EC, '2026-03-02')).toBe(2);
    expect(rules.maxExtensions('KN-RES1', C)).toBe(0);
    expect(rules.maxExtensionDays('TC-RES')).toBe(30);
    expect(rules.maxExtensionDays('KN-RES2')).toBe(0);
  });

  it('marks an extension into provisional data', () => {
    const d = rules.compute('TC-RES', '2026-11-20', EC, cal);
    expect(d).toMatchObject({ baseDueOn: '2026-12-20', dueOn: '2026-12-21', provisional: false });
    expect(rules.extend(d, 30, cal)).toMatchObject({
      baseDueOn: '2027-01-19',
      dueOn: '2027-01-19',
      provisional: true,
    });
  });
});

describe('resume after suspension', () => {
  it('moves the unrolled due date by the paused calendar days, then rolls forward', () => {
    const d = rules.compute('KN-RES1', '2026-03-31', N, cal);
    expect(d).toMatchObject({ baseDueOn: '2026-04-30', dueOn: '2026-05-04' });
    // 10 days paused: Apr 30 + 10 = Sun May 10 → Mon May 11
    expect(rules.resume(d, '2026-04-10', '2026-04-20', cal)).toMatchObject({
      baseDueOn: '2026-05-10',
      dueOn: '2026-05-11',
      length: 30,
    });
    expect(rules.resume(d, '2026-04-10', '2026-04-10', cal)).toEqual(d);
  });

  // docs/reference/deadlines.md §7: a rule counted in working days resumes with the working days left at suspension,
  // (suspendedOn, dueOn], counted again from the resumption date. Dates computed by hand.
  const kNRes1InWorkingDays = createRuleBook({ overrides: [{ ruleId: 'KN-RES1', unit: 'working_days' }] });
  it.each([
    // KN-RES1 as an agency's 30 working days from Tue 2026-03-31 → Fri 2026-05-15 (Apr 27, 30, May 1 off);
    // suspended Fri 04-10 (8 used, 22 left), resumed Mon 04-20 → Apr 21–24, 28, 29, May 4–8, 11–15, 18–22, 25
    [
      'KN-RES1 (agency: working days)',
      kNRes1InWorkingDays,
      'KN-RES1',
      '2026-03-31',
      '2026-05-15',
      '2026-04-10',
      '2026-04-20',
      '2026-05-25',
    ],
    // resumed the day it was suspended: nothing moves
    [
      'KN-RES1, same day',
      kNRes1InWorkingDays,
      'KN-RES1',
      '2026-03-31',
      '2026-05-15',
      '2026-04-10',
      '2026-04-10',
      '2026-05-15',
    ],
    // TC-PRE 7 working days from Mon 03-02 → Wed 03-11; suspended Thu 03-05 (4 left), resumed Mon 03-09 → Fri 03-13
    ['TC-PRE', rules, 'TC-PRE', '2026-03-02', '2026-03-11', '2026-03-05', '2026-03-09', '2026-03-13'],
    // across Tết (Feb 16–20 off): from Mon 02-09 → Wed 02-25; suspended Wed 02-11 (Feb 12, 13, 23, 24, 25 left),
    // resumed Tue 02-24 → Feb 25, 26, 27, Mar 2, 3
    [
      'TC-PRE across Tết',
      rules,
      'TC-PRE',
      '2026-02-09',
      '2026-02-25',
      '2026-02-11',
      '2026-02-24',
      '2026-03-03',
    ],
    // resumed into Tết's aftermath: suspended Fri 02-13 (Feb 23, 24, 25 left), resumed Mon 02-16 (Tết) → Feb 23, 24, 25
    [
      'TC-PRE resumed during Tết',
      rules,
      'TC-PRE',
      '2026-02-09',
      '2026-02-25',
      '2026-02-13',
      '2026-02-16',
      '2026-02-25',
    ],
  ] as [string, typeof rules, RuleId, string, string, string, string, string][])(
    'a working-day rule shifts by working days: %s',
    (_name, book, ruleId, startOn, dueOn, suspendedOn, resumedOn, resumedDueOn) => {
      const d = book.compute(ruleId, startOn, N, cal);
      expect(d.dueOn).toBe(dueOn);
      expect(book.resume(d, suspendedOn, resumedOn, cal)).toMatchObject({
        baseDueOn: resumedDueOn,
        dueOn: resumedDueOn,
      });
    },
  );

  it('refuses a resumption before the suspension', () => {
    const d = rules.compute('TC-RES', S, N, cal);
    expect(codeOf(() => rules.resume(d, '2026-03-10', '2026-03-09', cal))).toBe('VALIDATION_FAILED');
  });
});

describe('overrides', () => {
  it('counts KN-RES1 in working days for an agency that does', () => {
    const book = createRuleBook({ overrides: [{ ruleId: 'KN-RES1', unit: 'working_days' }] });
    const d = book.compute('KN-RES1', '2026-03-31', N, cal);
    // 30 WD after Tue Mar 31: Apr 1–3 (3), 6–10 (8), 13–17 (13), 20–24 (18), 28–29 (20; 27 and 30 off),
    // May 4–8 (25), 11–15 (30)
    expect(d).toMatchObject({
      unit: 'working_days',
      length: 30,
      baseDueOn: '2026-05-15',
      dueOn: '2026-05-15',
    });
    expect(d.legalBasis).toBe('LKN Art. 28; 30 ngày làm việc (agency override)');
    // the default book is untouched
    expect(rules.compute('KN-RES1', '2026-03-31', N, cal).unit).toBe('calendar_days');
  });

  it('changes lengths, also of variants the rule did not define', () => {
    const book = createRuleBook({ overrides: [{ ruleId: 'TCD-ANS', lengths: { normal: 5, complex: 15 } }] });
    expect(book.compute('TCD-ANS', S, N, cal)).toMatchObject({ length: 5, dueOn: '2026-03-09' });
    expect(book.compute('TCD-ANS', S, C, cal)).toMatchObject({
      variant: 'complex',
      length: 15,
      dueOn: '2026-03-23',
    });
  });

  it('rejects malformed overrides', () => {
    expect(() => createRuleBook({ overrides: [{ ruleId: 'NOPE' as RuleId }] })).toThrow(/unknown rule/);
    expect(() => createRuleBook({ overrides: [{ ruleId: 'KN-RES1', lengths: { normal: 0 } }] })).toThrow(
      /positive integer/,
    );
    expect(() =>
      createRuleBook({ overrides: [{ ruleId: 'KN-RES1', unit: 'weeks' as 'working_days' }] }),
    ).toThrow(/unit/);
  });
});

describe('properties', () => {
  const FIRST = '2025-01-01';
  const date = fc.integer({ min: 0, max: daysBetween(FIRST, '2027-09-30') }).map((d) => addDays(FIRST, d));
  const facts = fc.record({
    complex: fc.boolean(),
    especiallyComplex: fc.boolean(),
    remoteArea: fc.boolean(),
    multiLocation: fc.boolean(),
  });
  // forward day-counted rules in force on every generated date
  const ruleId = fc.constantFrom(
    ...RULE_IDS.filter((id) => {
      const first = ruleVersionFor(id, '2026-07-01');
      return (
        ruleVersionsOf(id)[0].version <= FIRST &&
        (first.category === 'tracked' || first.category === 'informational')
      );
    }),
  );

  it('a deadline is never before start + N and never on a day off; WD deadlines are exact', () => {
    fc.assert(
      fc.property(ruleId, date, facts, (id, startOn, f) => {
        const d = rules.compute(id, startOn, f, cal);
        expect(cal.isWorkingDay(d.dueOn)).toBe(true);
        expect(d.dueOn >= addDays(startOn, d.length)).toBe(true);
        expect(d.unit).not.toBe('months');
        if (d.unit === 'calendar_days') {
          expect(d.baseDueOn).toBe(addDays(startOn, d.length));
          expect(d.dueOn).toBe(cal.rollForward(d.baseDueOn));
        } else {
          expect(d.baseDueOn).toBe(d.dueOn);
          expect(cal.workingDaysBetween(startOn, d.dueOn)).toBe(d.length);
        }
      }),
    );
  });
});
