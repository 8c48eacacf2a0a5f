import type { IsoDate } from '../shared/dates.js';
import type { Event } from '../shared/event.js';

/** Administrative levels after the 2025 reform (docs/reference/legal.md §9): no district level. */
export type UnitLevel = 'central' | 'province' | 'commune' | 'department' | 'agency';

export const UNIT_LEVELS: readonly UnitLevel[] = ['central', 'province', 'commune', 'department', 'agency'];

/**
 * The unit was entered on `createdAt` (the day it was recorded) under the name it was created with;
 * it exists from `from` (docs/reference/api-contract.md: default 1990-01-01, as for units created before the field existed).
 */
export type UnitCreated = Event<
  'UnitCreated',
  {
    unitId: string;
    name: string;
    level: UnitLevel;
    parentId: string | null;
    createdAt: IsoDate;
    from?: IsoDate;
  }
>;

/** The unit is called `name` from `on` (inclusive); earlier dates keep the earlier name. */
export type UnitRenamed = Event<'UnitRenamed', { name: string; on: IsoDate }>;

/** `personId` heads the unit from `from`; the previous term (head or acting) ends the day before. */
export type HeadAppointed = Event<
  'HeadAppointed',
  { personId: string; fullName: string; from: IsoDate; acting: boolean }
>;

/**
 * The unit ceases on `effectiveOn` (its last day is the day before); `intoUnitId` is its successor.
 * `effectiveOn` may lie in the past (a merger recorded afterwards) or ahead (a scheduled merger,
 * carried out by the worker on that date; `recordedOn` tells which).
 */
export type UnitMerged = Event<
  'UnitMerged',
  { intoUnitId: string; effectiveOn: IsoDate; recordedOn?: IsoDate }
>;

/** A scheduled merger withdrawn before its `effectiveOn` (docs/reference/api-contract.md `POST /units/:id/merge/cancel`). */
export type UnitMergerCancelled = Event<
  'UnitMergerCancelled',
  { intoUnitId: string; effectiveOn: IsoDate; reason: string }
>;

/**
 * `delegateId` may record reception holds as `headPersonId`'s own from `from` to `to` (inclusive;
 * null: until ended) — docs/reference/api-contract.md `POST /units/:id/heads/:personId/delegates`.
 */
export type DelegateNamed = Event<
  'DelegateNamed',
  { headPersonId: string; delegateId: string; from: IsoDate; to: IsoDate | null }
>;

/** The delegation ends: its last day is `to` (the day before it was ended). */
export type DelegationEnded = Event<
  'DelegationEnded',
  { headPersonId: string; delegateId: string; to: IsoDate }
>;

export type UnitEvent =
  | UnitCreated
  | UnitRenamed
  | HeadAppointed
  | UnitMerged
  | UnitMergerCancelled
  | DelegateNamed
  | DelegationEnded;

export const UNIT_EVENT_TYPES: readonly UnitEvent['type'][] = [
  'UnitCreated',
  'UnitRenamed',
  'HeadAppointed',
  'UnitMerged',
  'UnitMergerCancelled',
  'DelegateNamed',
  'DelegationEnded',
];

/** The one place unit stream ids are built. */
export const unitStreamId = (unitId: string): string => `unit-${unitId}`;
