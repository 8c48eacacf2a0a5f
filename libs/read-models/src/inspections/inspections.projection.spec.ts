import { describe, expect, it } from '@jest/globals';
import type { InspectionEvent } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import type { Row } from '../runner/projection.js';
import { INSPECTION_ROW_ID, inspectionsProjection } from './inspections.projection.js';

const DEADLINE = {
  ruleId: 'TT-DIRECT' as const,
  ruleVersion: '2025-07-01',
  startOn: '2026-01-15',
  length: 15,
  unit: 'calendar_days' as const,
  variant: 'normal' as const,
  baseDueOn: '2026-01-30',
  dueOn: '2026-01-30',
  provisional: false,
  legalBasis: 'Luật Thanh tra 84/2025/QH15 Art. 53',
};

function stored(event: InspectionEvent, version: number): StoredEvent {
  return {
    streamId: 'inspection-i1',
    version,
    globalPosition: String(version),
    transactionId: '1',
    eventId: `e${version}`,
    type: event.type,
    data: event.data as unknown as Record<string, unknown>,
    metadata: {
      actor: { id: 'u', name: 'u', roles: [] },
      correlationId: 'c',
      causationId: null,
      occurredAt: '2026-11-22T03:00:00.000Z',
      recordedAt: '2026-11-22T03:00:00.000Z',
      schemaVersion: 1,
    },
    occurredAt: '2026-11-22T03:00:00.000Z',
    recordedAt: '2026-11-22T03:00:00.000Z',
    prevHash: '',
    hash: '',
  };
}

function project(events: InspectionEvent[]): Row[] {
  let rows: Row[] = [];
  events.forEach((e, i) => {
    const s = stored(e, i + 1);
    expect(inspectionsProjection.handles.has(s.type)).toBe(true);
    const [group] = inspectionsProjection.groupsOf(s);
    expect(group).toEqual({ inspection_id: 'i1' });
    rows = inspectionsProjection.evolve(rows, s, group!);
  });
  return rows;
}

const byId = (rows: Row[], id: string): Row | undefined => rows.find((r) => r.recommendation_id === id);

const decided: InspectionEvent = {
  type: 'InspectionDecided',
  data: {
    inspectionId: 'i1',
    title: 'Thanh tra việc quản lý đất đai',
    kind: 'inspection',
    leadUnitId: 'insp',
    inspectedUnitId: 'dept-a',
    decidedOn: '2025-12-01',
  },
};

const concluded: InspectionEvent = {
  type: 'InspectionConcluded',
  data: {
    concludedOn: '2026-01-15',
    summary: 'Kết luận',
    directiveDeadline: DEADLINE,
    recommendations: [
      {
        recommendationId: 'r1',
        text: 'Thu hồi',
        ownerUnitId: 'dept-a',
        dueOn: '2027-06-30',
        reportEvery: '6m',
        reportDates: null,
      },
      {
        recommendationId: 'r2',
        text: 'Kiểm điểm',
        ownerUnitId: 'dept-b',
        dueOn: null,
        reportEvery: null,
        reportDates: ['2026-03-31', '2026-06-30'],
      },
    ],
  },
};

describe('inspections.v1 projection', () => {
  it('keeps the inspection in the row with an empty recommendation id', () => {
    const rows = project([decided]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      inspection_id: 'i1',
      recommendation_id: INSPECTION_ROW_ID,
      title: 'Thanh tra việc quản lý đất đai',
      lead_unit_id: 'insp',
      inspected_unit_id: 'dept-a',
      inspection_status: 'decided',
      decided_on: '2025-12-01',
      status: 'inspection',
      owner_unit_id: null,
    });
  });

  it('adds one open row per recommendation at the conclusion, with the schedule', () => {
    const rows = project([
      decided,
      { type: 'FieldworkStarted', data: { startedOn: '2025-12-10' } },
      concluded,
    ]);
    expect(rows).toHaveLength(3);
    expect(byId(rows, 'r1')).toMatchObject({
      title: 'Thanh tra việc quản lý đất đai',
      lead_unit_id: 'insp',
      inspection_status: 'concluded',
      owner_unit_id: 'dept-a',
      concluded_on: '2026-01-15',
      due_on: '2027-06-30',
      report_every: '6m',
      report_dates: null,
      reports: [],
      status: 'open',
    });
    expect(byId(rows, 'r2')).toMatchObject({
      report_every: null,
      report_dates: ['2026-03-31', '2026-06-30'],
      due_on: null,
    });
  });

  it('records plans, reports, completion, waivers, moves and the closure', () => {
    const rows = project([
      decided,
      concluded,
      { type: 'DirectiveIssued', data: { issuedOn: '2026-01-20', dueOn: '2026-01-30', outcome: 'met' } },
      {
        type: 'RemediationPlanSubmitted',
        data: { recommendationId: 'r1', submittedOn: '2026-02-01', actions: ['a'] },
      },
      {
        type: 'ProgressReported',
        data: { recommendationId: 'r1', reportedOn: '2026-07-15', progress: 'p', done: false },
      },
      {
        type: 'RecommendationMoved',
        data: { recommendationId: 'r2', fromUnitId: 'dept-b', toUnitId: 'dept-c', effectiveOn: '2026-08-01' },
      },
      {
        type: 'ProgressReported',
        data: { recommendationId: 'r1', reportedOn: '2026-11-20', progress: 'xong', done: true },
      },
      {
        type: 'RecommendationWaived',
        data: { recommendationId: 'r2', at: '2026-11-21', reason: 'không còn đối tượng' },
      },
      { type: 'InspectionClosed', data: { closedOn: '2026-11-22' } },
    ]);
    expect(byId(rows, 'r1')).toMatchObject({
      plan_submitted_on: '2026-02-01',
      reports: ['2026-07-15', '2026-11-20'],
      status: 'done',
      done_on: '2026-11-20',
      directive_issued_on: '2026-01-20',
      inspection_status: 'closed',
      closed_on: '2026-11-22',
    });
    expect(byId(rows, 'r2')).toMatchObject({
      owner_unit_id: 'dept-c',
      moves: [{ fromUnitId: 'dept-b', toUnitId: 'dept-c', effectiveOn: '2026-08-01' }],
      report_dates: ['2026-03-31', '2026-06-30'],
      status: 'waived',
      waived_on: '2026-11-21',
    });
    expect(byId(rows, INSPECTION_ROW_ID)).toMatchObject({
      inspection_status: 'closed',
      status: 'inspection',
    });
  });

  it('ignores events of an inspection it never saw decided', () => {
    const s = stored(concluded, 2);
    expect(inspectionsProjection.evolve([], s, { inspection_id: 'i1' })).toEqual([]);
  });
});
