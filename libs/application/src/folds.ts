import {
  evolve,
  initialCaseState,
  type CaseEvent,
  type CaseState,
  foldReception,
  unitStreamId,
  type UnitEvent,
  foldUnit,
  type UnitState,
} from '../../domain/src/index.js';
import type { ReceptionEvent, ReceptionState } from '../../domain/src/index.js';
import { readStreamForFold, type EventStore, type FoldEvent } from '../../event-store/src/index.js';

/**
 * Stored events → the domain's events, and the folds of each stream type, in one place. The store
 * hands back `{type, data}` as plain JSON; the event-type registry has already refused unknown types.
 */
type Stored = Pick<FoldEvent, 'type' | 'data'>;

export const domainEventsOf = <E>(events: readonly Stored[]): E[] =>
  events.map((e) => ({ type: e.type, data: e.data }) as unknown as E);

export const foldCaseEvents = (events: readonly Stored[]): CaseState =>
  domainEventsOf<CaseEvent>(events).reduce(evolve, initialCaseState());

export const foldUnitEvents = (events: readonly Stored[]): UnitState =>
  foldUnit(domainEventsOf<UnitEvent>(events));

export const foldReceptionEvents = (events: readonly Stored[]): ReceptionState =>
  foldReception(domainEventsOf<ReceptionEvent>(events));

/** A unit's state now, folded from its stream. */
export async function loadUnitState(store: EventStore, unitId: string): Promise<UnitState> {
  return foldUnitEvents(await readStreamForFold(store, unitStreamId(unitId)));
}

/** A case state moved on by the events a command just decided (no fold of the whole stream). */
export const evolveCase = (state: CaseState, events: readonly CaseEvent[]): CaseState =>
  events.reduce(evolve, state);
