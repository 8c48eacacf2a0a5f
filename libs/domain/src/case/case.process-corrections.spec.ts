/**
 * Corrections made by processes: a calendar correction (`DeadlineCorrected`, docs/calendar.md) and XLD
 * for letters registered before XLD existed (`DeadlineStarted`, docs/reference/deadlines.md §10).
 * Given/when/then, dates by hand.
 */
import { describe, expect, it } from '@jest/globals';
import type { CaseCommand } from './case.commands.js';
import { decide } from './case.decide.js';
import type { CaseEvent } from './case.events.js';
import { foldCase } from './case.state.js';
import { toCaseView } from './case.view.js';
import { accept, calendar, classify, register, rules, stateOf } from '../testing/case-fixtures.js';

const on = (today: string) => ({
  now: `${today}T03:00:00.000Z`,
  today,
  calendar,
  rules,
  lateEntryGraceDays: 3,
});

function recorded(steps: [CaseCommand, string][]): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (const [command, today] of steps) events.push(...decide(command, foldCase(events), on(today)));
  return events;
}

/** A letter as registered before XLD existed: its CaseReceived has no xldDeadline. */
function legacyLetter(receivedAt: string): CaseEvent[] {
  const [e] = recorded([[register({ receivedAt }), receivedAt]]);
  const data = { ...(e!.data as Record<string, unknown>) };
  delete data.xldDeadline;
  for (const k of ['graceUntil', 'accountabilityDueOn']) delete data[k];
  return [{ ...e, data } as CaseEvent];
}

const startXld: CaseCommand = {
  type: 'StartMissingXld',
  data: { reason: 'XLD cho đơn tiếp nhận trước khi có XLD' },
};

describe('XLD for letters registered before XLD existed (docs/reference/deadlines.md §10)', () => {
  it('given an unclassified legacy letter, when migrated, then XLD starts from receipt with the reason', () => {
    // Mon 2026-11-02 + 10 working days → Mon 2026-11-16; graceUntil 3 WD later → Thu 2026-11-19
    const given = legacyLetter('2026-11-02');
    expect(stateOf(given).deadlines).toEqual([]);
    const events = decide(startXld, foldCase(given), on('2026-11-05'));
    expect(events).toEqual([
      {
        type: 'DeadlineStarted',
        data: expect.objectContaining({
          reason: 'XLD cho đơn tiếp nhận trước khi có XLD',
          accountable: true,
          unitId: 'unit-province',
          deadline: expect.objectContaining({
            ruleId: 'XLD',
            deadlineNo: 1,
            startOn: '2026-11-02',
            dueOn: '2026-11-16',
            graceUntil: '2026-11-19',
          }),
        }),
      },
    ]);
    const view = toCaseView(stateOf([...given, ...events]), '2026-11-20');
    expect(view.deadlines).toEqual([
      expect.objectContaining({
        ruleId: 'XLD',
        dueOn: '2026-11-16',
        status: 'missed',
        accountability: 'missed',
      }),
    ]);
  });

  it('given a legacy letter whose grace passed before the migration, then its XLD stays out of accountability', () => {
    const given = legacyLetter('2026-09-01');
    const events = decide(startXld, foldCase(given), on('2026-12-06'));
    expect(events[0]!.data).toMatchObject({ accountable: false });
    const view = toCaseView(stateOf([...given, ...events]), '2026-12-06');
    // legally overdue (the board shows it), not counted against the head
    expect(view.deadlines[0]).toMatchObject({ ruleId: 'XLD', status: 'missed', accountability: null });
  });

  it('is idempotent and leaves alone what it need not touch', () => {
    const given = legacyLetter('2026-11-02');
    const once = [...given, ...decide(startXld, foldCase(given), on('2026-11-05'))];
    expect(decide(startXld, foldCase(once), on('2026-11-06'))).toEqual([]);
    // a letter registered with XLD, and a classified legacy letter
    expect(
      decide(
        startXld,
        foldCase(recorded([[register({ receivedAt: '2026-11-02' }), '2026-11-02']])),
        on('2026-11-05'),
      ),
    ).toEqual([]);
    const classified = [
      ...given,
      ...decide(classify({ at: '2026-11-03' }), foldCase(given), on('2026-11-03')),
    ];
    expect(decide(startXld, foldCase(classified), on('2026-11-05'))).toEqual([]);
  });
});

describe('a calendar correction (DeadlineCorrected)', () => {
  // KN-ACC from Mon 2026-11-02 (v2026-07-01: 7 working days) → Wed 2026-11-11
  const given = recorded([
    [register({ receivedAt: '2026-11-02' }), '2026-11-02'],
    [classify({ at: '2026-11-02' }), '2026-11-02'],
  ]);
  const knAcc = (events: CaseEvent[]) =>
    stateOf(events).deadlines.find((d) => d.deadline.ruleId === 'KN-ACC')!;

  it('moves an open deadline and, while its accountability is undecided, its grace with it', () => {
    const no = knAcc(given).deadline.deadlineNo;
    expect(knAcc(given).deadline.dueOn).toBe('2026-11-11');
    const events = decide(
      {
        type: 'CorrectDeadline',
        data: {
          deadlineNo: no,
          dueOn: '2026-11-12',
          baseDueOn: '2026-11-12',
          reason: '24/11',
          calendarYear: 2026,
        },
      },
      foldCase(given),
      on('2026-11-05'),
    );
    expect(events).toEqual([
      {
        type: 'DeadlineCorrected',
        data: expect.objectContaining({
          ruleId: 'KN-ACC',
          ruleVersion: '2026-07-01',
          previousDueOn: '2026-11-11',
          dueOn: '2026-11-12',
          accountabilityDueOn: '2026-11-12',
          graceUntil: '2026-11-17',
          calendarYear: 2026,
        }),
      },
    ]);
    expect(knAcc([...given, ...events]).deadline).toMatchObject({
      dueOn: '2026-11-12',
      graceUntil: '2026-11-17',
    });
  });

  it('records nothing when the date does not change, and refuses a deadline no longer open', () => {
    const no = knAcc(given).deadline.deadlineNo;
    const same = {
      type: 'CorrectDeadline' as const,
      data: { deadlineNo: no, dueOn: '2026-11-11', baseDueOn: '2026-11-11', reason: 'x', calendarYear: 2026 },
    };
    expect(decide(same, foldCase(given), on('2026-11-05'))).toEqual([]);
    const accepted = [
      ...given,
      ...decide(accept({ acceptedAt: '2026-11-04' }), foldCase(given), on('2026-11-04')),
    ];
    expect(() =>
      decide({ ...same, data: { ...same.data, dueOn: '2026-11-12' } }, foldCase(accepted), on('2026-11-05')),
    ).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });
});
