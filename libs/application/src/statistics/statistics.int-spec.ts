/**
 * The statistics read model against a real database: on generated case histories (received,
 * classified, accepted, resolved, closed, transferred in and out, moved by a merger, dialogues,
 * acts on any day), the report of any unit and range equals a direct count over the events, for the
 * period, the previous one, the same one a year earlier and every per-unit row.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createTestApp, type TestApp } from '../../../../test/support/app.js';
import {
  addDays,
  minDate,
  customPeriod,
  previousPeriod,
  yearEarlierPeriod,
  type ReportingPeriod,
} from '../../../domain/src/index.js';
import type { NewEvent } from '../../../event-store/src/index.js';
import { emptyFigures, type Figures } from './statistics.figures.js';
import { StatisticsReports } from './statistics.report.js';

const KINDS = ['complaint', 'denunciation', 'petition', 'reflection'] as const;
const CHANNELS = ['in_person', 'post', 'online', 'hotline', 'forwarded', 'reception_session'] as const;
const FIELDS = ['land', 'housing', 'policy', 'corruption', 'other'] as const;
const OUTCOMES: Record<string, string[]> = {
  complaint: ['upheld', 'partially_upheld', 'rejected'],
  denunciation: ['true', 'partly_true', 'untrue'],
  petition: ['answered'],
  reflection: ['answered'],
};
const OPS = [
  'classify',
  'reclassify',
  'amend',
  'accept',
  'resolve',
  'close',
  'transfer',
  'merge',
  'dialogue',
] as const;
const BASE = '2026-01-01';

interface Plan {
  day: number;
  unit: number;
  channel: number;
  field: number | null;
  steps: { gap: number; op: (typeof OPS)[number]; a: number; b: number }[];
}

const planArb: fc.Arbitrary<Plan> = fc.record({
  day: fc.integer({ min: 0, max: 120 }),
  unit: fc.nat(),
  channel: fc.nat(),
  field: fc.option(fc.nat(), { nil: null }),
  steps: fc.array(
    fc.record({
      gap: fc.integer({ min: 0, max: 20 }),
      op: fc.constantFrom(...OPS),
      a: fc.nat(),
      b: fc.nat(),
    }),
    { maxLength: 7 },
  ),
});

/** A plan turned into the events of one case (acts that its state does not allow are left out). */
function eventsOf(caseId: string, plan: Plan, units: string[], outside: string): NewEvent[] {
  const ev: NewEvent[] = [];
  const push = (type: string, data: Record<string, unknown>) =>
    ev.push({ eventId: randomUUID(), type, data: { caseId, ...data } });
  let date = addDays(BASE, plan.day);
  let receiving = units[plan.unit % units.length]!;
  let competent: string | null = null;
  let kind: string | null = null;
  let status = 'received';
  let deadline: { no: number; startOn: string; dueOn: string } | null = null;
  let nextNo = 1;
  push('CaseReceived', {
    trackingCode: `PT-${caseId.slice(0, 8)}`,
    receivedAt: date,
    channel: CHANNELS[plan.channel % CHANNELS.length],
    receivingUnitId: receiving,
    petitioners: [],
    signerCount: 1,
    subject: 's',
    content: 'c',
    ...(plan.field === null ? {} : { field: FIELDS[plan.field % FIELDS.length] }),
  });
  const open = () => ['received', 'classified', 'accepted'].includes(status);
  const ended = (outcome: 'cancelled' | 'met' | 'missed') =>
    deadline
      ? [
          {
            deadlineNo: deadline.no,
            ruleId: 'KN-RES1',
            startOn: deadline.startOn,
            dueOn: deadline.dueOn,
            outcome,
            on: date,
          },
        ]
      : [];
  for (const s of plan.steps) {
    date = addDays(date, s.gap);
    // Two steps in three take the case forward (classify, accept or answer, dialogue or decide), so
    // that histories reach every act; the third is any act (closing, transfers, mergers).
    const forward =
      status === 'received'
        ? 'classify'
        : status === 'classified'
          ? kind === 'petition' || kind === 'reflection'
            ? 'resolve'
            : 'accept'
          : s.a % 2 === 0
            ? 'dialogue'
            : 'resolve';
    switch (s.b % 3 === 0 ? s.op : forward) {
      case 'classify':
        if (status !== 'received' && status !== 'classified') break;
        kind = KINDS[s.a % KINDS.length]!;
        competent = units[s.b % units.length]!;
        status = 'classified';
        push('CaseClassified', {
          kind,
          level: kind === 'complaint' ? 1 : null,
          competentUnitId: competent,
          processable: true,
          multiLocation: false,
          competentWithinReceivingSubtree: true,
          classifiedAt: date,
          intakeDeadline: null,
          dates: [],
        });
        break;
      case 'reclassify':
        if (status !== 'classified') break;
        kind = KINDS[s.a % KINDS.length]!;
        competent = units[s.b % units.length]!;
        push('CaseReclassified', {
          kind,
          level: kind === 'complaint' ? 1 : null,
          competentUnitId: competent,
          processable: true,
          multiLocation: false,
          competentWithinReceivingSubtree: true,
          intakeDeadline: null,
          dates: [],
          at: date,
          correctionReason: 'r',
          deadlineOutcomes: [],
        });
        break;
      case 'amend':
        if (!open()) break;
        push('CaseAmended', {
          at: date,
          reason: 'r',
          changed: ['channel', 'field'],
          channel: CHANNELS[s.a % CHANNELS.length],
          field: FIELDS[s.b % FIELDS.length],
        });
        break;
      case 'accept': {
        if (status !== 'classified' || (kind !== 'complaint' && kind !== 'denunciation')) break;
        deadline = { no: nextNo++, startOn: date, dueOn: addDays(date, 10 + (s.a % 40)) };
        status = 'accepted';
        push('CaseAccepted', {
          acceptedAt: date,
          complex: false,
          especiallyComplex: false,
          remoteArea: false,
          resolutionDeadline: {
            deadlineNo: deadline.no,
            ruleId: 'KN-RES1',
            ruleVersion: '2012-07-01',
            startOn: date,
            length: 30,
            unit: 'calendar_days',
            variant: 'normal',
            baseDueOn: deadline.dueOn,
            dueOn: deadline.dueOn,
            provisional: false,
            legalBasis: 'LKN Art. 28',
          },
          deadlineOutcomes: [],
          dates: [],
        });
        break;
      }
      case 'resolve': {
        const petitionLike = kind === 'petition' || kind === 'reflection';
        if (!(status === 'accepted' || (status === 'classified' && petitionLike))) break;
        const outcomes = OUTCOMES[kind!]!;
        push('CaseResolved', {
          decidedAt: date,
          outcome: outcomes[s.a % outcomes.length],
          summary: 's',
          deadlineOutcomes: ended(deadline && date <= deadline.dueOn ? 'met' : 'missed'),
          dates: [],
        });
        status = 'resolved';
        break;
      }
      case 'close': {
        if (!open()) break;
        const type = ['CaseRejected', 'CaseGuided', 'CaseArchived', 'CaseWithdrawn', 'CaseTerminated'][
          s.a % 5
        ]!;
        push(type, {
          at: date,
          reason: type === 'CaseArchived' ? 'duplicate' : 'r',
          agency: 'a',
          deadlineOutcomes: ended('cancelled'),
        });
        status = 'closed';
        break;
      }
      case 'transfer': {
        if (!open()) break;
        const to = [...units, outside][s.a % (units.length + 1)]!;
        if (to === receiving) break;
        push('CaseTransferred', {
          at: date,
          fromUnitId: receiving,
          toUnitId: to,
          reason: 'r',
          kind: 'ordinary',
          receivingUnitId: to,
          competentUnitId: null,
          deadlineOutcomes: ended('cancelled'),
        });
        receiving = to;
        competent = null;
        status = 'received';
        deadline = null;
        break;
      }
      case 'merge': {
        if (!open()) break;
        const from: string = s.b % 2 === 0 || competent === null ? receiving : competent;
        const to = units[s.a % units.length]!;
        if (to === from) break;
        receiving = receiving === from ? to : receiving;
        competent = competent === from ? to : competent;
        push('CaseTransferred', {
          at: date,
          fromUnitId: from,
          toUnitId: to,
          reason: 'unit_merger',
          kind: 'unit_merger',
          receivingUnitId: receiving,
          competentUnitId: competent,
          deadlineOutcomes: [],
        });
        break;
      }
      case 'dialogue':
        if (status !== 'accepted') break;
        push('DialogueRecorded', {
          dialogueId: randomUUID(),
          heldAt: date,
          participants: ['p'],
          minutes: 'm',
          outcome: 'agreed',
        });
        break;
    }
  }
  return ev;
}

/**
 * The direct count: walks each case's events as written, with no read model — what the report of
 * `scope` must say for `period` cut at `asOf`.
 */
function directCount(
  cases: NewEvent[][],
  scope: Set<string>,
  period: ReportingPeriod,
  asOf: string,
): Figures {
  const f = emptyFigures();
  const end = minDate(period.to, asOf);
  const inPeriod = (d: string) => d >= period.from && d <= end;
  const openOn = (events: NewEvent[], day: string): { unit: string; overdue: boolean } | null => {
    let receiving = '';
    let competent: string | null = null;
    let open = false;
    let due: string | null = null;
    for (const e of events) {
      const d = e.data as Record<string, string>;
      const date = d.receivedAt ?? d.classifiedAt ?? d.acceptedAt ?? d.decidedAt ?? d.heldAt ?? d.at;
      if (date! > day) break;
      switch (e.type) {
        case 'CaseReceived':
          receiving = d.receivingUnitId!;
          open = true;
          break;
        case 'CaseClassified':
        case 'CaseReclassified':
          competent = d.competentUnitId!;
          break;
        case 'CaseAmended':
          break;
        case 'CaseAccepted':
          due = (e.data.resolutionDeadline as { dueOn: string }).dueOn;
          break;
        case 'CaseTransferred':
          receiving = d.receivingUnitId!;
          competent = (e.data.competentUnitId as string | null) ?? null;
          if (d.kind === 'ordinary') due = null;
          break;
        case 'DialogueRecorded':
          break;
        default:
          open = false;
      }
    }
    return open ? { unit: competent ?? receiving, overdue: due !== null && due < day } : null;
  };
  for (const events of cases) {
    const received = events[0]!.data as Record<string, string>;
    let receiving = '';
    let competent: string | null = null;
    let dueOn: string | null = null;
    // A reclassification corrects the classification in force; an amendment corrects the channel and
    // field from registration.
    const classifications: { on: string; kind: string }[] = [];
    let channel = received.channel!;
    let field = received.field ?? 'unspecified';
    for (const e of events) {
      const d = e.data as Record<string, string>;
      if (e.type === 'CaseClassified') classifications.push({ on: d.classifiedAt!, kind: d.kind! });
      if (e.type === 'CaseReclassified') classifications[classifications.length - 1]!.kind = d.kind!;
      if (e.type === 'CaseAmended') {
        channel = d.channel ?? channel;
        field = d.field ?? field;
      }
    }
    const kindAtEnd = classifications.filter((c) => c.on <= end).at(-1)?.kind ?? 'unclassified';
    const countReceived = (unit: string, on: string, from: string | null) => {
      if (!scope.has(unit) || !inPeriod(on) || (from !== null && scope.has(from))) return;
      f.received.total++;
      f.received.byKind[kindAtEnd as keyof Figures['received']['byKind']]++;
      f.received.byChannel[channel as keyof Figures['received']['byChannel']]++;
      f.received.byField[field as keyof Figures['received']['byField']]++;
    };
    for (const e of events) {
      const d = e.data as Record<string, string>;
      const responsible = competent ?? receiving;
      const here = (unit: string, on: string) => scope.has(unit) && inPeriod(on);
      switch (e.type) {
        case 'CaseReceived':
          receiving = d.receivingUnitId!;
          countReceived(receiving, d.receivedAt!, null);
          break;
        case 'CaseClassified':
        case 'CaseReclassified':
          competent = d.competentUnitId!;
          break;
        case 'CaseAccepted':
          dueOn = (e.data.resolutionDeadline as { dueOn: string }).dueOn;
          if (here(responsible, d.acceptedAt!)) f.processed.accepted++;
          break;
        case 'CaseRejected':
          if (here(responsible, d.at!)) f.processed.rejected++;
          break;
        case 'CaseGuided':
          if (here(receiving, d.at!)) f.processed.guided++;
          break;
        case 'CaseArchived':
          if (here(receiving, d.at!)) f.processed.archived++;
          break;
        case 'CaseResolved':
          if (here(responsible, d.decidedAt!)) {
            f.resolved.total++;
            f.resolved.byOutcome[d.outcome as keyof Figures['resolved']['byOutcome']]++;
            if (dueOn === null) f.resolved.withoutDeadline++;
            else if (d.decidedAt! <= dueOn) f.resolved.onTime++;
            else f.resolved.late++;
          }
          break;
        case 'DialogueRecorded':
          if (here(responsible, d.heldAt!)) f.dialoguesHeld++;
          break;
        case 'CaseTransferred':
          if (d.kind === 'ordinary') {
            if (here(d.fromUnitId!, d.at!)) f.processed.transferred++;
            countReceived(d.toUnitId!, d.at!, d.fromUnitId!);
            dueOn = null;
          }
          receiving = d.receivingUnitId!;
          competent = (e.data.competentUnitId as string | null) ?? null;
          break;
      }
    }
    const atStart = openOn(events, addDays(period.from, -1));
    if (atStart && scope.has(atStart.unit)) f.openAtStart.total++;
    const atEnd = openOn(events, end);
    if (atEnd && scope.has(atEnd.unit)) {
      f.openAtEnd.total++;
      if (atEnd.overdue) f.openAtEnd.overdue++;
    }
  }
  return f;
}

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
}, 60_000);

afterAll(async () => {
  await app?.close();
});

describe('statistics read model: the rollup equals a direct count over the events', () => {
  it('on generated histories, for any unit, range and asOf', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(planArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 0, max: 400 }),
        fc.nat(),
        fc.boolean(),
        async (plans, start, length, asOfDay, unitPick, includeSubunits) => {
          // Units of this run: a root, two children, a grandchild; and one outside.
          const r = `pr${++run}-${randomUUID().slice(0, 6)}`;
          const tree: [string, string | null][] = [
            [r, null],
            [`${r}-a`, r],
            [`${r}-b`, r],
            [`${r}-a1`, `${r}-a`],
            [`${r}-x`, null],
          ];
          for (const [unitId, parentId] of tree)
            await app.runtime.store.append(
              `unit-${unitId}`,
              [
                {
                  eventId: randomUUID(),
                  type: 'UnitCreated',
                  data: { unitId, name: unitId, level: 'commune', parentId, createdAt: '1990-01-01' },
                },
              ],
              {
                expectedVersion: 'no_stream',
                metadata: { actor: { id: 't', name: 't', roles: [] }, correlationId: r, causationId: null },
              },
            );
          const units = tree.slice(0, 4).map(([u]) => u);
          const cases = plans.map((p) => eventsOf(randomUUID(), p, units, `${r}-x`));
          for (const events of cases)
            await app.runtime.store.append(`case-${(events[0]!.data as { caseId: string }).caseId}`, events, {
              expectedVersion: 'no_stream',
              metadata: { actor: { id: 't', name: 't', roles: [] }, correlationId: r, causationId: null },
            });
          await app.catchUp();
          const unitId = units[unitPick % units.length]!;
          const from = addDays(BASE, start);
          const period = customPeriod(from, addDays(from, length));
          const asOf = addDays(BASE, asOfDay);
          const q = new StatisticsReports(app.runtime.dataSource);
          const report = await q.report({ unitId, includeSubunits, period, asOf });
          const all = await q.units();
          const scope = includeSubunits ? StatisticsReports.subtree(all, unitId) : new Set([unitId]);
          const strip = (x: Figures): Figures => ({
            received: x.received,
            processed: x.processed,
            resolved: x.resolved,
            openAtEnd: x.openAtEnd,
            dialoguesHeld: x.dialoguesHeld,
            reception: x.reception,
            openAtStart: x.openAtStart,
          });
          expect(strip(report)).toEqual(directCount(cases, scope, period, asOf));
          expect(strip(report.previous)).toEqual(directCount(cases, scope, previousPeriod(period), asOf));
          expect(strip(report.yearEarlier)).toEqual(
            directCount(cases, scope, yearEarlierPeriod(period), asOf),
          );
          for (const row of report.units) {
            const rowScope = row.own ? new Set([unitId]) : StatisticsReports.subtree(all, row.unitId);
            expect(strip(row)).toEqual(directCount(cases, rowScope, period, asOf));
          }
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
  }, 300_000);
});

describe('statistics read model: the kind by the end of the period and the open cases, as recorded before an instant', () => {
  it('a case reclassified inside and after the period, another classified again after a transfer', async () => {
    const r = `rb-${randomUUID().slice(0, 6)}`;
    const [A, B] = [`${r}-a`, `${r}-b`];
    const meta = { actor: { id: 't', name: 't', roles: [] }, correlationId: r, causationId: null };
    const recordedAt = (iso: string) => app.setNow(iso);
    const append = (stream: string, type: string, data: Record<string, unknown>) =>
      app.runtime.store.append(stream, [{ eventId: randomUUID(), type, data }], {
        expectedVersion: 'any',
        metadata: meta,
      });
    const received = (caseId: string, unitId: string, on: string) =>
      append(`case-${caseId}`, 'CaseReceived', {
        caseId,
        trackingCode: `PT-${caseId.slice(0, 8)}`,
        receivedAt: on,
        channel: 'post',
        receivingUnitId: unitId,
        petitioners: [],
        signerCount: 1,
        subject: 's',
        content: 'c',
        field: 'land',
      });
    const classified = (caseId: string, unitId: string, kind: string, on: string) =>
      append(`case-${caseId}`, 'CaseClassified', {
        caseId,
        kind,
        level: kind === 'complaint' ? 1 : null,
        competentUnitId: unitId,
        processable: true,
        multiLocation: false,
        competentWithinReceivingSubtree: true,
        classifiedAt: on,
        intakeDeadline: null,
        dates: [],
      });
    const reclassified = (caseId: string, unitId: string, kind: string, on: string) =>
      append(`case-${caseId}`, 'CaseReclassified', {
        caseId,
        kind,
        level: null,
        competentUnitId: unitId,
        processable: true,
        multiLocation: false,
        competentWithinReceivingSubtree: true,
        intakeDeadline: null,
        dates: [],
        at: on,
        correctionReason: 'r',
        deadlineOutcomes: [],
      });
    const deadline = { deadlineNo: 1, ruleId: 'KN-RES1', startOn: '2026-03-02', dueOn: '2026-03-10' };

    // Recorded on 2026-04-01: the units, and every case as it stood at the end of March.
    recordedAt('2026-04-01T03:00:00.000Z');
    for (const [unitId, parentId] of [
      [r, null],
      [A, r],
      [B, r],
    ] as const)
      await append(`unit-${unitId}`, 'UnitCreated', {
        unitId,
        name: unitId,
        level: 'commune',
        parentId,
        createdAt: '1990-01-01',
      });
    const [X, Y, Z, W] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    // X: received by A on 03-02, classified a complaint on 03-05.
    await received(X, A, '2026-03-02');
    await classified(X, A, 'complaint', '2026-03-05');
    // Y: received by A on 03-02, classified a complaint on 03-03, transferred to B on 03-10.
    await received(Y, A, '2026-03-02');
    await classified(Y, A, 'complaint', '2026-03-03');
    await append(`case-${Y}`, 'CaseTransferred', {
      caseId: Y,
      at: '2026-03-10',
      fromUnitId: A,
      toUnitId: B,
      reason: 'r',
      kind: 'ordinary',
      receivingUnitId: B,
      competentUnitId: null,
      deadlineOutcomes: [],
    });
    // Z: received by B on 03-15, not classified in March.
    await received(Z, B, '2026-03-15');
    // W: received and classified by B on 03-01, accepted 03-02 (resolution due 03-10): overdue on 03-31.
    await received(W, B, '2026-03-01');
    await classified(W, B, 'complaint', '2026-03-01');
    await append(`case-${W}`, 'CaseAccepted', {
      caseId: W,
      acceptedAt: '2026-03-02',
      complex: false,
      especiallyComplex: false,
      remoteArea: false,
      resolutionDeadline: {
        ...deadline,
        ruleVersion: '2012-07-01',
        length: 30,
        unit: 'calendar_days',
        variant: 'normal',
        baseDueOn: deadline.dueOn,
        provisional: false,
        legalBasis: 'LKN Art. 28',
      },
      deadlineOutcomes: [],
      dates: [],
    });
    // Recorded on 04-03: X's classification corrected to a denunciation (its date stays 03-05).
    recordedAt('2026-04-03T03:00:00.000Z');
    await reclassified(X, A, 'denunciation', '2026-03-20');
    // Recorded on 04-06: Y classified by B as a reflection on 04-02, Z as a denunciation on 04-05 —
    // both after the period: Y keeps the kind A gave it, Z stays unclassified.
    recordedAt('2026-04-06T03:00:00.000Z');
    await classified(Y, B, 'reflection', '2026-04-02');
    await classified(Z, B, 'denunciation', '2026-04-05');
    // Recorded on 04-12: X corrected again (a petition, on 04-10); W decided, back-dated to 03-25.
    recordedAt('2026-04-12T03:00:00.000Z');
    await reclassified(X, A, 'petition', '2026-04-10');
    await append(`case-${W}`, 'CaseResolved', {
      caseId: W,
      decidedAt: '2026-03-25',
      outcome: 'rejected',
      summary: 's',
      deadlineOutcomes: [{ ...deadline, outcome: 'missed', on: '2026-03-25' }],
      dates: [],
    });
    await app.catchUp();

    const q = new StatisticsReports(app.runtime.dataSource);
    const period = customPeriod('2026-03-01', '2026-03-31');
    const report = (recordedBefore?: string) =>
      q.report({
        unitId: r,
        includeSubunits: true,
        period,
        asOf: '2026-06-30',
        ...(recordedBefore ? { recordedBefore } : {}),
      });
    const kinds = (k: Partial<Figures['received']['byKind']>) => ({
      complaint: 0,
      denunciation: 0,
      petition: 0,
      reflection: 0,
      unclassified: 0,
      ...k,
    });
    // Y's transfer between two units of the subtree is received once; B's own row counts it.
    const cases = [
      {
        recordedBefore: '2026-04-02T00:00:00.000Z',
        root: kinds({ complaint: 3, unclassified: 1 }),
        b: kinds({ complaint: 2, unclassified: 1 }),
        open: { total: 4, overdue: 1 },
        denunciations: [] as string[],
      },
      {
        recordedBefore: '2026-04-08T00:00:00.000Z',
        root: kinds({ complaint: 2, denunciation: 1, unclassified: 1 }),
        b: kinds({ complaint: 2, unclassified: 1 }),
        open: { total: 4, overdue: 1 },
        denunciations: [X],
      },
      {
        recordedBefore: undefined,
        root: kinds({ complaint: 2, petition: 1, unclassified: 1 }),
        b: kinds({ complaint: 2, unclassified: 1 }),
        open: { total: 3, overdue: 0 },
        denunciations: [] as string[],
      },
    ];
    for (const c of cases) {
      const got = await report(c.recordedBefore);
      expect({ at: c.recordedBefore, byKind: got.received.byKind, open: got.openAtEnd }).toEqual({
        at: c.recordedBefore,
        byKind: c.root,
        open: c.open,
      });
      expect(got.units.find((u) => u.unitId === B)!.received.byKind).toEqual(c.b);
      const req = {
        unitId: r,
        includeSubunits: true,
        period,
        asOf: '2026-06-30',
        ...(c.recordedBefore ? { recordedBefore: c.recordedBefore } : {}),
      };
      const behind = await q.cases(req, { which: 'period', path: 'received.byKind.denunciation' }, 1, 50);
      expect(behind.items.map((i) => i.caseId)).toEqual(c.denunciations);
      const overdue = await q.cases(req, { which: 'period', path: 'openAtEnd.overdue' }, 1, 50);
      expect(overdue.items.map((i) => i.caseId)).toEqual(c.open.overdue ? [W] : []);
    }
  }, 120_000);
});
