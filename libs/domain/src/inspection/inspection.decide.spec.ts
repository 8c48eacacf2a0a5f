import { describe, expect, it } from '@jest/globals';
import { createTestCalendar } from '../calendar/testing/calendar-years.fixture.js';
import { createRuleBook } from '../rules/rule-book.js';
import type { DecideContext } from '../shared/decide-context.js';
import { DeciderSpecification } from '../testing/decider-spec.js';
import type { InspectionCommand } from './inspection.commands.js';
import { decideInspection } from './inspection.decide.js';
import {
  inspectionStreamId,
  type ConcludedRecommendation,
  type InspectionEvent,
} from './inspection.events.js';
import {
  evolveInspection,
  foldInspection,
  initialInspectionState,
  reportDatesOf,
  type InspectionState,
  type RecommendationState,
} from './inspection.state.js';
import { followUp } from './report-schedule.js';

const calendar = createTestCalendar();
const rules = createRuleBook();
const ctx = (today = '2026-06-30'): DecideContext => ({
  now: `${today}T03:00:00.000Z`,
  today,
  calendar,
  rules,
});

/** given events / when command / then events or error: the one DeciderSpecification of libs/domain. */
const specOn = (today = '2026-06-30') =>
  DeciderSpecification.for<InspectionCommand, InspectionEvent, InspectionState>({
    decide: (command, state) => decideInspection(command, state, ctx(today)),
    evolve: evolveInspection,
    initialState: initialInspectionState,
  });
const spec = specOn();

const decided: InspectionEvent = {
  type: 'InspectionDecided',
  data: {
    inspectionId: 'i1',
    title: 'Thanh tra đất đai xã A',
    kind: 'inspection',
    leadUnitId: 'thanh-tra-tinh',
    inspectedUnitId: 'xa-a',
    decidedOn: '2026-01-05',
  },
};
const rec = (over: Partial<ConcludedRecommendation> = {}): ConcludedRecommendation => ({
  recommendationId: 'r1',
  text: 'Thu hồi đất giao sai',
  ownerUnitId: 'xa-a',
  dueOn: '2026-06-30',
  reportEvery: '3m',
  reportDates: null,
  ...over,
});
const recommendations = [
  rec(),
  rec({
    recommendationId: 'r2',
    text: 'Kiểm điểm',
    dueOn: null,
    reportEvery: null,
    reportDates: ['2026-04-15', '2026-09-30'],
  }),
];
const conclude = (
  over: Partial<Extract<InspectionCommand, { type: 'ConcludeInspection' }>['data']> = {},
): InspectionCommand => ({
  type: 'ConcludeInspection',
  data: { concludedOn: '2026-03-02', summary: 'Sai phạm trong giao đất', recommendations, ...over },
});
const concludedEvents = (): InspectionEvent[] => [
  decided,
  ...spec.given([decided]).when(conclude()).events(),
];
const report = (recommendationId: string, reportedOn: string, done = false): InspectionEvent => ({
  type: 'ProgressReported',
  data: { recommendationId, reportedOn, progress: 'đang thực hiện', done },
});
const waived = (recommendationId: string, at: string): InspectionEvent => ({
  type: 'RecommendationWaived',
  data: { recommendationId, at, reason: 'không còn đối tượng' },
});
const recOf = (s: InspectionState, id: string): RecommendationState => {
  if (s.status !== 'concluded' && s.status !== 'closed') throw new Error(`not concluded: ${s.status}`);
  return s.recommendations.find((r) => r.recommendationId === id)!;
};

describe('inspection stream', () => {
  it('builds stream ids in one place', () => expect(inspectionStreamId('i1')).toBe('inspection-i1'));

  describe('DecideInspection', () => {
    const decide = (
      over: Partial<Extract<InspectionEvent, { type: 'InspectionDecided' }>['data']> = {},
    ): InspectionCommand => ({
      type: 'DecideInspection',
      data: { ...decided.data, ...over } as Extract<InspectionCommand, { type: 'DecideInspection' }>['data'],
    });
    it('records the decision', () => spec.given([]).when(decide()).then([decided]));
    it('refuses a second decision', () =>
      spec.given([decided]).when(decide()).thenThrows('ILLEGAL_TRANSITION'));
    it.each([
      [{ kind: 'audit' as never }, 'kind'],
      [{ title: '' }, 'title'],
      [{ decidedOn: '2026-07-01' }, 'decidedOn'],
    ])('rejects %j', (over, path) => spec.given([]).when(decide(over)).thenThrows('VALIDATION_FAILED', path));
  });

  describe('FieldworkStarted (optional)', () => {
    const start: InspectionCommand = { type: 'StartFieldwork', data: { startedOn: '2026-01-12' } };
    it('starts the fieldwork', () =>
      spec
        .given([decided])
        .when(start)
        .then([{ type: 'FieldworkStarted', data: { startedOn: '2026-01-12' } }]));
    it('starts it once', () =>
      spec
        .given([decided, { type: 'FieldworkStarted', data: { startedOn: '2026-01-12' } }])
        .when(start)
        .thenThrows('ILLEGAL_TRANSITION'));
    it('rejects a start before the decision', () =>
      spec
        .given([decided])
        .when({ type: 'StartFieldwork', data: { startedOn: '2026-01-04' } })
        .thenThrows('VALIDATION_FAILED', 'startedOn'));
    it('answers NOT_FOUND for an unknown inspection', () =>
      spec.given([]).when(start).thenThrows('NOT_FOUND'));
  });

  describe('ConcludeInspection', () => {
    it('records the recommendations and the TT-DIRECT deadline computed from the conclusion', () => {
      const [event] = spec.given([decided]).when(conclude()).events();
      expect(event).toEqual({
        type: 'InspectionConcluded',
        data: {
          concludedOn: '2026-03-02',
          summary: 'Sai phạm trong giao đất',
          recommendations,
          directiveDeadline: rules.compute('TT-DIRECT', '2026-03-02', {}, calendar),
        },
      });
      if (event?.type !== 'InspectionConcluded') throw new Error('expected a conclusion');
      expect(event.data.directiveDeadline).toMatchObject({
        ruleId: 'TT-DIRECT',
        startOn: '2026-03-02',
        dueOn: '2026-03-17',
      });
    });

    it('concludes after the fieldwork, not before it started', () => {
      const fieldwork: InspectionEvent = { type: 'FieldworkStarted', data: { startedOn: '2026-02-02' } };
      expect(spec.given([decided, fieldwork]).when(conclude()).events()[0]?.type).toBe('InspectionConcluded');
      spec
        .given([decided, fieldwork])
        .when(conclude({ concludedOn: '2026-01-30' }))
        .thenThrows('VALIDATION_FAILED', 'concludedOn');
    });

    it('stores a recommendation with neither cadence nor dates without a schedule', () => {
      const events = [
        decided,
        ...spec
          .given([decided])
          .when(conclude({ recommendations: [rec({ reportEvery: null })] }))
          .events(),
      ];
      const r = recOf(foldInspection(events), 'r1');
      expect([r.reportEvery, r.reportDates]).toEqual([null, null]);
      expect(followUp(r, [], '2030-01-01').nextReportDue).toBeNull();
    });

    it.each<[Partial<Extract<InspectionCommand, { type: 'ConcludeInspection' }>['data']>, string]>([
      [{ recommendations: [] }, 'recommendations'],
      [{ recommendations: [rec({ reportDates: ['2026-09-01'] })] }, 'recommendations[0].reportDates'],
      [
        { recommendations: [rec({ reportEvery: null, reportDates: ['2026-09-01', '2026-06-01'] })] },
        'recommendations[0].reportDates[1]',
      ],
      [
        { recommendations: [rec({ reportEvery: null, reportDates: ['2026-03-02'] })] },
        'recommendations[0].reportDates[0]',
      ],
      [{ recommendations: [rec({ reportEvery: null, reportDates: [] })] }, 'recommendations[0].reportDates'],
      [{ recommendations: [rec({ reportEvery: '1m' as never })] }, 'recommendations[0].reportEvery'],
      [{ recommendations: [rec({ dueOn: '2026-03-01' })] }, 'recommendations[0].dueOn'],
      [{ recommendations: [rec(), rec()] }, 'recommendations[1].recommendationId'],
      [{ recommendations: [rec({ ownerUnitId: '' })] }, 'recommendations[0].ownerUnitId'],
      [{ concludedOn: '2026-01-04' }, 'concludedOn'],
      [{ concludedOn: '2026-07-01' }, 'concludedOn'],
      [{ summary: ' ' }, 'summary'],
    ])('rejects %j', (over, path) =>
      spec.given([decided]).when(conclude(over)).thenThrows('VALIDATION_FAILED', path),
    );

    it('accepts schedule targets in the future', () =>
      expect(
        spec
          .given([decided])
          .when(
            conclude({
              recommendations: [rec({ dueOn: '2027-12-31', reportEvery: null, reportDates: ['2027-06-30'] })],
            }),
          )
          .events()[0]?.type,
      ).toBe('InspectionConcluded'));

    it('concludes once', () =>
      spec.given(concludedEvents()).when(conclude()).thenThrows('ILLEGAL_TRANSITION'));
    it('answers NOT_FOUND for an unknown inspection', () =>
      spec.given([]).when(conclude()).thenThrows('NOT_FOUND'));
  });

  describe('IssueDirective', () => {
    const issue = (issuedOn: string): InspectionCommand => ({ type: 'IssueDirective', data: { issuedOn } });

    it('is met on or before the TT-DIRECT due date', () =>
      spec
        .given(concludedEvents())
        .when(issue('2026-03-17'))
        .then([
          { type: 'DirectiveIssued', data: { issuedOn: '2026-03-17', dueOn: '2026-03-17', outcome: 'met' } },
        ]));
    it('is missed after it', () =>
      expect(spec.given(concludedEvents()).when(issue('2026-03-18')).events()[0]).toMatchObject({
        data: { outcome: 'missed' },
      }));
    it('needs a conclusion', () =>
      spec.given([decided]).when(issue('2026-03-17')).thenThrows('ILLEGAL_TRANSITION'));
    it('is issued once', () =>
      spec
        .given([...concludedEvents(), ...spec.given(concludedEvents()).when(issue('2026-03-10')).events()])
        .when(issue('2026-03-11'))
        .thenThrows('ILLEGAL_TRANSITION'));
    it('is not dated before the conclusion', () =>
      spec.given(concludedEvents()).when(issue('2026-03-01')).thenThrows('VALIDATION_FAILED', 'issuedOn'));
  });

  describe('recommendation follow-up', () => {
    const plan = (recommendationId: string, actions = ['Ra quyết định thu hồi']): InspectionCommand => ({
      type: 'SubmitRemediationPlan',
      data: { recommendationId, submittedOn: '2026-03-20', actions },
    });
    const progress = (recommendationId: string, reportedOn: string, done = false): InspectionCommand => ({
      type: 'ReportProgress',
      data: { recommendationId, reportedOn, progress: 'đã thu hồi 2/5 thửa', done },
    });
    const waive = (recommendationId: string, at = '2026-05-01'): InspectionCommand => ({
      type: 'WaiveRecommendation',
      data: { recommendationId, at, reason: 'đối tượng đã chết' },
    });

    it('records a remediation plan', () =>
      spec
        .given(concludedEvents())
        .when(plan('r1'))
        .then([
          {
            type: 'RemediationPlanSubmitted',
            data: { recommendationId: 'r1', submittedOn: '2026-03-20', actions: ['Ra quyết định thu hồi'] },
          },
        ]));
    it('rejects an empty plan', () =>
      spec.given(concludedEvents()).when(plan('r1', [])).thenThrows('VALIDATION_FAILED', 'actions'));

    it('records progress and completion', () => {
      const events = [...concludedEvents(), report('r1', '2026-04-01'), report('r1', '2026-05-30', true)];
      const r = recOf(foldInspection(events), 'r1');
      expect(r).toMatchObject({ status: 'done', doneOn: '2026-05-30' });
      expect(reportDatesOf(r)).toEqual(['2026-04-01', '2026-05-30']);
    });

    it('rejects a report dated before the previous one, before the conclusion or after today', () => {
      const events = [...concludedEvents(), report('r1', '2026-04-01')];
      spec.given(events).when(progress('r1', '2026-03-31')).thenThrows('VALIDATION_FAILED', 'reportedOn');
      spec
        .given(concludedEvents())
        .when(progress('r1', '2026-03-01'))
        .thenThrows('VALIDATION_FAILED', 'reportedOn');
      spec
        .given(concludedEvents())
        .when(progress('r1', '2026-07-01'))
        .thenThrows('VALIDATION_FAILED', 'reportedOn');
      expect(spec.given(events).when(progress('r1', '2026-04-01')).events()[0]?.type).toBe(
        'ProgressReported',
      );
    });

    it('waives a recommendation', () =>
      spec
        .given(concludedEvents())
        .when(waive('r2'))
        .then([
          {
            type: 'RecommendationWaived',
            data: { recommendationId: 'r2', at: '2026-05-01', reason: 'đối tượng đã chết' },
          },
        ]));

    it.each([
      ['a plan', plan('r9')],
      ['a report', progress('r9', '2026-04-01')],
      ['a waiver', waive('r9')],
      [
        'a move',
        {
          type: 'MoveRecommendation',
          data: {
            recommendationId: 'r9',
            fromUnitId: 'xa-a',
            toUnitId: 'phuong-b',
            effectiveOn: '2026-06-01',
          },
        } as InspectionCommand,
      ],
    ])('answers NOT_FOUND for %s on an unknown recommendation', (_, cmd) =>
      spec.given(concludedEvents()).when(cmd).thenThrows('NOT_FOUND'),
    );

    describe.each([
      ['done', [report('r1', '2026-05-30', true)]],
      ['waived', [waived('r1', '2026-05-30')]],
    ])('on a %s recommendation', (_, tail) => {
      const events = [...concludedEvents(), ...tail];
      it.each([
        ['a plan', plan('r1')],
        ['a report', progress('r1', '2026-06-01')],
        ['a waiver', waive('r1', '2026-06-01')],
      ])('rejects %s with ILLEGAL_TRANSITION', (__, cmd) =>
        spec.given(events).when(cmd).thenThrows('ILLEGAL_TRANSITION'),
      );
    });

    it('needs a conclusion first', () =>
      spec.given([decided]).when(plan('r1')).thenThrows('ILLEGAL_TRANSITION'));
  });

  describe('RecommendationMoved (unit merger)', () => {
    const move = (fromUnitId = 'xa-a', recommendationId = 'r1'): InspectionCommand => ({
      type: 'MoveRecommendation',
      data: { recommendationId, fromUnitId, toUnitId: 'phuong-b', effectiveOn: '2026-06-01' },
    });
    const movedEvent: InspectionEvent = {
      type: 'RecommendationMoved',
      data: { recommendationId: 'r1', fromUnitId: 'xa-a', toUnitId: 'phuong-b', effectiveOn: '2026-06-01' },
    };

    it('hands the recommendation to the successor', () =>
      spec.given(concludedEvents()).when(move()).then([movedEvent]));

    it('keeps its due date, schedule and history', () => {
      const before = [...concludedEvents(), report('r1', '2026-05-20')];
      const after = [...before, movedEvent];
      const [r0, r1] = [recOf(foldInspection(before), 'r1'), recOf(foldInspection(after), 'r1')];
      expect(r1.ownerUnitId).toBe('phuong-b');
      expect(r1.moves).toEqual([{ fromUnitId: 'xa-a', toUnitId: 'phuong-b', effectiveOn: '2026-06-01' }]);
      const { ownerUnitId: _o0, moves: _m0, ...rest0 } = r0;
      const { ownerUnitId: _o1, moves: _m1, ...rest1 } = r1;
      expect(rest1).toEqual(rest0);
      // Every 3 months from 2026-03-02: the report of 20/5 satisfies 2/6; 2/9 is missed by 3/9.
      expect(followUp(r1, reportDatesOf(r1), '2026-09-03')).toEqual(
        followUp(r0, reportDatesOf(r0), '2026-09-03'),
      );
      expect(followUp(r1, reportDatesOf(r1), '2026-09-03')).toEqual({
        nextReportDue: '2026-09-02',
        overdue: true,
        overdueReports: 1,
        remediationOverdue: true,
      });
    });

    it('is a no-op when repeated (the worker may re-run a plan)', () =>
      spec
        .given([...concludedEvents(), movedEvent])
        .when(move())
        .then([]));

    it('refuses a move from a unit that does not own the recommendation', () =>
      spec.given(concludedEvents()).when(move('xa-z')).thenThrows('ILLEGAL_TRANSITION'));

    it('refuses to move a done recommendation', () =>
      spec
        .given([...concludedEvents(), report('r1', '2026-05-30', true)])
        .when(move())
        .thenThrows('ILLEGAL_TRANSITION'));

    it('rejects a move onto the same unit', () =>
      spec
        .given(concludedEvents())
        .when({
          type: 'MoveRecommendation',
          data: { recommendationId: 'r1', fromUnitId: 'xa-a', toUnitId: 'xa-a', effectiveOn: '2026-06-01' },
        })
        .thenThrows('VALIDATION_FAILED', 'toUnitId'));
  });

  describe('CloseInspection', () => {
    const close = (closedOn = '2026-06-30'): InspectionCommand => ({
      type: 'CloseInspection',
      data: { closedOn },
    });
    const settled = [...concludedEvents(), report('r1', '2026-06-10', true), waived('r2', '2026-06-15')];

    it('refuses to close with an open recommendation', () =>
      spec
        .given([...concludedEvents(), report('r1', '2026-06-10', true)])
        .when(close())
        .thenThrows('ILLEGAL_TRANSITION'));

    it('closes when every recommendation is done or waived', () =>
      spec
        .given(settled)
        .when(close('2026-06-15'))
        .then([{ type: 'InspectionClosed', data: { closedOn: '2026-06-15' } }]));

    it('is not dated before the last completion', () =>
      spec.given(settled).when(close('2026-06-14')).thenThrows('VALIDATION_FAILED', 'closedOn'));

    it('refuses a conclusion that is not there', () =>
      spec.given([decided]).when(close()).thenThrows('ILLEGAL_TRANSITION'));

    it('refuses every command after closing', () => {
      const closed = [
        ...settled,
        { type: 'InspectionClosed', data: { closedOn: '2026-06-20' } } as InspectionEvent,
      ];
      expect(foldInspection(closed).status).toBe('closed');
      spec.given(closed).when(close()).thenThrows('ILLEGAL_TRANSITION');
      spec
        .given(closed)
        .when({ type: 'IssueDirective', data: { issuedOn: '2026-06-25' } })
        .thenThrows('ILLEGAL_TRANSITION');
      spec
        .given(closed)
        .when({
          type: 'ReportProgress',
          data: { recommendationId: 'r1', reportedOn: '2026-06-25', progress: 'x', done: false },
        })
        .thenThrows('ILLEGAL_TRANSITION');
    });
  });
});

describe('late entries (docs/reference/api-contract.md "Late entries"): an inspection act recorded late says so', () => {
  // Recorded on 2026-06-30 with a grace of 3 working days.
  const late = DeciderSpecification.for<InspectionCommand, InspectionEvent, InspectionState>({
    decide: (command, state) =>
      decideInspection(command, state, { ...ctx('2026-06-30'), lateEntryGraceDays: 3 }),
    evolve: evolveInspection,
    initialState: initialInspectionState,
  });

  it('a progress report dated weeks before it is recorded is a late entry with its working days', () => {
    const [event] = late
      .given(concludedEvents())
      .when({
        type: 'ReportProgress',
        data: {
          recommendationId: 'r1',
          reportedOn: '2026-06-01',
          progress: 'đã thu hồi một phần',
          done: false,
        },
      })
      .events();
    expect(event).toMatchObject({
      type: 'ProgressReported',
      data: { reportedOn: '2026-06-01', lateEntry: true, workingDaysLate: 21 },
    });
  });

  it('an act within the grace carries no mark; so does every act when no grace is configured', () => {
    const inTime = late
      .given(concludedEvents())
      .when({ type: 'IssueDirective', data: { issuedOn: '2026-06-26' } })
      .events()[0];
    expect(inTime?.data).not.toHaveProperty('lateEntry');
    const unconfigured = spec
      .given(concludedEvents())
      .when({ type: 'IssueDirective', data: { issuedOn: '2026-03-10' } })
      .events()[0];
    expect(unconfigured?.data).not.toHaveProperty('lateEntry');
  });

  it('the decision, conclusion, plan, waiver and closure are marked by their own dates', () => {
    const decidedLate = late
      .given([])
      .when({
        type: 'DecideInspection',
        data: { ...decided.data, decidedOn: '2026-01-05' } as Extract<
          InspectionCommand,
          { type: 'DecideInspection' }
        >['data'],
      })
      .events()[0];
    expect(decidedLate?.data).toMatchObject({ lateEntry: true });
    const concludedLate = late.given([decided]).when(conclude()).events()[0];
    expect(concludedLate?.data).toMatchObject({ concludedOn: '2026-03-02', lateEntry: true });
    const plan = late
      .given(concludedEvents())
      .when({
        type: 'SubmitRemediationPlan',
        data: { recommendationId: 'r1', submittedOn: '2026-04-01', actions: ['Rà soát hồ sơ'] },
      })
      .events()[0];
    expect(plan?.data).toMatchObject({ lateEntry: true });
    const waiver = late
      .given(concludedEvents())
      .when({ type: 'WaiveRecommendation', data: { recommendationId: 'r2', at: '2026-06-29', reason: 'x' } })
      .events()[0];
    expect(waiver?.data).not.toHaveProperty('lateEntry');
  });
});
