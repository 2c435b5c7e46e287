import { CloudEvent, ValidationError } from 'cloudevents';
import { ALERT_SCHEMA_VERSION, ALERT_TYPE, alertRaised, type AlertRaised } from './alert.schema';
import { crisisEvent, EVENT_TYPES, type CrisisEvent, type EventType } from './event.schema';
import { UPCASTERS, upcastEvent } from './upcast';
import { CE_HEADERS, isPlainCeTime, readBindingHeaders, type KafkaHeaders } from './kafka-binding';
import { issuesOf, parseCrisisEvent, recordEvent, type AcceptedEventInput, type ValidationIssue } from './validation';

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary content mode (SPEC.md): the CloudEvent
 * attributes travel as `ce_*` headers, the event itself is the message value as JSON, and the key
 * is the theatre so that one theatre's events stay in order on one partition.
 *
 * The `cloudevents` SDK validates the attributes (`new CloudEvent(...)` checks them against the
 * CloudEvents 1.0 JSON Schema) in both directions: on every message written, and on every message
 * read unless its source has passed before and its time is of the plain shape the SDK is known to
 * accept (see readEnvelope). The headers are written and read here rather than by its Kafka
 * binding (`Kafka.binary` / `Kafka.toEvent`), because that binding does not fit the contract:
 * - `Kafka.binary` returns the data unserialised as the value (`KafkaMessage<unknown>`), and writes
 *   a header for every attribute of the CloudEvent object: `undefined`-valued `ce_dataschema`,
 *   `ce_schemaurl` and `ce_datacontentencoding`, a `ce_datacontenttype` duplicating `content-type`,
 *   and `ce_partitionkey` when the key is set: not the exact header set of the contract, and not
 *   a `Record<string, string>` a Kafka client can send;
 * - `Kafka.toEvent` takes string headers only (kafkajs hands over `Buffer`s and arrays), throws
 *   instead of answering with a reason, stamps the reader's clock on a message without `ce_time`,
 *   and rewrites `ce_time` to UTC.
 * The SDK still reads what is written here: a unit test decodes an encoded message with `Kafka.toEvent`.
 */

export const CE_SPEC_VERSION = '1.0';
export const CE_TYPE_PREFIX = 'watchfloor.';
export const JSON_CONTENT_TYPE = 'application/json';

export { CE_HEADERS, type KafkaHeaderValue, type KafkaHeaders } from './kafka-binding';

/** A consumed Kafka message, as far as the codec cares: a tombstone has a null value. */
export interface KafkaMessageIn {
  readonly key?: Buffer | string | null | undefined;
  readonly value: Buffer | string | null | undefined;
  readonly headers?: KafkaHeaders | undefined;
}

/** A message ready to produce. */
export interface EncodedMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface EncodeOptions {
  /** The CloudEvents `source` (a URI reference) of the producer, e.g. "/watchfloor/ingest". */
  readonly source: string;
}

export type DecodeFailure = { readonly ok: false; readonly reason: string };
/** `schemaVersion` is the version the message was written at; `event` always has the current shape. */
export type DecodedEvent = { readonly ok: true; readonly event: CrisisEvent; readonly schemaVersion: number } | DecodeFailure;
export type DecodedAlert = { readonly ok: true; readonly alert: AlertRaised; readonly schemaVersion: number } | DecodeFailure;

/** `watchfloor.<type>.v<schema version>`, e.g. `watchfloor.casualties.reported.v1`. */
export const ceTypeOf = (name: string, version: number): string => `${CE_TYPE_PREFIX}${name}.v${version}`;

const CE_TYPE = /^watchfloor\.(.+)\.v(\d+)$/;

export const parseCeType = (ceType: string): { readonly name: string; readonly version: number } | undefined => {
  const match = CE_TYPE.exec(ceType);
  const name = match?.[1];
  const version = match?.[2];
  return name === undefined || version === undefined ? undefined : { name, version: Number(version) };
};

/** The CloudEvents type of an event of the current schema version. */
export const ceTypeOfEvent = (type: EventType): string => ceTypeOf(type, EVENT_TYPES[type].version);
export const ALERT_CE_TYPE = ceTypeOf(ALERT_TYPE, ALERT_SCHEMA_VERSION);

const isEventType = (name: string): name is EventType => Object.prototype.hasOwnProperty.call(EVENT_TYPES, name);

const describeIssues = (issues: readonly ValidationIssue[]): string =>
  issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');

const describeSdkError = (error: unknown): string => {
  if (!(error instanceof ValidationError)) return error instanceof Error ? error.message : String(error);
  const details = (error.errors ?? []).map((e) => (typeof e === 'string' ? e : `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()));
  // The SDK's message repeats the raw validator output; the details say the same in one line.
  return details.length > 0 ? details.join('; ') : error.message;
};

// ---- encoding ------------------------------------------------------------------------------

interface Attributes {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly time: string;
  readonly subject: string;
}

const toMessage = (attributes: Attributes, payload: unknown): EncodedMessage => {
  try {
    // Strict construction validates the attributes against the CloudEvents 1.0 schema.
    new CloudEvent({ specversion: CE_SPEC_VERSION, datacontenttype: JSON_CONTENT_TYPE, ...attributes });
  } catch (error) {
    throw new Error(`invalid CloudEvent attributes for ${attributes.type} ${attributes.id}: ${describeSdkError(error)}`);
  }
  return {
    key: attributes.subject,
    value: JSON.stringify(payload),
    headers: {
      [CE_HEADERS.specversion]: CE_SPEC_VERSION,
      [CE_HEADERS.id]: attributes.id,
      [CE_HEADERS.source]: attributes.source,
      [CE_HEADERS.type]: attributes.type,
      [CE_HEADERS.time]: attributes.time,
      [CE_HEADERS.subject]: attributes.subject,
      [CE_HEADERS.contentType]: JSON_CONTENT_TYPE,
    },
  };
};

/**
 * Encodes an accepted event for `crisis.events`. An invalid event or source throws: that is a bug
 * in the producer, and the log of record must never hold a message its readers would reject.
 */
export const encodeEvent = (event: CrisisEvent, { source }: EncodeOptions): EncodedMessage => {
  const checked = parseCrisisEvent(event);
  if (!checked.ok) throw new Error(`cannot encode ${event.type} ${event.id}: ${describeIssues(checked.issues)}`);
  const valid = checked.event;
  return toMessage(
    { id: valid.id, type: ceTypeOfEvent(valid.type), source, time: valid.recordedAt, subject: valid.theatre },
    valid,
  );
};

/** The keys of a recorded event in the order the schema writes them: JSON.stringify keeps that order. */
const KEYS_OF_TYPE: ReadonlyMap<string, readonly string[]> = new Map(
  crisisEvent.options.map((schema) => [schema.shape.type.value, Object.keys(schema.shape)]),
);

/** The last source and recording time encodeEvent accepted (see encodeAcceptedEvent). */
let checkedStamp: { readonly source: string; readonly time: string } | undefined;

/**
 * Stamps recordedAt onto an accepted input and encodes it: the same message, byte for byte, as
 * `encodeEvent(recordEvent(input, recordedAt), { source })`, without validating the event again.
 *
 * Ingest validates every event on the way in (parseEventInputs) and encodes it right after, and
 * that second validation plus the SDK's CloudEvent per message cost as much as the first. What
 * the input's type does not vouch for is the stamp: the source and the time. So the first event
 * with a new source or time takes encodeEvent's whole path (its errors are encodeEvent's), and the
 * events after it with the same stamp (a whole batch shares one) are written directly: every other
 * attribute comes from fields the input schema already checked.
 */
export const encodeAcceptedEvent = (input: AcceptedEventInput, recordedAt: Date, { source }: EncodeOptions): EncodedMessage => {
  const time = recordedAt.toISOString();
  const keys = KEYS_OF_TYPE.get(input.type);
  if (keys === undefined || checkedStamp?.source !== source || checkedStamp.time !== time) {
    const message = encodeEvent(recordEvent(input, recordedAt), { source });
    checkedStamp = { source, time };
    return message;
  }
  // In the schema's key order, as parseCrisisEvent would return it; an input's own recordedAt is replaced.
  const fields: Readonly<Record<string, unknown>> = input;
  const event: Record<string, unknown> = {};
  for (const key of keys) {
    const value = key === 'recordedAt' ? time : fields[key];
    if (value !== undefined) event[key] = value;
  }
  return {
    key: input.theatre,
    value: JSON.stringify(event),
    headers: {
      [CE_HEADERS.specversion]: CE_SPEC_VERSION,
      [CE_HEADERS.id]: input.id,
      [CE_HEADERS.source]: source,
      [CE_HEADERS.type]: ceTypeOfEvent(input.type),
      [CE_HEADERS.time]: time,
      [CE_HEADERS.subject]: input.theatre,
      [CE_HEADERS.contentType]: JSON_CONTENT_TYPE,
    },
  };
};

/** Encodes an alert for `crisis.alerts`; throws on an invalid alert, like encodeEvent. */
export const encodeAlert = (alert: AlertRaised, { source }: EncodeOptions): EncodedMessage => {
  const checked = alertRaised.safeParse(alert);
  if (!checked.success) throw new Error(`cannot encode alert ${alert.id}: ${describeIssues(issuesOf(0, checked.error))}`);
  const valid = checked.data;
  return toMessage({ id: valid.id, type: ALERT_CE_TYPE, source, time: valid.raisedAt, subject: valid.theatre }, valid);
};

// ---- decoding ------------------------------------------------------------------------------

type Step<T> = { readonly ok: true; readonly value: T } | DecodeFailure;

const fail = (reason: string): DecodeFailure => ({ ok: false, reason });

const textOf = (value: Buffer | string): string => (typeof value === 'string' ? value : value.toString('utf8'));

/**
 * Sources the SDK has accepted. A producer writes one source on all its messages, so once the SDK
 * has judged it, asking again per message only costs time; bounded so that a log written by many
 * sources cannot grow it without end.
 */
const acceptedSources = new Set<string>();
const MAX_ACCEPTED_SOURCES = 64;

interface Envelope {
  readonly type: { readonly name: string; readonly version: number };
  readonly id: string;
  readonly time: string;
  readonly subject: string;
  readonly key: string | undefined;
}

/** Everything about the message that is not the value: the headers and the key. */
const readEnvelope = (message: KafkaMessageIn): Step<Envelope> => {
  const read = readBindingHeaders(message.headers);
  if (!read.ok) return read;
  const { headers } = read;
  const missing = (name: string): DecodeFailure => fail(`missing header ${name}`);

  const specversion = headers.specversion;
  if (specversion === undefined) return missing(CE_HEADERS.specversion);
  if (specversion !== CE_SPEC_VERSION) return fail(`unsupported ${CE_HEADERS.specversion} "${specversion}"; expected "${CE_SPEC_VERSION}"`);

  const ceType = headers.type;
  if (ceType === undefined) return missing(CE_HEADERS.type);
  const type = parseCeType(ceType);
  if (type === undefined) return fail(`unknown ${CE_HEADERS.type} "${ceType}"; expected watchfloor.<type>.v<version>`);

  const contentType = headers.contentType;
  if (contentType === undefined) return missing(CE_HEADERS.contentType);
  const mediaType = contentType === JSON_CONTENT_TYPE ? contentType : contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== JSON_CONTENT_TYPE) {
    return fail(`unsupported ${CE_HEADERS.contentType} "${contentType}"; expected ${JSON_CONTENT_TYPE} (binary content mode)`);
  }

  const id = headers.id;
  if (id === undefined) return missing(CE_HEADERS.id);
  const source = headers.source;
  if (source === undefined) return missing(CE_HEADERS.source);
  const time = headers.time;
  if (time === undefined) return missing(CE_HEADERS.time);
  const subject = headers.subject;
  if (subject === undefined) return missing(CE_HEADERS.subject);

  // Every other attribute is non-empty text by now, which is all the CloudEvents schema asks of
  // them; only the source (a URI reference) and the time (a date-time) have more to be checked.
  if (!acceptedSources.has(source) || !isPlainCeTime(time)) {
    try {
      new CloudEvent({ specversion, id, source, type: ceType, time, subject, datacontenttype: contentType }, false).validate();
    } catch (error) {
      return fail(`invalid CloudEvent attributes: ${describeSdkError(error)}`);
    }
    if (acceptedSources.size < MAX_ACCEPTED_SOURCES) acceptedSources.add(source);
  }

  const key = message.key === null || message.key === undefined ? undefined : textOf(message.key);
  return { ok: true, value: { type, id, time, subject, key } };
};

const readJson = (value: Buffer | string | null | undefined): Step<unknown> => {
  if (value === null || value === undefined) return fail('the message has no value (a tombstone?)');
  try {
    return { ok: true, value: JSON.parse(textOf(value)) as unknown };
  } catch (error) {
    return fail(`value is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** The headers and the key must say what the value says: consumers route and filter on them alone. */
const checkAgreement = (envelope: Envelope, payload: { id: string; theatre: string; time: string; timeField: string }): DecodeFailure | undefined => {
  if (envelope.id !== payload.id) return fail(`${CE_HEADERS.id} "${envelope.id}" is not the id in the value "${payload.id}"`);
  if (envelope.key === undefined) return fail(`the message has no key; expected the theatre "${payload.theatre}"`);
  if (envelope.key !== payload.theatre) return fail(`key "${envelope.key}" is not the theatre in the value "${payload.theatre}"`);
  if (envelope.subject !== payload.theatre) {
    return fail(`${CE_HEADERS.subject} "${envelope.subject}" is not the theatre in the value "${payload.theatre}"`);
  }
  // Equal texts are the same instant whenever they are an instant at all: one Date.parse does.
  const sameInstant = envelope.time === payload.time ? !Number.isNaN(Date.parse(payload.time)) : Date.parse(envelope.time) === Date.parse(payload.time);
  if (!sameInstant) {
    return fail(`${CE_HEADERS.time} "${envelope.time}" is not ${payload.timeField} in the value "${payload.time}"`);
  }
  return undefined;
};

const typeInValue = (value: unknown): unknown =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { readonly type?: unknown }).type : undefined;

const unexpected = (error: unknown): DecodeFailure =>
  fail(`unexpected error while decoding: ${error instanceof Error ? error.message : String(error)}`);

/**
 * Reads a message of `crisis.events` (or a parked one) back into a current-shape event. Never
 * throws: a message that cannot be read is answered with the reason, for the caller to park it.
 */
export const decodeEvent = (message: KafkaMessageIn): DecodedEvent => {
  try {
    const envelope = readEnvelope(message);
    if (!envelope.ok) return envelope;
    const { name, version } = envelope.value.type;
    if (!isEventType(name)) return fail(`unknown ${CE_HEADERS.type} "${ceTypeOf(name, version)}": no event type "${name}"`);
    const json = readJson(message.value);
    if (!json.ok) return json;
    const typeField = typeInValue(json.value);
    if (typeField !== undefined && typeField !== name) {
      return fail(`${CE_HEADERS.type} names ${name} but the value is a ${String(typeField)}`);
    }
    const upcast = upcastEvent(name, version, json.value, UPCASTERS);
    if (!upcast.ok) return upcast;
    const parsed = parseCrisisEvent(upcast.value);
    if (!parsed.ok) return fail(`value is not a valid ${name} (written as v${version}): ${describeIssues(parsed.issues)}`);
    const event = parsed.event;
    const disagreement = checkAgreement(envelope.value, {
      id: event.id,
      theatre: event.theatre,
      time: event.recordedAt,
      timeField: 'recordedAt',
    });
    return disagreement ?? { ok: true, event, schemaVersion: version };
  } catch (error) {
    return unexpected(error);
  }
};

/** Reads a message of `crisis.alerts`. Never throws. */
export const decodeAlert = (message: KafkaMessageIn): DecodedAlert => {
  try {
    const envelope = readEnvelope(message);
    if (!envelope.ok) return envelope;
    const { name, version } = envelope.value.type;
    if (name !== ALERT_TYPE) return fail(`unknown ${CE_HEADERS.type} "${ceTypeOf(name, version)}": expected ${ALERT_CE_TYPE}`);
    if (version > ALERT_SCHEMA_VERSION) {
      return fail(`${ALERT_TYPE} v${version} is newer than this reader knows (current v${ALERT_SCHEMA_VERSION}); upgrade the reader`);
    }
    if (version !== ALERT_SCHEMA_VERSION) return fail(`${ALERT_TYPE} v${version} is not a schema version`);
    const json = readJson(message.value);
    if (!json.ok) return json;
    const parsed = alertRaised.safeParse(json.value);
    if (!parsed.success) return fail(`value is not a valid ${ALERT_TYPE}: ${describeIssues(issuesOf(0, parsed.error))}`);
    const alert = parsed.data;
    const disagreement = checkAgreement(envelope.value, {
      id: alert.id,
      theatre: alert.theatre,
      time: alert.raisedAt,
      timeField: 'raisedAt',
    });
    return disagreement ?? { ok: true, alert, schemaVersion: version };
  } catch (error) {
    return unexpected(error);
  }
};
