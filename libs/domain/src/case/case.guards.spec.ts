/**
 * The guards and rules of issue 13 (docs/reference/api-contract.md, Case commands: classify/resolve/suspend/dialogues; docs/reference/deadlines.md §7, §10,
 * XLD; docs/reference/legal.md §3, §12.1–12.2), as given/when/then specs. Dates computed by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { CaseCommand, PreviousCaseFacts } from './case.commands.js';
import type { CaseEvent } from './case.events.js';
import {
  accept,
  classify,
  deadlinesOf,
  dialogue,
  history,
  register,
  resolveCase,
  spec,
  specOn,
  stateOf,
} from '../testing/case-fixtures.js';

const then = (given: CaseEvent[], command: CaseCommand) => [
  ...given,
  ...spec.given(given).when(command).events(),
];
const terminate = (at: string): CaseCommand => ({ type: 'TerminateCase', data: { at, reason: 'died' } });

describe('XLD, letter processing (docs/reference/deadlines.md Tracked deadlines, §10)', () => {
  it('given a letter received Wed 2026-07-01, then XLD is due Wed 2026-07-15 (10 working days)', () => {
    const s = stateOf(history([register()]));
    expect(deadlinesOf(history([register()]), { xld: true })).toEqual([
      { ruleId: 'XLD', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'open' },
    ]);
    expect([s.untracked, s.xldPendingCalendar]).toEqual([false, false]);
  });

  it('given a letter received Thu 2026-02-12, then XLD skips Tết: due Thu 2026-03-05', () =>
    expect(deadlinesOf(history([register({ receivedAt: '2026-02-12' })]), { xld: true })[0].dueOn).toBe(
      '2026-03-05',
    ));

  it('when it is classified on its due date, then XLD is met and leaves accountability', () => {
    const [e] = spec
      .given(history([register()]))
      .when(classify({ at: '2026-07-15' }))
      .events();
    expect(e).toMatchObject({
      type: 'CaseClassified',
      data: {
        classifiedAt: '2026-07-15',
        deadlineOutcomes: [{ ruleId: 'XLD', outcome: 'met', on: '2026-07-15', leavesAccountability: true }],
      },
    });
    const s = stateOf(then(history([register()]), classify({ at: '2026-07-15' })));
    expect(s.deadlines[0]).toMatchObject({ status: 'met', leftAccountability: true });
  });

  it('when it is classified the day after, then XLD is missed (legally) and still leaves accountability', () =>
    expect(
      spec
        .given(history([register()]))
        .when(classify({ at: '2026-07-16' }))
        .events()[0].data,
    ).toMatchObject({
      deadlineOutcomes: [{ ruleId: 'XLD', outcome: 'missed', leavesAccountability: true }],
    }));

  it('a classification is dated on or after the receipt and not after today (400 naming at)', () => {
    spec
      .given(history([register()]))
      .when(classify({ at: '2026-06-30' }))
      .thenThrows('VALIDATION_FAILED', 'at');
    specOn('2026-07-10')
      .given(history([register()], '2026-07-10'))
      .when(classify({ at: '2026-07-11' }))
      .thenThrows('VALIDATION_FAILED', 'at');
    spec
      .given(history([register()]))
      .when(classify({ at: '2026-7-02' }))
      .thenThrows('VALIDATION_FAILED', 'at');
  });

  it('a classification date bounds nothing: acceptance may be dated before it', () =>
    expect(
      spec
        .given(history([register(), classify({ at: '2026-07-20' })]))
        .when(accept({ acceptedAt: '2026-07-08' }))
        .events()[0].type,
    ).toBe('CaseAccepted'));

  it('guide and archive from received complete XLD; a transfer completes it and starts it again', () => {
    const archived = then(history([register()]), {
      type: 'ArchiveCase',
      data: { at: '2026-07-16', reason: 'illegible' },
    });
    expect(deadlinesOf(archived, { xld: true })).toEqual([
      { ruleId: 'XLD', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'missed' },
    ]);
    const moved = then(history([register()]), {
      type: 'TransferCase',
      data: { at: '2026-07-10', toUnitId: 'unit-commune', reason: 'not ours' },
    });
    // Fri 2026-07-10 + 10 working days → Fri 2026-07-24
    expect(deadlinesOf(moved, { xld: true })).toEqual([
      { ruleId: 'XLD', startOn: '2026-07-01', dueOn: '2026-07-15', status: 'met' },
      { ruleId: 'XLD', startOn: '2026-07-10', dueOn: '2026-07-24', status: 'open' },
    ]);
  });

  it('given a letter received before the earliest calendar year, then it is untracked and never refused', () => {
    // the test calendar holds 2024–2027
    const received = history([register({ receivedAt: '2023-12-28' })]);
    expect(received[0].data).toMatchObject({ xldDeadline: null, untracked: true });
    const classified = then(received, classify({ at: '2024-01-08' }));
    expect(classified[1].data).toMatchObject({ intakeDeadline: null, deadlineOutcomes: [] });
    const accepted = then(classified, accept({ acceptedAt: '2024-01-12' }));
    // KN-RES1 is informational: Fri 2024-01-12 + 30 = Sun 2024-02-11 → Mon 12 to Wed 14 are Tết → Thu 2024-02-15
    expect(accepted[2].data).toMatchObject({
      resolutionDeadline: null,
      dates: [{ ruleId: 'KN-RES1', startOn: '2024-01-12', dueOn: '2024-02-15' }],
    });
    expect(stateOf(accepted)).toMatchObject({ untracked: true, deadlines: [] });
  });

  it('given a letter whose XLD reaches a year without data, then it is registered with XLD pending', () => {
    const [e] = specOn('2027-12-31')
      .given([])
      .when(register({ receivedAt: '2027-12-20' }))
      .events();
    expect(e.data).toMatchObject({ xldDeadline: null, xldPendingCalendar: true });
    expect(stateOf([e])).toMatchObject({ untracked: false, xldPendingCalendar: true, deadlines: [] });
  });
});

describe('disciplinary complaints (LKN ch. III: Art. 50, 53, 55)', () => {
  const disciplinary = (acceptData = {}) =>
    history([register(), classify({ disciplinary: true }), accept(acceptData)]);

  it('given a disciplinary complaint accepted Wed 2026-07-08, then KN-RES-KL is due Fri 2026-08-07 (30 days)', () =>
    expect(deadlinesOf(disciplinary())[1]).toEqual({
      ruleId: 'KN-RES-KL',
      startOn: '2026-07-08',
      dueOn: '2026-08-07',
      status: 'open',
    }));

  it('complex: 45 days → Sat 2026-08-22, a make-up working day', () =>
    expect(deadlinesOf(disciplinary({ complex: true }))[1].dueOn).toBe('2026-08-22'));

  it('when resolved without a dialogue, then 409: the dialogue is mandatory', () =>
    spec.given(disciplinary()).when(resolveCase()).thenThrows('ILLEGAL_TRANSITION'));

  it('when resolved after a dialogue, then KN-RES-KL is met', () => {
    const events = then(then(disciplinary(), dialogue()), resolveCase());
    expect(deadlinesOf(events)[1]).toMatchObject({ ruleId: 'KN-RES-KL', status: 'met' });
  });

  it('the level-2 disciplinary complaint has KN-RES-KL too, not KN-RES2', () =>
    expect(
      deadlinesOf(history([register(), classify({ disciplinary: true, level: 2 }), accept()]))[1].ruleId,
    ).toBe('KN-RES-KL'));

  it('only a complaint can be disciplinary (400)', () =>
    spec
      .given(history([register()]))
      .when(classify({ kind: 'denunciation', disciplinary: true }))
      .thenThrows('VALIDATION_FAILED', 'disciplinary'));

  it('a disciplinary complaint can be suspended from 2026-07-01: KN-RES-KL pauses', () =>
    expect(
      spec
        .given(disciplinary())
        .when({ type: 'SuspendCase', data: { at: '2026-07-20', reason: 'ill' } })
        .events()[0].data,
    ).toMatchObject({ deadlineOutcomes: [{ ruleId: 'KN-RES-KL', outcome: 'paused' }] }));
});

describe('level 1: a verification result that differs from the request needs a dialogue (LKN Art. 30)', () => {
  const accepted = () => history([register(), classify(), accept()]);

  it('when verificationAgreesWithRequest is missing, then 400 naming it', () =>
    spec
      .given(accepted())
      .when(resolveCase({ verificationAgreesWithRequest: undefined }))
      .thenThrows('VALIDATION_FAILED', 'verificationAgreesWithRequest'));

  it('when it is false and no dialogue was held, then 409', () =>
    spec
      .given(accepted())
      .when(resolveCase({ verificationAgreesWithRequest: false }))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('when it is false and the only dialogue is after the decision, then 409', () =>
    spec
      .given(then(accepted(), dialogue({ heldAt: '2026-08-06' })))
      .when(resolveCase({ decidedAt: '2026-08-05', verificationAgreesWithRequest: false }))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('when it is false and a dialogue was held on the decision date, then it is resolved', () =>
    expect(
      spec
        .given(then(accepted(), dialogue({ heldAt: '2026-08-05' })))
        .when(resolveCase({ decidedAt: '2026-08-05', verificationAgreesWithRequest: false }))
        .events()[0].data,
    ).toMatchObject({ verificationAgreesWithRequest: false, deadlineOutcomes: [{ outcome: 'met' }] }));

  it('when it is true, no dialogue is needed', () =>
    expect(spec.given(accepted()).when(resolveCase()).events()[0].type).toBe('CaseResolved'));

  it('a level-2 complaint does not need the field (its dialogue is mandatory anyway)', () =>
    expect(
      spec
        .given(then(history([register(), classify({ level: 2 }), accept()]), dialogue()))
        .when(resolveCase({ verificationAgreesWithRequest: undefined }))
        .events()[0].type,
    ).toBe('CaseResolved'));
});

describe('the level-2 guard (docs/reference/api-contract.md, Case commands: classify; LKN Art. 7, 33)', () => {
  const first = (facts: Partial<PreviousCaseFacts> = {}): PreviousCaseFacts => ({
    kind: 'complaint',
    level: 1,
    status: 'accepted',
    decidedAt: null,
    resolutionDueOn: '2026-08-07',
    resolutionPaused: false,
    ...facts,
  });
  const level2 = (at: string, previousCase?: PreviousCaseFacts) =>
    classify({ level: 2, previousCaseId: 'case-1', at, ...(previousCase ? { previousCase } : {}) });
  const received = () => history([register()]);

  it('given the level-1 case undecided and KN-RES1 due 2026-08-07, when classified on 2026-08-07, then 409', () =>
    spec.given(received()).when(level2('2026-08-07', first())).thenThrows('ILLEGAL_TRANSITION'));

  it('when classified on 2026-08-08 (KN-RES1 passed), then classified', () =>
    expect(spec.given(received()).when(level2('2026-08-08', first())).events()[0].data).toMatchObject({
      level: 2,
      previousCaseId: 'case-1',
    }));

  it('given the level-1 case decided or rejected, then classified at any date', () => {
    expect(
      spec
        .given(received())
        .when(level2('2026-07-20', first({ status: 'resolved', decidedAt: '2026-07-15' })))
        .events()[0].type,
    ).toBe('CaseClassified');
    expect(
      spec
        .given(received())
        .when(level2('2026-07-20', first({ status: 'rejected', resolutionDueOn: null })))
        .events()[0].type,
    ).toBe('CaseClassified');
  });

  it('given the level-1 case not yet accepted (no resolution deadline), then 409', () =>
    spec
      .given(received())
      .when(level2('2026-09-01', first({ status: 'classified', resolutionDueOn: null })))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('given its KN-RES1 paused, then 409 even past the old due date', () =>
    spec
      .given(received())
      .when(level2('2026-09-01', first({ status: 'suspended', resolutionPaused: true })))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('previousCaseId must name a level-1 complaint (400), on a level-2 complaint (400)', () => {
    spec
      .given(received())
      .when(level2('2026-08-08', first({ kind: 'denunciation', level: null })))
      .thenThrows('VALIDATION_FAILED', 'previousCaseId');
    spec
      .given(received())
      .when(level2('2026-08-08', first({ level: 2 })))
      .thenThrows('VALIDATION_FAILED', 'previousCaseId');
    spec.given(received()).when(level2('2026-08-08')).thenThrows('VALIDATION_FAILED', 'previousCaseId');
    spec
      .given(received())
      .when(classify({ previousCaseId: 'case-1', previousCase: first() }))
      .thenThrows('VALIDATION_FAILED', 'previousCaseId');
  });
});

describe('KN-DLG: the dialogue notice from 2026-07-01 (NĐ 155/2026 Art. 11)', () => {
  const accepted = () => history([register(), classify(), accept()]);

  it('when a dialogue held from 2026-07-01 has no noticeOn, then 400 naming noticeOn', () =>
    spec
      .given(accepted())
      .when(dialogue({ heldAt: '2026-07-20', noticeOn: undefined }))
      .thenThrows('VALIDATION_FAILED', 'noticeOn'));

  it('notice on heldAt − 5 days is enough; heldAt − 4 is a 409', () => {
    expect(
      spec
        .given(accepted())
        .when(dialogue({ heldAt: '2026-07-20', noticeOn: '2026-07-15' }))
        .events()[0].type,
    ).toBe('DialogueRecorded');
    spec
      .given(accepted())
      .when(dialogue({ heldAt: '2026-07-20', noticeOn: '2026-07-16' }))
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('a dialogue held before 2026-07-01 needs no notice', () =>
    expect(
      spec
        .given(
          history([register({ receivedAt: '2026-06-01' }), classify(), accept({ acceptedAt: '2026-06-05' })]),
        )
        .when(dialogue({ heldAt: '2026-06-25' }))
        .events()[0].type,
    ).toBe('DialogueRecorded'));
});

describe('informational dates of suspension and termination (KN-SUSP, KN-TERM30, TC-SUSP)', () => {
  it('terminating a complaint on Mon 2026-07-20: KN-TERM30 Wed 2026-08-19, KN-SUSP Thu 2026-07-23', () =>
    expect(
      spec
        .given(history([register(), classify(), accept()]))
        .when(terminate('2026-07-20'))
        .events()[0].data,
    ).toMatchObject({
      dates: [
        { ruleId: 'KN-TERM30', startOn: '2026-07-20', dueOn: '2026-08-19' },
        { ruleId: 'KN-SUSP', startOn: '2026-07-20', dueOn: '2026-07-23' },
      ],
    }));

  it('before 2026-07-01 only KN-TERM30 (KN-SUSP is not in force): Wed 2026-06-10 → Fri 2026-07-10', () => {
    const [e] = spec
      .given(
        history([register({ receivedAt: '2026-06-01' }), classify(), accept({ acceptedAt: '2026-06-05' })]),
      )
      .when(terminate('2026-06-10'))
      .events();
    expect(e.type === 'CaseTerminated' && e.data.dates).toEqual([
      expect.objectContaining({ ruleId: 'KN-TERM30', dueOn: '2026-07-10' }),
    ]);
  });

  it('terminating a denunciation on Mon 2026-07-20: TC-SUSP Mon 2026-07-27 (5 working days)', () =>
    expect(
      spec
        .given(history([register(), classify({ kind: 'denunciation' }), accept()]))
        .when(terminate('2026-07-20'))
        .events()[0].data,
    ).toMatchObject({ dates: [{ ruleId: 'TC-SUSP', dueOn: '2026-07-27' }] }));

  it('the dates are on the case', () =>
    expect(
      stateOf(then(history([register(), classify(), accept()]), terminate('2026-07-20'))).dates.map(
        (d) => d.ruleId,
      ),
    ).toEqual(['KN-TERM30', 'KN-SUSP']));
});
