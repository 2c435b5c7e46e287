import { CloudEvent } from 'cloudevents';
import fc from 'fast-check';
import { decodeEvent, encodeEvent } from './cloudevents-codec';
import { isPlainCeTime, readBindingHeaders } from './kafka-binding';
import { sampleEvents } from './testing/sample-events';

const sdkAcceptsTime = (time: string): boolean => {
  try {
    new CloudEvent({ specversion: '1.0', id: 'x', source: '/watchfloor/ingest', type: 't', time, subject: 'kz', datacontenttype: 'application/json' }, false).validate();
    return true;
  } catch {
    return false;
  }
};

const padded = (min: number, max: number, width: number) => fc.integer({ min, max }).map((n) => String(n).padStart(width, '0'));
/** Strings shaped like date-times, each part in its range or just past it: separators, dates, zones. */
const timeLike = fc
  .tuple(
    fc.oneof(padded(0, 9999, 4), fc.constantFrom('1900', '2000', '2023', '2024')),
    padded(0, 13, 2),
    padded(0, 32, 2),
    fc.constantFrom('T', 't', ' ', 'x'),
    padded(0, 24, 2),
    padded(0, 60, 2),
    padded(0, 60, 2),
    fc.constantFrom('', '.5', '.123', '.123456789'),
    fc.constantFrom('Z', 'z', '', '+06:00', '-05:30', '+0600', '+24:00', '+06'),
  )
  .map(([y, mo, d, sep, h, mi, s, frac, zone]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${s}${frac}${zone}`);

describe('isPlainCeTime', () => {
  it('accepts only times the CloudEvents SDK accepts, so that the codec may skip asking it', () => {
    fc.assert(
      fc.property(fc.oneof(timeLike, fc.string({ maxLength: 30 })), (time) => {
        if (isPlainCeTime(time)) expect(sdkAcceptsTime(time)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every time our producers write: Date#toISOString, and RFC 3339 with an offset', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (at) => {
        expect(isPlainCeTime(at.toISOString())).toBe(true);
      }),
    );
    expect(isPlainCeTime('2022-01-05T14:30:00+06:00')).toBe(true);
    expect(isPlainCeTime('2024-02-29T00:00:00Z')).toBe(true);
  });

  it.each(['2022-02-29T00:00:00Z', '2022-04-31T00:00:00Z', '2022-00-10T00:00:00Z', '2022-01-05T24:00:00Z', '2022-12-31T23:59:60Z', '2022-01-05 08:30:00Z', '2022-01-05T08:30:00'])(
    'leaves %s to the SDK',
    (time) => {
      expect(isPlainCeTime(time)).toBe(false);
    },
  );
});

describe('readBindingHeaders', () => {
  it('reads the binding headers of a consumed message, whatever else it carries', () => {
    const read = readBindingHeaders({ ce_id: Buffer.from('e-1'), ce_time: '', 'x-watchfloor-parked-reason': Buffer.from('why') });
    expect(read).toEqual({ ok: true, headers: { id: 'e-1' } });
  });

  it('merges names that differ only in case, and refuses a CloudEvents header given twice', () => {
    expect(readBindingHeaders({ CE_ID: Buffer.from('e-1') })).toEqual({ ok: true, headers: { id: 'e-1' } });
    expect(readBindingHeaders({ ce_id: 'e-1', Ce_Id: 'e-2' })).toEqual({ ok: false, reason: 'header ce_id appears 2 times' });
    expect(readBindingHeaders({ ce_extra: ['a', 'b'] })).toEqual({ ok: false, reason: 'header ce_extra appears 2 times' });
    expect(readBindingHeaders({ 'x-trace': ['a', 'b'], ce_id: [Buffer.from('e-1')] })).toEqual({ ok: true, headers: { id: 'e-1' } });
  });
});

describe('decodeEvent asks the CloudEvents SDK', () => {
  afterEach(() => jest.restoreAllMocks());

  it('once per source for messages with plain times, and again for any other time', () => {
    const validate = jest.spyOn(CloudEvent.prototype, 'validate');
    // A source no other test uses, so that what this test counts is not what another left behind.
    const source = `/watchfloor/spec-${process.pid}-${Date.now()}`;
    const messages = sampleEvents.map((event) => encodeEvent(event, { source }));
    validate.mockClear();

    for (const message of messages) expect(decodeEvent(message).ok).toBe(true);
    expect(validate).toHaveBeenCalledTimes(1);

    const [first] = messages;
    if (first === undefined) throw new Error('no sample events');
    const spaced = { ...first, headers: { ...first.headers, ce_time: (first.headers['ce_time'] ?? '').replace('T', ' ') } };
    expect(decodeEvent(spaced).ok).toBe(true);
    expect(validate).toHaveBeenCalledTimes(2);
  });
});
