/**
 * Back-dating cannot rewrite accountability (docs/reference/deadlines.md §8–9, docs/reference/api-contract.md "Late entries"): each act is
 * decided on the day it is recorded, with LATE_ENTRY_GRACE_DAYS = 3. Dates by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import { decide } from './case.decide.js';
import type { CaseEvent } from './case.events.js';
import { foldCase } from './case.state.js';
import { toCaseView } from './case.view.js';
import { decideMissedDeadlines } from './deadline-watch.decide.js';
import {
  accept,
  calendar,
  classify,
  register,
  resolveCase,
  rules,
  stateOf,
  recorded,
} from '../testing/case-fixtures.js';

// KN-ACC v2012 from Fri 2026-03-20: 10 working days → Fri 2026-04-03; graceUntil: 3 WD → Wed 2026-04-08.
const intake: [CaseCommand, string][] = [
  [register({ receivedAt: '2026-03-20' }), '2026-03-20'],
  [classify({ at: '2026-03-20' }), '2026-03-20'],
];
const knAcc = (events: CaseEvent[], today: string) =>
  toCaseView(stateOf(events), today).deadlines.find((d) => d.ruleId === 'KN-ACC');

describe('a deadline carries graceUntil and accountabilityDueOn', () => {
  it('KN-ACC due Fri 2026-04-03 → graceUntil Wed 2026-04-08', () =>
    expect(knAcc(recorded(intake), '2026-03-25')).toMatchObject({
      dueOn: '2026-04-03',
      accountabilityDueOn: '2026-04-03',
      graceUntil: '2026-04-08',
      accountability: 'open',
      status: 'open',
    }));

  it('across Tết: dueOn Fri 2026-02-13 → graceUntil Wed 2026-02-25 (docs/reference/deadlines.md §9)', () => {
    // XLD from Fri 2026-01-30: 10 WD → Fri 2026-02-13
    const [e] = recorded([[register({ receivedAt: '2026-01-30' }), '2026-01-30']]);
    expect(e.data).toMatchObject({ xldDeadline: { dueOn: '2026-02-13', graceUntil: '2026-02-25' } });
  });
});

describe('docs/reference/api-contract.md, Late entries (the example): acceptance dated 2026-03-31, recorded 2026-12-06', () => {
  const late = () => recorded([...intake, [accept({ acceptedAt: '2026-03-31' }), '2026-12-06']]);

  it('the act is a late entry; KN-ACC is met legally and missed for accountability', () => {
    const events = late();
    expect(events[2].data).toMatchObject({
      lateEntry: true,
      deadlineOutcomes: [{ ruleId: 'KN-ACC', outcome: 'met', accountability: 'missed', lateEntry: true }],
    });
    expect(knAcc(events, '2026-12-06')).toMatchObject({
      status: 'met',
      accountability: 'missed',
      lateEntry: true,
      completedOn: '2026-03-31',
    });
  });

  it('workingDaysLate counts the working days from the business date to the recording date', () => {
    // (03-31, 04-08]: Apr 1, 2, 3, 6, 7, 8 → 6 working days: a late entry, but within KN-ACC's grace
    const events = recorded([...intake, [accept({ acceptedAt: '2026-03-31' }), '2026-04-08']]);
    expect(events[2].data).toMatchObject({ lateEntry: true, workingDaysLate: 6 });
    expect(knAcc(events, '2026-04-08')).toMatchObject({ status: 'met', accountability: 'met' });
  });

  it('recorded within 3 working days it is not a late entry', () => {
    const events = recorded([...intake, [accept({ acceptedAt: '2026-03-31' }), '2026-04-03']]);
    expect(events[2].data).not.toHaveProperty('lateEntry');
    expect(knAcc(events, '2026-04-03')).toMatchObject({ accountability: 'met' });
    expect(knAcc(events, '2026-04-03')).not.toHaveProperty('lateEntry');
  });

  it('a watcher miss recorded at graceUntil is never turned into a met', () => {
    const open = recorded(intake);
    const watch = (today: string) =>
      decideMissedDeadlines(foldCase(open), { today, headOfUnit: () => null }).map((m) => m.data.ruleId);
    // XLD (due 04-03, graceUntil 04-08) is out of accountability once classified; KN-ACC is not
    expect(watch('2026-04-08')).toEqual([]);
    expect(watch('2026-04-09')).toEqual(['KN-ACC']);
    const missed = [
      ...open,
      ...decideMissedDeadlines(foldCase(open), { today: '2026-04-09', headOfUnit: () => null }),
    ];
    const accepted = [
      ...missed,
      ...decide(accept({ acceptedAt: '2026-03-31' }), foldCase(missed), {
        now: '2026-04-09T03:00:00.000Z',
        today: '2026-04-09',
        calendar,
        rules,
        lateEntryGraceDays: 3,
      }),
    ];
    expect(knAcc(accepted, '2026-04-09')).toMatchObject({ status: 'met', accountability: 'missed' });
  });
});

describe('extensions and endings recorded late move the legal deadline only', () => {
  // A complex denunciation accepted Mon 2026-08-03: TC-RES base 09-02 → due Thu 09-03; graceUntil Tue 09-08.
  const accepted: [CaseCommand, string][] = [
    [register({ receivedAt: '2026-07-29' }), '2026-07-29'],
    [classify({ kind: 'denunciation', at: '2026-07-29' }), '2026-07-29'],
    [accept({ acceptedAt: '2026-08-03', complex: true }), '2026-08-03'],
  ];
  const extend: CaseCommand = { type: 'ExtendDeadline', data: { at: '2026-09-01', reason: 'phức tạp' } };
  const tcRes = (events: CaseEvent[], today: string) =>
    toCaseView(stateOf(events), today).deadlines.find((d) => d.ruleId === 'TC-RES');

  it('an extension recorded in time moves both: 09-02 + 30 = Fri 10-02, graceUntil Wed 10-07', () =>
    expect(tcRes(recorded([...accepted, [extend, '2026-09-01']]), '2026-09-01')).toMatchObject({
      dueOn: '2026-10-02',
      accountabilityDueOn: '2026-10-02',
      graceUntil: '2026-10-07',
    }));

  it('an extension dated 09-01 but recorded 09-20 moves dueOn, not accountabilityDueOn; a decision on 09-25 is legally met, missed for accountability', () => {
    const events = recorded([
      ...accepted,
      [extend, '2026-09-20'],
      [resolveCase({ decidedAt: '2026-09-25', outcome: 'untrue' }), '2026-09-25'],
    ]);
    expect(events[3].data).toMatchObject({ lateEntry: true });
    expect(tcRes(events, '2026-09-25')).toMatchObject({
      dueOn: '2026-10-02',
      accountabilityDueOn: '2026-09-03',
      graceUntil: '2026-09-08',
      status: 'met',
      accountability: 'missed',
    });
  });

  it('a withdrawal recorded in time takes the deadline out of accountability; recorded after graceUntil it stays missed', () => {
    const withdraw = (at: string): CaseCommand => ({ type: 'WithdrawCase', data: { at } });
    const inTime = recorded([...accepted, [withdraw('2026-08-20'), '2026-08-20']]);
    expect(tcRes(inTime, '2026-08-20')).toMatchObject({ status: 'cancelled', accountability: null });
    const late = recorded([...accepted, [withdraw('2026-08-20'), '2026-09-10']]);
    expect(tcRes(late, '2026-09-10')).toMatchObject({ status: 'cancelled', accountability: 'missed' });
  });
});

describe('a letter registered late', () => {
  it('received 2026-03-02, registered 2026-04-20: the receipt is a late entry and XLD is missed at once', () => {
    const events = recorded([[register({ receivedAt: '2026-03-02' }), '2026-04-20']]);
    // XLD due Mon 03-16, graceUntil Thu 03-19, before the day it entered the record
    expect(events[0].data).toMatchObject({
      lateEntry: true,
      xldDeadline: { dueOn: '2026-03-16', graceUntil: '2026-03-19', enteredAfterGrace: true },
    });
    expect(toCaseView(stateOf(events), '2026-04-20').deadlines[0]).toMatchObject({
      status: 'missed',
      accountability: 'missed',
    });
  });
});
