import { Inject, Injectable } from '@nestjs/common';
import { type UnitState } from '../../../domain/src/unit/unit.state.js';
import { headOn, isActiveOn, nameOn } from '../../../domain/src/unit/unit.queries.js';
import { vietnamDateOf } from '../../../domain/src/shared/dates.js';
import type { Principal } from '../../../security/src/auth/roles.js';
import { unitStateOfRow } from '../../../read-models/src/read-models/units.projection.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from './unit-directory.service.js';
import { unitStreamId } from '../../../domain/src/unit/unit.events.js';

/** What a unit command answers: the unit's view after it, its version (ETag) and position. */
export type UnitCommandResult = NonNullable<ReturnType<typeof unitView>> & {
  version: number;
  position: number | undefined;
};

export function unitView(s: UnitState, date: string) {
  if (s.status === 'none') return null;
  const head = headOn(s, date);
  return {
    id: s.unitId,
    name: nameOn(s, date),
    level: s.level,
    parentId: s.parentId,
    createdAt: s.createdAt,
    status: s.status === 'merged' && date >= s.mergedOn ? 'merged' : 'active',
    mergedInto: s.status === 'merged' ? s.intoUnitId : null,
    mergedOn: s.status === 'merged' ? s.mergedOn : null,
    head: head ? { personId: head.personId, fullName: head.fullName, acting: head.acting } : null,
    // As of a date: only the terms and names that had begun by then.
    heads: s.terms
      .filter((t) => t.from <= date)
      .map((t) => ({
        personId: t.personId,
        fullName: t.fullName,
        acting: t.acting,
        from: t.from,
        to: t.to,
      })),
    names: s.names.filter((n) => n.from <= date || n === s.names[0]),
  };
}

@Injectable()
export class UnitService {
  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly directory: UnitDirectory,
  ) {}

  private today(): string {
    return vietnamDateOf(this.runtime.clock());
  }

  async get(unitId: string, principal: Principal, asOf?: string) {
    const s = await this.directory.state(unitId);
    if (s.status === 'none' || !(await this.directory.inScope(principal, [unitId])))
      return fail('NOT_FOUND', `no unit ${unitId}`);
    const date = asOf ?? this.today();
    if (asOf && !isActiveOn(s, asOf) && asOf < s.createdAt)
      fail('NOT_FOUND', `unit ${unitId} did not exist on ${asOf}`);
    // The stream's current version: what a command's If-Match names (docs/reference/api-contract.md, Concurrency).
    const head = await this.runtime.store.streamHead(unitStreamId(unitId));
    return { ...unitView(s, date)!, version: head?.version ?? 0 };
  }

  /** The tree on a date (from the units read model): units existing that day with the names and heads of that day. */
  async list(principal: Principal, asOf?: string) {
    const date = asOf ?? this.today();
    const rows: Record<string, unknown>[] = await this.runtime.dataSource.query(
      'SELECT * FROM rm_units WHERE recorded_to IS NULL ORDER BY unit_id',
    );
    const items = [];
    for (const row of rows) {
      const s = unitStateOfRow(row);
      if (s.status === 'none') continue;
      if (asOf && (date < s.createdAt || (s.status === 'merged' && date >= s.mergedOn))) continue;
      if (!(await this.directory.inScope(principal, [s.unitId]))) continue;
      items.push(unitView(s, date));
    }
    return { items, total: items.length, page: 1, pageSize: Math.max(1, Math.min(200, items.length)) };
  }
}
