import fc from 'fast-check';
import { decodeAlert, decodeEvent, encodeAlert, encodeEvent, type EncodedMessage, type KafkaHeaders, type KafkaMessageIn } from './cloudevents-codec';
import type { CrisisEvent } from './event.schema';
import { referenceDecodeAlert, referenceDecodeEvent } from './testing/decode-reference';
import { anyValidEventInput } from './testing/arbitraries';
import { escalationAlert, protestInAlmaty } from './testing/sample-events';

/**
 * The codec reads the common case by fast paths (one value per lower-case header, the SDK asked
 * once per source, zod's compiled schema). Whatever a message holds, decodeEvent and decodeAlert
 * must answer exactly as the reference (testing/decode-reference.ts, the codec before the fast
 * paths) does: the same event, key for key and in the same order, or the same reason.
 */

const RUNS = { numRuns: 300 };

const validEvent: fc.Arbitrary<CrisisEvent> = fc
  .tuple(anyValidEventInput, fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2089-12-31T00:00:00Z'), noInvalidDate: true }))
  // Inputs sometimes carry their own recordedAt (with offsets and without milliseconds): it wins.
  .map(([input, at]) => ({ recordedAt: at.toISOString(), ...input }) as unknown as CrisisEvent);

const ceHeaderNames = ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject', 'content-type'] as const;

/** Values worth trying per header, beside any string at all: near misses of what is valid. */
const trickyValues: Readonly<Record<(typeof ceHeaderNames)[number], readonly string[]>> = {
  ce_specversion: ['1.0', '0.3', ' 1.0', ''],
  ce_id: ['0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5e01', ''],
  ce_source: ['/watchfloor/ingest', '/watchfloor/simulator', 'https://news.example/x?y=1#z', 'urn:uuid:6e8bc430', 'has space', '\\back', '#frag', 'a#b#c', ''],
  ce_type: [
    'watchfloor.casualties.reported.v1',
    'watchfloor.protest.escalated.v1',
    'watchfloor.casualties.reported.v2',
    'watchfloor.riot.started.v1',
    'watchfloor.alert.raised.v1',
    'watchfloor.alert.raised.v2',
    'casualties.reported',
    '',
  ],
  ce_time: [
    '2022-01-05T08:30:00Z',
    '2022-01-05T08:30:00.000Z',
    '2022-01-05T14:30:00+06:00',
    '2022-01-05t08:30:00z',
    '2022-01-05 08:30:00Z',
    '2022-01-05T08:30:00',
    '2022-01-05T08:30:00+0600',
    '2022-02-29T00:00:00Z',
    '2024-02-29T00:00:00Z',
    '2022-12-31T23:59:60Z',
    '2022-13-01T00:00:00Z',
    '2022-01-05T24:00:00Z',
    'yesterday',
    '',
  ],
  ce_subject: ['kz', 'ua-border', ''],
  'content-type': ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'text/plain', 'application/cloudevents+json', ''],
};

const otherHeaderNames = ['x-trace', 'X-Trace', 'ce_extra', 'CE_EXTRA'] as const;
const headerName = fc.constantFrom<string>(...ceHeaderNames, ...otherHeaderNames);
const headerValueFor = (name: string): fc.Arbitrary<string> => {
  const tricky = (trickyValues as Readonly<Record<string, readonly string[]>>)[name.toLowerCase()] ?? [];
  return tricky.length > 0 ? fc.oneof(fc.constantFrom(...tricky), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
};

type HeaderEdit =
  | { readonly kind: 'drop'; readonly name: string }
  | { readonly kind: 'set'; readonly name: string; readonly value: string }
  | { readonly kind: 'upper-case'; readonly name: string }
  | { readonly kind: 'repeat'; readonly name: string; readonly values: readonly string[] }
  | { readonly kind: 'undefined'; readonly name: string };

const headerEdit: fc.Arbitrary<HeaderEdit> = headerName.chain((name) =>
  fc.oneof(
    fc.constant<HeaderEdit>({ kind: 'drop', name }),
    headerValueFor(name).map((value): HeaderEdit => ({ kind: 'set', name, value })),
    fc.constant<HeaderEdit>({ kind: 'upper-case', name }),
    fc.array(headerValueFor(name), { minLength: 1, maxLength: 2 }).map((values): HeaderEdit => ({ kind: 'repeat', name, values })),
    fc.constant<HeaderEdit>({ kind: 'undefined', name }),
  ),
);

const editHeaders = (headers: Readonly<Record<string, string>>, edits: readonly HeaderEdit[]): Record<string, string | string[] | undefined> => {
  const edited: Record<string, string | string[] | undefined> = { ...headers };
  for (const edit of edits) {
    const current = edited[edit.name];
    switch (edit.kind) {
      case 'drop':
        delete edited[edit.name];
        break;
      case 'set':
        edited[edit.name] = edit.value;
        break;
      case 'upper-case':
        // Kept beside the original when there is one: the same header under two spellings.
        edited[edit.name.toUpperCase()] = current ?? 'x';
        break;
      case 'repeat':
        edited[edit.name] = [...edit.values];
        break;
      case 'undefined':
        edited[edit.name] = undefined;
        break;
    }
  }
  return edited;
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a JSON value, as the steps to it. */
const placesOf = (value: Json, at: ReadonlyArray<string | number> = []): Array<ReadonlyArray<string | number>> => {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...at, i], ...placesOf(item, [...at, i])]);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => [[...at, key], ...placesOf(item, [...at, key])]);
  return [];
};

/** `value` with the place at `path` changed by `change` (which answers undefined to drop it). */
const changedAt = (value: Json, path: ReadonlyArray<string | number>, change: (current: Json) => Json | undefined): Json => {
  const [step, ...rest] = path;
  if (step === undefined) return change(value) ?? null;
  if (Array.isArray(value) && typeof step === 'number') {
    const item = value[step];
    if (item === undefined) return value;
    const copy = [...value];
    const changed = rest.length === 0 ? change(item) : changedAt(item, rest, change);
    if (changed === undefined) copy.splice(step, 1);
    else copy[step] = changed;
    return copy;
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof step === 'string') {
    const item = value[step];
    if (item === undefined) return value;
    const { [step]: _old, ...others } = value;
    const changed = rest.length === 0 ? change(item) : changedAt(item, rest, change);
    return changed === undefined ? others : { ...others, [step]: changed };
  }
  return value;
};

const valueChange: fc.Arbitrary<(current: Json) => Json | undefined> = fc.constantFrom(
  () => undefined,
  () => 42,
  () => ({}),
  () => '',
  () => '   ',
  (current: Json) => (typeof current === 'string' ? `  ${current} ` : current),
  (current: Json) => (typeof current === 'number' ? -current - 1 : current),
  (current: Json) => (current !== null && typeof current === 'object' && !Array.isArray(current) ? { ...current, unexpected: true } : current),
);

/** What a consumer hands over, after `edit`: header values and the key as Buffers or as text. */
const consumed = (message: EncodedMessage): fc.Arbitrary<KafkaMessageIn> => {
  const parsed = JSON.parse(message.value) as Json;
  const places = placesOf(parsed);
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.constant<string | null>(message.value) },
    { weight: 1, arbitrary: fc.constantFrom<string | null>(null, '', '{"id": 12,', '[]', '"text"', '{}') },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...places), valueChange)
        .map(([path, change]): string | null => JSON.stringify(changedAt(parsed, path, change))),
    },
  );
  const key = fc.constantFrom<string | null | undefined>(message.key, message.key, null, undefined, 'ua-border', '');
  return fc
    .record({ edits: fc.array(headerEdit, { maxLength: 3 }), value, key, asBuffers: fc.boolean() })
    .map(({ edits, value: text, key: keyText, asBuffers }) => {
      const headers: KafkaHeaders = Object.fromEntries(
        Object.entries(editHeaders(message.headers, edits)).map(([name, raw]) => [
          name,
          asBuffers && raw !== undefined ? (Array.isArray(raw) ? raw.map((v) => Buffer.from(v)) : Buffer.from(raw)) : raw,
        ]),
      );
      const asBytes = (text: string | null | undefined) => (asBuffers && typeof text === 'string' ? Buffer.from(text) : text);
      return { key: asBytes(keyText), value: asBytes(text), headers };
    });
};

const expectSameAnswer = <T>(fast: T, reference: T): void => {
  expect(fast).toStrictEqual(reference);
  // toStrictEqual ignores the order of keys; the JSON an event is written back as does not.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
};

describe('decodeEvent and decodeAlert answer as the reference decoder does', () => {
  it('for every valid event, read back as written', () => {
    fc.assert(
      fc.property(validEvent, fc.boolean(), (event, asBuffers) => {
        const message = encodeEvent(event, { source: '/watchfloor/ingest' });
        const input: KafkaMessageIn = asBuffers
          ? { key: Buffer.from(message.key), value: Buffer.from(message.value), headers: Object.fromEntries(Object.entries(message.headers).map(([n, v]) => [n, Buffer.from(v)])) }
          : message;
        const decoded = decodeEvent(input);
        expect(decoded.ok).toBe(true);
        expectSameAnswer(decoded, referenceDecodeEvent(input));
      }),
      RUNS,
    );
  });

  it('for every event message with its headers, key or value changed', () => {
    const messages = validEvent.chain((event) => consumed(encodeEvent(event, { source: '/watchfloor/ingest' })));
    fc.assert(
      fc.property(messages, (message) => {
        expectSameAnswer(decodeEvent(message), referenceDecodeEvent(message));
        expectSameAnswer(decodeAlert(message), referenceDecodeAlert(message));
      }),
      { numRuns: 1000 },
    );
  });

  it('for messages without headers at all, even as null from a JavaScript caller', () => {
    const message = encodeEvent(protestInAlmaty, { source: '/watchfloor/ingest' });
    for (const headers of [undefined, null as unknown as KafkaHeaders, {}]) {
      const headless: KafkaMessageIn = { key: message.key, value: message.value, headers };
      expectSameAnswer(decodeEvent(headless), referenceDecodeEvent(headless));
      expectSameAnswer(decodeAlert(headless), referenceDecodeAlert(headless));
    }
  });

  it('for every alert message with its headers, key or value changed', () => {
    fc.assert(
      fc.property(consumed(encodeAlert(escalationAlert, { source: '/watchfloor/projection' })), (message) => {
        expectSameAnswer(decodeAlert(message), referenceDecodeAlert(message));
        expectSameAnswer(decodeEvent(message), referenceDecodeEvent(message));
      }),
      RUNS,
    );
  });
});
