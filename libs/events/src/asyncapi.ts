import { ALERT_SCHEMA_VERSION, ALERT_TYPE } from './alert.schema';
import { ALERT_CE_TYPE, CE_HEADERS, CE_SPEC_VERSION, ceTypeOfEvent, JSON_CONTENT_TYPE } from './cloudevents-codec';
import { EVENT_TYPE_NAMES, EVENT_TYPES, THEATRE_ID, type EventType } from './event.schema';
import { alertJsonSchema, eventJsonSchema, type JsonSchema } from './json-schema';
import { TOPICS, topicSpecs, type TopicName } from './topics';

/**
 * The AsyncAPI 3.0 document of the Kafka side of the contract, built from the same zod schemas as
 * the code (through the JSON Schemas), so it cannot drift from what the services accept.
 *
 * Extension point: the document is the Kafka fragment merged into an empty document. Another part
 * of the contract (the `/live` WebSocket channels) is added as one more `AsyncApiFragment`,
 * passed in `extensions` or merged with `mergeAsyncApi`: its own server (e.g. `live`, protocol
 * `ws`), channels that list that server in `servers` (the Kafka channels list only the Kafka
 * servers, so neither side leaks onto the other's), operations and components. A name defined
 * twice throws rather than one silently replacing the other.
 */

export const ASYNCAPI_VERSION = '3.0.0';
/** Version of this document: bump it when a message or channel changes. */
export const CONTRACT_VERSION = '1.0.0';
export const DEFAULT_KAFKA_BROKERS = '127.0.0.1:9092';
const KAFKA_BINDING_VERSION = '0.5.0';

/** An AsyncAPI object; left open because the document is plain JSON for the parser and for clients. */
export type AsyncApiObject = Readonly<Record<string, unknown>>;
export type AsyncApiMap = Readonly<Record<string, AsyncApiObject>>;

export interface AsyncApiComponents {
  readonly schemas?: AsyncApiMap;
  readonly messages?: AsyncApiMap;
  readonly [kind: string]: AsyncApiMap | undefined;
}

/** A piece of the document: what a part of the system (Kafka, WebSocket) contributes. */
export interface AsyncApiFragment {
  readonly servers?: AsyncApiMap;
  readonly channels?: AsyncApiMap;
  readonly operations?: AsyncApiMap;
  readonly components?: AsyncApiComponents;
}

// A type, not an interface, so that it is a plain JSON object to whatever takes one (the parser).
export type AsyncApiDocument = {
  readonly asyncapi: typeof ASYNCAPI_VERSION;
  readonly id: string;
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly defaultContentType: string;
  readonly servers: AsyncApiMap;
  readonly channels: AsyncApiMap;
  readonly operations: AsyncApiMap;
  readonly components: AsyncApiComponents;
};

export interface AsyncApiOptions {
  /** Comma-separated bootstrap servers, as in KAFKA_BROKERS; default 127.0.0.1:9092. */
  readonly kafkaBrokers?: string;
  /** More fragments to merge in, e.g. the WebSocket channels. */
  readonly extensions?: readonly AsyncApiFragment[];
}

/** Channel ids of the Kafka topics (ids, not addresses: the address is the topic name). */
export const KAFKA_CHANNELS = {
  events: 'crisisEvents',
  parked: 'crisisEventsParked',
  snapshots: 'crisisSnapshots',
  alerts: 'crisisAlerts',
} as const satisfies Record<keyof typeof TOPICS, string>;

/** Message id of an event type: `protest.escalated` → `protestEscalated`. */
export const eventMessageId = (type: EventType): string =>
  type.replace(/[._]([a-z])/g, (_match, letter: string) => letter.toUpperCase());

export const ALERT_MESSAGE_ID = 'alertRaised';
export const SNAPSHOT_MESSAGE_ID = 'projectionSnapshot';

const eventSchemaName = (type: EventType): string => `${type}.v${EVENT_TYPES[type].version}`;
const ALERT_SCHEMA_NAME = `${ALERT_TYPE}.v${ALERT_SCHEMA_VERSION}`;
const SNAPSHOT_SCHEMA_NAME = 'projectionSnapshot';

const ref = (pointer: string): AsyncApiObject => ({ $ref: pointer });

/** AsyncAPI schemas extend JSON Schema draft-07; the dialect is the document's, not the schema's. */
const asAsyncApiSchema = ({ $schema: _dialect, ...schema }: JsonSchema): AsyncApiObject => schema;

const theatreKey: AsyncApiObject = {
  type: 'string',
  pattern: THEATRE_ID.source,
  description: 'The theatre id, so that all events of a theatre keep their order on one partition',
};

/** The CloudEvents binary-mode headers of one message type. */
export const cloudEventHeadersSchema = (ceType: string, idMeaning: string, timeMeaning: string): AsyncApiObject => ({
  type: 'object',
  description: 'CloudEvents 1.0 Kafka protocol binding, binary content mode',
  required: Object.values(CE_HEADERS),
  properties: {
    [CE_HEADERS.specversion]: { type: 'string', const: CE_SPEC_VERSION, description: 'CloudEvents spec version' },
    [CE_HEADERS.id]: { type: 'string', format: 'uuid', description: idMeaning },
    [CE_HEADERS.source]: {
      type: 'string',
      format: 'uri-reference',
      description: 'The producer, e.g. "/watchfloor/ingest"',
      examples: ['/watchfloor/ingest'],
    },
    [CE_HEADERS.type]: {
      type: 'string',
      const: ceType,
      description: 'watchfloor.<type>.v<schema version>; readers also accept older versions and upcast them',
    },
    [CE_HEADERS.time]: { type: 'string', format: 'date-time', description: timeMeaning },
    [CE_HEADERS.subject]: { type: 'string', pattern: THEATRE_ID.source, description: 'The theatre id (as the key)' },
    [CE_HEADERS.contentType]: { type: 'string', const: JSON_CONTENT_TYPE },
  },
});

const eventMessage = (type: EventType): AsyncApiObject => ({
  name: type,
  title: `${type} v${EVENT_TYPES[type].version}`,
  summary: EVENT_TYPES[type].data.description ?? type,
  contentType: JSON_CONTENT_TYPE,
  headers: cloudEventHeadersSchema(ceTypeOfEvent(type), 'The event id', 'recordedAt: when Watchfloor accepted the event'),
  payload: ref(`#/components/schemas/${eventSchemaName(type)}`),
  bindings: { kafka: { key: theatreKey, bindingVersion: KAFKA_BINDING_VERSION } },
});

const alertMessage: AsyncApiObject = {
  name: ALERT_TYPE,
  title: `${ALERT_TYPE} v${ALERT_SCHEMA_VERSION}`,
  summary: "A theatre's escalation index crossed into another band",
  contentType: JSON_CONTENT_TYPE,
  headers: cloudEventHeadersSchema(ALERT_CE_TYPE, 'The alert id', 'raisedAt: when the projection raised the alert'),
  payload: ref(`#/components/schemas/${ALERT_SCHEMA_NAME}`),
  bindings: { kafka: { key: theatreKey, bindingVersion: KAFKA_BINDING_VERSION } },
};

const snapshotMessage: AsyncApiObject = {
  name: 'projection.snapshot',
  title: 'Projection snapshot',
  summary: 'The state of a projection and the log positions it covers; only the newest per projection is kept',
  contentType: JSON_CONTENT_TYPE,
  payload: ref(`#/components/schemas/${SNAPSHOT_SCHEMA_NAME}`),
  bindings: {
    kafka: {
      key: { type: 'string', description: 'The projection id' },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  },
};

// The snapshot's shape belongs to the projection (libs/crisis-state), not to this contract.
const snapshotSchema: AsyncApiObject = {
  type: 'object',
  description: 'Internal to the projection; its shape is versioned by the projection itself',
};

const NUMERIC_TOPIC_CONFIGS = new Set(['retention.ms', 'retention.bytes', 'delete.retention.ms', 'max.message.bytes']);

/** topics.ts's settings as the Kafka channel binding types them (numbers as integers, policies as a list). */
const topicBinding = (topic: TopicName): AsyncApiObject => {
  const spec = topicSpecs().find((s) => s.topic === topic);
  if (spec === undefined) throw new Error(`no topic spec for ${topic}`);
  const topicConfiguration = Object.fromEntries(
    spec.configEntries.map(({ name, value }) => [
      name,
      name === 'cleanup.policy' ? value.split(',') : NUMERIC_TOPIC_CONFIGS.has(name) ? Number(value) : value,
    ]),
  );
  return { kafka: { partitions: spec.numPartitions, topicConfiguration, bindingVersion: KAFKA_BINDING_VERSION } };
};

/** One server per bootstrap broker, so that a client may start from any of them. */
export const kafkaServers = (kafkaBrokers: string = DEFAULT_KAFKA_BROKERS): AsyncApiMap => {
  const brokers = kafkaBrokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  const hosts = brokers.length > 0 ? brokers : [DEFAULT_KAFKA_BROKERS];
  return Object.fromEntries(
    hosts.map((host, i) => [
      i === 0 ? 'kafka' : `kafka-${i + 1}`,
      { host, protocol: 'kafka', description: 'Apache Kafka bootstrap server (KAFKA_BROKERS)' },
    ]),
  );
};

/** The Kafka topics, their messages and operations: the Kafka part of the document. */
export const kafkaAsyncApi = (options: Pick<AsyncApiOptions, 'kafkaBrokers'> = {}): AsyncApiFragment => {
  const servers = kafkaServers(options.kafkaBrokers);
  const onKafka = Object.keys(servers).map((name) => ref(`#/servers/${name}`));
  const eventMessages = Object.fromEntries(
    EVENT_TYPE_NAMES.map((type) => [eventMessageId(type), ref(`#/components/messages/${eventMessageId(type)}`)]),
  );
  const channelMessages = (channel: string, ids: readonly string[]): AsyncApiObject[] =>
    ids.map((id) => ref(`#/channels/${channel}/messages/${id}`));
  const eventMessageIds = EVENT_TYPE_NAMES.map(eventMessageId);

  return {
    servers,
    channels: {
      [KAFKA_CHANNELS.events]: {
        address: TOPICS.events,
        title: 'Crisis events',
        description: 'Every accepted event: the log of record. Kept for ever, never compacted.',
        servers: onKafka,
        messages: eventMessages,
        bindings: topicBinding(TOPICS.events),
      },
      [KAFKA_CHANNELS.parked]: {
        address: TOPICS.parked,
        title: 'Parked events',
        description:
          'Messages of crisis.events that could not be applied, unchanged (value, key and CloudEvents headers), ' +
          'plus headers saying why and where they came from. Operators list and re-drive them.',
        servers: onKafka,
        messages: eventMessages,
        bindings: topicBinding(TOPICS.parked),
      },
      [KAFKA_CHANNELS.snapshots]: {
        address: TOPICS.snapshots,
        title: 'Projection snapshots',
        description: 'Projection snapshots, each with the log positions it covers. Compacted.',
        servers: onKafka,
        messages: { [SNAPSHOT_MESSAGE_ID]: ref(`#/components/messages/${SNAPSHOT_MESSAGE_ID}`) },
        bindings: topicBinding(TOPICS.snapshots),
      },
      [KAFKA_CHANNELS.alerts]: {
        address: TOPICS.alerts,
        title: 'Alerts',
        description: 'Alerts the projection derives when escalation thresholds are crossed, for integrators.',
        servers: onKafka,
        messages: { [ALERT_MESSAGE_ID]: ref(`#/components/messages/${ALERT_MESSAGE_ID}`) },
        bindings: topicBinding(TOPICS.alerts),
      },
    },
    operations: {
      sendEvent: {
        action: 'send',
        title: 'Append an event',
        summary: 'Producers append accepted events to the log of record, keyed by theatre.',
        channel: ref(`#/channels/${KAFKA_CHANNELS.events}`),
        messages: channelMessages(KAFKA_CHANNELS.events, eventMessageIds),
      },
      receiveEvents: {
        action: 'receive',
        title: 'Read the event log',
        summary: 'Consumers read the log of record in order per theatre.',
        channel: ref(`#/channels/${KAFKA_CHANNELS.events}`),
        messages: channelMessages(KAFKA_CHANNELS.events, eventMessageIds),
      },
      receiveParkedEvents: {
        action: 'receive',
        title: 'Read parked events',
        channel: ref(`#/channels/${KAFKA_CHANNELS.parked}`),
        messages: channelMessages(KAFKA_CHANNELS.parked, eventMessageIds),
      },
      receiveSnapshots: {
        action: 'receive',
        title: 'Read projection snapshots',
        channel: ref(`#/channels/${KAFKA_CHANNELS.snapshots}`),
        messages: channelMessages(KAFKA_CHANNELS.snapshots, [SNAPSHOT_MESSAGE_ID]),
      },
      receiveAlerts: {
        action: 'receive',
        title: 'Read alerts',
        channel: ref(`#/channels/${KAFKA_CHANNELS.alerts}`),
        messages: channelMessages(KAFKA_CHANNELS.alerts, [ALERT_MESSAGE_ID]),
      },
    },
    components: {
      schemas: {
        ...Object.fromEntries(
          EVENT_TYPE_NAMES.map((type) => [eventSchemaName(type), asAsyncApiSchema(eventJsonSchema(type, { target: 'draft-07' }))]),
        ),
        [ALERT_SCHEMA_NAME]: asAsyncApiSchema(alertJsonSchema({ target: 'draft-07' })),
        [SNAPSHOT_SCHEMA_NAME]: snapshotSchema,
      },
      messages: {
        ...Object.fromEntries(EVENT_TYPE_NAMES.map((type) => [eventMessageId(type), eventMessage(type)])),
        [ALERT_MESSAGE_ID]: alertMessage,
        [SNAPSHOT_MESSAGE_ID]: snapshotMessage,
      },
    },
  };
};

const mergeMaps = (where: string, base: AsyncApiMap | undefined, extra: AsyncApiMap | undefined): AsyncApiMap => {
  const merged: Record<string, AsyncApiObject> = { ...base };
  for (const [name, value] of Object.entries(extra ?? {})) {
    if (name in merged) throw new Error(`AsyncAPI: ${where}.${name} is defined twice`);
    merged[name] = value;
  }
  return merged;
};

/** Adds fragments to a document; a name defined twice throws. */
export const mergeAsyncApi = (document: AsyncApiDocument, ...fragments: readonly AsyncApiFragment[]): AsyncApiDocument =>
  fragments.reduce<AsyncApiDocument>((doc, fragment) => {
    const kinds = new Set([...Object.keys(doc.components), ...Object.keys(fragment.components ?? {})]);
    const components: Record<string, AsyncApiMap> = {};
    for (const kind of kinds) {
      components[kind] = mergeMaps(`components.${kind}`, doc.components[kind], fragment.components?.[kind]);
    }
    return {
      ...doc,
      servers: mergeMaps('servers', doc.servers, fragment.servers),
      channels: mergeMaps('channels', doc.channels, fragment.channels),
      operations: mergeMaps('operations', doc.operations, fragment.operations),
      components,
    };
  }, document);

/** The whole document, as served at `/asyncapi.json`. */
export const buildAsyncApiDocument = (options: AsyncApiOptions = {}): AsyncApiDocument =>
  mergeAsyncApi(
    {
      asyncapi: ASYNCAPI_VERSION,
      id: 'urn:watchfloor',
      info: {
        title: 'Watchfloor',
        version: CONTRACT_VERSION,
        description:
          'Event-sourced crisis monitoring on Apache Kafka. Messages on crisis.events and crisis.alerts follow the ' +
          'CloudEvents 1.0 Kafka protocol binding in binary content mode: ce_* headers, the value is the event as JSON, ' +
          'the key is the theatre id.',
      },
      defaultContentType: JSON_CONTENT_TYPE,
      servers: {},
      channels: {},
      operations: {},
      components: {},
    },
    kafkaAsyncApi(options),
    ...(options.extensions ?? []),
  );
