import { UNIT_EVENT_TYPES, type UnitEvent } from '../../../domain/src/unit/unit.events.js';
import { addDays } from '../../../domain/src/shared/dates.js';
import { assertNever } from '../../../domain/src/shared/event.js';
import { defineProjection, type Row } from '../runner/projection.js';

export interface HeadTermRow {
  personId: string;
  fullName: string;
  from: string;
  to: string | null;
  acting: boolean;
}

export interface UnitNameRow {
  name: string;
  from: string;
}

const unitIdOf = (streamId: string): string => streamId.replace(/^unit-/, '');

/** The organisation over time: one row per unit with its names and head terms (temporal). */
export const unitsProjection = defineProjection({
  name: 'units.v1',
  table: 'rm_units',
  keyColumns: ['unit_id'],
  groupColumns: ['unit_id'],
  temporal: true,
  handles: UNIT_EVENT_TYPES,
  groupsOf: (e) => [{ unit_id: unitIdOf(e.streamId) }],
  evolve: (rows, stored) => {
    const e = stored as unknown as UnitEvent;
    if (e.type === 'UnitCreated') {
      const d = e.data;
      return [
        {
          unit_id: d.unitId,
          name: d.name,
          level: d.level,
          parent_id: d.parentId,
          created_on: d.createdAt,
          merged_into: null,
          merged_on: null,
          names: [{ name: d.name, from: d.createdAt }],
          heads: [],
        },
      ];
    }
    const prev: Row | undefined = rows[0];
    if (!prev) return rows;
    switch (e.type) {
      case 'UnitRenamed':
        return [{ ...prev, name: e.data.name, names: [...(prev.names as UnitNameRow[]), { name: e.data.name, from: e.data.on }] }];
      case 'HeadAppointed': {
        const heads = (prev.heads as HeadTermRow[]).map((h) =>
          h.to === null || h.to >= e.data.from ? { ...h, to: addDays(e.data.from, -1) } : h,
        );
        heads.push({ personId: e.data.personId, fullName: e.data.fullName, from: e.data.from, to: null, acting: e.data.acting });
        return [{ ...prev, heads }];
      }
      case 'UnitMerged': {
        const last = addDays(e.data.effectiveOn, -1);
        const heads = (prev.heads as HeadTermRow[]).map((h) => (h.to === null || h.to > last ? { ...h, to: last } : h));
        return [{ ...prev, merged_into: e.data.intoUnitId, merged_on: e.data.effectiveOn, heads }];
      }
      default:
        return assertNever(e, 'unit event');
    }
  },
});
