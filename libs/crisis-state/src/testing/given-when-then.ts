import type { CrisisEvent } from '@watchfloor/events';
import { serialiseState } from '../serialisation';
import { evolve, initialState, type TheatreState } from '../theatre-state';

/**
 * given(...past).when(...new).then((state, before) => …): folds with `evolve` only, and on the
 * way checks the promise `evolve` makes: the state it was given is left exactly as it was.
 */
export interface Then {
  then(assert: (state: TheatreState, before: TheatreState) => void): void;
}

const evolveAll = (start: TheatreState, events: readonly CrisisEvent[]): TheatreState =>
  events.reduce((state, event) => {
    const untouched = JSON.stringify(serialiseState(state));
    const next = evolve(state, event);
    if (JSON.stringify(serialiseState(state)) !== untouched) throw new Error(`evolve changed its input state (event ${event.id})`);
    return next;
  }, start);

export const given = (...past: readonly CrisisEvent[]) => {
  const theatre = past[0]?.theatre ?? 'kz';
  const before = evolveAll(initialState(theatre), past);
  return {
    when: (...events: readonly CrisisEvent[]): Then => ({
      then: (assert) => assert(evolveAll(before, events), before),
    }),
    then: (assert: (state: TheatreState) => void): void => assert(before),
  };
};
