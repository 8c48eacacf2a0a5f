import { Inject, Injectable } from '@nestjs/common';
import { loadUnitState } from '../folds.js';
import { type UnitState, delegatesOn, headOn, vietnamDateOf } from '../../../domain/src/index.js';
import type { Principal } from '../../../security/src/index.js';
import { RUNTIME, type Runtime } from '../runtime.tokens.js';
import { fail } from '../common/problem.js';

/**
 * The organisation, read from the unit streams (strongly consistent). A unit's parent never
 * changes after creation, so parents are cached for ancestry walks (scope checks).
 */
@Injectable()
export class UnitDirectory {
  private readonly parents = new Map<string, string | null>();

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async state(unitId: string): Promise<UnitState> {
    return loadUnitState(this.runtime.store, unitId);
  }

  async exists(unitId: string): Promise<boolean> {
    return (await this.parentOf(unitId)) !== undefined;
  }

  /** The parent id, null for a root, undefined when the unit does not exist. */
  async parentOf(unitId: string): Promise<string | null | undefined> {
    if (this.parents.has(unitId)) return this.parents.get(unitId);
    const s = await this.state(unitId);
    if (s.status === 'none') return undefined;
    this.parents.set(unitId, s.parentId);
    return s.parentId;
  }

  /** True when `unitId` is `rootId` or lies below it. */
  async isWithin(unitId: string, rootId: string): Promise<boolean> {
    let current: string | null | undefined = unitId;
    for (let depth = 0; current && depth < 64; depth++) {
      if (current === rootId) return true;
      current = await this.parentOf(current);
    }
    return false;
  }

  /** Admin: everything; others: one of the units lies in their unit's subtree. */
  async inScope(principal: Principal, unitIds: ReadonlyArray<string | null>): Promise<boolean> {
    if (principal.roles.includes('admin')) return true;
    if (!principal.unitId) return false;
    for (const u of unitIds) if (u && (await this.isWithin(u, principal.unitId))) return true;
    return false;
  }

  async headOn(unitId: string, date: string): Promise<{ personId: string; fullName: string } | null> {
    const h = headOn(await this.state(unitId), date);
    return h ? { personId: h.personId, fullName: h.fullName } : null;
  }

  /** The people who may record reception holds as `headPersonId`'s own on `date` (docs/reference/api-contract.md delegates). */
  async delegatesOf(unitId: string, headPersonId: string, date: string): Promise<string[]> {
    return delegatesOn(await this.state(unitId), headPersonId, date).map((d) => d.delegateId);
  }

  /**
   * Why an act dated `date` may not name the unit (docs/reference/api-contract.md Units: before its `from`, or on or after its
   * `ceasedOn`), or null when it may. `date` defaults to today (Vietnam).
   */
  async problemOn(
    unitId: string,
    date: string = vietnamDateOf(this.runtime.clock()),
    /** The unit as the caller just read it (saves reading its stream again). */
    known?: UnitState,
  ): Promise<string | null> {
    const s = known ?? (await this.state(unitId));
    if (s.status === 'none') return 'no such unit';
    if (date < s.from) return `unit ${unitId} exists from ${s.from}`;
    if (s.status === 'merged' && date >= s.mergedOn) return `unit ${unitId} ceased on ${s.mergedOn}`;
    return null;
  }

  /**
   * The units a list or board reads: the requested unit, or the reader's own (null: an admin without
   * a unit reads everything), with its subunits unless `includeSubunits` is false. An unknown unit or
   * one outside the reader's scope is a 404 (existence is not revealed).
   */
  async listScope(
    principal: Principal,
    q: { unitId?: string; includeSubunits?: boolean },
  ): Promise<{ unitId: string | null; includeSubunits: boolean }> {
    const unitId = q.unitId ?? principal.unitId ?? null;
    if (q.unitId && !(await this.exists(q.unitId))) fail('NOT_FOUND', `no unit ${q.unitId}`);
    if (unitId && !(await this.inScope(principal, [unitId]))) fail('NOT_FOUND', `no unit ${unitId}`);
    return { unitId, includeSubunits: q.includeSubunits !== false };
  }
}
