import { expect } from '@jest/globals';
import { DomainError } from '../shared/domain-error.js';
import type { DomainErrorCode } from '../shared/domain-error.js';

export interface Decider<Command, Event, State> {
  decide: (command: Command, state: State) => Event | Event[];
  evolve: (state: State, event: Event) => State;
  initialState: () => State;
}

export interface ThenStep<Event, State> {
  /** Asserts the events decided (matchers such as expect.objectContaining are allowed). */
  then(expected: Event[] | unknown[]): void;
  /** Asserts that the decision throws a DomainError with this code (and path, when given). */
  thenThrows(code: DomainErrorCode, path?: string): void;
  /** The events decided, for custom assertions. */
  events(): Event[];
  /** The state after folding the given events and the decided ones. */
  state(): State;
}

export interface WhenStep<Command, Event, State> {
  when(command: Command): ThenStep<Event, State>;
}

/**
 * given/when/then for pure deciders, no mocks:
 *   spec.given([received()]).when(classify()).then([expect.objectContaining({ type: 'CaseClassified' })])
 */
export const DeciderSpecification = {
  for<Command, Event, State>(decider: Decider<Command, Event, State>) {
    return {
      given(events: Event[]): WhenStep<Command, Event, State> {
        const fold = (es: Event[], from: State) => es.reduce(decider.evolve, from);
        return {
          when(command: Command): ThenStep<Event, State> {
            const run = (): Event[] => {
              const out = decider.decide(command, fold(events, decider.initialState()));
              return Array.isArray(out) ? out : [out];
            };
            return {
              then(expected) {
                const actual = run();
                expect(actual).toEqual(expected);
              },
              thenThrows(code, path) {
                let caught: unknown;
                try {
                  run();
                } catch (e) {
                  caught = e;
                }
                expect(caught).toBeInstanceOf(DomainError);
                const error = caught as DomainError;
                expect({ code: error.code, ...(path !== undefined ? { path: error.path } : {}) }).toEqual({
                  code,
                  ...(path !== undefined ? { path } : {}),
                });
              },
              events: run,
              state: () => fold(run(), fold(events, decider.initialState())),
            };
          },
        };
      },
    };
  },
};
