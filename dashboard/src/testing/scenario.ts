import { foldEvents, type TheatreState } from '@watchfloor/crisis-state';
import { parseCrisisEvent, recordEvent, type CrisisEvent, type EventOf, type EventType } from '@watchfloor/events';
import { kazakhstan2022, SCENARIO_EVENT_IDS } from '@watchfloor/scenario';

/**
 * The seed scenario for tests (never bundled: only specs import this folder). Events are
 * recorded half an hour after they happened, as crisis-state's own fixtures do.
 */
const REPORTING_DELAY_MS = 30 * 60_000;

export const scenario: readonly CrisisEvent[] = kazakhstan2022.map((input) => {
  const parsed = parseCrisisEvent(recordEvent(input, new Date(Date.parse(input.occurredAt) + REPORTING_DELAY_MS)));
  if (!parsed.ok) throw new Error(`scenario event ${input.id} is invalid: ${JSON.stringify(parsed.issues)}`);
  return parsed.event;
});

export const ids = SCENARIO_EVENT_IDS;

export const eventsOf = (theatre: string): CrisisEvent[] => scenario.filter((event) => event.theatre === theatre);

export const scenarioEvent = (eventId: string): CrisisEvent => {
  const event = scenario.find((e) => e.id === eventId);
  if (event === undefined) throw new Error(`no scenario event ${eventId}`);
  return event;
};

export const foldTheatre = (theatre: string, events: readonly CrisisEvent[] = eventsOf(theatre)): TheatreState => foldEvents(events, theatre);

export const iso = (text: string): number => Date.parse(text);

/**
 * A scenario event changed for a test (another id, time, data…), checked against the contract so
 * a fixture cannot drift from it.
 */
export const variant = <T extends EventType>(event: CrisisEvent, type: T, changes: Partial<Omit<EventOf<T>, 'type'>>): EventOf<T> => {
  if (event.type !== type) throw new Error(`${event.id} is a ${event.type}, not a ${type}`);
  const parsed = parseCrisisEvent({ ...event, ...changes });
  if (!parsed.ok) throw new Error(`invalid fixture: ${JSON.stringify(parsed.issues)}`);
  if (parsed.event.type !== type) throw new Error('type changed');
  return parsed.event as EventOf<T>;
};
