import { parseCrisisEvent, upcastEvent, type CrisisEvent, type EventType } from '@watchfloor/events';

/**
 * An event as stored (the bytes it came in, written at some schema version) back into the shape
 * the API serves: upcast to the current version and read through the contract, so defaults are
 * filled in exactly as a freshly decoded event has them. The bytes were decoded once already when
 * the event was applied, so this cannot fail for them; it throws if it ever does.
 */
export const storedEvent = (raw: Buffer, type: EventType, schemaVersion: number): CrisisEvent => {
  const json: unknown = JSON.parse(raw.toString('utf8'));
  const upcast = upcastEvent(type, schemaVersion, json);
  if (!upcast.ok) throw new Error(`stored ${type} v${schemaVersion} no longer reads: ${upcast.reason}`);
  const parsed = parseCrisisEvent(upcast.value);
  if (!parsed.ok) throw new Error(`stored ${type} v${schemaVersion} no longer validates: ${parsed.issues[0]?.message ?? ''}`);
  return parsed.event;
};
