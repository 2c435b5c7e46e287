import type { CrisisEventInput, EVENT_TYPES, EventType } from '@watchfloor/events';

/** The data of one event type, taken from its own schema, so it is exact whatever the union says. */
export type DataOf<T extends EventType> = ReturnType<(typeof EVENT_TYPES)[T]['data']['parse']>;

/**
 * The data of an event known to be of the given type. The contract's union does not yet narrow
 * `data` by `type` (each variant's data is typed as any type's data), so code that reads one
 * type's data goes through here until it does.
 */
export const dataOf = <T extends EventType>(event: CrisisEventInput, type: T): DataOf<T> => {
  if (event.type !== type) throw new Error(`${event.id} is a ${event.type}, not a ${type}`);
  return event.data as DataOf<T>;
};
