import { SCENARIO_EVENT_IDS } from '@watchfloor/scenario';
import { eventMessage, logMessage, scenarioEvent } from '../testing/events';
import { decide, displayValue, MAX_REASON_LENGTH, PARKED_HEADERS, parkedCopy, readParked } from './parking';

const city = scenarioEvent(SCENARIO_EVENT_IDS.almatyCityCasualties);
const parkedAt = new Date('2022-01-06T12:30:00.000Z');

describe('the parking decision', () => {
  it('applies a valid event', () => {
    const decision = decide(eventMessage(city));
    expect(decision).toMatchObject({ kind: 'apply', schemaVersion: 1 });
    expect(decision.kind === 'apply' && decision.event.id).toBe(city.id);
  });

  it.each([
    ['a value that is not JSON', { ...eventMessage(city), value: Buffer.from('{nope') }, /not JSON/],
    ['a tombstone', { ...eventMessage(city), value: null }, /no value/],
    ['a message without CloudEvents headers', logMessage({ key: 'kz', value: JSON.stringify(city) }), /missing header ce_specversion/],
    ['an invalid event', logMessage({ ...eventMessage(city), value: JSON.stringify({ ...city, data: { group: 'civilians' } }) }), /not a valid casualties.reported/],
  ])('parks %s with the reason', (_what, message, reason) => {
    const decision = decide(message);
    expect(decision.kind).toBe('park');
    expect(decision.kind === 'park' && decision.reason).toMatch(reason);
  });
});

describe('a parked copy', () => {
  const poison = { ...eventMessage(city, 4, 17), value: Buffer.from([0xff, 0x00, 0x7b]) };

  it('is the original, byte for byte, with headers saying why and where from', () => {
    const copy = parkedCopy(poison, 'value is not JSON', parkedAt);
    expect(copy.key).toBe('kz');
    expect(copy.value).toEqual(poison.value);
    for (const [name, value] of Object.entries(poison.headers)) expect(copy.headers?.[name]).toEqual(value);
    expect(copy.headers).toMatchObject({
      [PARKED_HEADERS.reason]: 'value is not JSON',
      [PARKED_HEADERS.originTopic]: 'crisis.events',
      [PARKED_HEADERS.originPartition]: '4',
      [PARKED_HEADERS.originOffset]: '17',
      [PARKED_HEADERS.parkedAt]: '2022-01-06T12:30:00.000Z',
    });
  });

  it('keeps one set of parking headers when a message is parked a second time', () => {
    const first = parkedCopy(poison, 'first', parkedAt);
    const again = parkedCopy(logMessage({ key: first.key as string, value: poison.value, headers: first.headers }, 0, 99), 'second', parkedAt);
    expect(again.headers?.[PARKED_HEADERS.reason]).toBe('second');
    expect(again.headers?.[PARKED_HEADERS.originOffset]).toBe('99');
  });

  it('cuts a very long reason', () => {
    const copy = parkedCopy(poison, 'x'.repeat(10_000), parkedAt);
    expect(String(copy.headers?.[PARKED_HEADERS.reason])).toHaveLength(MAX_REASON_LENGTH);
  });

  it('reads back as the original plus where it came from', () => {
    const copy = parkedCopy(poison, 'value is not JSON', parkedAt);
    const parked = readParked(logMessage({ key: copy.key as string, value: copy.value, headers: copy.headers }, 2, 5, 'crisis.events.parked'));
    expect(parked).toMatchObject({
      origin: { topic: 'crisis.events', partition: 4, offset: 17 },
      reason: 'value is not JSON',
      parkedAt: '2022-01-06T12:30:00.000Z',
      parkedAs: { partition: 2, offset: 5 },
      eventId: city.id,
    });
    expect(Object.keys(parked?.original.headers ?? {}).sort()).toEqual(Object.keys(poison.headers).sort());
    expect(readParked(logMessage({ key: 'kz', value: 'x' }))).toBeUndefined();
  });
});

describe('displayValue', () => {
  it('shows UTF-8 as text and anything else as base64', () => {
    expect(displayValue(Buffer.from('{"a":"é"}'))).toEqual({ encoding: 'utf8', value: '{"a":"é"}' });
    expect(displayValue(Buffer.from([0xff, 0xfe]))).toEqual({ encoding: 'base64', value: '//4=' });
    expect(displayValue(null)).toEqual({ encoding: 'none', value: null });
  });
});
