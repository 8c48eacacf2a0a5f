import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import type { CaseEvent, HeadOfUnit } from './case.events.js';
import { evolve, foldCase, initialCaseState, type CaseState } from './case.state.js';
import {
  CASE_ID,
  accept,
  acceptedComplaint,
  classify,
  deadlinesOf,
  history,
  register,
  resolveCase,
  spec,
  stateOf,
} from '../testing/case-fixtures.js';
import {
  DEADLINE_MISSED_NAMESPACE,
  decideMissedDeadlines,
  missedEventId,
  type DeadlineWatchContext,
} from './deadline-watch.decide.js';
import { DeciderSpecification } from '../testing/decider-spec.js';

const head: HeadOfUnit = { personId: 'person-head', fullName: 'Nguyễn Văn A' };
const calls: [string, string][] = [];
/** The watcher as a decider: the command is the check of one day (today and who headed which unit). */
const watcher = DeciderSpecification.for<DeadlineWatchContext, CaseEvent, CaseState>({
  decide: (check, state) => decideMissedDeadlines(state, check),
  evolve,
  initialState: initialCaseState,
});
const checkOn = (today: string, headOfUnit: HeadOfUnit | null = head): DeadlineWatchContext => ({
  today,
  headOfUnit: (unitId, onDate) => {
    calls.push([unitId, onDate]);
    return headOfUnit;
  },
});
const then = (given: CaseEvent[], command: CaseCommand) => [
  ...given,
  ...spec.given(given).when(command).events(),
];

describe('decideMissedDeadlines', () => {
  it('reports an open tracked deadline due before today, naming the head in office on dueOn', () => {
    calls.length = 0;
    watcher
      .given(acceptedComplaint())
      .when(checkOn('2026-08-08'))
      .then([
        {
          type: 'DeadlineMissed',
          data: {
            caseId: CASE_ID,
            deadlineNo: 3,
            ruleId: 'KN-RES1',
            startOn: '2026-07-08',
            dueOn: '2026-08-07',
            unitId: 'unit-province',
            headOfUnit: head,
            detectedOn: '2026-08-08',
          },
        },
      ]);
    expect(calls).toEqual([['unit-province', '2026-08-07']]);
  });

  it('nothing on the due date itself', () =>
    watcher.given(acceptedComplaint()).when(checkOn('2026-08-07')).then([]));
  it('nothing for an empty stream', () =>
    expect(decideMissedDeadlines(foldCase([]), { today: '2026-08-08', headOfUnit: () => head })).toEqual([]));

  it('the competent unit is responsible, with a null head when none is known', () =>
    expect(
      watcher
        .given(history([register(), classify({ competentUnitId: 'unit-dept' })]))
        .when(checkOn('2026-07-11', null))
        .events(),
    ).toEqual([
      expect.objectContaining({
        type: 'DeadlineMissed',
        data: expect.objectContaining({ ruleId: 'KN-ACC', unitId: 'unit-dept', headOfUnit: null }),
      }),
    ]));

  it('the receiving unit is responsible for TC-XFER (passing on a denunciation that is not its own)', () =>
    expect(
      watcher
        .given(
          history([
            register(),
            classify({
              kind: 'denunciation',
              competentUnitId: 'unit-elsewhere',
              competentWithinReceivingSubtree: false,
            }),
          ]),
        )
        .when(checkOn('2026-07-20'))
        .events(),
    ).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({ ruleId: 'TC-XFER', unitId: 'unit-province' }),
      }),
    ]));

  it('emits once: not again after DeadlineMissed is applied, which marks it missed', () => {
    const given = acceptedComplaint();
    const missed = watcher.given(given).when(checkOn('2026-08-08')).events();
    const after = [...given, ...missed];
    watcher.given(after).when(checkOn('2026-08-09')).then([]);
    expect(stateOf(after).deadlines[2]).toMatchObject({ status: 'missed', missRecorded: true });
    expect(stateOf(after).version).toBe(4);
  });

  it('a later completion keeps it missed', () => {
    const given = acceptedComplaint();
    const resolved = then(
      [...given, ...watcher.given(given).when(checkOn('2026-08-08')).events()],
      resolveCase({ decidedAt: '2026-08-10' }),
    );
    expect(deadlinesOf(resolved)[1].status).toBe('missed');
    watcher.given(resolved).when(checkOn('2026-09-01')).then([]);
  });

  it('a missed deadline can no longer be extended', () => {
    const given = history([register(), classify({ kind: 'denunciation' }), accept({ complex: true })]);
    spec
      .given([...given, ...watcher.given(given).when(checkOn('2026-08-08')).events()])
      .when({ type: 'ExtendDeadline', data: { at: '2026-08-07', reason: 'late' } })
      .thenThrows('ILLEGAL_TRANSITION');
  });

  it('never for a paused deadline', () =>
    expect(
      watcher
        .given(then(acceptedComplaint(), { type: 'SuspendCase', data: { at: '2026-07-20', reason: 'r' } }))
        .when(checkOn('2026-12-01'))
        .events(),
    ).toEqual([]));
  it('never for a cancelled deadline', () =>
    expect(
      watcher
        .given(then(acceptedComplaint(), { type: 'WithdrawCase', data: { at: '2026-07-20' } }))
        .when(checkOn('2026-12-01'))
        .events(),
    ).toEqual([]));
  it('never for a met deadline', () =>
    watcher.given(then(acceptedComplaint(), resolveCase())).when(checkOn('2026-12-01')).then([]));
});

describe('missedEventId', () => {
  it('is a stable UUID v5', () => {
    const id = missedEventId(CASE_ID, 'KN-RES1', '2026-07-08', '2026-08-07');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(missedEventId(CASE_ID, 'KN-RES1', '2026-07-08', '2026-08-07')).toBe(id);
  });
  it('differs per case, rule, start and due date', () => {
    const ids = new Set([
      missedEventId(CASE_ID, 'KN-RES1', '2026-07-08', '2026-08-07'),
      missedEventId('other', 'KN-RES1', '2026-07-08', '2026-08-07'),
      missedEventId(CASE_ID, 'KN-ACC', '2026-07-08', '2026-08-07'),
      missedEventId(CASE_ID, 'KN-RES1', '2026-07-09', '2026-08-07'),
      missedEventId(CASE_ID, 'KN-RES1', '2026-07-08', '2026-08-17'),
    ]);
    expect(ids.size).toBe(5);
  });
  it('uses a fixed namespace', () =>
    expect(DEADLINE_MISSED_NAMESPACE).toBe('6f1d7c52-3b8e-4a2f-9d61-0c4e5a7b9e13'));
});
