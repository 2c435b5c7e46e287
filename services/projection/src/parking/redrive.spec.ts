import { CE_HEADERS, decodeEvent } from '@watchfloor/events';
import { SCENARIO_EVENT_IDS } from '@watchfloor/scenario';
import { eventMessage, logMessage, scenarioEvent } from '../testing/events';
import { decodeParkedCursor, encodeParkedCursor, ParkedRegistry } from './parked-registry';
import { parkedCopy, readParked, type ParkedMessage } from './parking';
import { REDRIVE_SOURCE, redriveMessage } from './redrive';

const city = scenarioEvent(SCENARIO_EVENT_IDS.almatyCityCasualties);
const parkedAt = new Date('2022-01-06T12:30:00.000Z');

const parked = (message = eventMessage(city, 1, 7), reason = 'broken', at = 3): ParkedMessage => {
  const copy = parkedCopy(message, reason, parkedAt);
  const read = readParked(logMessage({ key: copy.key as string | null, value: copy.value, headers: copy.headers }, 0, at, 'crisis.events.parked'));
  if (read === undefined) throw new Error('not readable as parked');
  return read;
};

describe('redriveMessage', () => {
  it('re-encodes an original that decodes now, keeping its source', () => {
    const result = redriveMessage(parked());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.message.headers[CE_HEADERS.source]).toBe('/watchfloor/test');
    expect(decodeEvent(result.message)).toMatchObject({ ok: true, event: city });
  });

  it('takes a corrected value and rebuilds the headers from it', () => {
    const broken = { ...eventMessage(city), value: Buffer.from(JSON.stringify({ ...city, data: { group: 'civilians' } })), headers: {} };
    expect(redriveMessage(parked(broken))).toMatchObject({ ok: false, issues: [expect.objectContaining({ path: expect.stringContaining('data') })] });
    const fixed = redriveMessage(parked(broken), { ...city, data: { ...city.data } });
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    expect(fixed.message.headers[CE_HEADERS.source]).toBe(REDRIVE_SOURCE);
    expect(decodeEvent(fixed.message).ok).toBe(true);
  });

  it('answers the issues of a replacement that is still invalid', () => {
    const result = redriveMessage(parked(), { ...city, theatre: 'Not A Theatre' });
    expect(result).toMatchObject({ ok: false, issues: [expect.objectContaining({ index: 0, path: 'theatre' })] });
  });

  it('refuses an original that is not JSON without a replacement', () => {
    const result = redriveMessage(parked({ ...eventMessage(city), value: Buffer.from([0xff]) }));
    expect(result).toMatchObject({ ok: false, issues: [{ index: 0, path: '', message: expect.stringContaining('not JSON') }] });
  });
});

describe('ParkedRegistry', () => {
  it('lists each origin once, however often it was parked, and pages through them', () => {
    const registry = new ParkedRegistry();
    registry.add(parked(eventMessage(city, 1, 7)));
    registry.add(parked(eventMessage(city, 1, 7), 'again', 9));
    registry.add(parked(eventMessage(city, 2, 1)));
    registry.add(parked(eventMessage(city, 0, 4)));
    expect(registry.size).toBe(3);
    expect(registry.find({ topic: 'crisis.events', partition: 1, offset: 7 })?.copies).toBe(2);
    const first = registry.list(2);
    expect(first.entries.map((e) => e.message.origin.partition)).toEqual([1, 2]);
    expect(first.next).toBe(1);
    const second = registry.list(2, first.next);
    expect(second.entries.map((e) => e.message.origin.partition)).toEqual([0]);
    expect(second.next).toBeUndefined();
  });

  it('has an opaque cursor that reads back', () => {
    expect(decodeParkedCursor(encodeParkedCursor(41))).toBe(41);
    expect(decodeParkedCursor('nonsense')).toBeUndefined();
  });
});
