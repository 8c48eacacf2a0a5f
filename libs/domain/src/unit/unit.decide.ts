import { addDays, businessDateProblem, type IsoDate } from '../shared/dates.js';
import type { DecideContext } from '../shared/decide-context.js';
import { assertNever } from '../shared/event.js';
import type {
  AppointHead,
  CancelUnitMerger,
  CreateUnit,
  EndDelegation,
  MergeUnit,
  NameDelegate,
  RenameUnit,
  UnitCommand,
} from './unit.commands.js';
import { requireUnitDate, requireUnitText, unitIllegal, unitInvalid, unitNotFound } from './unit.errors.js';
import {
  UNIT_LEVELS,
  type DelegateNamed,
  type DelegationEnded,
  type HeadAppointed,
  type UnitCreated,
  type UnitEvent,
  type UnitMerged,
  type UnitMergerCancelled,
  type UnitRenamed,
} from './unit.events.js';
import type { UnitState } from './unit.state.js';

type Existing = Exclude<UnitState, { status: 'none' }>;

/** A business date that may lie ahead (a schedule: a unit's or head's `from`, a merger's `effectiveOn`). */
function requireScheduleDate(value: unknown, path: string, today: IsoDate): IsoDate {
  const problem = businessDateProblem(value, path, today);
  if (problem) throw unitInvalid(path, problem);
  return value as IsoDate;
}

/**
 * Every command but CreateUnit needs a unit that exists and has not ceased: from a merger's
 * `effectiveOn` (Vietnam date) it refuses new acts, even before the worker has carried it out.
 */
function requireActive(state: UnitState, ctx: Pick<DecideContext, 'today'>): Existing {
  if (state.status === 'none') throw unitNotFound();
  if (state.status === 'merged' && state.mergedOn <= ctx.today) {
    throw unitIllegal(`unit ${state.unitId} ceased on ${state.mergedOn} (merged into ${state.intoUnitId})`);
  }
  return state;
}

export function createUnit(cmd: CreateUnit, state: UnitState, ctx: DecideContext): UnitCreated {
  if (state.status !== 'none') throw unitIllegal(`unit ${state.unitId} exists already`);
  const { unitId, name, level, parentId, createdAt } = cmd.data;
  requireUnitText(unitId, 'unitId');
  requireUnitText(name, 'name');
  if (!UNIT_LEVELS.includes(level))
    throw unitInvalid('level', `level must be one of ${UNIT_LEVELS.join(', ')}`);
  if (parentId !== null) {
    requireUnitText(parentId, 'parentId');
    if (parentId === unitId) throw unitInvalid('parentId', 'a unit cannot be its own parent');
  }
  requireUnitDate(createdAt, 'createdAt', ctx.today);
  const from =
    cmd.data.from === undefined ? undefined : requireScheduleDate(cmd.data.from, 'from', ctx.today);
  return {
    type: 'UnitCreated',
    data: { unitId, name, level, parentId, createdAt, ...(from !== undefined ? { from } : {}) },
  };
}

export function renameUnit(cmd: RenameUnit, state: UnitState, ctx: DecideContext): UnitRenamed {
  const s = requireActive(state, ctx);
  const { name, on } = cmd.data;
  requireUnitText(name, 'name');
  requireUnitDate(on, 'on', ctx.today);
  const current = s.names.at(-1)!;
  if (on < current.from)
    throw unitInvalid('on', `the current name is in force from ${current.from}; a rename cannot precede it`);
  if (name === current.name) throw unitInvalid('name', 'the unit already has this name');
  return { type: 'UnitRenamed', data: { name, on } };
}

export function appointHead(cmd: AppointHead, state: UnitState, ctx: DecideContext): HeadAppointed {
  const s = requireActive(state, ctx);
  const { personId, fullName, from, acting } = cmd.data;
  requireUnitText(personId, 'personId');
  requireUnitText(fullName, 'fullName');
  requireScheduleDate(from, 'from', ctx.today);
  if (typeof acting !== 'boolean') throw unitInvalid('acting', 'acting must be a boolean');
  if (from < s.from)
    throw unitInvalid('from', `the unit exists from ${s.from}; a head cannot begin before it`);
  if (s.status === 'merged' && from >= s.mergedOn)
    throw unitInvalid('from', `the unit ceases on ${s.mergedOn}; a head cannot begin on or after it`);
  const current = s.terms.at(-1);
  if (current && from < current.from) {
    throw unitInvalid(
      'from',
      `the current term starts on ${current.from}; a new term cannot start before it`,
    );
  }
  return { type: 'HeadAppointed', data: { personId, fullName, from, acting } };
}

/**
 * A merger in the past (on or after the unit's `from`; what was pending on that date moves) or ahead
 * (scheduled: one per unit, carried out on `effectiveOn`, withdrawn by CancelUnitMerger before then).
 */
export function mergeUnit(cmd: MergeUnit, state: UnitState, ctx: DecideContext): UnitMerged {
  const s = requireActive(state, ctx);
  if (s.status === 'merged')
    throw unitIllegal(`unit ${s.unitId} is already to merge into ${s.intoUnitId} on ${s.mergedOn}`);
  const { intoUnitId, effectiveOn } = cmd.data;
  requireUnitText(intoUnitId, 'intoUnitId');
  if (intoUnitId === s.unitId) throw unitInvalid('intoUnitId', 'a unit cannot merge into itself');
  requireScheduleDate(effectiveOn, 'effectiveOn', ctx.today);
  if (effectiveOn <= s.from)
    throw unitInvalid('effectiveOn', `effectiveOn must be after ${s.from} (the day the unit exists from)`);
  // A head term that begins on or after the merger would never run.
  const lastTerm = s.terms.at(-1);
  if (lastTerm && effectiveOn <= lastTerm.from) {
    throw unitInvalid(
      'effectiveOn',
      `effectiveOn must be after ${lastTerm.from} (the start of the latest head term)`,
    );
  }
  return { type: 'UnitMerged', data: { intoUnitId, effectiveOn, recordedOn: ctx.today } };
}

export function cancelMerger(
  cmd: CancelUnitMerger,
  state: UnitState,
  ctx: DecideContext,
): UnitMergerCancelled {
  const s = requireActive(state, ctx);
  if (s.status !== 'merged') throw unitIllegal(`unit ${s.unitId} has no scheduled merger`);
  const reason = requireUnitText(cmd.data.reason, 'reason');
  return {
    type: 'UnitMergerCancelled',
    data: { intoUnitId: s.intoUnitId, effectiveOn: s.mergedOn, reason },
  };
}

/** docs/reference/api-contract.md: a delegation's `from` is not before the day it is recorded; the head must hold a term then. */
export function nameDelegate(cmd: NameDelegate, state: UnitState, ctx: DecideContext): DelegateNamed {
  const s = requireActive(state, ctx);
  const { headPersonId, delegateId, from } = cmd.data;
  const to = cmd.data.to ?? null;
  requireUnitText(headPersonId, 'headPersonId');
  requireUnitText(delegateId, 'delegateId');
  if (delegateId === headPersonId) throw unitInvalid('delegateId', 'a head cannot be their own delegate');
  requireScheduleDate(from, 'from', ctx.today);
  if (from < ctx.today)
    throw unitInvalid(
      'from',
      `from ${from} is before today (${ctx.today}): a delegation cannot be back-dated`,
    );
  if (to !== null) {
    requireScheduleDate(to, 'to', ctx.today);
    if (to < from) throw unitInvalid('to', 'to must not be before from');
  }
  const holdsTerm = s.terms.some(
    (t) => t.personId === headPersonId && (t.to === null || t.to >= from) && (to === null || t.from <= to),
  );
  if (!holdsTerm) throw unitInvalid('headPersonId', `${headPersonId} is not the head of ${s.unitId} then`);
  return { type: 'DelegateNamed', data: { headPersonId, delegateId, from, to } };
}

/** Ends a delegation from today on: its last day is yesterday (one not begun yet is withdrawn). */
export function endDelegation(cmd: EndDelegation, state: UnitState, ctx: DecideContext): DelegationEnded {
  const s = requireActive(state, ctx);
  const { headPersonId, delegateId } = cmd.data;
  const live = (s.delegations ?? []).some(
    (d) =>
      d.headPersonId === headPersonId && d.delegateId === delegateId && (d.to === null || d.to >= ctx.today),
  );
  if (!live) throw unitNotFound(`no delegation of ${headPersonId} to ${delegateId}`);
  return { type: 'DelegationEnded', data: { headPersonId, delegateId, to: addDays(ctx.today, -1) } };
}

/** The unit decider: guards first, then the events. */
export function decideUnit(cmd: UnitCommand, state: UnitState, ctx: DecideContext): UnitEvent[] {
  switch (cmd.type) {
    case 'CreateUnit':
      return [createUnit(cmd, state, ctx)];
    case 'RenameUnit':
      return [renameUnit(cmd, state, ctx)];
    case 'AppointHead':
      return [appointHead(cmd, state, ctx)];
    case 'MergeUnit':
      return [mergeUnit(cmd, state, ctx)];
    case 'CancelUnitMerger':
      return [cancelMerger(cmd, state, ctx)];
    case 'NameDelegate':
      return [nameDelegate(cmd, state, ctx)];
    case 'EndDelegation':
      return [endDelegation(cmd, state, ctx)];
    default:
      return assertNever(cmd, 'unit command');
  }
}
