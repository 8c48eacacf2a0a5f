import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import {
  CASE_ID,
  accept,
  acceptedComplaint,
  acceptedDenunciation,
  acceptedPetition,
  classify,
  deadlinesOf,
  dialogue,
  history,
  register,
  resolveCase,
  spec,
  stateOf,
} from '../testing/case-fixtures.js';

const extend = (data: Partial<{ at: string; days: number; decisionNo: string }> = {}): CaseCommand => ({
  type: 'ExtendDeadline',
  data: { at: '2026-08-01', reason: 'more verification needed', ...data },
});
const suspend = (at: string): CaseCommand => ({
  type: 'SuspendCase',
  data: { at, reason: 'awaiting expert assessment' },
});
const resume = (at: string): CaseCommand => ({ type: 'ResumeCase', data: { at } });
const withdraw = (at: string): CaseCommand => ({ type: 'WithdrawCase', data: { at, reason: 'settled' } });
const terminate = (at: string): CaseCommand => ({
  type: 'TerminateCase',
  data: { at, reason: 'complainant died' },
});

const denunciation = (facts: { complex?: boolean; especiallyComplex?: boolean } = {}) =>
  history([register(), classify({ kind: 'denunciation' }), accept(facts)]);
const then = (given: CaseEvent[], command: CaseCommand) => [
  ...given,
  ...spec.given(given).when(command).events(),
];
const resolutionDue = (events: CaseEvent[]) =>
  stateOf(events).deadlines.find((d) => ['KN-RES1', 'KN-RES2', 'TC-RES'].includes(d.deadline.ruleId));

describe('ExtendDeadline (TC-RES, LTC Art. 30)', () => {
  it('a normal denunciation allows no extension', () =>
    spec.given(denunciation()).when(extend()).thenThrows('ILLEGAL_TRANSITION'));

  it('a complex one allows one: base 2026-08-07 + 30 = Sun 2026-09-06 → 2026-09-07; a second is refused', () => {
    const given = denunciation({ complex: true });
    spec
      .given(given)
      .when(extend({ decisionNo: 'QĐ-GH-1' }))
      .then([
        {
          type: 'DeadlineExtended',
          data: {
            caseId: CASE_ID,
            at: '2026-08-01',
            reason: 'more verification needed',
            days: 30,
            decisionNo: 'QĐ-GH-1',
            ruleId: 'TC-RES',
            deadline: expect.objectContaining({
              deadlineNo: 3,
              ruleId: 'TC-RES',
              startOn: '2026-07-08',
              baseDueOn: '2026-09-06',
              dueOn: '2026-09-07',
            }),
            previousDueOn: '2026-08-07',
            extensionNo: 1,
          },
        },
      ]);
    const once = then(given, extend());
    expect(stateOf(once).status).toBe('accepted');
    spec
      .given(once)
      .when(extend({ at: '2026-09-01' }))
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('an especially complex one allows two (second: base 2026-09-06 + 30 → 2026-10-06), not three', () => {
    const twice = then(
      then(denunciation({ especiallyComplex: true }), extend()),
      extend({ at: '2026-09-01' }),
    );
    expect(resolutionDue(twice)?.deadline).toMatchObject({ baseDueOn: '2026-10-06', dueOn: '2026-10-06' });
    expect(stateOf(twice).extensionCount).toBe(2);
    spec
      .given(twice)
      .when(extend({ at: '2026-10-01' }))
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('takes fewer days when asked (10 → 2026-08-17)', () =>
    expect(resolutionDue(then(denunciation({ complex: true }), extend({ days: 10 })))?.deadline.dueOn).toBe(
      '2026-08-17',
    ));

  it.each([0, 31, 2.5])('refuses %s days', (days) =>
    spec
      .given(denunciation({ complex: true }))
      .when(extend({ days }))
      .thenThrows('VALIDATION_FAILED', 'days'),
  );

  it('refuses an extension after the deadline expired', () =>
    spec
      .given(denunciation({ complex: true }))
      .when(extend({ at: '2026-08-10' }))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses complaints', () =>
    spec.given(acceptedComplaint()).when(extend()).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a case that is not accepted', () =>
    spec
      .given(history([register(), classify({ kind: 'denunciation' })]))
      .when(extend())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a suspended case', () =>
    spec
      .given(then(denunciation({ complex: true }), suspend('2026-07-20')))
      .when(extend())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a date before acceptance', () =>
    spec
      .given(denunciation({ complex: true }))
      .when(extend({ at: '2026-07-07' }))
      .thenThrows('VALIDATION_FAILED', 'at'));
});

describe('SuspendCase / ResumeCase', () => {
  it('pauses only the open resolution deadline', () =>
    spec
      .given(acceptedComplaint())
      .when(suspend('2026-07-20'))
      .then([
        {
          type: 'CaseSuspended',
          data: {
            caseId: CASE_ID,
            at: '2026-07-20',
            reason: 'awaiting expert assessment',
            // KN-SUSP: send the suspension decision within 3 working days (Mon 2026-07-20 → Thu 2026-07-23)
            dates: [
              {
                ruleId: 'KN-SUSP',
                ruleVersion: '2026-07-01',
                startOn: '2026-07-20',
                dueOn: '2026-07-23',
                provisional: false,
              },
            ],
            deadlineOutcomes: [
              {
                deadlineNo: 3,
                ruleId: 'KN-RES1',
                startOn: '2026-07-08',
                dueOn: '2026-08-07',
                outcome: 'paused',
                on: '2026-07-20',
              },
            ],
          },
        },
      ]));

  it('suspended 10 days → the due date moves 10 calendar days (2026-08-07 → 2026-08-17)', () => {
    const suspended = then(acceptedComplaint(), suspend('2026-07-20'));
    expect(stateOf(suspended)).toMatchObject({ status: 'suspended', suspendedOn: '2026-07-20' });
    expect(resolutionDue(suspended)?.status).toBe('paused');
    spec
      .given(suspended)
      .when(resume('2026-07-30'))
      .then([
        {
          type: 'CaseResumed',
          data: {
            caseId: CASE_ID,
            at: '2026-07-30',
            // KN-SUSP: the continuation decision is sent within 3 working days (Thu 07-30 → Tue 08-04)
            dates: [
              {
                ruleId: 'KN-SUSP',
                ruleVersion: '2026-07-01',
                startOn: '2026-07-30',
                dueOn: '2026-08-04',
                provisional: false,
              },
            ],
            deadline: expect.objectContaining({
              deadlineNo: 3,
              baseDueOn: '2026-08-17',
              dueOn: '2026-08-17',
            }),
            deadlineOutcomes: [
              {
                deadlineNo: 3,
                ruleId: 'KN-RES1',
                startOn: '2026-07-08',
                dueOn: '2026-08-17',
                outcome: 'resumed',
                on: '2026-07-30',
              },
            ],
          },
        },
      ]);
    const resumed = then(suspended, resume('2026-07-30'));
    expect(stateOf(resumed).status).toBe('accepted');
    expect(resolutionDue(resumed)?.status).toBe('open');
  });

  it('suspended 8 days → Sat 2026-08-15 rolls forward to Mon 2026-08-17', () =>
    expect(
      resolutionDue(then(then(acceptedComplaint(), suspend('2026-07-20')), resume('2026-07-28')))?.deadline,
    ).toMatchObject({
      baseDueOn: '2026-08-15',
      dueOn: '2026-08-17',
    }));

  it('a petition has no resolution deadline to pause', () => {
    const suspended = then(acceptedPetition(), suspend('2026-07-20'));
    expect(suspended[suspended.length - 1].data).toMatchObject({ deadlineOutcomes: [] });
    spec
      .given(suspended)
      .when(resume('2026-07-25'))
      .then([
        {
          type: 'CaseResumed',
          data: { caseId: CASE_ID, at: '2026-07-25', deadline: null, deadlineOutcomes: [] },
        },
      ]);
  });

  it('an already expired deadline does not pause', () => {
    const suspended = then(acceptedComplaint(), suspend('2026-08-10'));
    expect(suspended[suspended.length - 1].data).toMatchObject({ deadlineOutcomes: [] });
    expect(resolutionDue(suspended)?.status).toBe('open');
  });

  it('refuses suspension from classified', () =>
    spec
      .given(history([register(), classify()]))
      .when(suspend('2026-07-05'))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a second suspension', () =>
    spec
      .given(then(acceptedComplaint(), suspend('2026-07-20')))
      .when(suspend('2026-07-21'))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a suspension before acceptance', () =>
    spec.given(acceptedComplaint()).when(suspend('2026-07-07')).thenThrows('VALIDATION_FAILED', 'at'));
  it('refuses resume when not suspended', () =>
    spec.given(acceptedComplaint()).when(resume('2026-07-20')).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a resume before the suspension', () =>
    spec
      .given(then(acceptedComplaint(), suspend('2026-07-20')))
      .when(resume('2026-07-19'))
      .thenThrows('VALIDATION_FAILED', 'at'));
  it('refuses a new suspension before the last resumption', () =>
    spec
      .given(then(then(acceptedComplaint(), suspend('2026-07-20')), resume('2026-07-25')))
      .when(suspend('2026-07-24'))
      .thenThrows('VALIDATION_FAILED', 'at'));
});

describe('RecordDialogue', () => {
  it('records a dialogue and keeps the status', () => {
    const given = acceptedComplaint(2);
    spec
      .given(given)
      .when(dialogue({ noticeOn: '2026-07-15' }))
      .then([
        {
          type: 'DialogueRecorded',
          data: {
            caseId: CASE_ID,
            dialogueId: 'dlg-1',
            heldAt: '2026-07-20',
            noticeOn: '2026-07-15',
            participants: ['handler-1', 'p-1'],
            minutes: 'Minutes of the dialogue.',
            outcome: 'disagreed',
          },
        },
      ]);
    expect(stateOf(then(given, dialogue())).status).toBe('accepted');
  });

  it('from 2026-07-01 a notice 4 days ahead is refused (KN-DLG, NĐ 155/2026 Art. 11)', () =>
    spec
      .given(acceptedComplaint(2))
      .when(dialogue({ noticeOn: '2026-07-16' }))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('before 2026-07-01 a short notice is fine', () => {
    const given = history([
      register({ receivedAt: '2026-03-02' }),
      classify({ level: 2 }),
      accept({ acceptedAt: '2026-03-10' }),
    ]);
    expect(
      spec
        .given(given)
        .when(dialogue({ heldAt: '2026-04-01', noticeOn: '2026-03-31' }))
        .events(),
    ).toHaveLength(1);
  });
  it('a notice after the dialogue is invalid', () =>
    spec
      .given(acceptedComplaint(2))
      .when(dialogue({ noticeOn: '2026-07-21' }))
      .thenThrows('VALIDATION_FAILED', 'noticeOn'));
  it('a dialogue before acceptance is invalid', () =>
    spec
      .given(acceptedComplaint(2))
      .when(dialogue({ heldAt: '2026-07-07' }))
      .thenThrows('VALIDATION_FAILED', 'heldAt'));
  it('a dialogue id is recorded once', () =>
    spec
      .given(then(acceptedComplaint(2), dialogue()))
      .when(dialogue())
      .thenThrows('VALIDATION_FAILED', 'dialogueId'));
  it('an unknown outcome is invalid', () =>
    spec
      .given(acceptedComplaint(2))
      .when(dialogue({ outcome: 'shouted' as unknown as 'agreed' }))
      .thenThrows('VALIDATION_FAILED', 'outcome'));
  it('only on an accepted case', () =>
    spec
      .given(history([register(), classify({ level: 2 })]))
      .when(dialogue())
      .thenThrows('ILLEGAL_TRANSITION'));
});

describe('ResolveCase', () => {
  it('complaint level 1: completes KN-RES1 as met; KN-SEND1, KN-ESC, KN-EFF1 from the decision', () =>
    spec
      .given(acceptedComplaint())
      .when(resolveCase({ decisionNo: 'QĐ-GQ-1' }))
      .then([
        {
          type: 'CaseResolved',
          data: {
            caseId: CASE_ID,
            decidedAt: '2026-08-05',
            decisionNo: 'QĐ-GQ-1',
            outcome: 'rejected',
            summary: 'The decision was lawful.',
            verificationAgreesWithRequest: true,
            deadlineOutcomes: [
              {
                deadlineNo: 3,
                ruleId: 'KN-RES1',
                startOn: '2026-07-08',
                dueOn: '2026-08-07',
                outcome: 'met',
                on: '2026-08-05',
              },
            ],
            dates: [
              expect.objectContaining({ ruleId: 'KN-SEND1', startOn: '2026-08-05', dueOn: '2026-08-10' }),
              expect.objectContaining({ ruleId: 'KN-ESC', dueOn: '2026-09-04' }),
              expect.objectContaining({ ruleId: 'KN-EFF1', dueOn: '2026-09-04' }),
            ],
          },
        },
      ]));

  it('remote area: KN-ESC and KN-EFF1 take 45 days (Sat 2026-09-19 → 2026-09-21)', () => {
    const [e] = spec
      .given(acceptedComplaint(1, { remoteArea: true }))
      .when(resolveCase())
      .events();
    expect(e.type === 'CaseResolved' && e.data.dates.map((d) => [d.ruleId, d.dueOn])).toEqual([
      ['KN-SEND1', '2026-08-10'],
      ['KN-ESC', '2026-09-21'],
      ['KN-EFF1', '2026-09-21'],
    ]);
  });

  it('a late decision leaves the resolution deadline missed', () => {
    const events = then(acceptedComplaint(), resolveCase({ decidedAt: '2026-08-10' }));
    expect(resolutionDue(events)?.status).toBe('missed');
    expect(stateOf(events)).toMatchObject({
      status: 'resolved',
      decidedAt: '2026-08-10',
      outcome: 'rejected',
    });
  });

  it('complaint level 2 with a dialogue: KN-SEND2, KN-PUB2, KN-EFF2', () => {
    const [e] = spec
      .given(then(acceptedComplaint(2), dialogue()))
      .when(resolveCase({ outcome: 'upheld' }))
      .events();
    expect(e.type === 'CaseResolved' && e.data.dates.map((d) => [d.ruleId, d.dueOn])).toEqual([
      ['KN-SEND2', '2026-08-12'],
      ['KN-PUB2', '2026-08-20'],
      ['KN-EFF2', '2026-09-04'],
    ]);
  });

  it('complaint level 2 without a dialogue is refused (LKN Art. 39)', () =>
    spec.given(acceptedComplaint(2)).when(resolveCase()).thenThrows('ILLEGAL_TRANSITION'));

  it('from 2026-07-01 one unexcused absence is enough (NĐ 155/2026 Art. 11)', () =>
    expect(
      spec
        .given(then(acceptedComplaint(2), dialogue({ outcome: 'absent' })))
        .when(resolveCase())
        .events(),
    ).toHaveLength(1));

  describe('a level-2 decision before 2026-07-01', () => {
    const old = history([
      register({ receivedAt: '2026-03-02' }),
      classify({ level: 2 }),
      accept({ acceptedAt: '2026-03-10' }),
    ]);
    const absent = (id: string, heldAt: string) => dialogue({ dialogueId: id, heldAt, outcome: 'absent' });
    const decideOn = resolveCase({ decidedAt: '2026-04-20' });
    it('one absence is not enough', () =>
      spec
        .given(then(old, absent('d1', '2026-04-01')))
        .when(decideOn)
        .thenThrows('ILLEGAL_TRANSITION'));
    it('two absences end the dialogue (TT 07/2013 Art. 21(2)(a))', () =>
      expect(
        spec
          .given(then(then(old, absent('d1', '2026-04-01')), absent('d2', '2026-04-08')))
          .when(decideOn)
          .events(),
      ).toHaveLength(1));
    it('an agreed dialogue is enough', () =>
      expect(
        spec
          .given(then(old, dialogue({ heldAt: '2026-04-01', outcome: 'agreed' })))
          .when(decideOn)
          .events(),
      ).toHaveLength(1));
  });

  it('denunciation: TC-RES met; TC-CONCL-SEND, TC-HANDLE, TC-PUB', () => {
    const [e] = spec
      .given(acceptedDenunciation())
      .when(resolveCase({ outcome: 'partly_true' }))
      .events();
    expect(e.type === 'CaseResolved' && e.data.deadlineOutcomes.map((o) => [o.ruleId, o.outcome])).toEqual([
      ['TC-RES', 'met'],
    ]);
    expect(e.type === 'CaseResolved' && e.data.dates.map((d) => [d.ruleId, d.dueOn])).toEqual([
      ['TC-CONCL-SEND', '2026-08-12'],
      ['TC-HANDLE', '2026-08-14'],
      ['TC-PUB', '2026-08-14'],
    ]);
  });

  it('a petition resolved from classified completes TCD-ANS (10 WD → 2026-07-15)', () => {
    const events = history([
      register(),
      classify({ kind: 'petition' }),
      resolveCase({ decidedAt: '2026-07-14', outcome: 'answered' }),
    ]);
    expect(deadlinesOf(events)).toEqual([
      { ruleId: 'TCD-ANS', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'met' },
    ]);
    expect(events[2].data).toMatchObject({ dates: [] });
  });
  it('a reflection resolved after acceptance has nothing left to complete', () => {
    const given = history([register(), classify({ kind: 'reflection' }), accept()]);
    expect(
      spec
        .given(given)
        .when(resolveCase({ outcome: 'answered' }))
        .events()[0].data,
    ).toMatchObject({ deadlineOutcomes: [] });
  });

  it.each([
    ['complaint', acceptedComplaint(), 'true'],
    ['denunciation', acceptedDenunciation(), 'upheld'],
    ['petition', acceptedPetition(), 'rejected'],
  ] as const)('a %s outcome must match its kind', (_kind, given, outcome) =>
    spec.given(given).when(resolveCase({ outcome })).thenThrows('VALIDATION_FAILED', 'outcome'),
  );

  it('a complaint is not resolved from classified', () =>
    spec
      .given(history([register(), classify()]))
      .when(resolveCase())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('not while suspended', () =>
    spec
      .given(then(acceptedComplaint(), suspend('2026-07-20')))
      .when(resolveCase())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('not twice', () =>
    spec
      .given(then(acceptedComplaint(), resolveCase()))
      .when(resolveCase())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('a decision before acceptance is invalid', () =>
    spec
      .given(acceptedComplaint())
      .when(resolveCase({ decidedAt: '2026-07-07' }))
      .thenThrows('VALIDATION_FAILED', 'decidedAt'));
  it('a decision before the resumption is invalid', () =>
    spec
      .given(then(then(acceptedComplaint(), suspend('2026-07-20')), resume('2026-07-30')))
      .when(resolveCase({ decidedAt: '2026-07-25' }))
      .thenThrows('VALIDATION_FAILED', 'decidedAt'));
});

describe('WithdrawCase / TerminateCase', () => {
  it.each([
    ['WithdrawCase', withdraw, 'withdrawn'],
    ['TerminateCase', terminate, 'terminated'],
  ] as const)('%s cancels the open resolution deadline', (_type, command, status) => {
    const events = then(acceptedComplaint(), command('2026-07-20'));
    expect(deadlinesOf(events).map((d) => [d.ruleId, d.status])).toEqual([
      ['KN-ACC', 'met'],
      ['KN-RES1', 'cancelled'],
    ]);
    expect(stateOf(events).status).toBe(status);
  });

  it('cancels a paused deadline', () => {
    const events = then(then(acceptedComplaint(), suspend('2026-07-20')), terminate('2026-09-20'));
    expect(events[events.length - 1].data).toMatchObject({
      deadlineOutcomes: [
        expect.objectContaining({ ruleId: 'KN-RES1', outcome: 'cancelled', on: '2026-09-20' }),
      ],
    });
  });

  it('cancels the intake deadline from classified', () =>
    expect(deadlinesOf(history([register(), classify(), withdraw('2026-07-03')]))[0].status).toBe(
      'cancelled',
    ));

  it('a deadline already overdue when the case is withdrawn stays missed', () =>
    expect(deadlinesOf(history([register(), classify(), withdraw('2026-07-13')]))[0].status).toBe('missed'));

  it('from received only XLD is open: it is cancelled', () =>
    spec
      .given(history([register()]))
      .when(withdraw('2026-07-02'))
      .then([
        {
          type: 'CaseWithdrawn',
          data: {
            caseId: CASE_ID,
            at: '2026-07-02',
            reason: 'settled',
            deadlineOutcomes: [
              {
                deadlineNo: 1,
                ruleId: 'XLD',
                startOn: '2026-07-01',
                dueOn: '2026-07-15',
                outcome: 'cancelled',
                on: '2026-07-02',
              },
            ],
          },
        },
      ]));

  it('terminate needs a reason', () =>
    spec
      .given(acceptedComplaint())
      .when({ type: 'TerminateCase', data: { at: '2026-07-20', reason: '' } })
      .thenThrows('VALIDATION_FAILED', 'reason'));
  it.each([withdraw, terminate])('refused on a resolved case (%#)', (command) =>
    spec
      .given(then(acceptedComplaint(), resolveCase()))
      .when(command('2026-08-06'))
      .thenThrows('ILLEGAL_TRANSITION'),
  );
  it('refused twice', () =>
    spec
      .given(history([register(), withdraw('2026-07-02')]))
      .when(terminate('2026-07-03'))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a withdrawal before the suspension', () =>
    spec
      .given(then(acceptedComplaint(), suspend('2026-07-20')))
      .when(withdraw('2026-07-19'))
      .thenThrows('VALIDATION_FAILED', 'at'));
  it('no command but merger-free reading after withdrawal: classify is refused', () =>
    spec
      .given(history([register(), withdraw('2026-07-02')]))
      .when(classify())
      .thenThrows('ILLEGAL_TRANSITION'));
});
