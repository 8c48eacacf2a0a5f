import {
  UNIT_EVENT_TYPES,
  type UnitEvent,
  evolveUnit,
  initialUnitState,
  UNIT_EARLIEST_FROM,
  type Delegation,
  type HeadTerm,
  type UnitName,
  type UnitState,
} from '../../../domain/src/index.js';
import { defineProjection, type Row } from '../runner/projection.js';

export type { HeadTerm, UnitName };

const unitIdOf = (streamId: string): string => streamId.replace(/^unit-/, '');

/** Rebuilds the domain's unit state from a row (the row stores exactly what evolve needs). */
function stateOf(row: Row | undefined): UnitState {
  if (!row) return initialUnitState();
  const facts = {
    unitId: String(row.unit_id),
    level: row.level as never,
    parentId: (row.parent_id as string | null) ?? null,
    createdAt: String(row.created_on),
    from: row.from_on ? String(row.from_on) : UNIT_EARLIEST_FROM,
    names: row.names as UnitName[],
    terms: row.heads as HeadTerm[],
    delegations: (row.delegations as Delegation[] | null | undefined) ?? [],
  };
  return row.merged_into
    ? { status: 'merged', intoUnitId: String(row.merged_into), mergedOn: String(row.merged_on), ...facts }
    : { status: 'active', ...facts };
}

/**
 * The organisation over time: one row per unit with its names, head terms and delegations (temporal),
 * folded by the domain's evolveUnit. `from_on`: the first day the unit exists; `merged_into` /
 * `merged_on`: a recorded merger, scheduled while `merged_on` is after today. `heads` holds the terms
 * as appointed; the domain's `termsOf` ends them at a merger.
 */
export const unitsProjection = defineProjection({
  name: 'units.v1',
  table: 'rm_units',
  keyColumns: ['unit_id'],
  groupColumns: ['unit_id'],
  temporal: true,
  handles: UNIT_EVENT_TYPES,
  groupsOf: (e) => [{ unit_id: unitIdOf(e.streamId) }],
  evolve: (rows, stored) => {
    const s = evolveUnit(stateOf(rows[0]), stored as unknown as UnitEvent);
    if (s.status === 'none') return rows;
    return [
      {
        unit_id: s.unitId,
        name: s.names[s.names.length - 1]!.name,
        level: s.level,
        parent_id: s.parentId,
        created_on: s.createdAt,
        from_on: s.from,
        merged_into: s.status === 'merged' ? s.intoUnitId : null,
        merged_on: s.status === 'merged' ? s.mergedOn : null,
        names: s.names,
        heads: s.terms,
        delegations: s.delegations,
      },
    ];
  },
});

export { stateOf as unitStateOfRow };
