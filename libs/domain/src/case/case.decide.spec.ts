import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import type { CaseClassified } from './case.events.js';
import { caseStreamId } from './case.events.js';
import {
  CASE_ID,
  accept,
  acceptedComplaint,
  acceptedDenunciation,
  archive,
  classify,
  deadlinesOf,
  history,
  receivedComplaint,
  register,
  resolveCase,
  spec,
  specOn,
  stateOf,
} from '../testing/case-fixtures.js';

const intakeOf = (events: ReturnType<typeof history>) => {
  const e = events.find((x): x is CaseClassified => x.type === 'CaseClassified');
  return e?.data.intakeDeadline;
};

describe('case stream id', () => {
  it('is case-<id>', () => expect(caseStreamId('abc')).toBe('case-abc'));
});

describe('RegisterCase', () => {
  it('records the receipt with sealed petitioners and a default signer count', () =>
    spec
      .given([])
      .when(register())
      .then([
        {
          type: 'CaseReceived',
          data: {
            caseId: CASE_ID,
            trackingCode: 'DT-2026-000001',
            receivedAt: '2026-07-01',
            channel: 'in_person',
            receivingUnitId: 'unit-province',
            petitioners: [{ personRef: 'p-1', sealed: 'enc:v1:AAAA', representative: false }],
            signerCount: 1,
            subject: 'Land recovery decision',
            sealedContent: 'The complainant disputes the land recovery decision.',
            // XLD, letter processing: 10 working days from receipt (Wed 2026-07-01 → Wed 2026-07-15)
            xldDeadline: expect.objectContaining({
              deadlineNo: 1,
              ruleId: 'XLD',
              ruleVersion: '2021-11-15',
              startOn: '2026-07-01',
              length: 10,
              unit: 'working_days',
              dueOn: '2026-07-15',
            }),
          },
        },
      ]));

  it('keeps field, kindHint and an explicit signer count', () => {
    const [e] = spec
      .given([])
      .when(register({ field: 'land', kindHint: 'complaint', signerCount: 7 }))
      .events();
    expect(e.data).toMatchObject({ field: 'land', kindHint: 'complaint', signerCount: 7 });
  });

  it('starts at version 1 with status received', () => {
    const s = stateOf(receivedComplaint());
    expect({ status: s.status, version: s.version, intakeStartOn: s.intakeStartOn }).toEqual({
      status: 'received',
      version: 1,
      intakeStartOn: '2026-07-01',
    });
  });

  it('refuses an existing stream', () =>
    spec.given(receivedComplaint()).when(register()).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a receipt after today', () =>
    specOn('2026-07-01')
      .given([])
      .when(register({ receivedAt: '2026-07-02' }))
      .thenThrows('VALIDATION_FAILED', 'receivedAt'));
  it('refuses a malformed date', () =>
    spec
      .given([])
      .when(register({ receivedAt: '2026-02-30' }))
      .thenThrows('VALIDATION_FAILED', 'receivedAt'));
  it('refuses a signer count below 1', () =>
    spec
      .given([])
      .when(register({ signerCount: 0 }))
      .thenThrows('VALIDATION_FAILED', 'signerCount'));
  it('answers NOT_FOUND to any other command on an empty stream', () =>
    spec.given([]).when(classify()).thenThrows('NOT_FOUND'));
});

describe('ClassifyCase: the intake rule by kind and subtree', () => {
  it('complaint received 2026-06-30 gets KN-ACC v2012, 10 working days → 2026-07-14', () => {
    const d = intakeOf(history([register({ receivedAt: '2026-06-30' }), classify()]));
    expect(d).toMatchObject({
      ruleId: 'KN-ACC',
      ruleVersion: '2012-07-01',
      startOn: '2026-06-30',
      length: 10,
    });
    expect(d?.dueOn).toBe('2026-07-14');
  });

  it('complaint received 2026-07-01 gets KN-ACC v2026, 7 working days → 2026-07-10', () => {
    const d = intakeOf(history([register({ receivedAt: '2026-07-01' }), classify()]));
    expect(d).toMatchObject({ ruleId: 'KN-ACC', ruleVersion: '2026-07-01', length: 7, dueOn: '2026-07-10' });
  });

  it('skips the Hùng Kings, 30/4 and 1/5 holidays (received Fri 2026-04-24 → 2026-05-13)', () =>
    expect(intakeOf(history([register({ receivedAt: '2026-04-24' }), classify()]))?.dueOn).toBe(
      '2026-05-13',
    ));

  it('complaint defaults to level 1 and keeps level 2', () => {
    expect(stateOf(history([register(), classify()])).level).toBe(1);
    expect(stateOf(history([register(), classify({ level: 2 })])).level).toBe(2);
  });

  it('denunciation within the receiving subtree → TC-PRE 7 WD (2026-07-10)', () =>
    expect(intakeOf(history([register(), classify({ kind: 'denunciation' })]))).toMatchObject({
      ruleId: 'TC-PRE',
      variant: 'normal',
      dueOn: '2026-07-10',
    }));

  it('multi-location denunciation → TC-PRE 10 WD (2026-07-15)', () =>
    expect(
      intakeOf(history([register(), classify({ kind: 'denunciation', multiLocation: true })])),
    ).toMatchObject({
      ruleId: 'TC-PRE',
      variant: 'multi_location',
      dueOn: '2026-07-15',
    }));

  it('denunciation outside the receiving subtree → TC-XFER 5 WD (2026-07-08)', () =>
    expect(
      intakeOf(
        history([register(), classify({ kind: 'denunciation', competentWithinReceivingSubtree: false })]),
      ),
    ).toMatchObject({ ruleId: 'TC-XFER', dueOn: '2026-07-08' }));

  it.each(['petition', 'reflection'] as const)('%s → TCD-ANS 10 WD (2026-07-15)', (kind) =>
    expect(intakeOf(history([register(), classify({ kind })]))).toMatchObject({
      ruleId: 'TCD-ANS',
      dueOn: '2026-07-15',
    }),
  );

  it('records classifiedAt = today, units, and a numbered deadline', () =>
    spec
      .given(receivedComplaint())
      .when(classify({ reason: 'ours' }))
      .then([
        {
          type: 'CaseClassified',
          data: expect.objectContaining({
            caseId: CASE_ID,
            kind: 'complaint',
            level: 1,
            competentUnitId: 'unit-province',
            processable: true,
            multiLocation: false,
            reason: 'ours',
            classifiedAt: '2026-12-31',
            intakeDeadline: expect.objectContaining({ deadlineNo: 2, ruleId: 'KN-ACC' }),
            // XLD completed as of the classification (late: due 2026-07-15), out of accountability
            deadlineOutcomes: [
              {
                deadlineNo: 1,
                ruleId: 'XLD',
                startOn: '2026-07-01',
                dueOn: '2026-07-15',
                outcome: 'missed',
                on: '2026-12-31',
                leavesAccountability: true,
              },
            ],
            dates: [],
          }),
        },
      ]));

  it('refuses a level on a non-complaint', () =>
    spec
      .given(receivedComplaint())
      .when(classify({ kind: 'petition', level: 1 }))
      .thenThrows('VALIDATION_FAILED', 'level'));
  it('refuses an unknown level', () =>
    spec
      .given(receivedComplaint())
      .when(classify({ level: 3 as unknown as 1 }))
      .thenThrows('VALIDATION_FAILED', 'level'));
  it('refuses an unknown kind', () =>
    spec
      .given(receivedComplaint())
      .when(classify({ kind: 'gossip' as unknown as 'complaint' }))
      .thenThrows('VALIDATION_FAILED', 'kind'));
  it('refuses a second classification', () =>
    spec
      .given(history([register(), classify()]))
      .when(classify())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('propagates CALENDAR_UNAVAILABLE when the deadline falls in a year with no data', () =>
    specOn('2027-12-31')
      .given(history([register({ receivedAt: '2027-12-28' })], '2027-12-31'))
      .when(classify())
      .thenThrows('CALENDAR_UNAVAILABLE'));
});

describe('AcceptCase', () => {
  const classified = (data: Parameters<typeof classify>[0] = {}, reg: Parameters<typeof register>[0] = {}) =>
    history([register(reg), classify(data)]);

  it('completes the intake deadline as met and starts KN-RES1 (30 CD → 2026-08-07)', () =>
    spec
      .given(classified())
      .when(accept({ decisionNo: 'QĐ-1' }))
      .then([
        {
          type: 'CaseAccepted',
          data: {
            caseId: CASE_ID,
            acceptedAt: '2026-07-08',
            complex: false,
            especiallyComplex: false,
            remoteArea: false,
            decisionNo: 'QĐ-1',
            resolutionDeadline: expect.objectContaining({
              deadlineNo: 3,
              ruleId: 'KN-RES1',
              startOn: '2026-07-08',
              length: 30,
              unit: 'calendar_days',
              variant: 'normal',
              dueOn: '2026-08-07',
            }),
            deadlineOutcomes: [
              {
                deadlineNo: 2,
                ruleId: 'KN-ACC',
                startOn: '2026-07-01',
                dueOn: '2026-07-10',
                outcome: 'met',
                on: '2026-07-08',
              },
            ],
            dates: [],
          },
        },
      ]));

  it('acceptance on the due date is met; the day after is missed (and stays missed)', () => {
    const onDue = spec
      .given(classified())
      .when(accept({ acceptedAt: '2026-07-10' }))
      .events()[0];
    expect(onDue.type === 'CaseAccepted' && onDue.data.deadlineOutcomes[0].outcome).toBe('met');
    const late = history([...[register(), classify()], accept({ acceptedAt: '2026-07-13' })]);
    expect(deadlinesOf(late)[0]).toEqual({
      ruleId: 'KN-ACC',
      startOn: '2026-07-01',
      dueOn: '2026-07-10',
      status: 'missed',
    });
  });

  it.each([
    [1, {}, 'KN-RES1', 'normal', '2026-08-07'],
    [1, { complex: true }, 'KN-RES1', 'complex', '2026-08-22'], // 45 CD lands on the make-up Saturday 22/8
    [1, { remoteArea: true }, 'KN-RES1', 'remote', '2026-08-22'],
    [1, { remoteArea: true, complex: true }, 'KN-RES1', 'remote_complex', '2026-09-07'], // Sun 6/9 → Mon 7/9
    [2, {}, 'KN-RES2', 'normal', '2026-08-22'],
    [2, { complex: true }, 'KN-RES2', 'complex', '2026-09-07'],
    [2, { remoteArea: true }, 'KN-RES2', 'remote', '2026-09-07'],
    [2, { remoteArea: true, complex: true }, 'KN-RES2', 'remote_complex', '2026-09-16'],
  ] as const)('complaint level %s %j → %s %s due %s', (level, facts, ruleId, variant, dueOn) => {
    const [e] = spec.given(classified({ level })).when(accept(facts)).events();
    expect(e.type === 'CaseAccepted' && e.data.resolutionDeadline).toMatchObject({ ruleId, variant, dueOn });
  });

  it('denunciation → TC-RES 30 CD, rolled off National Day (accepted 2026-08-03 → 2026-09-03) + TC-NOTIF date', () => {
    const [e] = spec
      .given(classified({ kind: 'denunciation' }))
      .when(accept({ acceptedAt: '2026-08-03' }))
      .events();
    expect(e.type === 'CaseAccepted' && e.data.resolutionDeadline).toMatchObject({
      ruleId: 'TC-RES',
      baseDueOn: '2026-09-02',
      dueOn: '2026-09-03',
    });
    expect(e.type === 'CaseAccepted' && e.data.dates).toEqual([
      expect.objectContaining({ ruleId: 'TC-NOTIF', startOn: '2026-08-03', dueOn: '2026-08-10' }),
    ]);
    expect(e.type === 'CaseAccepted' && e.data.deadlineOutcomes).toEqual([
      expect.objectContaining({ ruleId: 'TC-PRE', outcome: 'missed' }),
    ]);
  });

  it.each(['petition', 'reflection'] as const)('%s: completes TCD-ANS, no resolution deadline', (kind) => {
    const events = history([register(), classify({ kind }), accept()]);
    expect(deadlinesOf(events)).toEqual([
      { ruleId: 'TCD-ANS', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'met' },
    ]);
    expect(stateOf(events).status).toBe('accepted');
  });

  it('refuses a case classified as not processable', () =>
    spec
      .given(classified({ processable: false }))
      .when(accept())
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a denunciation whose competent unit is outside the subtree (TC-XFER)', () =>
    spec
      .given(classified({ kind: 'denunciation', competentWithinReceivingSubtree: false }))
      .when(accept())
      .thenThrows('ILLEGAL_TRANSITION'));

  const many = [1, 2, 3, 4, 5].map((n) => ({
    personRef: `p-${n}`,
    sealed: `enc:${n}`,
    representative: false,
  }));
  it.each(['complaint', 'denunciation'] as const)(
    '%s signed by 5 with no representative is refused',
    (kind) =>
      spec
        .given(classified({ kind }, { petitioners: many, signerCount: 5 }))
        .when(accept())
        .thenThrows('ILLEGAL_TRANSITION'),
  );
  it('5 signers with a representative are accepted', () => {
    const withRep = many.map((p, i) => ({ ...p, representative: i === 0 }));
    expect(
      spec
        .given(classified({}, { petitioners: withRep }))
        .when(accept())
        .events()[0].type,
    ).toBe('CaseAccepted');
  });
  it('a petition with 5 signers needs no representative', () =>
    expect(
      spec
        .given(classified({ kind: 'petition' }, { petitioners: many }))
        .when(accept())
        .events()[0].type,
    ).toBe('CaseAccepted'));

  it('refuses acceptance from received', () =>
    spec.given(receivedComplaint()).when(accept()).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses acceptance twice', () =>
    spec.given(acceptedComplaint()).when(accept()).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses acceptedAt after today', () =>
    specOn('2026-07-05')
      .given(history([register(), classify()], '2026-07-05'))
      .when(accept())
      .thenThrows('VALIDATION_FAILED', 'acceptedAt'));
  it('refuses acceptedAt before receipt', () =>
    spec
      .given(classified())
      .when(accept({ acceptedAt: '2026-06-30' }))
      .thenThrows('VALIDATION_FAILED', 'acceptedAt'));
});

describe('RejectCase, GuideCase, ArchiveCase', () => {
  it('reject completes the intake deadline', () =>
    spec
      .given(history([register(), classify()]))
      .when({ type: 'RejectCase', data: { at: '2026-07-09', reason: 'LKN Art. 11(3)' } })
      .then([
        {
          type: 'CaseRejected',
          data: {
            caseId: CASE_ID,
            at: '2026-07-09',
            reason: 'LKN Art. 11(3)',
            deadlineOutcomes: [
              expect.objectContaining({ ruleId: 'KN-ACC', outcome: 'met', on: '2026-07-09' }),
            ],
          },
        },
      ]));
  it('reject is only from classified', () =>
    spec
      .given(receivedComplaint())
      .when({ type: 'RejectCase', data: { at: '2026-07-09', reason: 'x' } })
      .thenThrows('ILLEGAL_TRANSITION'));
  it('reject needs a reason', () =>
    spec
      .given(history([register(), classify()]))
      .when({ type: 'RejectCase', data: { at: '2026-07-09', reason: '' } })
      .thenThrows('VALIDATION_FAILED', 'reason'));

  it('guide from received completes XLD only', () =>
    spec
      .given(receivedComplaint())
      .when({ type: 'GuideCase', data: { at: '2026-07-02', agency: 'Tòa án', note: 'court' } })
      .then([
        {
          type: 'CaseGuided',
          data: {
            caseId: CASE_ID,
            at: '2026-07-02',
            agency: 'Tòa án',
            note: 'court',
            deadlineOutcomes: [
              {
                deadlineNo: 1,
                ruleId: 'XLD',
                startOn: '2026-07-01',
                dueOn: '2026-07-15',
                outcome: 'met',
                on: '2026-07-02',
              },
            ],
          },
        },
      ]));
  it('guide completes TC-XFER (late → missed)', () => {
    const events = history([
      register(),
      classify({ kind: 'denunciation', competentWithinReceivingSubtree: false }),
      { type: 'GuideCase', data: { at: '2026-07-09', agency: 'Sở X' } },
    ]);
    expect(deadlinesOf(events)).toEqual([
      { ruleId: 'TC-XFER', startOn: '2026-07-01', dueOn: '2026-07-08', status: 'missed' },
    ]);
    expect(stateOf(events).status).toBe('guided');
  });
  it('guide is refused once accepted', () =>
    spec
      .given(acceptedComplaint())
      .when({ type: 'GuideCase', data: { at: '2026-07-09', agency: 'x' } })
      .thenThrows('ILLEGAL_TRANSITION'));

  it('archive from classified completes the intake deadline', () => {
    const events = history([register(), classify({ kind: 'petition' }), archive()]);
    expect(deadlinesOf(events)[0].status).toBe('met');
    expect(stateOf(events).status).toBe('archived');
  });
  it('archive cancels TC-XFER (it is completed only by transfer or guide)', () => {
    const events = history([
      register(),
      classify({ kind: 'denunciation', competentWithinReceivingSubtree: false }),
      archive({ reason: 'anonymous' }),
    ]);
    expect(deadlinesOf(events)[0].status).toBe('cancelled');
  });
  it('reject cancels TC-XFER too', () => {
    const events = history([
      register(),
      classify({ kind: 'denunciation', competentWithinReceivingSubtree: false }),
      { type: 'RejectCase', data: { at: '2026-07-02', reason: 'x' } },
    ]);
    expect(deadlinesOf(events)[0].status).toBe('cancelled');
  });
  it('a duplicate names its original', () =>
    spec
      .given(receivedComplaint())
      .when(archive({ reason: 'duplicate' }))
      .thenThrows('VALIDATION_FAILED', 'duplicateOf'));
  it('a duplicate with its original is archived', () =>
    expect(
      spec
        .given(receivedComplaint())
        .when(archive({ reason: 'duplicate', duplicateOf: 'c-0' }))
        .events()[0].data,
    ).toMatchObject({
      reason: 'duplicate',
      duplicateOf: 'c-0',
    }));
  it('archive refuses an unknown reason', () =>
    spec
      .given(receivedComplaint())
      .when(archive({ reason: 'boring' as unknown as 'illegible' }))
      .thenThrows('VALIDATION_FAILED', 'reason'));
  it('archive is refused once accepted', () =>
    spec.given(acceptedComplaint()).when(archive()).thenThrows('ILLEGAL_TRANSITION'));
});

describe('TransferCase (ordinary)', () => {
  const transfer = (at: string, toUnitId = 'unit-commune') =>
    ({ type: 'TransferCase', data: { at, toUnitId, reason: 'not ours' } }) as const;

  it('completes the intake deadline as met, moves the case and restarts intake from `at`', () => {
    const events = history([
      register(),
      classify(),
      transfer('2026-07-09'),
      classify({ competentUnitId: 'unit-commune' }),
    ]);
    expect(events[2]).toEqual({
      type: 'CaseTransferred',
      data: {
        caseId: CASE_ID,
        at: '2026-07-09',
        fromUnitId: 'unit-province',
        toUnitId: 'unit-commune',
        reason: 'not ours',
        kind: 'ordinary',
        receivingUnitId: 'unit-commune',
        competentUnitId: null,
        deadlineOutcomes: [
          {
            deadlineNo: 2,
            ruleId: 'KN-ACC',
            startOn: '2026-07-01',
            dueOn: '2026-07-10',
            outcome: 'met',
            on: '2026-07-09',
          },
        ],
        // the receiving unit's XLD from the transfer date: Thu 2026-07-09 + 10 WD → Thu 2026-07-23
        xldDeadline: expect.objectContaining({
          deadlineNo: 3,
          ruleId: 'XLD',
          startOn: '2026-07-09',
          dueOn: '2026-07-23',
        }),
      },
    });
    expect(deadlinesOf(events)).toEqual([
      { ruleId: 'KN-ACC', startOn: '2026-07-01', dueOn: '2026-07-10', status: 'met' },
      { ruleId: 'KN-ACC', startOn: '2026-07-09', dueOn: '2026-07-20', status: 'open' },
    ]);
    const s = stateOf(events);
    expect([s.receivingUnitId, s.competentUnitId, s.status, s.intakeStartOn]).toEqual([
      'unit-commune',
      'unit-commune',
      'classified',
      '2026-07-09',
    ]);
  });

  it('a late transfer leaves the intake deadline missed', () =>
    expect(deadlinesOf(history([register(), classify(), transfer('2026-07-13')]))[0].status).toBe('missed'));

  it('completes TC-XFER; status back to received, classification cleared', () => {
    const events = history([
      register(),
      classify({ kind: 'denunciation', competentWithinReceivingSubtree: false }),
      transfer('2026-07-03'),
    ]);
    expect(deadlinesOf(events)[0].status).toBe('met');
    expect(stateOf(events)).toMatchObject({ status: 'received', kind: null, competentUnitId: null });
  });

  it('from received: XLD is completed (counted) and starts again at the new unit', () =>
    expect(spec.given(receivedComplaint()).when(transfer('2026-07-02')).events()[0].data).toMatchObject({
      deadlineOutcomes: [{ deadlineNo: 1, ruleId: 'XLD', outcome: 'met', on: '2026-07-02' }],
      // Thu 2026-07-02 + 10 WD → Thu 2026-07-16
      xldDeadline: { deadlineNo: 2, ruleId: 'XLD', startOn: '2026-07-02', dueOn: '2026-07-16' },
    }));
  it('refuses a transfer to the same unit', () =>
    spec
      .given(receivedComplaint())
      .when(transfer('2026-07-02', 'unit-province'))
      .thenThrows('VALIDATION_FAILED', 'toUnitId'));
  it('passes on an accepted case: the open resolution deadline is cancelled, intake restarts at the new unit', () => {
    const events = history([register(), classify(), accept(), transfer('2026-07-20')]);
    expect(deadlinesOf(events).map((d) => [d.ruleId, d.status])).toEqual([
      ['KN-ACC', 'met'],
      ['KN-RES1', 'cancelled'],
    ]);
    expect(stateOf(events)).toMatchObject({
      status: 'received',
      acceptedAt: null,
      intakeStartOn: '2026-07-20',
    });
  });
  it('refuses a transfer dated before the acceptance of an accepted case', () =>
    spec.given(acceptedComplaint()).when(transfer('2026-07-01')).thenThrows('VALIDATION_FAILED', 'at'));
  it('refuses a transfer of a resolved case', () =>
    spec
      .given(
        history([
          register(),
          classify(),
          accept(),
          resolveCase({ decidedAt: '2026-07-20', outcome: 'upheld', summary: 's' }),
        ]),
      )
      .when(transfer('2026-07-21'))
      .thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a date before the intake start of the current unit', () =>
    spec
      .given(history([register(), transfer('2026-07-09')]))
      .when(transfer('2026-07-05', 'unit-other'))
      .thenThrows('VALIDATION_FAILED', 'at'));
});

describe('MoveCaseForUnitMerger', () => {
  const merge = (fromUnitId = 'unit-province', toUnitId = 'unit-new'): CaseCommand => ({
    type: 'MoveCaseForUnitMerger',
    data: { fromUnitId, toUnitId, effectiveOn: '2026-07-15' },
  });

  it('changes only the units; status and every deadline stay', () => {
    const before = acceptedComplaint();
    const after = history([...[register(), classify(), accept()], merge()]);
    const moved = after[after.length - 1];
    expect(moved).toEqual({
      type: 'CaseTransferred',
      data: {
        caseId: CASE_ID,
        at: '2026-07-15',
        fromUnitId: 'unit-province',
        toUnitId: 'unit-new',
        reason: 'unit_merger',
        kind: 'unit_merger',
        receivingUnitId: 'unit-new',
        competentUnitId: 'unit-new',
        deadlineOutcomes: [],
      },
    });
    const [s0, s1] = [stateOf(before), stateOf(after)];
    expect(s1.deadlines).toEqual(s0.deadlines);
    expect(s1.status).toBe('accepted');
    expect(s1.intakeStartOn).toBe(s0.intakeStartOn);
  });

  it('moves only the unit that ceased', () => {
    const events = history([
      register(),
      classify({ competentUnitId: 'unit-dept' }),
      merge('unit-dept', 'unit-dept2'),
    ]);
    expect(stateOf(events)).toMatchObject({
      receivingUnitId: 'unit-province',
      competentUnitId: 'unit-dept2',
      status: 'classified',
    });
  });

  it('works on a suspended or resolved case too', () => {
    const suspended = history([
      register(),
      classify(),
      accept(),
      { type: 'SuspendCase', data: { at: '2026-07-10', reason: 'r' } },
    ]);
    expect(stateOf([...suspended, ...spec.given(suspended).when(merge()).events()]).status).toBe('suspended');
  });

  it('refuses a case not at the ceasing unit', () =>
    spec.given(acceptedComplaint()).when(merge('unit-elsewhere')).thenThrows('ILLEGAL_TRANSITION'));
  it('refuses a merge into itself', () =>
    spec
      .given(acceptedComplaint())
      .when(merge('unit-province', 'unit-province'))
      .thenThrows('VALIDATION_FAILED', 'toUnitId'));
  it.each(['WithdrawCase', 'TerminateCase'] as const)('refuses after %s', (type) =>
    spec
      .given(history([register(), { type, data: { at: '2026-07-02', reason: 'r' } }]))
      .when(merge())
      .thenThrows('ILLEGAL_TRANSITION'),
  );
});

describe('AssignHandler', () => {
  const assign: CaseCommand = { type: 'AssignHandler', data: { handlerId: 'handler-7' } };
  it.each([
    ['received', receivedComplaint()],
    ['classified', history([register(), classify()])],
    ['accepted', acceptedComplaint()],
  ])('keeps the status (%s)', (status, given) => {
    const events = spec.given(given).when(assign).events();
    expect(events).toEqual([{ type: 'HandlerAssigned', data: { caseId: CASE_ID, handlerId: 'handler-7' } }]);
    expect(stateOf([...given, ...events])).toMatchObject({ status, handlerId: 'handler-7' });
  });
  it('is allowed on a resolved case', () =>
    expect(
      spec
        .given(history([register(), classify({ kind: 'petition' }), resolveCase({ outcome: 'answered' })]))
        .when(assign)
        .events(),
    ).toHaveLength(1));
  it('refuses rejected / guided / archived / withdrawn cases', () =>
    spec
      .given(history([register(), archive()]))
      .when(assign)
      .thenThrows('ILLEGAL_TRANSITION'));
  it('needs a handler id', () =>
    spec
      .given(receivedComplaint())
      .when({ type: 'AssignHandler', data: { handlerId: '' } })
      .thenThrows('VALIDATION_FAILED', 'handlerId'));
});

describe('CloseCase and the closed case', () => {
  const close = (at: string): CaseCommand => ({ type: 'CloseCase', data: { at } });
  const resolved = history([
    register(),
    classify({ kind: 'petition' }),
    resolveCase({ outcome: 'answered' }),
  ]);

  it.each([
    ['resolved', resolved],
    [
      'rejected',
      history([register(), classify(), { type: 'RejectCase', data: { at: '2026-07-05', reason: 'r' } }]),
    ],
    ['guided', history([register(), { type: 'GuideCase', data: { at: '2026-07-05', agency: 'a' } }])],
    ['archived', history([register(), archive()])],
  ])('closes a %s case', (_status, given) =>
    spec
      .given(given)
      .when(close('2026-08-10'))
      .then([{ type: 'CaseClosed', data: { caseId: CASE_ID, at: '2026-08-10' } }]),
  );

  it('refuses a close dated before the decision', () =>
    spec.given(resolved).when(close('2026-08-04')).thenThrows('VALIDATION_FAILED', 'at'));
  it('refuses to close an open case', () =>
    spec.given(acceptedComplaint()).when(close('2026-08-10')).thenThrows('ILLEGAL_TRANSITION'));

  const closed = history([...[register(), archive()], close('2026-07-10')]);
  const everything: CaseCommand[] = [
    classify(),
    accept(),
    { type: 'RejectCase', data: { at: '2026-07-10', reason: 'r' } },
    { type: 'GuideCase', data: { at: '2026-07-10', agency: 'a' } },
    archive(),
    { type: 'TransferCase', data: { at: '2026-07-10', toUnitId: 'u2', reason: 'r' } },
    {
      type: 'MoveCaseForUnitMerger',
      data: { fromUnitId: 'unit-province', toUnitId: 'u2', effectiveOn: '2026-07-10' },
    },
    { type: 'AssignHandler', data: { handlerId: 'h' } },
    { type: 'ExtendDeadline', data: { at: '2026-07-10', reason: 'r' } },
    { type: 'SuspendCase', data: { at: '2026-07-10', reason: 'r' } },
    { type: 'ResumeCase', data: { at: '2026-07-10' } },
    {
      type: 'RecordDialogue',
      data: { dialogueId: 'd', heldAt: '2026-07-10', participants: [], minutes: '', outcome: 'agreed' },
    },
    resolveCase(),
    { type: 'WithdrawCase', data: { at: '2026-07-10' } },
    { type: 'TerminateCase', data: { at: '2026-07-10', reason: 'r' } },
    close('2026-07-11'),
  ];
  it.each(everything.map((c) => [c.type, c] as const))('refuses %s on a closed case', (_type, command) =>
    spec.given(closed).when(command).thenThrows('ILLEGAL_TRANSITION'),
  );
  it('refuses RegisterCase on a closed case', () =>
    spec.given(closed).when(register()).thenThrows('ILLEGAL_TRANSITION'));
});

describe('date guards', () => {
  it('every action date must be on or after receipt and not after today', () => {
    specOn('2026-07-09')
      .given(history([register(), classify()], '2026-07-09'))
      .when({ type: 'RejectCase', data: { at: '2026-07-10', reason: 'r' } })
      .thenThrows('VALIDATION_FAILED', 'at');
    spec
      .given(receivedComplaint())
      .when({ type: 'GuideCase', data: { at: '2026-06-30', agency: 'a' } })
      .thenThrows('VALIDATION_FAILED', 'at');
    spec
      .given(receivedComplaint())
      .when(archive({ at: 'yesterday' }))
      .thenThrows('VALIDATION_FAILED', 'at');
  });
  it('a denunciation accepted the day its intake started is fine', () =>
    expect(acceptedDenunciation({ acceptedAt: '2026-07-01' })).toHaveLength(3));
});
