/**
 * Corrections and intake (docs/reference/api-contract.md, Case commands: register, amend, reclassify; LTC Art. 25, LTCD Art. 29): anonymous
 * letters, audited amendments of intake data, reclassification before acceptance. Dates by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import {
  accept,
  amend,
  archive,
  CASE_ID,
  classify,
  deadlinesOf,
  history,
  reclassify,
  register,
  resolveCase,
  spec,
  stateOf,
} from '../testing/case-fixtures.js';

const then = (given: CaseEvent[], command: CaseCommand) => [
  ...given,
  ...spec.given(given).when(command).events(),
];
const anonymousLetter = () => history([register({ anonymous: true, petitioners: [], signerCount: 1 })]);
const person = (n: number, representative = false) => ({
  personRef: `p-${n}`,
  sealed: `enc:${n}`,
  representative,
});

describe('anonymous letters (LTC Art. 25)', () => {
  it('given petitioners: [] and anonymous: true, then it is registered, with XLD', () => {
    const s = stateOf(anonymousLetter());
    expect(s).toMatchObject({ anonymous: true, status: 'received' });
    expect(deadlinesOf(anonymousLetter(), { xld: true })).toEqual([
      { ruleId: 'XLD', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'open' },
    ]);
  });

  it('a name given with anonymous: true, or no petitioner without it, is a 400 naming petitioners', () => {
    spec
      .given([])
      .when(register({ anonymous: true }))
      .thenThrows('VALIDATION_FAILED', 'petitioners');
    spec
      .given([])
      .when(register({ petitioners: [] }))
      .thenThrows('VALIDATION_FAILED', 'petitioners');
  });

  it.each(['complaint', 'denunciation', 'petition'] as const)('classified as a %s → 409', (kind) =>
    spec.given(anonymousLetter()).when(classify({ kind })).thenThrows('ILLEGAL_TRANSITION'),
  );

  it('classified as a reflection: no TCD-ANS starts and XLD stays counted until it is answered', () => {
    const classified = then(anonymousLetter(), classify({ kind: 'reflection', at: '2026-07-02' }));
    expect(classified[1].data).toMatchObject({ intakeDeadline: null, deadlineOutcomes: [] });
    const answered = then(classified, resolveCase({ decidedAt: '2026-07-10', outcome: 'answered' }));
    expect(answered[2].data).toMatchObject({
      deadlineOutcomes: [{ ruleId: 'XLD', outcome: 'met', on: '2026-07-10' }],
    });
    expect(answered[2].data).not.toHaveProperty('deadlineOutcomes.0.leavesAccountability');
  });

  it('archived with reason anonymous: XLD is completed', () =>
    expect(
      deadlinesOf(then(anonymousLetter(), archive({ at: '2026-07-03', reason: 'anonymous' })), { xld: true }),
    ).toEqual([{ ruleId: 'XLD', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'met' }]));

  it('forwardedBy and registryNo are kept on the receipt', () =>
    expect(
      history([register({ forwardedBy: 'Đoàn ĐBQH tỉnh', registryNo: 'SĐ-125' })])[0].data,
    ).toMatchObject({ forwardedBy: 'Đoàn ĐBQH tỉnh', registryNo: 'SĐ-125' }));
});

describe('amend: an audited correction of intake data', () => {
  const sixSigners = () =>
    history([register({ signerCount: 6, petitioners: [person(1)] }), classify({ at: '2026-07-02' })]);

  it('given a 6-signer letter without a representative, acceptance is refused; amended, it is accepted', () => {
    spec.given(sixSigners()).when(accept()).thenThrows('ILLEGAL_TRANSITION');
    const amended = then(
      sixSigners(),
      amend({ at: '2026-07-03', petitioners: [person(1, true), person(2)] }),
    );
    expect(amended[2]).toEqual({
      type: 'CaseAmended',
      data: {
        caseId: expect.any(String),
        at: '2026-07-03',
        reason: 'nhập sai khi tiếp nhận',
        changed: ['petitioners'],
        petitioners: [person(1, true), person(2)],
      },
    });
    expect(spec.given(amended).when(accept()).events()[0].type).toBe('CaseAccepted');
  });

  it('changes only what it names, from registration on; the status and deadlines stay', () => {
    const events = then(
      sixSigners(),
      amend({ subject: 'Khiếu nại về bồi thường', channel: 'post', field: 'compensation', signerCount: 1 }),
    );
    const s = stateOf(events);
    expect(s).toMatchObject({
      subject: 'Khiếu nại về bồi thường',
      channel: 'post',
      field: 'compensation',
      signerCount: 1,
      status: 'classified',
    });
    expect(events[2].data).toMatchObject({ changed: ['signerCount', 'subject', 'channel', 'field'] });
    expect(deadlinesOf(events)).toEqual(deadlinesOf(sixSigners()));
  });

  it('adding a name to an anonymous letter makes it named', () => {
    const events = then(anonymousLetter(), amend({ petitioners: [person(1)] }));
    expect(events[1].data).toMatchObject({ anonymous: false });
    expect(stateOf(events).anonymous).toBe(false);
  });

  it('needs a reason and something to change; not on a closed case; not an empty list for a named letter', () => {
    spec
      .given(sixSigners())
      .when(amend({ reason: '', subject: 'x' }))
      .thenThrows('VALIDATION_FAILED', 'reason');
    spec.given(sixSigners()).when(amend({})).thenThrows('VALIDATION_FAILED');
    spec
      .given(sixSigners())
      .when(amend({ petitioners: [] }))
      .thenThrows('VALIDATION_FAILED', 'petitioners');
    spec
      .given(sixSigners())
      .when(amend({ at: '2026-06-30', subject: 'x' }))
      .thenThrows('VALIDATION_FAILED', 'at');
    const closed = then(
      then(history([register(), classify({ kind: 'petition' })]), resolveCase({ outcome: 'answered' })),
      { type: 'CloseCase', data: { at: '2026-08-06' } },
    );
    spec
      .given(closed)
      .when(amend({ subject: 'x' }))
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('is allowed on a resolved case', () =>
    expect(
      spec
        .given(
          then(history([register(), classify({ kind: 'petition' })]), resolveCase({ outcome: 'answered' })),
        )
        .when(amend({ registryNo: 'SĐ-9' }))
        .events()[0].type,
    ).toBe('CaseAmended'));
});

describe('reclassify: only while classified; the intake deadline is recomputed from the same start', () => {
  const complaint = () => history([register(), classify({ at: '2026-07-02' })]);

  it('a complaint reclassified as a petition on 2026-07-03: KN-ACC cancelled, TCD-ANS from 07-01 → 07-15', () => {
    const events = then(complaint(), reclassify());
    expect(events[2]).toMatchObject({
      type: 'CaseReclassified',
      data: {
        at: '2026-07-03',
        correctionReason: 'phân loại nhầm',
        kind: 'petition',
        level: null,
        deadlineOutcomes: [{ ruleId: 'KN-ACC', outcome: 'cancelled', on: '2026-07-03' }],
        intakeDeadline: { deadlineNo: 3, ruleId: 'TCD-ANS', startOn: '2026-07-01', dueOn: '2026-07-15' },
      },
    });
    expect(deadlinesOf(events)).toEqual([
      { ruleId: 'KN-ACC', startOn: '2026-07-01', dueOn: '2026-07-10', status: 'cancelled' },
      { ruleId: 'TCD-ANS', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'open' },
    ]);
    expect(stateOf(events)).toMatchObject({ status: 'classified', kind: 'petition' });
  });

  it('a KN-ACC already past due when reclassified stays missed', () =>
    expect(deadlinesOf(then(complaint(), reclassify({ at: '2026-07-13' })))[0]).toMatchObject({
      ruleId: 'KN-ACC',
      status: 'missed',
    }));

  it('from a denunciation to a complaint: TC-PRE cancelled, KN-ACC v2026 from 07-01 → 07-10', () =>
    expect(
      deadlinesOf(
        then(
          history([register(), classify({ kind: 'denunciation', at: '2026-07-02' })]),
          reclassify({ kind: 'complaint', level: 1 }),
        ),
      ),
    ).toEqual([
      { ruleId: 'TC-PRE', startOn: '2026-07-01', dueOn: '2026-07-10', status: 'cancelled' },
      { ruleId: 'KN-ACC', startOn: '2026-07-01', dueOn: '2026-07-10', status: 'open' },
    ]));

  it('only while classified (409); at and correctionReason are required (400); the guards of classify apply', () => {
    spec
      .given(history([register()]))
      .when(reclassify())
      .thenThrows('ILLEGAL_TRANSITION');
    spec.given(then(complaint(), accept())).when(reclassify()).thenThrows('ILLEGAL_TRANSITION');
    spec
      .given(complaint())
      .when(reclassify({ correctionReason: '' }))
      .thenThrows('VALIDATION_FAILED', 'correctionReason');
    spec
      .given(complaint())
      .when(reclassify({ at: undefined as unknown as string }))
      .thenThrows('VALIDATION_FAILED', 'at');
    spec
      .given(complaint())
      .when(reclassify({ kind: 'denunciation', disciplinary: true }))
      .thenThrows('VALIDATION_FAILED', 'disciplinary');
    spec
      .given(history([register({ anonymous: true, petitioners: [] }), classify({ kind: 'reflection' })]))
      .when(reclassify({ kind: 'complaint' }))
      .thenThrows('ILLEGAL_TRANSITION');
  });
});

describe('classified or reclassified as a denunciation: a handler no head assigned leaves the case', () => {
  const complaint = () => history([register(), classify({ at: '2026-07-02' })]);
  const assign = (byHead?: boolean): CaseCommand => ({
    type: 'AssignHandler',
    data: { handlerId: 'handler-1', ...(byHead === undefined ? {} : { byHead }) },
  });

  it('reclassifying removes a self-assigned handler with HandlerUnassigned, and the state has none', () => {
    const given = then(complaint(), assign(false));
    const events = spec
      .given(given)
      .when(reclassify({ kind: 'denunciation' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['CaseReclassified', 'HandlerUnassigned']);
    expect(events[1].data).toEqual({
      caseId: CASE_ID,
      handlerId: 'handler-1',
      reason: 'denunciation_needs_head_assignment',
    });
    expect(stateOf([...given, ...events]).handlerId).toBeNull();
  });

  it('an assignment recorded before `byHead` was kept counts as not by a head', () => {
    const events = spec
      .given(then(complaint(), assign()))
      .when(reclassify({ kind: 'denunciation' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['CaseReclassified', 'HandlerUnassigned']);
  });

  it("keeps a head's assignment, and any handler when the new kind is not a denunciation", () => {
    spec
      .given(then(complaint(), assign(true)))
      .when(reclassify({ kind: 'denunciation' }))
      .then([expect.objectContaining({ type: 'CaseReclassified' })]);
    spec
      .given(then(complaint(), assign(false)))
      .when(reclassify({ kind: 'petition' }))
      .then([expect.objectContaining({ type: 'CaseReclassified' })]);
  });

  it('classifying as a denunciation removes a handler no head assigned too', () => {
    const events = spec
      .given(then(history([register()]), assign(false)))
      .when(classify({ kind: 'denunciation' }))
      .events();
    expect(events.map((e) => e.type)).toEqual(['CaseClassified', 'HandlerUnassigned']);
  });
});
