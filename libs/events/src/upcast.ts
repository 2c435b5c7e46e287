import { EVENT_TYPES, type EventType } from './event.schema';

/**
 * Events written at an older schema version stay in the log for ever (it is never rewritten), so
 * readers turn them into the current shape as they read them, one version step at a time, before
 * validation. An upcaster works on the decoded JSON, not on a typed event: its input is by
 * definition not a valid current event. It never throws; a value it does not recognise is passed
 * on unchanged, and validation then names what is wrong with it.
 */
export interface Upcaster {
  readonly type: EventType;
  /** The version it reads; it returns the shape of `fromVersion + 1`. */
  readonly fromVersion: number;
  readonly upcast: (value: unknown) => unknown;
}

export type UpcasterRegistry = ReadonlyMap<string, Upcaster>;

export type UpcastResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string };

const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const registryKey = (type: EventType, fromVersion: number): string => `${type}@v${fromVersion}`;

/** protest.escalated v1 reported the crowd as one figure; v2 keeps it as the best of a range. */
export const protestEscalatedV1ToV2: Upcaster = {
  type: 'protest.escalated',
  fromVersion: 1,
  upcast: (value) => {
    if (!isRecord(value) || !isRecord(value['data'])) return value;
    const data = value['data'];
    const crowdSize = data['crowdSize'];
    if (typeof crowdSize !== 'number') return value;
    return { ...value, data: { ...data, crowdSize: { best: crowdSize } } };
  },
};

/** Builds a registry; two upcasters for the same step would make reading ambiguous, so that throws. */
export const createUpcasterRegistry = (upcasters: readonly Upcaster[]): UpcasterRegistry => {
  const registry = new Map<string, Upcaster>();
  for (const upcaster of upcasters) {
    const key = registryKey(upcaster.type, upcaster.fromVersion);
    if (registry.has(key)) throw new Error(`two upcasters for ${upcaster.type} v${upcaster.fromVersion}`);
    registry.set(key, upcaster);
  }
  return registry;
};

/** Every step from an older version to the current one of each type. */
export const UPCASTERS: UpcasterRegistry = createUpcasterRegistry([protestEscalatedV1ToV2]);

/**
 * Brings a decoded value written as `type` at `version` to the current version of that type.
 * A version newer than this reader knows is an error: guessing at a shape from the future would
 * silently misread it, and the fix is to upgrade the reader, not to drop data.
 */
export const upcastEvent = (
  type: EventType,
  version: number,
  value: unknown,
  registry: UpcasterRegistry = UPCASTERS,
): UpcastResult => {
  const current = EVENT_TYPES[type].version;
  if (!Number.isInteger(version) || version < 1) {
    return { ok: false, reason: `${type} v${version} is not a schema version` };
  }
  if (version > current) {
    return {
      ok: false,
      reason: `${type} v${version} is newer than this reader knows (current v${current}); upgrade the reader`,
    };
  }
  let upcast = value;
  for (let from = version; from < current; from += 1) {
    const upcaster = registry.get(registryKey(type, from));
    if (upcaster === undefined) return { ok: false, reason: `no upcaster for ${type} v${from} to v${from + 1}` };
    upcast = upcaster.upcast(upcast);
  }
  return { ok: true, value: upcast };
};
