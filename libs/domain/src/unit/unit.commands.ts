import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type { UnitLevel } from './unit.events.js';

export type CreateUnit = Command<
  'CreateUnit',
  { unitId: string; name: string; level: UnitLevel; parentId: string | null; createdAt: IsoDate }
>;
export type RenameUnit = Command<'RenameUnit', { name: string; on: IsoDate }>;
export type AppointHead = Command<
  'AppointHead',
  { personId: string; fullName: string; from: IsoDate; acting: boolean }
>;
export type MergeUnit = Command<'MergeUnit', { intoUnitId: string; effectiveOn: IsoDate }>;

export type UnitCommand = CreateUnit | RenameUnit | AppointHead | MergeUnit;
