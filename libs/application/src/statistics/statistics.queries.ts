import type { DataSource } from 'typeorm';
import type { IsoDate } from '../../../domain/src/index.js';
import {
  addDays,
  minDate,
  previousPeriod,
  yearEarlierPeriod,
  type ReportingPeriod,
} from '../../../domain/src/index.js';
import {
  CHANNELS,
  FIELDS,
  figurePaths,
  figuresOf,
  type ActRollup,
  type Figures,
  type OpenRollup,
  type PeriodRollups,
  type ReceptionRollup,
} from './statistics.figures.js';

type DbRow = Record<string, unknown>;

export interface StatisticsRequest {
  unitId: string;
  includeSubunits: boolean;
  period: ReportingPeriod;
  /** Business date: figures cover [from, min(to, asOf)]. */
  asOf: IsoDate;
  /** Instant: only what was recorded before it counts. */
  recordedBefore?: string;
}

export interface PeriodView {
  label: string;
  from: IsoDate;
  to: IsoDate;
}

export type UnitFigures = { unitId: string; unitName: string; own?: true } & Figures;

export type StatisticsReport = {
  period: PeriodView;
  unitId: string;
  unitName: string;
  includeSubunits: boolean;
  asOf: IsoDate;
  recordedBefore: string | null;
} & Figures & {
    previous: { period: PeriodView } & Figures;
    yearEarlier: { period: PeriodView } & Figures;
    units: UnitFigures[];
  };

export interface UnitNode {
  unitId: string;
  name: string;
  parentId: string | null;
  from: IsoDate | null;
  ceasedOn: IsoDate | null;
}

export interface FigureCase {
  caseId: string | null;
  sessionId: string | null;
  trackingCode: string | null;
  unitId: string;
  businessDate: IsoDate;
  kind: string | null;
}

/** Row versions valid at an instant (recordedBefore) or the current ones. */
const versionFilter = (alias: string, param: string | null): string =>
  param
    ? `${alias}.recorded_from < ${param}::timestamptz AND (${alias}.recorded_to IS NULL OR ${alias}.recorded_to >= ${param}::timestamptz)`
    : `${alias}.recorded_to IS NULL`;

const ACT_FIGURES = [
  'received',
  'accepted',
  'rejected',
  'guided',
  'archived',
  'transferred',
  'resolved',
  'dialogue',
];

/** A figure path of a drill-down (docs/reference/api-contract.md `GET /statistics/cases?figure=`), parsed. */
export interface FigureSelector {
  /** Which of the three periods: the report's, the previous one, the one a year earlier. */
  which: 'period' | 'previous' | 'yearEarlier';
  path: string;
}

export function parseFigure(figure: string): FigureSelector | null {
  let which: FigureSelector['which'] = 'period';
  let path = figure;
  for (const w of ['previous', 'yearEarlier'] as const)
    if (path.startsWith(`${w}.`)) {
      which = w;
      path = path.slice(w.length + 1);
    }
  return figurePaths().includes(path) ? { which, path } : null;
}

/**
 * The statistics of a unit over a period (docs/reference/api-contract.md `GET /statistics`), from the statistics read model
 * (`rm_statistics`), the deadlines read model (overdue at a date) and the reception-session read model.
 * Every figure is a grouped count over index ranges; the per-unit rows and the roll-up are summed from
 * the same counts.
 */
export class StatisticsQueries {
  constructor(private readonly ds: DataSource) {}

  async units(): Promise<Map<string, UnitNode>> {
    const rows: DbRow[] = await this.ds.query(
      'SELECT unit_id, name, parent_id, created_on, merged_on FROM rm_units WHERE recorded_to IS NULL',
    );
    return new Map(
      rows.map((r) => [
        String(r.unit_id),
        {
          unitId: String(r.unit_id),
          name: String(r.name),
          parentId: (r.parent_id as string | null) ?? null,
          from: (r.created_on as string | null) ?? null,
          ceasedOn: (r.merged_on as string | null) ?? null,
        },
      ]),
    );
  }

  static subtree(units: Map<string, UnitNode>, root: string): Set<string> {
    const children = new Map<string, string[]>();
    for (const u of units.values())
      if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.unitId]);
    const out = new Set<string>([root]);
    const stack = [root];
    while (stack.length)
      for (const c of children.get(stack.pop()!) ?? [])
        if (!out.has(c)) {
          out.add(c);
          stack.push(c);
        }
    return out;
  }

  /** The direct sub-units that existed at some time in [from, to] (a ceased unit keeps its row). */
  static directSubunits(units: Map<string, UnitNode>, root: string, period: PeriodView): UnitNode[] {
    return [...units.values()]
      .filter(
        (u) =>
          u.parentId === root &&
          (u.from === null || u.from <= period.to) &&
          (u.ceasedOn === null || u.ceasedOn > period.from),
      )
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
  }

  async report(req: StatisticsRequest): Promise<StatisticsReport> {
    const units = await this.units();
    const root = units.get(req.unitId);
    const scope = req.includeSubunits ? StatisticsQueries.subtree(units, req.unitId) : new Set([req.unitId]);
    const ids = [...scope];
    const periods = [req.period, previousPeriod(req.period), yearEarlierPeriod(req.period)];
    const [cur, prev, earlier] = await Promise.all(periods.map((p) => this.rollups(ids, p, req)));
    const view = (p: ReportingPeriod): PeriodView => ({ label: p.label, from: p.from, to: p.to });
    const rows: UnitFigures[] = [];
    if (req.includeSubunits)
      for (const child of StatisticsQueries.directSubunits(units, req.unitId, req.period))
        rows.push({
          unitId: child.unitId,
          unitName: child.name,
          ...figuresOf(cur!, StatisticsQueries.subtree(units, child.unitId)),
        });
    rows.push({
      unitId: req.unitId,
      unitName: root?.name ?? req.unitId,
      own: true,
      ...figuresOf(cur!, new Set([req.unitId])),
    });
    return {
      period: view(req.period),
      unitId: req.unitId,
      unitName: root?.name ?? req.unitId,
      includeSubunits: req.includeSubunits,
      asOf: req.asOf,
      recordedBefore: req.recordedBefore ?? null,
      ...figuresOf(cur!, scope),
      previous: { period: view(periods[1]!), ...figuresOf(prev!, scope) },
      yearEarlier: { period: view(periods[2]!), ...figuresOf(earlier!, scope) },
      units: rows,
    };
  }

  /** The rolled-up counts of a set of units over one period. */
  async rollups(unitIds: string[], period: ReportingPeriod, req: StatisticsRequest): Promise<PeriodRollups> {
    const end = minDate(period.to, req.asOf);
    const [acts, openAtStart, openAtEnd, reception] = await Promise.all([
      this.acts(unitIds, period.from, end, req.recordedBefore),
      this.open(unitIds, addDays(period.from, -1), req.recordedBefore),
      this.open(unitIds, end, req.recordedBefore),
      this.reception(unitIds, period.from, end, req.recordedBefore),
    ]);
    return { acts, openAtStart, openAtEnd, reception };
  }

  private actsSql(p: (v: unknown) => string, unitIds: string[], from: IsoDate, end: IsoDate, rb?: string) {
    const r = rb ? p(rb) : null;
    const e = p(end);
    return `SELECT f.*,
        CASE WHEN f.figure = 'received' THEN COALESCE((
          SELECT c.kind FROM rm_statistics c
           WHERE c.subject_id = f.subject_id AND c.figure = 'classified' AND c.on_date <= ${e}::date
             AND ${versionFilter('c', r)}
           ORDER BY c.on_date DESC, c.seq DESC LIMIT 1), 'unclassified') END AS kind_at_end
      FROM rm_statistics f
     WHERE ${versionFilter('f', r)} AND f.unit_id = ANY(${p(unitIds)}::text[])
       AND f.figure = ANY(${p(ACT_FIGURES)}::text[])
       AND f.on_date >= ${p(from)}::date AND f.on_date <= ${e}::date`;
  }

  private async acts(unitIds: string[], from: IsoDate, end: IsoDate, rb?: string): Promise<ActRollup[]> {
    if (end < from) return [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const rows: DbRow[] = await this.ds.query(
      `SELECT unit_id, figure, from_unit_id, kind_at_end, channel, field, outcome, timeliness, late_entry, count(*)::int AS n
         FROM (${this.actsSql(p, unitIds, from, end, rb)}) x
        GROUP BY unit_id, figure, from_unit_id, kind_at_end, channel, field, outcome, timeliness, late_entry`,
      params,
    );
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      figure: String(r.figure),
      fromUnitId: (r.from_unit_id as string | null) ?? null,
      kindAtEnd: (r.kind_at_end as string | null) ?? null,
      channel: (r.channel as string | null) ?? null,
      field: (r.field as string | null) ?? null,
      outcome: (r.outcome as string | null) ?? null,
      timeliness: (r.timeliness as string | null) ?? null,
      lateEntry: r.late_entry === true,
      n: Number(r.n),
    }));
  }

  private openSql(p: (v: unknown) => string, unitIds: string[], on: IsoDate, rb?: string) {
    const r = rb ? p(rb) : null;
    const d = p(on);
    return `SELECT f.*, EXISTS (
          SELECT 1 FROM rm_deadlines dl
           WHERE dl.case_id = f.case_id AND dl.deadline_no > 0 AND ${versionFilter('dl', r)}
             AND dl.due_on < ${d}::date
             AND NOT (dl.completed_on IS NOT NULL AND dl.completed_on <= ${d}::date)
             AND NOT (dl.cancelled_on IS NOT NULL AND dl.cancelled_on <= ${d}::date)
             AND NOT (dl.state = 'paused' AND dl.paused_on <= ${d}::date)) AS overdue
      FROM rm_statistics f
     WHERE ${versionFilter('f', r)} AND f.figure = 'open' AND f.unit_id = ANY(${p(unitIds)}::text[])
       AND f.on_date <= ${d}::date AND (f.until_date IS NULL OR f.until_date > ${d}::date)`;
  }

  /** Cases open at the end of business day `on`, per responsible unit, and those with an overdue deadline. */
  private async open(unitIds: string[], on: IsoDate, rb?: string): Promise<OpenRollup[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const rows: DbRow[] = await this.ds.query(
      `SELECT unit_id, count(*)::int AS total, count(*) FILTER (WHERE overdue)::int AS overdue
         FROM (${this.openSql(p, unitIds, on, rb)}) x GROUP BY unit_id`,
      params,
    );
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      total: Number(r.total),
      overdue: Number(r.overdue),
    }));
  }

  private receptionSql(
    p: (v: unknown) => string,
    unitIds: string[],
    from: IsoDate,
    end: IsoDate,
    rb?: string,
  ) {
    const r = rb ? p(rb) : null;
    return `SELECT s.* FROM rm_reception_sessions s
     WHERE ${versionFilter('s', r)} AND s.status = 'held' AND s.unit_id = ANY(${p(unitIds)}::text[])
       AND s.held_on >= ${p(from)}::date AND s.held_on <= ${p(end)}::date`;
  }

  private async reception(
    unitIds: string[],
    from: IsoDate,
    end: IsoDate,
    rb?: string,
  ): Promise<ReceptionRollup[]> {
    if (end < from) return [];
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const rows: DbRow[] = await this.ds.query(
      `SELECT unit_id, count(*)::int AS sessions, count(*) FILTER (WHERE held_by_head)::int AS head,
              COALESCE(sum(citizens_received), 0)::int AS citizens
         FROM (${this.receptionSql(p, unitIds, from, end, rb)}) x GROUP BY unit_id`,
      params,
    );
    return rows.map((r) => ({
      unitId: String(r.unit_id),
      sessionsHeld: Number(r.sessions),
      headSessionsHeld: Number(r.head),
      citizensReceived: Number(r.citizens),
    }));
  }

  /**
   * The cases (or, for reception figures, the sessions) behind one figure: the same units, period
   * and clocks as the report, one item per counted act, oldest first.
   */
  async cases(
    req: StatisticsRequest,
    selector: FigureSelector,
    page: number,
    pageSize: number,
  ): Promise<{ items: FigureCase[]; total: number; page: number; pageSize: number }> {
    const units = await this.units();
    const scope = req.includeSubunits ? StatisticsQueries.subtree(units, req.unitId) : new Set([req.unitId]);
    const ids = [...scope];
    const period =
      selector.which === 'previous'
        ? previousPeriod(req.period)
        : selector.which === 'yearEarlier'
          ? yearEarlierPeriod(req.period)
          : req.period;
    const end = minDate(period.to, req.asOf);
    const params: unknown[] = [];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const [group, key, value] = selector.path.split('.') as [string, string | undefined, string | undefined];
    let sql: string;
    let where = 'TRUE';
    if (group === 'openAtStart' || group === 'openAtEnd') {
      const on = group === 'openAtStart' ? addDays(period.from, -1) : end;
      sql = `SELECT x.case_id, NULL AS session_id, x.tracking_code, x.unit_id, x.on_date AS business_date, x.kind
               FROM (${this.openSql(p, ids, on, req.recordedBefore)}) x`;
      if (key === 'overdue') where = 'x.overdue';
    } else if (group === 'reception') {
      sql = `SELECT NULL AS case_id, x.session_id, NULL AS tracking_code, x.unit_id, x.held_on AS business_date, NULL AS kind
               FROM (${this.receptionSql(p, ids, period.from, end, req.recordedBefore)}) x`;
      if (key === 'headSessionsHeld') where = 'x.held_by_head';
      if (key === 'citizensReceived') where = 'x.citizens_received > 0';
    } else {
      if (end < period.from) return { items: [], total: 0, page, pageSize };
      sql = `SELECT x.case_id, NULL AS session_id, x.tracking_code, x.unit_id, x.on_date AS business_date,
                    COALESCE(x.kind_at_end, x.kind) AS kind
               FROM (${this.actsSql(p, ids, period.from, end, req.recordedBefore)}) x`;
      where = this.actFilter(group, key, value, ids, p);
    }
    const offset = (page - 1) * pageSize;
    const [count, rows] = await Promise.all([
      this.ds.query(`SELECT count(*)::int AS n FROM (${sql} WHERE ${where}) y`, params) as Promise<DbRow[]>,
      this.ds.query(
        `${sql} WHERE ${where} ORDER BY business_date, case_id, session_id LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ) as Promise<DbRow[]>,
    ]);
    return {
      items: rows.map((r) => ({
        caseId: (r.case_id as string | null) ?? null,
        sessionId: (r.session_id as string | null) ?? null,
        trackingCode: (r.tracking_code as string | null) ?? null,
        unitId: String(r.unit_id),
        businessDate: String(r.business_date),
        kind: (r.kind as string | null) ?? null,
      })),
      total: Number(count[0]?.n ?? 0),
      page,
      pageSize,
    };
  }

  private actFilter(
    group: string,
    key: string | undefined,
    value: string | undefined,
    ids: string[],
    p: (v: unknown) => string,
  ): string {
    const lit = (v: string) => `${p(v)}::text`;
    switch (group) {
      case 'received': {
        const inside = `(x.figure = 'received' AND NOT (x.from_unit_id IS NOT NULL AND x.from_unit_id = ANY(${p(ids)}::text[])))`;
        if (key === 'byKind' && value) return `${inside} AND x.kind_at_end = ${lit(value)}`;
        if (key === 'byChannel' && value && (CHANNELS as readonly string[]).includes(value))
          return `${inside} AND x.channel = ${lit(value)}`;
        if (key === 'byField' && value)
          return value === 'unspecified'
            ? `${inside} AND (x.field IS NULL OR NOT (x.field = ANY(${p(FIELDS)}::text[])))`
            : `${inside} AND x.field = ${lit(value)}`;
        return inside;
      }
      case 'processed':
        return `x.figure = ${lit(key!)}`;
      case 'resolved':
        switch (key) {
          case 'byOutcome':
            return `x.figure = 'resolved' AND x.outcome = ${lit(value!)}`;
          case 'onTime':
            return `x.figure = 'resolved' AND x.timeliness = 'on_time'`;
          case 'late':
            return `x.figure = 'resolved' AND x.timeliness = 'late'`;
          case 'withoutDeadline':
            return `x.figure = 'resolved' AND (x.timeliness IS NULL OR x.timeliness NOT IN ('on_time', 'late'))`;
          case 'lateEntries':
            return `x.figure = 'resolved' AND x.late_entry`;
          default:
            return `x.figure = 'resolved'`;
        }
      case 'dialoguesHeld':
        return `x.figure = 'dialogue'`;
      default:
        return 'FALSE';
    }
  }
}
