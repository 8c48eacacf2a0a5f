/**
 * The figures of a periodic report (docs/reference/api-contract.md `GET /statistics`) and how they are summed from the rolled-up
 * rows of the statistics read model. Pure: no database, no clock.
 */
import {
  CHANNELS,
  FIELDS,
  type ActRollup,
  type OpenRollup,
  type PeriodRollups,
  type ReceptionRollup,
} from '../../../read-models/src/index.js';

export { CHANNELS, FIELDS, type ActRollup, type OpenRollup, type PeriodRollups, type ReceptionRollup };
export const KINDS = ['complaint', 'denunciation', 'petition', 'reflection', 'unclassified'] as const;
export const OUTCOMES = [
  'upheld',
  'partially_upheld',
  'rejected',
  'true',
  'partly_true',
  'untrue',
  'answered',
] as const;
export const PROCESSED = ['accepted', 'rejected', 'guided', 'archived', 'transferred'] as const;

type Counts<K extends string> = Record<K, number>;

export interface Figures {
  received: {
    total: number;
    byKind: Counts<(typeof KINDS)[number]>;
    byChannel: Counts<(typeof CHANNELS)[number]>;
    byField: Counts<(typeof FIELDS)[number]>;
  };
  processed: Counts<(typeof PROCESSED)[number]>;
  resolved: {
    total: number;
    byOutcome: Counts<(typeof OUTCOMES)[number]>;
    onTime: number;
    late: number;
    withoutDeadline: number;
    lateEntries: number;
  };
  openAtEnd: { total: number; overdue: number };
  dialoguesHeld: number;
  reception: { sessionsHeld: number; headSessionsHeld: number; citizensReceived: number };
  openAtStart: { total: number };
}

const zeros = <K extends string>(keys: readonly K[]): Counts<K> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;

export function emptyFigures(): Figures {
  return {
    received: { total: 0, byKind: zeros(KINDS), byChannel: zeros(CHANNELS), byField: zeros(FIELDS) },
    processed: zeros(PROCESSED),
    resolved: {
      total: 0,
      byOutcome: zeros(OUTCOMES),
      onTime: 0,
      late: 0,
      withoutDeadline: 0,
      lateEntries: 0,
    },
    openAtEnd: { total: 0, overdue: 0 },
    dialoguesHeld: 0,
    reception: { sessionsHeld: 0, headSessionsHeld: 0, citizensReceived: 0 },
    openAtStart: { total: 0 },
  };
}

const bump = <K extends string>(counts: Counts<K>, key: string | null, n: number, fallback: K): void => {
  const k = (key !== null && key in counts ? key : fallback) as K;
  counts[k] += n;
};

/**
 * The figures of a set of units (a unit, or a subtree rolled up). A letter transferred between two
 * units of the set is received once: a transfer-in counts only when it comes from outside the set.
 */
export function figuresOf(r: PeriodRollups, units: ReadonlySet<string>): Figures {
  const f = emptyFigures();
  for (const a of r.acts) {
    if (!units.has(a.unitId)) continue;
    switch (a.figure) {
      case 'received':
        if (a.fromUnitId !== null && units.has(a.fromUnitId)) break;
        f.received.total += a.n;
        bump(f.received.byKind, a.kindAtEnd, a.n, 'unclassified');
        bump(f.received.byChannel, a.channel, a.n, 'in_person');
        bump(f.received.byField, a.field, a.n, 'unspecified');
        break;
      case 'accepted':
      case 'rejected':
      case 'guided':
      case 'archived':
      case 'transferred':
        f.processed[a.figure] += a.n;
        break;
      case 'resolved':
        f.resolved.total += a.n;
        if (a.outcome !== null && a.outcome in f.resolved.byOutcome)
          f.resolved.byOutcome[a.outcome as (typeof OUTCOMES)[number]] += a.n;
        if (a.timeliness === 'on_time') f.resolved.onTime += a.n;
        else if (a.timeliness === 'late') f.resolved.late += a.n;
        else f.resolved.withoutDeadline += a.n;
        if (a.lateEntry) f.resolved.lateEntries += a.n;
        break;
      case 'dialogue':
        f.dialoguesHeld += a.n;
        break;
    }
  }
  for (const o of r.openAtStart) if (units.has(o.unitId)) f.openAtStart.total += o.total;
  for (const o of r.openAtEnd)
    if (units.has(o.unitId)) {
      f.openAtEnd.total += o.total;
      f.openAtEnd.overdue += o.overdue;
    }
  for (const s of r.reception)
    if (units.has(s.unitId)) {
      f.reception.sessionsHeld += s.sessionsHeld;
      f.reception.headSessionsHeld += s.headSessionsHeld;
      f.reception.citizensReceived += s.citizensReceived;
    }
  return f;
}

/** Every figure path a drill-down may name (`received.byKind.complaint`, `resolved.late`, …). */
export function figurePaths(): string[] {
  const out: string[] = [];
  const walk = (prefix: string, v: unknown): void => {
    if (typeof v === 'number') out.push(prefix);
    else for (const [k, x] of Object.entries(v as object)) walk(prefix ? `${prefix}.${k}` : k, x);
  };
  walk('', emptyFigures());
  return out;
}
