import fc from 'fast-check';
import { COUNTRY_CODE, EVENT_TYPE_NAMES, THEATRE_ID, type EventType } from './event.schema';
import {
  anyValidEventInput,
  RANGE_FIELDS,
  REQUIRED_ENVELOPE_FIELDS,
  REQUIRED_FIELDS,
  validEventInput,
  type EventJson,
} from './testing/arbitraries';
import { parseEventInputs } from './validation';

/**
 * Properties of the contract: every event built within the schema's constraints is accepted, and
 * every event broken in one place is rejected with an issue whose path names that place.
 */

const RUNS = { numRuns: 200 };

type Key = string | number;
type Path = readonly Key[];

/** The same notation as ValidationIssue.path: `data.participants[0].country`. */
const pathText = (path: Path): string =>
  path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${key}` : key), '');

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every field in the event, nested ones and array elements too, with its value. */
const fieldsOf = (value: unknown, prefix: Path = []): Array<{ path: Path; value: unknown }> => {
  const children: Array<[Key, unknown]> = Array.isArray(value)
    ? value.map((item: unknown, i): [Key, unknown] => [i, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return children.flatMap(([key, child]) => [{ path: [...prefix, key], value: child }, ...fieldsOf(child, [...prefix, key])]);
};

/** The event with `change` applied to the container of the last key of `path`. */
const changedAt = (
  event: EventJson,
  path: Path,
  change: (container: Record<string, unknown> | unknown[], key: Key) => void,
): EventJson => {
  const copy = structuredClone(event) as Record<string, unknown>;
  let container: unknown = copy;
  for (const key of path.slice(0, -1)) {
    container = Array.isArray(container) ? container[Number(key)] : isObject(container) ? container[String(key)] : undefined;
  }
  const last = path[path.length - 1];
  if (last === undefined || !(Array.isArray(container) || isObject(container))) throw new Error(`no field at ${pathText(path)}`);
  change(container, last);
  return copy;
};

const setAt = (event: EventJson, path: Path, value: unknown): EventJson =>
  changedAt(event, path, (container, key) => {
    if (Array.isArray(container)) container[Number(key)] = value;
    else container[String(key)] = value;
  });

const dropAt = (event: EventJson, path: Path): EventJson =>
  changedAt(event, path, (container, key) => {
    if (!Array.isArray(container)) delete container[String(key)];
  });

/** Checks a broken event is rejected, at index 0, with an issue at `path`. */
const expectRejectedAt = (value: unknown, path: string): void => {
  const result = parseEventInputs(value);
  if (result.ok) throw new Error(`accepted an event broken at ${path}: ${JSON.stringify(value)}`);
  expect(result.issues.every((issue) => issue.index === 0)).toBe(true);
  expect(result.issues.map((issue) => issue.path)).toContain(path);
};

/** Picks one of the candidates an event offers (events offering none are skipped). */
const withOneOf = <T>(events: fc.Arbitrary<EventJson>, candidates: (event: EventJson) => readonly T[]) =>
  events
    .filter((event) => candidates(event).length > 0)
    .chain((event) => fc.tuple(fc.constant(event), fc.constantFrom(...candidates(event))));

const splitPath = (text: string): Path => text.split('.');

describe('parseEventInputs, for every event built within the constraints', () => {
  it.each(EVENT_TYPE_NAMES)('accepts any valid %s', (type: EventType) => {
    fc.assert(
      fc.property(validEventInput(type), (event) => {
        const result = parseEventInputs(event);
        if (!result.ok) throw new Error(`rejected a valid ${type}: ${JSON.stringify(result.issues)}`);
        expect(result.events).toHaveLength(1);
      }),
      RUNS,
    );
  });

  it('accepts any valid batch of mixed types', () => {
    fc.assert(
      fc.property(fc.array(anyValidEventInput, { minLength: 1, maxLength: 5 }), (batch) => {
        const result = parseEventInputs(batch);
        expect(result.ok && result.events.length).toBe(batch.length);
      }),
      { numRuns: 50 },
    );
  });
});

describe('parseEventInputs, for an event broken in one place, names that place', () => {
  it('a required field dropped', () => {
    const requiredPaths = (event: EventJson): Path[] => {
      const type = event['type'] as EventType;
      const nested = fieldsOf(event)
        .map((field) => field.path)
        .filter((path) => {
          const [first, index, key] = path;
          return (
            path.length === 3 &&
            first === 'sources' &&
            typeof index === 'number' &&
            ['name', 'kind', 'reliability', 'credibility'].includes(String(key))
          );
        });
      const location = event['location'] === undefined ? [] : ['name', 'country', 'lat', 'lon', 'precision'].map((k) => ['location', k]);
      return [...REQUIRED_ENVELOPE_FIELDS.map(splitPath), ...REQUIRED_FIELDS[type].map(splitPath), ...nested, ...location];
    };
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, requiredPaths), ([event, path]) => {
        expectRejectedAt(dropAt(event, path), pathText(path));
      }),
      RUNS,
    );
  });

  it('a field holding a value of the wrong type', () => {
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, (event) => fieldsOf(event)), ([event, field]) => {
        // An object where anything else belongs, and a number where an object belongs.
        const wrong = isObject(field.value) ? 42 : {};
        expectRejectedAt(setAt(event, field.path, wrong), pathText(field.path));
      }),
      RUNS,
    );
  });

  it('a count range out of order', () => {
    const rangeTypes = Object.keys(RANGE_FIELDS) as EventType[];
    const outOfOrder = fc
      .tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 1000 }), fc.constantFrom('low-high', 'low-best', 'best-high'))
      .map(([smaller, gap, pair]) => {
        const larger = smaller + gap;
        if (pair === 'low-high') return { low: larger, high: smaller };
        if (pair === 'low-best') return { low: larger, best: smaller };
        return { best: larger, high: smaller };
      });
    const events = fc.constantFrom(...rangeTypes).chain((type) =>
      fc.tuple(validEventInput(type), fc.constantFrom(...(RANGE_FIELDS[type] ?? [])), outOfOrder),
    );
    fc.assert(
      fc.property(events, ([event, field, range]) => {
        expectRejectedAt(setAt(event, ['data', field], range), `data.${field}`);
      }),
      RUNS,
    );
  });

  it('a casualty period that ends before it starts', () => {
    const later = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2080, 0, 1) });
    fc.assert(
      fc.property(validEventInput('casualties.reported'), later, fc.integer({ min: 1000, max: 1e10 }), (event, to, gap) => {
        const period = { from: new Date(to + gap).toISOString(), to: new Date(to).toISOString() };
        expectRejectedAt(setAt(event, ['data', 'period'], period), 'data.period');
      }),
      RUNS,
    );
  });

  it('an unknown extra field, in the event or in any object within it', () => {
    const objectPaths = (event: EventJson): Path[] => [
      [],
      ...fieldsOf(event)
        .filter((field) => isObject(field.value))
        .map((field) => field.path),
    ];
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, objectPaths), ([event, path]) => {
        expectRejectedAt(setAt(event, [...path, 'unexpectedField'], 'x'), pathText([...path, 'unexpectedField']));
      }),
      RUNS,
    );
  });

  it('an invalid theatre id', () => {
    const badTheatre = fc.oneof(
      fc.constantFrom('KZ', 'Kazakhstan', '-kz', 'ua_border', 'ua border', '', 'k'.repeat(64)),
      fc.string().filter((s) => !THEATRE_ID.test(s)),
    );
    fc.assert(
      fc.property(anyValidEventInput, badTheatre, (event, theatre) => {
        expectRejectedAt(setAt(event, ['theatre'], theatre), 'theatre');
      }),
      RUNS,
    );
  });

  it('an invalid country code, wherever one is', () => {
    const COUNTRY_FIELDS = new Set(['country', 'contributor', 'requestedBy', 'assessorCountry']);
    const countryPaths = (event: EventJson): Path[] =>
      fieldsOf(event)
        .filter((field) => COUNTRY_FIELDS.has(String(field.path[field.path.length - 1])) && typeof field.value === 'string')
        .map((field) => field.path);
    const badCountry = fc.oneof(
      fc.constantFrom('kz', 'KAZ', 'K', 'Kazakhstan', 'K2', ''),
      fc.string().filter((s) => !COUNTRY_CODE.test(s)),
    );
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, countryPaths), badCountry, ([event, path], country) => {
        expectRejectedAt(setAt(event, path, country), pathText(path));
      }),
      RUNS,
    );
  });

  it('an invalid uuid, wherever one is', () => {
    const uuidPaths = (event: EventJson): Path[] =>
      [['id'], ['supersedes'], ['data', 'respondsTo']].filter((path) =>
        fieldsOf(event).some((field) => pathText(field.path) === pathText(path)),
      );
    const badUuid = fc.oneof(
      fc.constantFrom('not-a-uuid', '12345', '0b6f3c2a-4d1e-4f5a-9c3b', '0b6f3c2a4d1e4f5a9c3b1a2b3c4d5e01', '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e0g'),
      fc.string().filter((s) => !/^[0-9a-f-]{36}$/i.test(s)),
    );
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, uuidPaths), badUuid, ([event, path], uuid) => {
        expectRejectedAt(setAt(event, path, uuid), pathText(path));
      }),
      RUNS,
    );
  });

  it('an invalid date, wherever one is', () => {
    const datePaths = (event: EventJson): Path[] =>
      [['occurredAt'], ['recordedAt'], ['data', 'period', 'from'], ['data', 'period', 'to']].filter((path) =>
        fieldsOf(event).some((field) => pathText(field.path) === pathText(path)),
      );
    const badDate = fc.oneof(
      fc.constantFrom(
        '2022-01-05',
        '2022-01-05T10:00:00',
        '2022-13-01T00:00:00Z',
        '2022-02-30T00:00:00Z',
        '2022-01-05T25:00:00Z',
        '05/01/2022 10:00',
        'yesterday',
        '',
      ),
      fc.string().filter((s) => !/^\d{4}-/.test(s)),
    );
    fc.assert(
      fc.property(withOneOf(anyValidEventInput, datePaths), badDate, ([event, path], date) => {
        expectRejectedAt(setAt(event, path, date), pathText(path));
      }),
      RUNS,
    );
  });
});
