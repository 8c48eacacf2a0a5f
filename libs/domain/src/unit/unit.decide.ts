import { maxDate } from '../shared/dates.js';
import type { DecideContext } from '../shared/decide-context.js';
import { assertNever } from '../shared/event.js';
import type { AppointHead, CreateUnit, MergeUnit, RenameUnit, UnitCommand } from './unit.commands.js';
import { requireUnitDate, requireUnitText, unitIllegal, unitInvalid, unitNotFound } from './unit.errors.js';
import {
  UNIT_LEVELS,
  type HeadAppointed,
  type UnitCreated,
  type UnitEvent,
  type UnitMerged,
  type UnitRenamed,
} from './unit.events.js';
import type { UnitState } from './unit.state.js';

type Active = Extract<UnitState, { status: 'active' }>;

/** Every command but CreateUnit needs a unit that exists and has not ceased. */
function requireActive(state: UnitState): Active {
  if (state.status === 'none') throw unitNotFound();
  if (state.status === 'merged') {
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
  return { type: 'UnitCreated', data: { unitId, name, level, parentId, createdAt } };
}

export function renameUnit(cmd: RenameUnit, state: UnitState, ctx: DecideContext): UnitRenamed {
  const s = requireActive(state);
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
  const s = requireActive(state);
  const { personId, fullName, from, acting } = cmd.data;
  requireUnitText(personId, 'personId');
  requireUnitText(fullName, 'fullName');
  requireUnitDate(from, 'from', ctx.today);
  if (typeof acting !== 'boolean') throw unitInvalid('acting', 'acting must be a boolean');
  const current = s.terms.at(-1);
  if (current && from < current.from) {
    throw unitInvalid(
      'from',
      `the current term starts on ${current.from}; a new term cannot start before it`,
    );
  }
  return { type: 'HeadAppointed', data: { personId, fullName, from, acting } };
}

export function mergeUnit(cmd: MergeUnit, state: UnitState, ctx: DecideContext): UnitMerged {
  const s = requireActive(state);
  const { intoUnitId, effectiveOn } = cmd.data;
  requireUnitText(intoUnitId, 'intoUnitId');
  if (intoUnitId === s.unitId) throw unitInvalid('intoUnitId', 'a unit cannot merge into itself');
  requireUnitDate(effectiveOn, 'effectiveOn', ctx.today);
  // The unit must have existed for at least one day, under its latest name and head.
  const lastRecorded = [s.createdAt, s.names.at(-1)!.from, ...s.terms.map((t) => t.from)].reduce(maxDate);
  if (effectiveOn <= lastRecorded) {
    throw unitInvalid(
      'effectiveOn',
      `effectiveOn must be after ${lastRecorded} (the latest creation, rename or appointment)`,
    );
  }
  return { type: 'UnitMerged', data: { intoUnitId, effectiveOn } };
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
    default:
      return assertNever(cmd, 'unit command');
  }
}
