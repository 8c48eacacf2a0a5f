import type { Principal } from './roles.js';

/** Every unit in the subtree rooted at a unit (the unit itself included, or added by the caller's data). */
export type SubtreeOf = (unitId: string) => ReadonlySet<string>;

/** The units a principal sees: 'all' for an admin, else their unit and every unit below it. */
export function scopeOf(principal: Principal, subtreeOf: SubtreeOf): 'all' | ReadonlySet<string> {
  if (principal.roles.includes('admin')) return 'all';
  if (principal.unitId === null) return new Set();
  const units = new Set(subtreeOf(principal.unitId));
  units.add(principal.unitId);
  return units;
}

/**
 * A case (or anything else tied to units) is in scope when one of its units — for a case, the
 * receiving or the competent unit — lies in the principal's subtree. Admin: always. Null units are
 * ignored. Out of scope answers 404, so existence is not revealed.
 */
export function inScope(
  principal: Principal,
  unitIds: ReadonlyArray<string | null>,
  subtreeOf: SubtreeOf,
): boolean {
  const scope = scopeOf(principal, subtreeOf);
  if (scope === 'all') return true;
  return unitIds.some((u) => u !== null && scope.has(u));
}
