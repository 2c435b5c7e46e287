import { Kafka, type KafkaMessage } from 'cloudevents';
import fc from 'fast-check';
import {
  ALERT_CE_TYPE,
  decodeAlert,
  decodeEvent,
  encodeAlert,
  encodeEvent,
  parseCeType,
  type EncodedMessage,
  type KafkaHeaders,
  type KafkaMessageIn,
} from './cloudevents-codec';
import { EVENT_TYPE_NAMES, EVENT_TYPES, type CrisisEvent } from './event.schema';
import { escalationAlert, protestInAlmaty, SAMPLE_EVENTS, sampleEvents } from './testing/sample-events';

const source = '/watchfloor/ingest';

/** What a kafkajs consumer hands over: every header value and the key as a Buffer. */
const asConsumed = (message: EncodedMessage): KafkaMessageIn => ({
  key: Buffer.from(message.key),
  value: Buffer.from(message.value),
  headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)])),
});

const withHeaders = (message: EncodedMessage, headers: KafkaHeaders): KafkaMessageIn => ({
  ...message,
  headers: { ...message.headers, ...headers },
});

const withoutHeader = (message: EncodedMessage, name: string): KafkaMessageIn => {
  const { [name]: _dropped, ...headers } = message.headers;
  return { ...message, headers };
};

const reasonOf = (result: { ok: boolean; reason?: string }): string | undefined => (result.ok ? undefined : result.reason);

const casualties = () => encodeEvent(SAMPLE_EVENTS['casualties.reported'], { source });

describe('encodeEvent', () => {
  it.each(EVENT_TYPE_NAMES)('writes a %s in CloudEvents binary mode', (type) => {
    const event = SAMPLE_EVENTS[type];
    const message = encodeEvent(event, { source });

    expect(message.key).toBe(event.theatre);
    expect(JSON.parse(message.value)).toEqual(event);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: event.id,
      ce_source: source,
      ce_type: `watchfloor.${type}.v${EVENT_TYPES[type].version}`,
      ce_time: event.recordedAt,
      ce_subject: event.theatre,
      'content-type': 'application/json',
    });
  });

  it('names the type as the SPEC example does', () => {
    expect(casualties().headers['ce_type']).toBe('watchfloor.casualties.reported.v1');
    expect(encodeEvent(protestInAlmaty, { source }).headers['ce_type']).toBe('watchfloor.protest.escalated.v2');
  });

  it('refuses to write an invalid event, naming the field', () => {
    const broken = { ...protestInAlmaty, theatre: 'Kazakhstan' } as CrisisEvent;
    expect(() => encodeEvent(broken, { source })).toThrow(/theatre/);
  });

  it('refuses a source that is not a CloudEvents source', () => {
    expect(() => encodeEvent(protestInAlmaty, { source: '' })).toThrow(/invalid CloudEvent attributes/);
  });
});

describe('decodeEvent', () => {
  it.each(EVENT_TYPE_NAMES)('reads back a %s as it was written', (type) => {
    const event = SAMPLE_EVENTS[type];
    expect(decodeEvent(encodeEvent(event, { source }))).toEqual({
      ok: true,
      event,
      schemaVersion: EVENT_TYPES[type].version,
    });
  });

  it('reads the Buffers a Kafka consumer hands over', () => {
    for (const event of sampleEvents) {
      const decoded = decodeEvent(asConsumed(encodeEvent(event, { source })));
      expect(decoded.ok && decoded.event).toEqual(event);
    }
  });

  it('accepts a header that arrives as a one-element array and a content-type with parameters', () => {
    const message = withHeaders(casualties(), {
      ce_id: [Buffer.from(SAMPLE_EVENTS['casualties.reported'].id)],
      'content-type': 'application/json; charset=utf-8',
    });
    expect(decodeEvent(message).ok).toBe(true);
  });

  it('upcasts a v1 protest to the current shape and says it was written at v1', () => {
    // given a message a v1 producer wrote: one crowd figure, and a v1 type
    const { crowdSize: _range, ...data } = protestInAlmaty.data;
    const v1 = { ...protestInAlmaty, data: { ...data, crowdSize: 8000 } };
    const current = encodeEvent(protestInAlmaty, { source });
    const message = { ...current, value: JSON.stringify(v1), headers: { ...current.headers, ce_type: 'watchfloor.protest.escalated.v1' } };

    // when it is read
    const decoded = decodeEvent(message);

    // then it is a v2 event, with the version it was written at
    expect(decoded).toEqual({
      ok: true,
      event: { ...protestInAlmaty, data: { ...data, crowdSize: { best: 8000 } } },
      schemaVersion: 1,
    });
  });

  it('can be read by the CloudEvents SDK as well', () => {
    const event = SAMPLE_EVENTS['diplomacy.meeting'];
    const message = encodeEvent(event, { source });
    const kafkaMessage: KafkaMessage = { key: message.key, value: message.value, headers: { ...message.headers }, body: message.value };
    expect(Kafka.isEvent(kafkaMessage)).toBe(true);
    const read = Kafka.toEvent(kafkaMessage);
    const cloudEvent = Array.isArray(read) ? read[0] : read;

    expect(cloudEvent?.id).toBe(event.id);
    expect(cloudEvent?.type).toBe('watchfloor.diplomacy.meeting.v1');
    expect(cloudEvent?.source).toBe(source);
    expect(cloudEvent?.subject).toBe(event.theatre);
    expect(Date.parse(cloudEvent?.time ?? '')).toBe(Date.parse(event.recordedAt));
    expect(cloudEvent?.data).toEqual(event);
  });

  describe('answers with a reason, never a throw, when', () => {
    it('ce_type is missing', () => {
      expect(reasonOf(decodeEvent(withoutHeader(casualties(), 'ce_type')))).toBe('missing header ce_type');
    });

    it.each(['casualties.reported', 'watchfloor.casualties.reported', 'io.other.thing.v1'])('ce_type "%s" is not ours', (ceType) => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_type: ceType })))).toMatch(/^unknown ce_type/);
    });

    it('ce_type names no event type', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_type: 'watchfloor.riot.started.v1' })))).toBe(
        'unknown ce_type "watchfloor.riot.started.v1": no event type "riot.started"',
      );
    });

    it('ce_type is of a version newer than this reader knows', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_type: 'watchfloor.casualties.reported.v2' })))).toMatch(
        /casualties\.reported v2 is newer than this reader knows/,
      );
    });

    it('ce_type names another type than the value', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_type: 'watchfloor.troops.deployed.v1' })))).toBe(
        'ce_type names troops.deployed but the value is a casualties.reported',
      );
    });

    it('the value is not JSON', () => {
      expect(reasonOf(decodeEvent({ ...casualties(), value: Buffer.from('{"id": 12,') }))).toMatch(/^value is not JSON: /);
    });

    it('the message has no value', () => {
      expect(reasonOf(decodeEvent({ ...casualties(), value: null }))).toMatch(/no value/);
    });

    it('the value fails validation, listing every path', () => {
      const event = SAMPLE_EVENTS['casualties.reported'];
      const broken = { ...event, verification: 'confirmed', data: { ...event.data, killed: { low: 20, high: 10 } } };
      const reason = reasonOf(decodeEvent({ ...casualties(), value: JSON.stringify(broken) }));
      expect(reason).toMatch(/^value is not a valid casualties\.reported \(written as v1\): /);
      expect(reason).toContain('verification: ');
      expect(reason).toContain('data.killed: must be ordered low ≤ best ≤ high');
    });

    it('ce_id is not the event id', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_id: '0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5eff' })))).toBe(
        `ce_id "0b6f3c2a-4d1e-4f5a-9c3b-1a2b3c4d5eff" is not the id in the value "${SAMPLE_EVENTS['casualties.reported'].id}"`,
      );
    });

    it('the key is not the theatre', () => {
      expect(reasonOf(decodeEvent({ ...casualties(), key: Buffer.from('ua-border') }))).toBe(
        'key "ua-border" is not the theatre in the value "kz"',
      );
    });

    it('the key is missing', () => {
      expect(reasonOf(decodeEvent({ ...casualties(), key: null }))).toBe('the message has no key; expected the theatre "kz"');
    });

    it('ce_subject is not the theatre', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_subject: 'ua-border' })))).toBe(
        'ce_subject "ua-border" is not the theatre in the value "kz"',
      );
    });

    it('ce_time is not recordedAt', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_time: '2022-01-01T00:00:00Z' })))).toMatch(
        /^ce_time "2022-01-01T00:00:00Z" is not recordedAt/,
      );
    });

    it('ce_time is not a time at all', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_time: 'yesterday' })))).toMatch(
        /^invalid CloudEvent attributes: .*\/time/,
      );
    });

    it.each(['ce_specversion', 'ce_id', 'ce_source', 'ce_time', 'ce_subject', 'content-type'])('%s is missing', (name) => {
      expect(reasonOf(decodeEvent(withoutHeader(casualties(), name)))).toBe(`missing header ${name}`);
    });

    it('ce_specversion is not 1.0', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_specversion: '0.3' })))).toMatch(/unsupported ce_specversion "0.3"/);
    });

    it('the message is in structured mode', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { 'content-type': 'application/cloudevents+json' })))).toMatch(
        /unsupported content-type "application\/cloudevents\+json"/,
      );
    });

    it('a CloudEvents header is repeated', () => {
      expect(reasonOf(decodeEvent(withHeaders(casualties(), { ce_subject: ['kz', 'ua-border'] })))).toBe(
        'header ce_subject appears 2 times',
      );
    });

    it('it is given anything at all', () => {
      const header = fc.oneof(fc.string(), fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes)));
      const anyMessage = fc.record({
        key: fc.option(fc.oneof(fc.string(), fc.constant('kz'))),
        value: fc.option(fc.oneof(fc.string(), fc.json(), fc.constant(casualties().value))),
        headers: fc.dictionary(
          fc.constantFrom('ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'ce_subject', 'content-type', 'x'),
          fc.oneof(header, fc.array(header, { maxLength: 2 }), fc.constant(undefined)),
        ),
      });
      fc.assert(
        fc.property(anyMessage, (message) => {
          expect(() => decodeEvent(message)).not.toThrow();
          expect(() => decodeAlert(message)).not.toThrow();
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('alerts', () => {
  it('round-trip in CloudEvents binary mode', () => {
    const message = encodeAlert(escalationAlert, { source: '/watchfloor/projection' });

    expect(message.key).toBe('kz');
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: escalationAlert.id,
      ce_source: '/watchfloor/projection',
      ce_type: 'watchfloor.alert.raised.v1',
      ce_time: escalationAlert.raisedAt,
      ce_subject: 'kz',
      'content-type': 'application/json',
    });
    expect(decodeAlert(asConsumed(message))).toEqual({ ok: true, alert: escalationAlert, schemaVersion: 1 });
  });

  it('refuse an alert whose direction contradicts its bands', () => {
    expect(() => encodeAlert({ ...escalationAlert, direction: 'down' }, { source })).toThrow(/direction/);
  });

  it('are not read as events, nor events as alerts', () => {
    const alert = encodeAlert(escalationAlert, { source });
    expect(reasonOf(decodeEvent(alert))).toMatch(/^unknown ce_type "watchfloor.alert.raised.v1"/);
    expect(reasonOf(decodeAlert(casualties()))).toBe(
      `unknown ce_type "watchfloor.casualties.reported.v1": expected ${ALERT_CE_TYPE}`,
    );
  });

  it('of a newer version are refused, naming it', () => {
    const alert = encodeAlert(escalationAlert, { source });
    expect(reasonOf(decodeAlert(withHeaders(alert, { ce_type: 'watchfloor.alert.raised.v2' })))).toMatch(
      /^alert\.raised v2 is newer than this reader knows/,
    );
  });

  it('that fail validation are refused with the paths', () => {
    const alert = encodeAlert(escalationAlert, { source });
    const broken = { ...escalationAlert, index: 140, band: 'extreme' };
    const reason = reasonOf(decodeAlert({ ...alert, value: JSON.stringify(broken) }));
    expect(reason).toMatch(/^value is not a valid alert\.raised: /);
    expect(reason).toContain('index: ');
    expect(reason).toContain('band: ');
  });

  it('whose headers disagree with the value are refused', () => {
    const alert = encodeAlert(escalationAlert, { source });
    expect(reasonOf(decodeAlert({ ...alert, key: 'ua-border' }))).toBe('key "ua-border" is not the theatre in the value "kz"');
    expect(reasonOf(decodeAlert(withHeaders(alert, { ce_time: '2022-01-05T08:31:01Z' })))).toMatch(/is not raisedAt/);
  });
});

describe('parseCeType', () => {
  it('splits a dotted type from its version', () => {
    expect(parseCeType('watchfloor.casualties.reported.v12')).toEqual({ name: 'casualties.reported', version: 12 });
    expect(parseCeType('watchfloor.casualties.reported')).toBeUndefined();
  });
});
