import { UNIT_EVENT_TYPES, type UnitEvent } from '../../../domain/src/unit/unit.events.js';
import {
  evolveUnit,
  initialUnitState,
  type HeadTerm,
  type UnitName,
  type UnitState,
} from '../../../domain/src/unit/unit.state.js';
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
    names: row.names as UnitName[],
    terms: row.heads as HeadTerm[],
  };
  return row.merged_into
    ? { status: 'merged', intoUnitId: String(row.merged_into), mergedOn: String(row.merged_on), ...facts }
    : { status: 'active', ...facts };
}

/** The organisation over time: one row per unit with its names and head terms (temporal), folded by the domain's evolveUnit. */
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
        merged_into: s.status === 'merged' ? s.intoUnitId : null,
        merged_on: s.status === 'merged' ? s.mergedOn : null,
        names: s.names,
        heads: s.terms,
      },
    ];
  },
});

export { stateOf as unitStateOfRow };
