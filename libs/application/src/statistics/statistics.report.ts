import type { IsoDate } from '../../../domain/src/index.js';
import {
  addDays,
  minDate,
  previousPeriod,
  yearEarlierPeriod,
  type ReportingPeriod,
} from '../../../domain/src/index.js';
import {
  actRollups,
  figureCases,
  openRollups,
  receptionRollups,
  statisticsUnits,
  type FigureCase,
  type PeriodRollups,
  type SqlRunner,
  type UnitNode,
} from '../../../read-models/src/index.js';
import { figurePaths, figuresOf, type Figures } from './statistics.figures.js';

export type { FigureCase, UnitNode };

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

/** The answers of one report's statements by question, so that each distinct one is asked once. */
class SharedReads {
  private readonly answers = new Map<string, Promise<unknown>>();

  once<T>(question: string, ask: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(question) as Promise<T> | undefined;
    if (!answer) {
      answer = ask();
      this.answers.set(question, answer);
    }
    return answer;
  }
}

/**
 * The statistics of a unit over a period (docs/reference/api-contract.md `GET /statistics`), from the
 * counts the statistics read model's queries return (`libs/read-models/src/statistics/`): the
 * per-unit rows and the roll-up are summed from the same counts. Called by the statistics query
 * handlers, after the scope and the permission are checked.
 */
export class StatisticsReports {
  constructor(private readonly db: SqlRunner) {}

  units(): Promise<Map<string, UnitNode>> {
    return statisticsUnits(this.db);
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
    const scope = req.includeSubunits ? StatisticsReports.subtree(units, req.unitId) : new Set([req.unitId]);
    const ids = [...scope];
    const periods = [req.period, previousPeriod(req.period), yearEarlierPeriod(req.period)];
    // One statement per distinct question: for a year, a half or nine months the previous period is
    // the one a year earlier, and a period's open cases at its start are the previous one's at its end.
    const reads = new SharedReads();
    const [cur, prev, earlier] = await Promise.all(periods.map((p) => this.rollups(ids, p, req, reads)));
    const view = (p: ReportingPeriod): PeriodView => ({ label: p.label, from: p.from, to: p.to });
    const rows: UnitFigures[] = [];
    if (req.includeSubunits)
      for (const child of StatisticsReports.directSubunits(units, req.unitId, req.period))
        rows.push({
          unitId: child.unitId,
          unitName: child.name,
          ...figuresOf(cur!, StatisticsReports.subtree(units, child.unitId)),
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

  /**
   * The rolled-up counts of a set of units over one period. `reads` shares the statements of one
   * report (same units and clocks): a question asked twice is asked of the database once.
   */
  async rollups(
    unitIds: string[],
    period: ReportingPeriod,
    req: StatisticsRequest,
    reads = new SharedReads(),
  ): Promise<PeriodRollups> {
    const end = minDate(period.to, req.asOf);
    const rb = req.recordedBefore;
    const open = (on: IsoDate) => reads.once(`open ${on}`, () => openRollups(this.db, unitIds, on, rb));
    const [acts, openAtStart, openAtEnd, reception] = await Promise.all([
      reads.once(`acts ${period.from} ${end}`, () => actRollups(this.db, unitIds, period.from, end, rb)),
      open(addDays(period.from, -1)),
      open(end),
      reads.once(`reception ${period.from} ${end}`, () =>
        receptionRollups(this.db, unitIds, period.from, end, rb),
      ),
    ]);
    return { acts, openAtStart, openAtEnd, reception };
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
    const scope = req.includeSubunits ? StatisticsReports.subtree(units, req.unitId) : new Set([req.unitId]);
    const period =
      selector.which === 'previous'
        ? previousPeriod(req.period)
        : selector.which === 'yearEarlier'
          ? yearEarlierPeriod(req.period)
          : req.period;
    const [group, key, value] = selector.path.split('.') as [string, string | undefined, string | undefined];
    return figureCases(this.db, {
      unitIds: [...scope],
      from: period.from,
      end: minDate(period.to, req.asOf),
      ...(req.recordedBefore ? { recordedBefore: req.recordedBefore } : {}),
      group,
      key,
      value,
      page,
      pageSize,
    });
  }
}
