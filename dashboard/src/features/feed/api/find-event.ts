import type { CrisisEvent } from '@watchfloor/events';
import type { Backend } from '../../../lib/backend';

/**
 * One event's full record when the browser does not hold it. The timeline API has no lookup by
 * id, so this reads the page around the moment the event occurred (known from the state's
 * facts) and picks it out.
 */
export const findEvent = async (backend: Backend, theatre: string, eventId: string, occurredAt: number | undefined, signal?: AbortSignal): Promise<CrisisEvent | undefined> => {
  const around = occurredAt === undefined ? {} : { from: new Date(occurredAt - 1).toISOString(), to: new Date(occurredAt + 1).toISOString() };
  let cursor: string | undefined;
  for (let page = 0; page < 5; page += 1) {
    const result = await backend.events({ theatre, limit: 500, ...around, ...(cursor && { cursor }) }, signal);
    const found = result.events.find((event) => event.id === eventId);
    if (found) return found;
    cursor = result.nextCursor;
    if (cursor === undefined) return undefined;
  }
  return undefined;
};
