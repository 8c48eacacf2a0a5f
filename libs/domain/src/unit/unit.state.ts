import { addDays, minDate, type IsoDate } from '../shared/dates.js';
import { assertNever } from '../shared/event.js';
import type { UnitEvent, UnitLevel } from './unit.events.js';

/** docs/reference/api-contract.md: a unit created without `from` (and every unit created before the field existed) exists from this day. */
export const UNIT_EARLIEST_FROM: IsoDate = '1990-01-01';

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

/** Who may record reception holds as a head's own, from `from` to `to` (inclusive; null: open). */
export interface Delegation {
  headPersonId: string;
  delegateId: string;
  from: IsoDate;
  to: IsoDate | null;
}

interface UnitFacts {
  unitId: string;
  level: UnitLevel;
  parentId: string | null;
  /** The day the unit was entered in donthu. */
  createdAt: IsoDate;
  /** The first day the unit exists (docs/reference/api-contract.md `from`). */
  from: IsoDate;
  /** Every name with the day it took effect, oldest first; the last one is the current name. */
  names: UnitName[];
  /**
   * Every head term, oldest first; never empty-length, never overlapping. A merger's end is applied
   * by the queries (`termsOf`), so that a scheduled merger withdrawn leaves the terms as they were.
   */
  terms: HeadTerm[];
  delegations: Delegation[];
}

/**
 * `merged`: a merger is recorded. It has taken effect when `mergedOn` is on or before the day asked
 * about; until then it is scheduled (docs/reference/api-contract.md `mergesInto`) and can be withdrawn.
 */
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

/** The head terms with a merger's end applied: each ends at the latest on the day before `mergedOn`. */
export function termsOf(state: UnitState): HeadTerm[] {
  if (state.status === 'none') return [];
  if (state.status !== 'merged') return state.terms;
  const last = addDays(state.mergedOn, -1);
  return state.terms
    .filter((t) => t.from <= last)
    .map((t) => ({ ...t, to: t.to === null ? last : minDate(t.to, last) }));
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
        from: event.data.from ?? UNIT_EARLIEST_FROM,
        names: [{ name, from: createdAt }],
        terms: [],
        delegations: [],
      };
    }
    case 'UnitRenamed': {
      if (state.status === 'none') return state;
      const { name, on } = event.data;
      // A second rename on the same day supersedes the first.
      const names = state.names.filter((n) => n.from < on);
      return { ...state, names: [...names, { name, from: on }] };
    }
    case 'HeadAppointed': {
      if (state.status === 'none') return state;
      const { personId, fullName, from, acting } = event.data;
      return {
        ...state,
        terms: [...closeRunningTerm(state.terms, from), { personId, fullName, acting, from, to: null }],
      };
    }
    case 'UnitMerged': {
      if (state.status !== 'active') return state;
      const { intoUnitId, effectiveOn } = event.data;
      return { ...state, status: 'merged', intoUnitId, mergedOn: effectiveOn };
    }
    case 'UnitMergerCancelled': {
      if (state.status !== 'merged') return state;
      const { intoUnitId: _into, mergedOn: _on, ...facts } = state;
      return { ...facts, status: 'active' };
    }
    case 'DelegateNamed': {
      if (state.status === 'none') return state;
      return { ...state, delegations: [...(state.delegations ?? []), { ...event.data }] };
    }
    case 'DelegationEnded': {
      if (state.status === 'none') return state;
      const { headPersonId, delegateId, to } = event.data;
      const delegations = (state.delegations ?? [])
        .map((d) =>
          d.headPersonId === headPersonId && d.delegateId === delegateId && (d.to === null || d.to > to)
            ? { ...d, to }
            : d,
        )
        .filter((d) => d.to === null || d.to >= d.from);
      return { ...state, delegations };
    }
    default:
      return assertNever(event, 'unit event');
  }
}

export const foldUnit = (events: readonly UnitEvent[]): UnitState =>
  events.reduce(evolveUnit, initialUnitState());
