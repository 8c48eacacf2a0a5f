import { Inject, Injectable } from '@nestjs/common';
import {
  type UnitState,
  headOn,
  isActiveOn,
  nameOn,
  termsOf,
  vietnamDateOf,
  unitStreamId,
} from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { unitStateOfRow } from '../../../read-models/src/index.js';
import { fail } from '../common/problem.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { UnitDirectory } from './unit-directory.service.js';

/** What a unit command answers: the unit's view after it, its version (ETag) and position. */
export type UnitCommandResult = NonNullable<ReturnType<typeof unitView>> & {
  version: number;
  position: number | undefined;
};

/**
 * The unit as the contract shows it: `from`, `ceasedOn` and `successorId` (a merger that has taken
 * effect), `mergesInto` (a merger still ahead of `today`: scheduled), `heads` and `delegates`. `date`
 * is the day asked about (names, head); `today` decides whether a recorded merger is still scheduled.
 */
export function unitView(s: UnitState, date: string, today: string = date) {
  if (s.status === 'none') return null;
  const head = headOn(s, date);
  const scheduled = s.status === 'merged' && s.mergedOn > today;
  const merged = s.status === 'merged' && !scheduled ? s : null;
  return {
    id: s.unitId,
    name: nameOn(s, date),
    level: s.level,
    parentId: s.parentId,
    from: s.from,
    ceasedOn: merged?.mergedOn ?? null,
    successorId: merged?.intoUnitId ?? null,
    mergesInto: s.status === 'merged' && scheduled ? { unitId: s.intoUnitId, effectiveOn: s.mergedOn } : null,
    createdAt: s.createdAt,
    status: s.status === 'merged' && date >= s.mergedOn ? 'merged' : 'active',
    mergedInto: merged?.intoUnitId ?? null,
    mergedOn: merged?.mergedOn ?? null,
    head: head ? { personId: head.personId, fullName: head.fullName, acting: head.acting } : null,
    // As of a date: only the terms and names that had begun by then (a merger ends the last term).
    heads: termsOf(s)
      .filter((t) => t.from <= date)
      .map((t) => ({
        personId: t.personId,
        fullName: t.fullName,
        acting: t.acting,
        from: t.from,
        to: t.to,
      })),
    names: s.names.filter((n) => n.from <= date || n === s.names[0]),
    // Delegations in force on `date` or later (who may record reception holds as a head's own).
    delegates: (s.delegations ?? [])
      .filter((d) => d.to === null || d.to >= date)
      .map((d) => ({ headPersonId: d.headPersonId, delegateId: d.delegateId, from: d.from, to: d.to })),
  };
}

/** What everyone may read of any unit (a letter can be routed out of scope): no heads, delegates or mergesInto. */
export function unitPublicView(s: UnitState, date: string, today: string = date) {
  const v = unitView(s, date, today);
  if (!v) return null;
  return {
    id: v.id,
    name: v.name,
    level: v.level,
    parentId: v.parentId,
    from: v.from,
    ceasedOn: v.ceasedOn,
    successorId: v.successorId,
    status: v.status,
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
    if (asOf && !isActiveOn(s, asOf) && asOf < s.from)
      fail('NOT_FOUND', `unit ${unitId} did not exist on ${asOf}`);
    // The stream's current version: what a command's If-Match names (docs/reference/api-contract.md, Concurrency).
    const head = await this.runtime.store.streamHead(unitStreamId(unitId));
    return { ...unitView(s, date, this.today())!, version: head?.version ?? 0 };
  }

  /**
   * The tree on a date (from the units read model): units existing that day with the names and heads
   * of that day. Every unit is listed to any role (a letter can be routed out of scope); heads,
   * delegates and `mergesInto` only for the units in the caller's scope.
   */
  async list(principal: Principal, asOf?: string) {
    const date = asOf ?? this.today();
    const today = this.today();
    const rows: Record<string, unknown>[] = await this.runtime.dataSource.query(
      'SELECT * FROM rm_units WHERE recorded_to IS NULL ORDER BY unit_id',
    );
    const items = [];
    for (const row of rows) {
      const s = unitStateOfRow(row);
      if (s.status === 'none') continue;
      if (asOf && !isActiveOn(s, date)) continue;
      if (await this.directory.inScope(principal, [s.unitId])) items.push(unitView(s, date, today));
      else items.push(unitPublicView(s, date, today));
    }
    return { items, total: items.length, page: 1, pageSize: Math.max(1, Math.min(200, items.length)) };
  }
}
