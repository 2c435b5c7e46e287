import { CloudEvent } from 'cloudevents';
import fc from 'fast-check';
import { decodeEvent, encodeAcceptedEvent, encodeEvent, type EncodedMessage } from './cloudevents-codec';
import { anyValidEventInput } from './testing/arbitraries';
import { parseEventInputs, recordEvent, type AcceptedEventInput } from './validation';

/**
 * encodeAcceptedEvent is ingest's way to encode: it trusts what parseEventInputs accepted and asks
 * the CloudEvents SDK once per source and recording time. Whatever it is given, it must answer as
 * `encodeEvent(recordEvent(input, recordedAt), { source })` does: the same message, byte for byte
 * and header for header in the same order, or the same error.
 */

type Outcome = { readonly message: EncodedMessage } | { readonly error: string };

const outcomeOf = (encode: () => EncodedMessage): Outcome => {
  try {
    return { message: encode() };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};

const expectSameOutcome = (input: AcceptedEventInput, recordedAt: Date, source: string): void => {
  const fast = outcomeOf(() => encodeAcceptedEvent(input, recordedAt, { source }));
  const reference = outcomeOf(() => encodeEvent(recordEvent(input, recordedAt), { source }));
  expect(fast).toStrictEqual(reference);
  // toStrictEqual ignores the order of keys; the bytes on the wire (value and headers) do not.
  expect(JSON.stringify(fast)).toBe(JSON.stringify(reference));
};

const accepted = (body: unknown): readonly AcceptedEventInput[] => {
  const parsed = parseEventInputs(body);
  if (!parsed.ok) throw new Error(`the arbitrary made an invalid event: ${JSON.stringify(parsed.issues)}`);
  return parsed.events;
};

const batch = fc.array(anyValidEventInput, { minLength: 1, maxLength: 5 }).map(accepted);
const recordedAt = fc.oneof(
  { weight: 8, arbitrary: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2089-12-31T00:00:00Z'), noInvalidDate: true }) },
  // Dates whose ISO text is no instant the schema takes, and the invalid date: both must fail as encodeEvent does.
  { weight: 1, arbitrary: fc.constantFrom(new Date('+010000-01-01T00:00:00Z'), new Date(-62198755200000), new Date(Number.NaN)) },
);
const source = fc.constantFrom('/watchfloor/ingest', '/watchfloor/simulator', 'https://news.example/x?y=1#z', 'urn:uuid:6e8bc430', 'has space', '\\back', 'a#b#c', '');

describe('encodeAcceptedEvent', () => {
  it('writes what encodeEvent writes for every accepted batch, source and recording time, or fails as it does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(batch, recordedAt, source), { minLength: 1, maxLength: 4 }), (batches) => {
        // Batches one after another, as requests come: the stamp changes between them, and comes back.
        for (const [events, at, from] of [...batches, ...batches]) {
          for (const event of events) expectSameOutcome(event, at, from);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('replaces a recordedAt the producer sent with the server clock', () => {
    const [input] = accepted(fc.sample(anyValidEventInput, { numRuns: 1, seed: 7 }).map((e) => ({ ...e, recordedAt: '1999-01-01T00:00:00Z' })));
    if (input === undefined) throw new Error('no sample');
    const at = new Date('2022-01-06T12:00:00.000Z');
    encodeAcceptedEvent(input, at, { source: '/watchfloor/ingest' });
    const decoded = decodeEvent(encodeAcceptedEvent(input, at, { source: '/watchfloor/ingest' }));
    expect(decoded.ok && decoded.event.recordedAt).toBe('2022-01-06T12:00:00.000Z');
  });

  it('asks the CloudEvents SDK once per source and recording time, not once per event', () => {
    const events = accepted(fc.sample(anyValidEventInput, { numRuns: 50, seed: 11 }));
    const at = new Date('2022-01-06T12:00:00.000Z');

    // Every CloudEvent the codec builds is validated (strict construction).
    const sdkChecks = jest.spyOn(CloudEvent.prototype, 'validate');
    try {
      for (const event of events) encodeAcceptedEvent(event, at, { source: '/watchfloor/ingest-a' });
      for (const event of events) encodeAcceptedEvent(event, new Date(at.getTime() + 1), { source: '/watchfloor/ingest-a' });
      expect(sdkChecks).toHaveBeenCalledTimes(2);
    } finally {
      sdkChecks.mockRestore();
    }
  });
});
