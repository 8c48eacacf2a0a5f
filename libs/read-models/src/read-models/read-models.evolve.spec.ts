import { describe, expect, it } from '@jest/globals';
import type { CaseDeadline, DeadlineOutcomeEntry } from '../../../domain/src/index.js';
import type { StoredEvent } from '../../../event-store/src/index.js';
import type { ProjectionDefinition, Row } from '../runner/projection.js';
import { caseSummariesProjection } from '../case-summaries/case-summaries.projection.js';
import { deadlinesProjection } from '../deadlines/deadlines.projection.js';
import { termsOf } from '../../../domain/src/index.js';
import { unitsProjection, unitStateOfRow } from '../units/units.projection.js';

/** Pure specs of the three projections' `evolve` over hand-written StoredEvents: no database. */

let position = 0;
function stored(streamId: string, version: number, type: string, data: Record<string, unknown>): StoredEvent {
  position += 1;
  const recordedAt = new Date(Date.UTC(2026, 2, 1, 0, 0, position)).toISOString();
  return {
    streamId,
    version,
    globalPosition: String(position),
    transactionId: String(1000 + position),
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    metadata: {
      actor: { id: 'u1', name: 'U1', roles: ['handler'] },
      correlationId: 'c',
      causationId: null,
      occurredAt: recordedAt,
      recordedAt,
      schemaVersion: 1,
    },
    occurredAt: recordedAt,
    recordedAt,
    prevHash: '0'.repeat(64),
    hash: 'f'.repeat(64),
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value as Record<string, unknown>)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Folds events through a projection the way the runner does (per group), checking purity at every step. */
function fold(p: ProjectionDefinition, events: StoredEvent[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const e of events) {
    if (!p.handles.has(e.type)) continue;
    for (const g of p.groupsOf(e)) {
      const key = JSON.stringify(g);
      const before = deepFreeze(structuredClone(groups.get(key) ?? []));
      const snapshot = JSON.stringify(before);
      const frozenEvent = deepFreeze(structuredClone(e));
      const a = p.evolve(before, frozenEvent, g);
      const b = p.evolve(before, frozenEvent, g);
      // Same input → same output, and the input is left as it was (frozen: a write would throw).
      expect(b).toEqual(a);
      expect(JSON.stringify(before)).toBe(snapshot);
      groups.set(key, a);
    }
  }
  return groups;
}

const deadline = (deadlineNo: number, ruleId: string, startOn: string, dueOn: string): CaseDeadline =>
  ({
    deadlineNo,
    ruleId,
    ruleVersion: '2012-07-01',
    startOn,
    length: 10,
    unit: 'working_days',
    variant: 'normal',
    baseDueOn: dueOn,
    dueOn,
    provisional: false,
    legalBasis: 'test',
  }) as unknown as CaseDeadline;

const outcome = (
  d: CaseDeadline,
  o: DeadlineOutcomeEntry['outcome'],
  on: string,
  dueOn = d.dueOn,
): DeadlineOutcomeEntry => ({
  deadlineNo: d.deadlineNo,
  ruleId: d.ruleId,
  startOn: d.startOn,
  dueOn,
  outcome: o,
  on,
});

const CASE = 'case-a';
const S = `case-${CASE}`;
const intake = deadline(1, 'KN-ACC', '2026-03-02', '2026-03-16');
const resolution = deadline(2, 'KN-RES1', '2026-03-10', '2026-04-09');
const resumed = { ...resolution, baseDueOn: '2026-04-19', dueOn: '2026-04-20' };

function caseEvents(): StoredEvent[] {
  return [
    stored(S, 1, 'CaseReceived', {
      caseId: CASE,
      trackingCode: 'PROV-2026-000001',
      receivedAt: '2026-03-02',
      channel: 'post',
      receivingUnitId: 'prov',
      petitioners: [{ personRef: 'r1', sealed: 'x', representative: false }],
      signerCount: 1,
      subject: 'Đất',
      content: 'Nội dung',
      field: 'land',
    }),
    stored(S, 2, 'CaseClassified', {
      caseId: CASE,
      kind: 'complaint',
      level: 1,
      competentUnitId: 'dept',
      processable: true,
      multiLocation: false,
      competentWithinReceivingSubtree: true,
      classifiedAt: '2026-03-02',
      intakeDeadline: intake,
      dates: [],
    }),
    stored(S, 3, 'HandlerAssigned', { caseId: CASE, handlerId: 'h-7' }),
    stored(S, 4, 'CaseAccepted', {
      caseId: CASE,
      acceptedAt: '2026-03-10',
      complex: false,
      especiallyComplex: false,
      remoteArea: false,
      resolutionDeadline: resolution,
      deadlineOutcomes: [outcome(intake, 'met', '2026-03-10')],
      dates: [],
    }),
    stored(S, 5, 'DialogueRecorded', {
      caseId: CASE,
      dialogueId: 'd1',
      heldAt: '2026-03-12',
      participants: ['a'],
      minutes: 'm',
      outcome: 'agreed',
    }),
    stored(S, 6, 'CaseSuspended', {
      caseId: CASE,
      at: '2026-03-20',
      reason: 'r',
      deadlineOutcomes: [outcome(resolution, 'paused', '2026-03-20')],
    }),
    stored(S, 7, 'CaseResumed', {
      caseId: CASE,
      at: '2026-03-30',
      deadline: resumed,
      deadlineOutcomes: [outcome(resolution, 'resumed', '2026-03-30', resumed.dueOn)],
    }),
    stored(S, 8, 'DeadlineMissed', {
      caseId: CASE,
      deadlineNo: 2,
      ruleId: 'KN-RES1',
      startOn: resolution.startOn,
      dueOn: resumed.dueOn,
      unitId: 'dept',
      headOfUnit: { personId: 'p1', fullName: 'Trần B' },
      detectedOn: '2026-04-21',
    }),
    stored(S, 9, 'CaseTransferred', {
      caseId: CASE,
      at: '2026-04-22',
      fromUnitId: 'dept',
      toUnitId: 'dept2',
      reason: 'unit_merger',
      kind: 'unit_merger',
      receivingUnitId: 'prov',
      competentUnitId: 'dept2',
      deadlineOutcomes: [],
    }),
    stored(S, 10, 'CaseResolved', {
      caseId: CASE,
      decidedAt: '2026-04-25',
      outcome: 'upheld',
      summary: 's',
      deadlineOutcomes: [outcome(resolution, 'missed', '2026-04-25', resumed.dueOn)],
      dates: [],
    }),
    stored(S, 11, 'CaseClosed', { caseId: CASE, at: '2026-04-30' }),
  ];
}

describe('case-summaries.v1 evolve', () => {
  it('is pure and follows a case from receipt to closing', () => {
    const events = caseEvents();
    const groups = fold(caseSummariesProjection, events);
    expect([...groups.keys()]).toEqual([JSON.stringify({ case_id: CASE })]);
    const [row] = groups.get(JSON.stringify({ case_id: CASE }))!;
    expect(row).toMatchObject({
      case_id: CASE,
      tracking_code: 'PROV-2026-000001',
      kind: 'complaint',
      level: 1,
      status: 'closed',
      receiving_unit_id: 'prov',
      competent_unit_id: 'dept2',
      handler_id: 'h-7',
      accepted_at: '2026-03-10',
      decided_at: '2026-04-25',
      petitioner_count: 1,
      version: 11,
      last_position: events[10]!.globalPosition,
      updated_at: events[10]!.recordedAt,
    });
    // Never an identity in the read model.
    expect(JSON.stringify(row)).not.toContain('sealed');
  });

  it('status after each step', () => {
    const events = caseEvents();
    const statuses: unknown[] = [];
    let rows: Row[] = [];
    for (const e of events) {
      rows = caseSummariesProjection.evolve(rows, e, { case_id: CASE });
      statuses.push(rows[0]!.status);
    }
    expect(statuses).toEqual([
      'received',
      'classified',
      'classified',
      'accepted',
      'accepted',
      'suspended',
      'accepted',
      'accepted',
      'accepted',
      'resolved',
      'closed',
    ]);
  });

  it('ignores events of a case whose receipt it never saw', () => {
    const e = caseEvents()[1]!;
    expect(caseSummariesProjection.evolve([], e, { case_id: CASE })).toEqual([]);
  });

  it('an ordinary transfer puts the case back to received at the new unit', () => {
    const [received] = caseEvents();
    const rows = caseSummariesProjection.evolve([], received!, { case_id: CASE });
    const t = stored(S, 2, 'CaseTransferred', {
      caseId: CASE,
      at: '2026-03-03',
      fromUnitId: 'prov',
      toUnitId: 'other',
      reason: 'r',
      kind: 'ordinary',
      receivingUnitId: 'other',
      competentUnitId: null,
      deadlineOutcomes: [],
    });
    expect(caseSummariesProjection.evolve(rows, t, { case_id: CASE })[0]).toMatchObject({
      status: 'received',
      receiving_unit_id: 'other',
      competent_unit_id: null,
    });
  });
});

describe('deadlines.v1 evolve', () => {
  it('is pure; the context row and each deadline follow the events', () => {
    const groups = fold(deadlinesProjection, caseEvents());
    const rows = groups.get(JSON.stringify({ case_id: CASE }))!;
    const byNo = new Map(rows.map((r) => [r.deadline_no, r]));
    expect([...byNo.keys()].sort()).toEqual([0, 1, 2]);
    expect(byNo.get(0)).toMatchObject({
      state: 'context',
      unit_id: 'dept2',
      competent_unit_id: 'dept2',
      handler_id: 'h-7',
      due_on: null,
    });
    expect(byNo.get(1)).toMatchObject({
      rule_id: 'KN-ACC',
      state: 'completed',
      outcome: 'met',
      completed_on: '2026-03-10',
      due_on: '2026-03-16',
      unit_id: 'dept',
    });
    // The resolution deadline: paused, resumed with a moved due date, missed (recorded), moved by the merger, then completed late.
    expect(byNo.get(2)).toMatchObject({
      rule_id: 'KN-RES1',
      state: 'completed',
      outcome: 'missed',
      completed_on: '2026-04-25',
      due_on: '2026-04-20',
      paused_on: null,
      miss_recorded: true,
      unit_id: 'dept',
      handler_id: 'h-7',
    });
  });

  it('tracks pause and resume', () => {
    const events = caseEvents().slice(0, 7);
    let rows: Row[] = [];
    const states: unknown[] = [];
    for (const e of events) {
      if (!deadlinesProjection.handles.has(e.type)) continue;
      rows = deadlinesProjection.evolve(rows, e, { case_id: CASE });
      const d2 = rows.find((r) => r.deadline_no === 2);
      states.push(d2 ? `${String(d2.state)}:${String(d2.due_on)}:${String(d2.paused_on)}` : null);
    }
    expect(states).toEqual([
      null,
      null,
      null,
      'open:2026-04-09:null',
      'paused:2026-04-09:2026-03-20',
      'open:2026-04-20:null',
    ]);
  });

  it('a merger moves pending deadlines due on or after it and keeps earlier ones with the ceasing unit', () => {
    const events = caseEvents().slice(0, 4); // received, classified, assigned, accepted: deadline 2 open, due 2026-04-09
    let rows: Row[] = [];
    for (const e of events) rows = deadlinesProjection.evolve(rows, e, { case_id: CASE });
    const merger = (at: string) =>
      stored(S, 5, 'CaseTransferred', {
        caseId: CASE,
        at,
        fromUnitId: 'dept',
        toUnitId: 'dept2',
        reason: 'unit_merger',
        kind: 'unit_merger',
        receivingUnitId: 'prov',
        competentUnitId: 'dept2',
        deadlineOutcomes: [],
      });
    const before = deadlinesProjection.evolve(rows, merger('2026-04-01'), { case_id: CASE });
    expect(before.find((r) => r.deadline_no === 2)).toMatchObject({
      unit_id: 'dept2',
      state: 'open',
      due_on: '2026-04-09',
    });
    const after = deadlinesProjection.evolve(rows, merger('2026-04-10'), { case_id: CASE });
    expect(after.find((r) => r.deadline_no === 2)).toMatchObject({
      unit_id: 'dept',
      state: 'open',
      due_on: '2026-04-09',
      competent_unit_id: 'dept2',
    });
    // The completed intake deadline never moves.
    expect(before.find((r) => r.deadline_no === 1)).toMatchObject({ unit_id: 'dept', state: 'completed' });
  });

  it('does not handle dialogues or closing', () => {
    expect(deadlinesProjection.handles.has('DialogueRecorded')).toBe(false);
    expect(deadlinesProjection.handles.has('CaseClosed')).toBe(false);
    expect(deadlinesProjection.handles.has('DeadlineMissed')).toBe(true);
  });
});

describe('units.v1 evolve', () => {
  const U = 'unit-dept';
  const events = (): StoredEvent[] => [
    stored(U, 1, 'UnitCreated', {
      unitId: 'dept',
      name: 'Sở A',
      level: 'department',
      parentId: 'prov',
      createdAt: '2026-01-01',
    }),
    stored(U, 2, 'HeadAppointed', { personId: 'p1', fullName: 'Trần B', from: '2026-01-01', acting: false }),
    stored(U, 3, 'UnitRenamed', { name: 'Sở A mới', on: '2026-02-01' }),
    stored(U, 4, 'HeadAppointed', { personId: 'p2', fullName: 'Lê C', from: '2026-03-15', acting: true }),
    stored(U, 5, 'UnitMerged', { intoUnitId: 'dept2', effectiveOn: '2026-05-01' }),
  ];

  it('is pure and keeps names, head terms and the merger', () => {
    const groups = fold(unitsProjection, events());
    const [row] = groups.get(JSON.stringify({ unit_id: 'dept' }))!;
    expect(row).toMatchObject({
      unit_id: 'dept',
      name: 'Sở A mới',
      level: 'department',
      parent_id: 'prov',
      created_on: '2026-01-01',
      merged_into: 'dept2',
      merged_on: '2026-05-01',
    });
    // The row keeps the terms as appointed; the domain's termsOf ends them at the merger (so a
    // scheduled merger withdrawn leaves them running).
    expect(row!.heads).toEqual([
      { personId: 'p1', fullName: 'Trần B', acting: false, from: '2026-01-01', to: '2026-03-14' },
      { personId: 'p2', fullName: 'Lê C', acting: true, from: '2026-03-15', to: null },
    ]);
    expect(termsOf(unitStateOfRow(row)).at(-1)).toMatchObject({ personId: 'p2', to: '2026-04-30' });
  });

  it('a row round-trips to the domain state', () => {
    const groups = fold(unitsProjection, events().slice(0, 4));
    const [row] = groups.get(JSON.stringify({ unit_id: 'dept' }))!;
    const state = unitStateOfRow(row);
    expect(state.status).toBe('active');
    if (state.status === 'active') {
      expect(state.terms.map((t) => t.personId)).toEqual(['p1', 'p2']);
      expect(state.names.map((n) => n.name)).toEqual(['Sở A', 'Sở A mới']);
    }
  });

  it('groups by the unit of the stream', () => {
    expect(unitsProjection.groupsOf(events()[2]!)).toEqual([{ unit_id: 'dept' }]);
  });
});
