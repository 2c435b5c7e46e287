import { compareOffsets, fromKafkaHeaders, headerText, nextOffset, toKafkaMessage, toLogMessage } from './messages';

describe('toLogMessage', () => {
  it('turns a kafkajs record into our LogMessage, keeping bytes as bytes', () => {
    const value = Buffer.from([0xff, 0x00, 0x7b]);
    const message = toLogMessage('crisis.events', 3, {
      key: Buffer.from('kz'),
      value,
      timestamp: '1641340800000',
      attributes: 0,
      offset: '42',
      headers: { ce_id: Buffer.from('abc'), ce_type: 'watchfloor.x.v1', repeated: [Buffer.from('1'), 'two'], gone: undefined },
    });
    expect(message).toEqual({
      topic: 'crisis.events',
      partition: 3,
      offset: '42',
      key: 'kz',
      value,
      headers: { ce_id: Buffer.from('abc'), ce_type: Buffer.from('watchfloor.x.v1'), repeated: Buffer.from('two') },
      timestamp: 1641340800000,
    });
    expect(headerText(message, 'ce_type')).toBe('watchfloor.x.v1');
    expect(headerText(message, 'missing')).toBeUndefined();
  });

  it('keeps a null key and value (tombstones, poison messages)', () => {
    const message = toLogMessage('t', 0, { key: null, value: null, timestamp: '0', attributes: 0, offset: '0', headers: {} });
    expect(message.key).toBeNull();
    expect(message.value).toBeNull();
    expect(fromKafkaHeaders(undefined)).toEqual({});
  });
});

describe('toKafkaMessage', () => {
  it('passes key, value, headers and an explicit partition through', () => {
    expect(toKafkaMessage({ key: 'kz', value: '{}', headers: { a: 'b' }, partition: 2 })).toEqual({
      key: 'kz',
      value: '{}',
      headers: { a: 'b' },
      partition: 2,
    });
    expect(toKafkaMessage({ key: null, value: null })).toEqual({ key: null, value: null });
  });
});

describe('offsets', () => {
  it('stays exact beyond 2^53', () => {
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
    expect(compareOffsets('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareOffsets('10', '9')).toBe(1);
    expect(compareOffsets('9', '10')).toBe(-1);
    expect(compareOffsets('7', '7')).toBe(0);
  });
});
