import { describe, expect, it } from '@jest/globals';
import { completionsRecordedAt, toCaseView } from './case.view.js';
import {
  CASE_ID,
  accept,
  acceptedComplaint,
  classify,
  history,
  register,
  resolveCase,
  spec,
  stateOf,
} from '../testing/case-fixtures.js';

describe('toCaseView', () => {
  it('shows the fields of docs/reference/api-contract.md, The case view, plus the extras', () =>
    expect(toCaseView(stateOf(acceptedComplaint()), '2026-07-20')).toEqual({
      id: CASE_ID,
      trackingCode: 'DT-2026-000001',
      kind: 'complaint',
      level: 1,
      disciplinary: false,
      status: 'accepted',
      receivingUnitId: 'unit-province',
      competentUnitId: 'unit-province',
      handlerId: null,
      receivedAt: '2026-07-01',
      acceptedAt: '2026-07-08',
      version: 3,
      deadlines: [
        {
          ruleId: 'XLD',
          ruleVersion: '2021-11-15',
          startOn: '2026-07-01',
          dueOn: '2026-07-15',
          status: 'missed',
        },
        {
          ruleId: 'KN-ACC',
          ruleVersion: '2026-07-01',
          startOn: '2026-07-01',
          dueOn: '2026-07-10',
          status: 'met',
        },
        {
          ruleId: 'KN-RES1',
          ruleVersion: '2012-07-01',
          startOn: '2026-07-08',
          dueOn: '2026-08-07',
          status: 'open',
        },
      ],
      dates: [],
      subject: 'Land recovery decision',
      channel: 'in_person',
      previousCaseId: null,
      decidedAt: null,
      outcome: null,
      dialogues: 0,
      untracked: false,
      anonymous: false,
    }));

  it('an open deadline is missed as soon as dueOn is before today, recorded or not', () => {
    const s = stateOf(acceptedComplaint());
    expect(toCaseView(s, '2026-08-07').deadlines[2].status).toBe('open');
    expect(toCaseView(s, '2026-08-08').deadlines[2].status).toBe('missed');
  });

  it('a paused deadline stays paused', () => {
    const given = acceptedComplaint();
    const events = [
      ...given,
      ...spec
        .given(given)
        .when({ type: 'SuspendCase', data: { at: '2026-07-20', reason: 'r' } })
        .events(),
    ];
    expect(toCaseView(stateOf(events), '2026-12-01').deadlines[2].status).toBe('paused');
  });

  it('marks deadlines computed on provisional calendar data', () => {
    const events = history([register({ receivedAt: '2027-03-01' }), classify()], '2027-03-05');
    expect(toCaseView(stateOf(events), '2027-03-05').deadlines[1]).toMatchObject({
      ruleId: 'KN-ACC',
      provisional: true,
    });
  });

  it('lists informational dates and the decision', () => {
    const events = history([
      register(),
      classify({ kind: 'denunciation' }),
      accept(),
      resolveCase({ outcome: 'untrue' }),
    ]);
    const view = toCaseView(stateOf(events), '2026-08-06');
    expect(view.dates).toEqual([
      { ruleId: 'TC-NOTIF', dueOn: '2026-07-15' },
      { ruleId: 'TC-CONCL-SEND', dueOn: '2026-08-12' },
      { ruleId: 'TC-HANDLE', dueOn: '2026-08-14' },
      { ruleId: 'TC-PUB', dueOn: '2026-08-14' },
    ]);
    expect(view).toMatchObject({
      status: 'resolved',
      decidedAt: '2026-08-05',
      outcome: 'untrue',
      version: 4,
    });
  });
});

describe('completionsRecordedAt', () => {
  const at = (recordedAt: string, deadlineOutcomes?: unknown[]) => ({
    recordedAt,
    data: deadlineOutcomes ? { deadlineOutcomes } : {},
  });

  it('gives each deadline the instant of the last act that completed, missed or cancelled it', () => {
    const map = completionsRecordedAt([
      at('2026-07-01T01:00:00.000Z'),
      at('2026-07-02T01:00:00.000Z', [{ deadlineNo: 1, outcome: 'met', on: '2026-07-02' }]),
      at('2026-07-03T01:00:00.000Z', [{ deadlineNo: 2, outcome: 'paused', on: '2026-07-03' }]),
      at('2026-07-04T01:00:00.000Z', [{ deadlineNo: 2, outcome: 'resumed', on: '2026-07-04' }]),
      at('2026-07-05T01:00:00.000Z', [{ deadlineNo: 2, outcome: 'cancelled', on: '2026-07-05' }]),
    ]);
    expect([...map.entries()]).toEqual([
      [1, '2026-07-02T01:00:00.000Z'],
      [2, '2026-07-05T01:00:00.000Z'],
    ]);
  });

  it('leaves out a completion whose instant is not known (an event just written without it)', () => {
    const map = completionsRecordedAt([
      at('2026-07-02T01:00:00.000Z', [{ deadlineNo: 1, outcome: 'met', on: '2026-07-02' }]),
      at('', [{ deadlineNo: 1, outcome: 'missed', on: '2026-07-09' }]),
    ]);
    expect(map.has(1)).toBe(false);
  });
});
