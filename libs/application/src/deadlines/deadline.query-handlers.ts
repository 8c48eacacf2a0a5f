import { Inject, Injectable } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { vietnamDateOf, type IsoDate } from '../../../domain/src/index.js';
import {
  lateEntries,
  overdueDeadlines,
  unclassifiedLetters,
  upcomingDeadlines,
  type BoardPage,
  type LateEntry,
  type OverdueDeadline,
  type UnitScope,
  type UpcomingDeadline,
} from '../../../read-models/src/index.js';
import { requirePermission, type Principal } from '../../../security/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from '../units/unit-directory.service.js';
import {
  ExportOverdueDeadlines,
  ListLateEntries,
  ListOverdueDeadlines,
  ListUnclassifiedLetters,
  ListUpcomingDeadlines,
  type BoardFilter,
  type UnclassifiedLetter,
} from './deadline.queries.js';

/** What every board resolves first: the units it reads (404 when out of reach) and its business date. */
@Injectable()
export class BoardScope {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly units: UnitDirectory,
  ) {}

  /** Today in Vietnam, the default `asOf` of every board. */
  today(): IsoDate {
    return vietnamDateOf(this.runtime.clock());
  }

  /** The requested unit (unknown or out of scope → 404) or the reader's, with or without subunits. */
  resolve(principal: Principal, q: BoardFilter): Promise<UnitScope> {
    return this.units.listScope(principal, q);
  }
}

/**
 * Every page of a paged board (pageSize 200) for an export, unless the caller asked for a page.
 * Stops after `maxPages` pages (40 000 rows).
 */
export async function allPages<T>(
  fetch: (page: number) => Promise<{ items: T[]; total: number; pageSize: number }>,
  askedPage: number | undefined,
  maxPages = 200,
): Promise<T[]> {
  if (askedPage !== undefined) return (await fetch(askedPage)).items;
  const out: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const r = await fetch(page);
    out.push(...r.items);
    if (r.items.length < r.pageSize || out.length >= r.total) break;
  }
  return out;
}

const boardRequest = (q: BoardFilter) => ({
  ...(q.recordedBefore ? { recordedBefore: q.recordedBefore } : {}),
  ...(q.page !== undefined ? { page: q.page } : {}),
  ...(q.pageSize !== undefined ? { pageSize: q.pageSize } : {}),
});

@QueryHandler(ListOverdueDeadlines)
export class ListOverdueDeadlinesHandler implements IQueryHandler<
  ListOverdueDeadlines,
  BoardPage<OverdueDeadline>
> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly boards: BoardScope,
  ) {}

  async execute({ principal, filter }: ListOverdueDeadlines): Promise<BoardPage<OverdueDeadline>> {
    requirePermission(principal, 'boards.read');
    const asOf = filter.asOf ?? this.boards.today();
    const scope = await this.boards.resolve(principal, filter);
    return overdueDeadlines(this.db, { scope, asOf, ...boardRequest(filter) });
  }
}

@QueryHandler(ExportOverdueDeadlines)
export class ExportOverdueDeadlinesHandler implements IQueryHandler<
  ExportOverdueDeadlines,
  { asOf: IsoDate; items: OverdueDeadline[] }
> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly boards: BoardScope,
  ) {}

  /** The scope first (404), then the export permission (403). */
  async execute({
    principal,
    filter,
  }: ExportOverdueDeadlines): Promise<{ asOf: IsoDate; items: OverdueDeadline[] }> {
    requirePermission(principal, 'boards.read');
    const asOf = filter.asOf ?? this.boards.today();
    const scope = await this.boards.resolve(principal, filter);
    const items = await allPages(
      (page) => overdueDeadlines(this.db, { scope, asOf, ...boardRequest({ ...filter, page }) }),
      filter.page,
    );
    requirePermission(principal, 'exports.read');
    return { asOf, items };
  }
}

@QueryHandler(ListUpcomingDeadlines)
export class ListUpcomingDeadlinesHandler implements IQueryHandler<
  ListUpcomingDeadlines,
  BoardPage<UpcomingDeadline>
> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly boards: BoardScope,
  ) {}

  async execute({ principal, filter }: ListUpcomingDeadlines): Promise<BoardPage<UpcomingDeadline>> {
    requirePermission(principal, 'boards.read');
    const asOf = filter.asOf ?? this.boards.today();
    const scope = await this.boards.resolve(principal, filter);
    return upcomingDeadlines(this.db, {
      scope,
      asOf,
      withinDays: filter.withinDays ?? 7,
      ...boardRequest(filter),
    });
  }
}

@QueryHandler(ListUnclassifiedLetters)
export class ListUnclassifiedLettersHandler implements IQueryHandler<
  ListUnclassifiedLetters,
  BoardPage<UnclassifiedLetter>
> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly boards: BoardScope,
  ) {}

  async execute({ principal, filter }: ListUnclassifiedLetters): Promise<BoardPage<UnclassifiedLetter>> {
    requirePermission(principal, 'boards.read');
    const asOf = filter.asOf ?? this.boards.today();
    const scope = await this.boards.resolve(principal, filter);
    const page = await unclassifiedLetters(this.db, {
      scope,
      asOf,
      ...(filter.page !== undefined ? { page: filter.page } : {}),
      ...(filter.pageSize !== undefined ? { pageSize: filter.pageSize } : {}),
    });
    const items = page.items.map((r) => {
      let ageWorkingDays: number | null;
      try {
        ageWorkingDays = this.runtime.calendar.workingDaysBetween(r.startOn, asOf);
      } catch {
        ageWorkingDays = null; // a year without calendar data: never a reason to fail the board
      }
      return {
        caseId: r.caseId,
        trackingCode: r.trackingCode,
        receivedAt: r.receivedAt,
        ageWorkingDays,
        xldDueOn: r.xldDueOn,
        receivingUnitId: r.receivingUnitId,
      };
    });
    return { ...page, items };
  }
}

/**
 * GET /late-entries (docs/reference/api-contract.md, docs/reference/deadlines.md §9): the acts recorded
 * after the LATE_ENTRY_GRACE_DAYS-th working day past their business date. A period ending before it
 * starts → 400; then the scope (404).
 */
@QueryHandler(ListLateEntries)
export class ListLateEntriesHandler implements IQueryHandler<ListLateEntries, BoardPage<LateEntry>> {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly boards: BoardScope,
  ) {}

  async execute({ principal, filter: q }: ListLateEntries): Promise<BoardPage<LateEntry>> {
    requirePermission(principal, 'late-entries.read');
    if (q.from && q.to && q.from > q.to)
      fail('VALIDATION_FAILED', 'from must not be after to', [
        { path: 'to', message: 'must not be before from' },
      ]);
    const scope = await this.boards.resolve(principal, q);
    return lateEntries(this.db, {
      scope,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(q.actorId ? { actorId: q.actorId } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.page !== undefined ? { page: q.page } : {}),
      ...(q.pageSize !== undefined ? { pageSize: q.pageSize } : {}),
    });
  }
}

export const DEADLINE_QUERY_HANDLERS = [
  ListOverdueDeadlinesHandler,
  ExportOverdueDeadlinesHandler,
  ListUpcomingDeadlinesHandler,
  ListUnclassifiedLettersHandler,
  ListLateEntriesHandler,
];
