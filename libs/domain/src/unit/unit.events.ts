import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';

/** Administrative levels after the 2025 reform (docs/reference/legal.md §9): no district level. */
export type UnitLevel = 'central' | 'province' | 'commune' | 'department' | 'agency';

export const UNIT_LEVELS: readonly UnitLevel[] = ['central', 'province', 'commune', 'department', 'agency'];

/** The unit exists from `createdAt` (a business date) under the name it was created with. */
export type UnitCreated = Event<
  'UnitCreated',
  { unitId: string; name: string; level: UnitLevel; parentId: string | null; createdAt: IsoDate }
>;

/** The unit is called `name` from `on` (inclusive); earlier dates keep the earlier name. */
export type UnitRenamed = Event<'UnitRenamed', { name: string; on: IsoDate }>;

/** `personId` heads the unit from `from`; the previous term (head or acting) ends the day before. */
export type HeadAppointed = Event<
  'HeadAppointed',
  { personId: string; fullName: string; from: IsoDate; acting: boolean }
>;

/** The unit ceases on `effectiveOn` (its last day is the day before); `intoUnitId` is its successor. */
export type UnitMerged = Event<'UnitMerged', { intoUnitId: string; effectiveOn: IsoDate }>;

export type UnitEvent = UnitCreated | UnitRenamed | HeadAppointed | UnitMerged;

export const UNIT_EVENT_TYPES: readonly UnitEvent['type'][] = [
  'UnitCreated',
  'UnitRenamed',
  'HeadAppointed',
  'UnitMerged',
];

/** The one place unit stream ids are built. */
export const unitStreamId = (unitId: string): string => `unit-${unitId}`;
