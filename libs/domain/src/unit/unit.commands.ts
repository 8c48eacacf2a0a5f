import type { IsoDate } from '../shared/dates.js';
import type { Command } from '../shared/event.js';
import type { UnitLevel } from './unit.events.js';

/** `from`: the first day the unit exists (docs/reference/api-contract.md; default 1990-01-01); `createdAt`: today. */
export type CreateUnit = Command<
  'CreateUnit',
  {
    unitId: string;
    name: string;
    level: UnitLevel;
    parentId: string | null;
    createdAt: IsoDate;
    from?: IsoDate;
  }
>;
export type RenameUnit = Command<'RenameUnit', { name: string; on: IsoDate }>;
export type AppointHead = Command<
  'AppointHead',
  { personId: string; fullName: string; from: IsoDate; acting: boolean }
>;
/**
 * `effectiveOn` in the past (a merger recorded afterwards) or ahead (scheduled). The application
 * checks the successor (exists, has not ceased by `effectiveOn`, `from` not after it).
 */
export type MergeUnit = Command<'MergeUnit', { intoUnitId: string; effectiveOn: IsoDate }>;
export type CancelUnitMerger = Command<'CancelUnitMerger', { reason: string }>;
export type NameDelegate = Command<
  'NameDelegate',
  { headPersonId: string; delegateId: string; from: IsoDate; to?: IsoDate | null }
>;
export type EndDelegation = Command<'EndDelegation', { headPersonId: string; delegateId: string }>;

export type UnitCommand =
  CreateUnit | RenameUnit | AppointHead | MergeUnit | CancelUnitMerger | NameDelegate | EndDelegation;
