import { addDays, type IsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type { UnitEvent, UnitLevel } from './unit.events.js';

/** A name and the first day it is in force; the list is in date order. */
export interface UnitName {
  name: string;
  from: IsoDate;
}

/** A term of office; `to` is the last day (inclusive), null while it runs. */
export interface HeadTerm {
  personId: string;
  fullName: string;
  acting: boolean;
  from: IsoDate;
  to: IsoDate | null;
}

interface UnitFacts {
  unitId: string;
  level: UnitLevel;
  parentId: string | null;
  createdAt: IsoDate;
  /** Every name with the day it took effect, oldest first; the last one is the current name. */
  names: UnitName[];
  /** Every head term, oldest first; never empty-length, never overlapping. */
  terms: HeadTerm[];
}

export type UnitState =
  | { status: 'none' }
  | ({ status: 'active' } & UnitFacts)
  | ({ status: 'merged'; intoUnitId: string; mergedOn: IsoDate } & UnitFacts);

export const initialUnitState = (): UnitState => ({ status: 'none' });

/** Closes the running term on the day before `from`; a term that would be empty is dropped. */
function closeRunningTerm(terms: HeadTerm[], from: IsoDate): HeadTerm[] {
  const last = terms.at(-1);
  if (!last || last.to !== null) return terms;
  const before = terms.slice(0, -1);
  if (last.from >= from) return before;
  return [...before, { ...last, to: addDays(from, -1) }];
}

export function evolveUnit(state: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case 'UnitCreated': {
      const { unitId, name, level, parentId, createdAt } = event.data;
      return {
        status: 'active',
        unitId,
        level,
        parentId,
        createdAt,
        names: [{ name, from: createdAt }],
        terms: [],
      };
    }
    case 'UnitRenamed': {
      if (state.status !== 'active') return state;
      const { name, on } = event.data;
      // A second rename on the same day supersedes the first.
      const names = state.names.filter((n) => n.from < on);
      return { ...state, names: [...names, { name, from: on }] };
    }
    case 'HeadAppointed': {
      if (state.status !== 'active') return state;
      const { personId, fullName, from, acting } = event.data;
      return {
        ...state,
        terms: [...closeRunningTerm(state.terms, from), { personId, fullName, acting, from, to: null }],
      };
    }
    case 'UnitMerged': {
      if (state.status !== 'active') return state;
      const { intoUnitId, effectiveOn } = event.data;
      return {
        ...state,
        status: 'merged',
        intoUnitId,
        mergedOn: effectiveOn,
        terms: closeRunningTerm(state.terms, effectiveOn),
      };
    }
    default:
      return assertNever(event, 'unit event');
  }
}

export const foldUnit = (events: readonly UnitEvent[]): UnitState =>
  events.reduce(evolveUnit, initialUnitState());
