import { describe, expect, it } from '@jest/globals';
import { toCaseView } from './case.view.js';
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
