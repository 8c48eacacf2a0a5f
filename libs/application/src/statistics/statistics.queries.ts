import type { IsoDate } from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';
import type { FigureCase, StatisticsReport } from './statistics.report.js';

/**
 * The periodic report (TT 02/2021/TT-TTCP) as messages on the QueryBus: plain data, one
 * `@QueryHandler` each (`statistics.query-handlers.ts`), for `GET /statistics`, `GET /statistics/cases`
 * and `donthu report`.
 */

/** A unit (default: the reader's), a reporting period or a range, and the two clocks. */
export interface StatisticsFilter {
  unitId?: string;
  /** Roll the sub-units up into the figures (default true). */
  includeSubunits?: boolean;
  /** 2026-Q1…Q4, 2026-H1, 2026-9M or 2026; not with from/to; neither: the current quarter. */
  period?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** Business date: figures cover [from, min(to, asOf)]; default today in Vietnam. */
  asOf?: IsoDate;
  /** Instant: only what was recorded before it counts (a report as filed). */
  recordedBefore?: string;
}

/** GET /statistics: the figures of a unit for a period, the previous period and the same period a year earlier. */
export class GetStatistics extends ApplicationQuery<StatisticsReport> {
  constructor(
    principal: Principal,
    readonly filter: StatisticsFilter,
  ) {
    super(principal);
  }
}

/** GET /statistics/cases: the cases (or reception sessions) behind one figure of the same report. */
export class GetStatisticsCases extends ApplicationQuery<{
  items: FigureCase[];
  total: number;
  page: number;
  pageSize: number;
}> {
  constructor(
    principal: Principal,
    readonly filter: StatisticsFilter,
    /** A figure path such as `resolved.late` or `previous.received.total`. */
    readonly figure: string,
    readonly page = 1,
    readonly pageSize = 200,
  ) {
    super(principal);
  }
}
