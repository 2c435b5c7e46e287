import fc from 'fast-check';
import { crisisEventInput } from './event.schema';
import { anyValidEventInput, type EventJson } from './testing/arbitraries';
import { issuesOf, MAX_BATCH, parseEventInputs, type ValidationIssue } from './validation';

/**
 * parseEventInputs validates through zod's compiled schema. Whatever a producer sends, it must
 * answer exactly as the schema itself does (the reference below, parseEventInputs before the
 * compiled schema): the same events, key for key and in the same order, or the same issues.
 */

const RUNS = { numRuns: 300 };

type Answer = { readonly ok: true; readonly events: readonly unknown[] } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const referenceParse = (body: unknown): Answer => {
  const items: unknown[] = Array.isArray(body) ? body : [body];
  if (items.length === 0) return { ok: false, issues: [{ index: 0, path: '', message: 'the batch is empty' }] };
  if (items.length > MAX_BATCH) return { ok: false, issues: [{ index: MAX_BATCH, path: '', message: `a batch holds at most ${MAX_BATCH} events` }] };
  const events: unknown[] = [];
  const issues: ValidationIssue[] = [];
  items.forEach((item, index) => {
    const result = crisisEventInput.safeParse(item);
    if (result.success) events.push(result.data);
    else issues.push(...issuesOf(index, result.error));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events };
};

const expectSameAnswer = (body: unknown): void => {
  const answer: Answer = parseEventInputs(body);
  const reference = referenceParse(body);
  expect(answer).toStrictEqual(reference);
  // toStrictEqual ignores the order of keys; the JSON an event is written as does not.
  expect(JSON.stringify(answer)).toBe(JSON.stringify(reference));
};

type Key = string | number;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place in the value: the value itself (the empty path), nested fields and array elements. */
const pathsOf = (value: unknown, prefix: readonly Key[] = []): Array<readonly Key[]> => {
  const children: Array<[Key, unknown]> = Array.isArray(value)
    ? value.map((item: unknown, i): [Key, unknown] => [i, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  return [prefix, ...children.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
};

type Change = { readonly kind: 'set'; readonly value: unknown } | { readonly kind: 'drop' } | { readonly kind: 'add'; readonly key: string; readonly value: unknown };

const changed = (event: EventJson, path: readonly Key[], change: Change): unknown => {
  // Wrapped, so that the event itself (the empty path) can be changed like any field in it.
  const root: Record<Key, unknown> = { body: structuredClone(event) };
  let container = root;
  let last: Key = 'body';
  for (const key of path) {
    container = container[last] as Record<Key, unknown>;
    last = key;
  }
  const target = container[last];
  if (change.kind === 'set') container[last] = change.value;
  else if (change.kind === 'drop') delete container[last];
  // As JSON.parse makes it: an own field, even one named __proto__.
  else if (isObject(target)) Object.defineProperty(target, change.key, { value: change.value, enumerable: true, writable: true, configurable: true });
  return root['body'];
};

/** Near misses of what the schema takes, beside any JSON value at all. */
const trickyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '  padded  ', 'KZ', 'kz', '2022-01-05', '2022-01-05T10:00:00Z', '2022-02-30T00:00:00Z', 'not-a-uuid', 'https://x.example/a', 'nope', -1, 0, 1.5, 1e9, null, [], {}),
);

const change: fc.Arbitrary<Change> = fc.oneof(
  trickyValue.map((value): Change => ({ kind: 'set', value })),
  fc.constant<Change>({ kind: 'drop' }),
  fc.tuple(fc.constantFrom('extra', 'recordedAt', 'low', 'name', '__proto__'), trickyValue).map(([key, value]): Change => ({ kind: 'add', key, value })),
);

const brokenEvent: fc.Arbitrary<unknown> = anyValidEventInput.chain((event) =>
  fc.tuple(fc.constantFrom(...pathsOf(event)), change).map(([path, how]) => changed(event, path, how)),
);

describe('parseEventInputs answers as the schema itself does', () => {
  it('for every valid event, alone or in a batch', () => {
    fc.assert(
      fc.property(fc.array(anyValidEventInput, { minLength: 1, maxLength: 4 }), fc.boolean(), (batch, alone) => {
        expectSameAnswer(alone ? batch[0] : batch);
      }),
      RUNS,
    );
  });

  it('for every event changed in one place, alone or among valid ones', () => {
    fc.assert(
      fc.property(brokenEvent, fc.array(anyValidEventInput, { maxLength: 3 }), fc.nat(3), (broken, valid, at) => {
        expectSameAnswer(broken);
        expectSameAnswer([...valid.slice(0, at), broken, ...valid.slice(at)]);
      }),
      { numRuns: 500 },
    );
  });

  it('for bodies that are no event at all', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (body) => expectSameAnswer(body)),
      RUNS,
    );
  });
});
