/**
 * Law audit of the case decider against docs/reference/legal.md (§1, §3, §4, §12) and docs/reference/deadlines.md.
 * Each block names the clause it checks.
 */
import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import type { CaseEvent, ProtectedPetitioner } from './case.events.js';
import {
  accept,
  classify,
  dialogue,
  history,
  register,
  resolveCase,
  spec,
  stateOf,
} from '../testing/case-fixtures.js';

const suspend = (at: string): CaseCommand => ({
  type: 'SuspendCase',
  data: { at, reason: 'awaiting a court ruling' },
});
const resume = (at: string): CaseCommand => ({ type: 'ResumeCase', data: { at } });
const then = (given: CaseEvent[], command: CaseCommand) => [
  ...given,
  ...spec.given(given).when(command).events(),
];
const people = (n: number, representatives: number): ProtectedPetitioner[] =>
  Array.from({ length: n }, (_, i) => ({
    personRef: `p-${i + 1}`,
    sealed: `enc:${i + 1}`,
    representative: i < representatives,
  }));

describe('suspension: complaints from 2026-07-01 only, denunciations at any date (docs/reference/deadlines.md §7, docs/reference/legal.md §3.13)', () => {
  const acceptedBefore = (acceptedAt: string, kind: 'complaint' | 'denunciation' = 'complaint') =>
    history([register({ receivedAt: '2026-03-02' }), classify({ kind }), accept({ acceptedAt })]);

  it('given a complaint accepted in March 2026, when it is suspended on 2026-04-01, then 409 naming KN-SUSP', () => {
    spec.given(acceptedBefore('2026-03-10')).when(suspend('2026-04-01')).thenThrows('ILLEGAL_TRANSITION');
    expect(() => spec.given(acceptedBefore('2026-03-10')).when(suspend('2026-06-30')).events()).toThrow(
      /KN-SUSP.*2026-07-01/,
    );
  });

  it('given a complaint accepted in June 2026, when it is suspended on 2026-07-01, then KN-RES1 pauses and KN-SUSP is dated', () =>
    expect(spec.given(acceptedBefore('2026-06-20')).when(suspend('2026-07-01')).events()[0]).toMatchObject({
      type: 'CaseSuspended',
      // 3 working days from Wed 2026-07-01 → Mon 2026-07-06
      data: {
        deadlineOutcomes: [{ ruleId: 'KN-RES1', outcome: 'paused' }],
        dates: [{ ruleId: 'KN-SUSP', startOn: '2026-07-01', dueOn: '2026-07-06' }],
      },
    }));

  it('given a complaint accepted before 2026-07-01 and not yet decided, when suspended on 2026-07-06, then KN-RES1 pauses (transition clause)', () => {
    const events = spec.given(acceptedBefore('2026-06-20')).when(suspend('2026-07-06')).events();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'CaseSuspended',
        data: expect.objectContaining({
          deadlineOutcomes: [expect.objectContaining({ ruleId: 'KN-RES1', outcome: 'paused' })],
        }),
      }),
    ]);
  });

  it('given a denunciation accepted in March 2026, when suspended on 2026-03-20, then TC-RES pauses (LTC Art. 34, in force since 2019)', () => {
    const events = spec
      .given(acceptedBefore('2026-03-10', 'denunciation'))
      .when(suspend('2026-03-20'))
      .events();
    expect(events[0]).toMatchObject({
      type: 'CaseSuspended',
      // TC-SUSP: 5 working days from Fri 2026-03-20 → Fri 2026-03-27
      data: {
        deadlineOutcomes: [{ ruleId: 'TC-RES', outcome: 'paused' }],
        dates: [{ ruleId: 'TC-SUSP', startOn: '2026-03-20', dueOn: '2026-03-27' }],
      },
    });
    const resumed = then([...acceptedBefore('2026-03-10', 'denunciation'), ...events], resume('2026-03-30'));
    // 2026-03-10 + 30 = 2026-04-09, + 10 suspended days = Sun 2026-04-19 → Mon 2026-04-20.
    expect(stateOf(resumed).deadlines.find((d) => d.deadline.ruleId === 'TC-RES')?.deadline).toMatchObject({
      baseDueOn: '2026-04-19',
      dueOn: '2026-04-20',
    });
  });
});

describe('a second complaint needs a dialogue BEFORE the decision (LKN Art. 39; §12.1 guard)', () => {
  const level2 = history([register(), classify({ level: 2 }), accept({ acceptedAt: '2026-07-08' })]);

  it('given the only dialogue is held after the decision date, when resolving, then ILLEGAL_TRANSITION', () =>
    spec
      .given(then(level2, dialogue({ heldAt: '2026-07-20' })))
      .when(resolveCase({ decidedAt: '2026-07-15' }))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('given a dialogue held on the decision date, when resolving, then CaseResolved', () =>
    expect(
      spec
        .given(then(level2, dialogue({ heldAt: '2026-07-15' })))
        .when(resolveCase({ decidedAt: '2026-07-15' }))
        .events()[0].type,
    ).toBe('CaseResolved'));

  it('given a dialogue held after the decision and one before, when resolving, then CaseResolved', () =>
    expect(
      spec
        .given(
          then(
            then(level2, dialogue({ dialogueId: 'd1', heldAt: '2026-07-10' })),
            dialogue({ dialogueId: 'd2', heldAt: '2026-07-20' }),
          ),
        )
        .when(resolveCase({ decidedAt: '2026-07-15' }))
        .events()[0].type,
    ).toBe('CaseResolved'));

  it('given one unexcused absence after the decision date (2026), when resolving, then ILLEGAL_TRANSITION', () =>
    spec
      .given(then(level2, dialogue({ heldAt: '2026-07-20', outcome: 'absent' })))
      .when(resolveCase({ decidedAt: '2026-07-15' }))
      .thenThrows('ILLEGAL_TRANSITION'));

  it('given a level-2 case accepted before 2026-07-01 with one absence in June, when decided in July, then the NĐ 155 no-show rule applies (transition)', () => {
    const old = history([
      register({ receivedAt: '2026-06-01' }),
      classify({ level: 2 }),
      accept({ acceptedAt: '2026-06-05' }),
    ]);
    expect(
      spec
        .given(then(old, dialogue({ heldAt: '2026-06-20', outcome: 'absent' })))
        .when(resolveCase({ decidedAt: '2026-07-10' }))
        .events()[0].type,
    ).toBe('CaseResolved');
  });
});

describe('multi-person letters: number of representatives (§1 LTCD Art. 29, TT 07/2013 Art. 5(1))', () => {
  const classified = (kind: 'complaint' | 'denunciation', signers: number, representatives: number) =>
    history([register({ petitioners: people(signers, representatives) }), classify({ kind })]);

  it.each(['complaint', 'denunciation'] as const)(
    'given a %s signed by 6 with 3 representatives (5–10 signers → 1 or 2), when accepting, then ILLEGAL_TRANSITION',
    (kind) =>
      spec
        .given(classified(kind, 6, 3))
        .when(accept())
        .thenThrows('ILLEGAL_TRANSITION'),
  );

  it('given a complaint signed by 10 with 2 representatives, when accepting, then CaseAccepted', () =>
    expect(
      spec
        .given(classified('complaint', 10, 2))
        .when(accept())
        .events()[0].type,
    ).toBe('CaseAccepted'));

  it('given a complaint signed by 11 with 6 representatives (max 5), when accepting, then ILLEGAL_TRANSITION', () =>
    spec
      .given(classified('complaint', 11, 6))
      .when(accept())
      .thenThrows('ILLEGAL_TRANSITION'));

  it('given a complaint signed by 11 with 5 representatives, when accepting, then CaseAccepted', () =>
    expect(
      spec
        .given(classified('complaint', 11, 5))
        .when(accept())
        .events()[0].type,
    ).toBe('CaseAccepted'));

  it('given a complaint signed by 12 (signerCount) with 1 listed representative, when accepting, then CaseAccepted', () =>
    expect(
      spec
        .given(history([register({ petitioners: people(1, 1), signerCount: 12 }), classify()]))
        .when(accept())
        .events()[0].type,
    ).toBe('CaseAccepted'));
});

describe('confirmations (already lawful)', () => {
  it('TC-RES: a denunciation that is neither complex nor especially complex cannot be extended (LTC Art. 30)', () =>
    spec
      .given(history([register(), classify({ kind: 'denunciation' }), accept()]))
      .when({ type: 'ExtendDeadline', data: { at: '2026-07-20', reason: 'more time' } })
      .thenThrows('ILLEGAL_TRANSITION'));

  it('TC-RES: especially complex → two extensions of 30 days, the third is refused', () => {
    const base = history([
      register(),
      classify({ kind: 'denunciation' }),
      accept({ especiallyComplex: true }),
    ]);
    const ext = (at: string): CaseCommand => ({
      type: 'ExtendDeadline',
      data: { at, reason: 'r', days: 30 },
    });
    const twice = then(then(base, ext('2026-07-20')), ext('2026-08-20'));
    // Accepted 2026-07-08: 2026-08-07 → +30 = 2026-09-06 (Sun) → +30 = 2026-10-06.
    expect(stateOf(twice).deadlines.find((d) => d.deadline.ruleId === 'TC-RES')?.deadline).toMatchObject({
      baseDueOn: '2026-10-06',
      dueOn: '2026-10-06',
    });
    spec.given(twice).when(ext('2026-09-20')).thenThrows('ILLEGAL_TRANSITION');
  });

  it('a complaint resolution deadline cannot be extended (LKN has no extension)', () =>
    spec
      .given(history([register(), classify(), accept({ complex: true })]))
      .when({ type: 'ExtendDeadline', data: { at: '2026-07-20', reason: 'r' } })
      .thenThrows('ILLEGAL_TRANSITION'));

  it('a denunciation cannot be withdrawn after the conclusion (LTC Art. 33)', () =>
    spec
      .given(
        history([
          register(),
          classify({ kind: 'denunciation' }),
          accept(),
          resolveCase({ outcome: 'untrue', decidedAt: '2026-07-30' }),
        ]),
      )
      .when({ type: 'WithdrawCase', data: { at: '2026-08-01' } })
      .thenThrows('ILLEGAL_TRANSITION'));

  it('withdrawal cancels the open deadlines, including a paused one (docs/reference/deadlines.md §8)', () => {
    const events = then(then(history([register(), classify(), accept()]), suspend('2026-07-20')), {
      type: 'WithdrawCase',
      data: { at: '2026-07-25' },
    });
    expect(stateOf(events).deadlines.map((d) => [d.deadline.ruleId, d.status])).toEqual([
      ['XLD', 'missed'],
      ['KN-ACC', 'met'],
      ['KN-RES1', 'cancelled'],
    ]);
  });

  it('from 2026-07-01 the dialogue notice is ≥5 days before (NĐ 155 Art. 11): 4 days is refused, 5 accepted', () => {
    const level2 = history([register(), classify({ level: 2 }), accept()]);
    spec
      .given(level2)
      .when(dialogue({ heldAt: '2026-07-20', noticeOn: '2026-07-16' }))
      .thenThrows('ILLEGAL_TRANSITION');
    expect(
      spec
        .given(level2)
        .when(dialogue({ heldAt: '2026-07-20', noticeOn: '2026-07-15' }))
        .events()[0].type,
    ).toBe('DialogueRecorded');
  });
});
