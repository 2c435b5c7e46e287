import { CloudEvent, ValidationError } from 'cloudevents';
import { ALERT_SCHEMA_VERSION, ALERT_TYPE, alertRaised } from '../alert.schema';
import {
  ALERT_CE_TYPE,
  CE_HEADERS,
  CE_SPEC_VERSION,
  ceTypeOf,
  JSON_CONTENT_TYPE,
  parseCeType,
  type DecodedAlert,
  type DecodedEvent,
  type DecodeFailure,
  type KafkaHeaders,
  type KafkaMessageIn,
} from '../cloudevents-codec';
import { crisisEvent, EVENT_TYPES, type CrisisEvent, type EventType } from '../event.schema';
import { UPCASTERS, upcastEvent } from '../upcast';
import { issuesOf, type ValidationIssue } from '../validation';

/**
 * decodeEvent and decodeAlert as they were before the codec read the common case faster: every
 * header decoded and merged by lower-cased name, the CloudEvents SDK asked about every message,
 * the schema walked node by node (not zod's compiled clone). Kept as the reference the fast paths
 * are tested against (cloudevents-codec.reference.spec.ts): same answers, same reasons.
 */

const parseCrisisEvent = (value: unknown): { ok: true; event: CrisisEvent } | { ok: false; issues: ValidationIssue[] } => {
  const result = crisisEvent.safeParse(value);
  return result.success ? { ok: true, event: result.data } : { ok: false, issues: issuesOf(0, result.error) };
};

const isEventType = (name: string): name is EventType => Object.prototype.hasOwnProperty.call(EVENT_TYPES, name);

const describeIssues = (issues: readonly ValidationIssue[]): string =>
  issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ');

const describeSdkError = (error: unknown): string => {
  if (!(error instanceof ValidationError)) return error instanceof Error ? error.message : String(error);
  const details = (error.errors ?? []).map((e) => (typeof e === 'string' ? e : `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim()));
  // The SDK's message repeats the raw validator output; the details say the same in one line.
  return details.length > 0 ? details.join('; ') : error.message;
};

type Step<T> = { readonly ok: true; readonly value: T } | DecodeFailure;

const fail = (reason: string): DecodeFailure => ({ ok: false, reason });

const textOf = (value: Buffer | string): string => (typeof value === 'string' ? value : value.toString('utf8'));

/** Lower-cases names (Kafka header names are case-sensitive, the binding's are lower-case) and decodes values. */
const readHeaders = (headers: KafkaHeaders | undefined): Step<ReadonlyMap<string, string>> => {
  const read = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const values: ReadonlyArray<Buffer | string> = typeof raw === 'string' || Buffer.isBuffer(raw) ? [raw] : raw;
    const key = name.toLowerCase();
    read.set(key, [...(read.get(key) ?? []), ...values.map(textOf)]);
  }
  const single = new Map<string, string>();
  for (const [name, values] of read) {
    // A repeated CloudEvents header has no single meaning; a reader must not pick one.
    if (values.length > 1 && (name.startsWith('ce_') || name === CE_HEADERS.contentType)) {
      return fail(`header ${name} appears ${values.length} times`);
    }
    const value = values[0];
    if (value !== undefined) single.set(name, value);
  }
  return { ok: true, value: single };
};

interface Envelope {
  readonly type: { readonly name: string; readonly version: number };
  readonly id: string;
  readonly time: string;
  readonly subject: string;
  readonly key: string | undefined;
}

/** Everything about the message that is not the value: the headers and the key. */
const readEnvelope = (message: KafkaMessageIn): Step<Envelope> => {
  const headers = readHeaders(message.headers);
  if (!headers.ok) return headers;
  const header = (name: string): string | undefined => {
    const value = headers.value.get(name);
    return value === undefined || value === '' ? undefined : value;
  };
  const missing = (name: string): DecodeFailure => fail(`missing header ${name}`);

  const specversion = header(CE_HEADERS.specversion);
  if (specversion === undefined) return missing(CE_HEADERS.specversion);
  if (specversion !== CE_SPEC_VERSION) return fail(`unsupported ${CE_HEADERS.specversion} "${specversion}"; expected "${CE_SPEC_VERSION}"`);

  const ceType = header(CE_HEADERS.type);
  if (ceType === undefined) return missing(CE_HEADERS.type);
  const type = parseCeType(ceType);
  if (type === undefined) return fail(`unknown ${CE_HEADERS.type} "${ceType}"; expected watchfloor.<type>.v<version>`);

  const contentType = header(CE_HEADERS.contentType);
  if (contentType === undefined) return missing(CE_HEADERS.contentType);
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== JSON_CONTENT_TYPE) {
    return fail(`unsupported ${CE_HEADERS.contentType} "${contentType}"; expected ${JSON_CONTENT_TYPE} (binary content mode)`);
  }

  const id = header(CE_HEADERS.id);
  if (id === undefined) return missing(CE_HEADERS.id);
  const source = header(CE_HEADERS.source);
  if (source === undefined) return missing(CE_HEADERS.source);
  const time = header(CE_HEADERS.time);
  if (time === undefined) return missing(CE_HEADERS.time);
  const subject = header(CE_HEADERS.subject);
  if (subject === undefined) return missing(CE_HEADERS.subject);

  try {
    new CloudEvent({ specversion, id, source, type: ceType, time, subject, datacontenttype: contentType }, false).validate();
  } catch (error) {
    return fail(`invalid CloudEvent attributes: ${describeSdkError(error)}`);
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
  if (Date.parse(envelope.time) !== Date.parse(payload.time)) {
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
export const referenceDecodeEvent = (message: KafkaMessageIn): DecodedEvent => {
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
export const referenceDecodeAlert = (message: KafkaMessageIn): DecodedAlert => {
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
