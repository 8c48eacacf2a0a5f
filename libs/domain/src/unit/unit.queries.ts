import type { IsoDate } from '../shared/dates.js';
import { termsOf, type Delegation, type HeadTerm, type UnitState } from './unit.state.js';

/** Who headed the unit on a day. */
export interface HeadOnDate {
  personId: string;
  fullName: string;
  acting: boolean;
}

const covers = (term: HeadTerm, date: IsoDate): boolean =>
  term.from <= date && (term.to === null || date <= term.to);

/** The head (or acting head) in office on `date`; null before the first term and from a merger on. */
export function headOn(state: UnitState, date: IsoDate): HeadOnDate | null {
  const term = termsOf(state).find((t) => covers(t, date));
  return term ? { personId: term.personId, fullName: term.fullName, acting: term.acting } : null;
}

/** Every term with at least one day in [from, to], oldest first, with its own (unclipped) bounds. */
export function termsOverlapping(state: UnitState, from: IsoDate, to: IsoDate): HeadTerm[] {
  return termsOf(state)
    .filter((t) => t.from <= to && (t.to === null || t.to >= from))
    .map((t) => ({ ...t }));
}

/**
 * The name in force on `date`, so historic cases keep the name of their time. Dates before the
 * unit was created get the name it was created with (the body existed before donthu knew it);
 * null only when the unit does not exist.
 */
export function nameOn(state: UnitState, date: IsoDate): string | null {
  if (state.status === 'none') return null;
  let name = state.names[0]!.name;
  for (const n of state.names) if (n.from <= date) name = n.name;
  return name;
}

/** True from the unit's `from` until the day before a merger's `effectiveOn`. */
export function isActiveOn(state: UnitState, date: IsoDate): boolean {
  if (state.status === 'none') return false;
  if (date < state.from) return false;
  return state.status === 'active' || date < state.mergedOn;
}

/** The day the unit ceases (a merger's `effectiveOn`, also while it is scheduled); null when none is recorded. */
export const ceasedOnOf = (state: UnitState): IsoDate | null =>
  state.status === 'merged' ? state.mergedOn : null;

/** The delegations of `headPersonId` in force on `date` (docs/reference/api-contract.md: who may record holds as that head's own). */
export function delegatesOn(state: UnitState, headPersonId: string, date: IsoDate): Delegation[] {
  if (state.status === 'none') return [];
  return (state.delegations ?? []).filter(
    (d) => d.headPersonId === headPersonId && d.from <= date && (d.to === null || date <= d.to),
  );
}
