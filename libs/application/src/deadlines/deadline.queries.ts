import type {
  BoardPage,
  LateEntry,
  OverdueDeadline,
  UpcomingDeadline,
} from '../../../read-models/src/index.js';
import type { IsoDate } from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { ApplicationQuery } from '../bus/messages.js';

/**
 * The deadline boards as messages on the QueryBus: plain data, one `@QueryHandler` each
 * (`deadline.query-handlers.ts`), over the deadlines read model (docs/reference/api-contract.md,
 * "Two clocks on boards").
 */

/** A board: a unit (default: the reader's) with or without its subunits, the two clocks, a page. */
export interface BoardFilter {
  unitId?: string;
  /** Default true. */
  includeSubunits?: boolean;
  /** Business date the board is judged on; default today in Vietnam. */
  asOf?: IsoDate;
  /** Instant: only what was recorded before it counts. */
  recordedBefore?: string;
  page?: number;
  pageSize?: number;
}

/** A letter nobody has classified, with its age in working days (null in a year without calendar data). */
export interface UnclassifiedLetter {
  caseId: string;
  trackingCode: string;
  receivedAt: IsoDate;
  ageWorkingDays: number | null;
  xldDueOn: IsoDate | null;
  receivingUnitId: string;
}

/** GET /deadlines/overdue: tracked deadlines overdue on asOf, as recorded before recordedBefore. */
export class ListOverdueDeadlines extends ApplicationQuery<BoardPage<OverdueDeadline>> {
  constructor(
    principal: Principal,
    readonly filter: BoardFilter,
  ) {
    super(principal);
  }
}

/**
 * GET /deadlines/overdue as a file (needs `exports.read` besides `boards.read`): every page unless
 * `page` is given, and the business date the board was judged on.
 */
export class ExportOverdueDeadlines extends ApplicationQuery<{ asOf: IsoDate; items: OverdueDeadline[] }> {
  constructor(
    principal: Principal,
    readonly filter: BoardFilter,
  ) {
    super(principal);
  }
}

/** GET /deadlines/upcoming: open tracked deadlines due from asOf to asOf + withinDays (default 7). */
export class ListUpcomingDeadlines extends ApplicationQuery<BoardPage<UpcomingDeadline>> {
  constructor(
    principal: Principal,
    readonly filter: BoardFilter & { withinDays?: number },
  ) {
    super(principal);
  }
}

/** GET /deadlines/unclassified: letters nobody has classified, oldest first, with their XLD due date. */
export class ListUnclassifiedLetters extends ApplicationQuery<BoardPage<UnclassifiedLetter>> {
  constructor(
    principal: Principal,
    readonly filter: BoardFilter,
  ) {
    super(principal);
  }
}

/** GET /late-entries: the acts recorded late (back-dated), by unit and by the person who recorded them. */
export class ListLateEntries extends ApplicationQuery<BoardPage<LateEntry>> {
  constructor(
    principal: Principal,
    readonly filter: BoardFilter & { from?: IsoDate; to?: IsoDate; actorId?: string; type?: string },
  ) {
    super(principal);
  }
}
