import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { isActiveOn, unitStreamId, vietnamDateOf } from '../../../domain/src/index.js';
import { currentUnits } from '../../../read-models/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from './unit-directory.service.js';
import { GetUnit, ListUnits, type UnitList, type UnitResult } from './unit.queries.js';
import { unitPublicView, unitView } from './unit.views.js';

/** Unknown or out of scope → 404 (existence is not revealed); as of a day before it existed → 404. */
@QueryHandler(GetUnit)
export class GetUnitHandler implements IQueryHandler<GetUnit, UnitResult> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly directory: UnitDirectory,
  ) {}

  async execute({ principal, unitId, asOf }: GetUnit): Promise<UnitResult> {
    const today = vietnamDateOf(this.runtime.clock());
    const s = await this.directory.state(unitId);
    if (s.status === 'none' || !(await this.directory.inScope(principal, [unitId])))
      return fail('NOT_FOUND', `no unit ${unitId}`);
    const date = asOf ?? today;
    if (asOf && !isActiveOn(s, asOf) && asOf < s.from)
      fail('NOT_FOUND', `unit ${unitId} did not exist on ${asOf}`);
    // The stream's current version: what a command's If-Match names (docs/reference/api-contract.md, Concurrency).
    const head = await this.runtime.store.streamHead(unitStreamId(unitId));
    return { ...unitView(s, date, today)!, version: head?.version ?? 0 };
  }
}

/**
 * The tree on a date (from the units read model): units existing that day with the names and heads
 * of that day. Every unit is listed to any role (a letter can be routed out of scope); heads,
 * delegates and `mergesInto` only for the units in the caller's scope.
 */
@QueryHandler(ListUnits)
export class ListUnitsHandler implements IQueryHandler<ListUnits, UnitList> {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: UnitDirectory,
  ) {}

  async execute({ principal, asOf, paging }: ListUnits): Promise<UnitList> {
    const today = vietnamDateOf(this.runtime.clock());
    const date = asOf ?? today;
    const items: UnitList['items'] = [];
    for (const s of await currentUnits(this.db)) {
      if (s.status === 'none') continue;
      if (asOf && !isActiveOn(s, date)) continue;
      if (await this.directory.inScope(principal, [s.unitId])) items.push(unitView(s, date, today)!);
      else items.push(unitPublicView(s, date, today)!);
    }
    const page = paging.page ?? 1;
    const pageSize = paging.pageSize ?? 200;
    return {
      items: items.slice((page - 1) * pageSize, page * pageSize),
      total: items.length,
      page,
      pageSize,
    };
  }
}

export const UNIT_QUERY_HANDLERS = [GetUnitHandler, ListUnitsHandler];
