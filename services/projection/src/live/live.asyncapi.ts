import { ALERT_SCHEMA_VERSION, ALERT_TYPE, EVENT_TYPE_NAMES, EVENT_TYPES, type AsyncApiFragment, type AsyncApiObject } from '@watchfloor/events';
import { z } from 'zod';
import { feedFilter, FEED_SNAPSHOT_EVENTS, MAX_FRAME_BYTES, MAX_SUBSCRIPTIONS } from './live-protocol';

/**
 * The `/live` WebSocket channel as an AsyncAPI fragment, merged into the Kafka document
 * (libs/events `buildAsyncApiDocument({extensions})`). Like the Kafka part, operations are seen
 * from the client: it sends commands and receives updates. Event and alert payloads point at the
 * Kafka part's schemas: the live channel carries the very same JSON.
 */

const ref = (pointer: string): AsyncApiObject => ({ $ref: pointer });
const schemaRef = (name: string): AsyncApiObject => ref(`#/components/schemas/${name}`);

const eventSchemaRefs = (): AsyncApiObject => ({ oneOf: EVENT_TYPE_NAMES.map((type) => schemaRef(`${type}.v${EVENT_TYPES[type].version}`)) });
const alertSchemaRef = (): AsyncApiObject => schemaRef(`${ALERT_TYPE}.v${ALERT_SCHEMA_VERSION}`);

const draft7 = (schema: z.ZodType): AsyncApiObject => {
  const { $schema: _dialect, ...body } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return body;
};

const subId = { type: 'string', minLength: 1, maxLength: 64, description: "The client's own id for the subscription; every message about it carries it back" };
const vector = { type: 'string', pattern: '^(\\d+:\\d+(,\\d+:\\d+)*)?$', description: 'Position vector: per partition of crisis.events, the offset of the next message ("0:120,1:98")' };
const point = { type: 'string', pattern: '^\\d+:\\d+$', description: 'The partition and offset of the event on crisis.events ("3:45")' };
const channelName = { type: 'string', enum: ['theatre', 'feed', 'alerts', 'replay'] };

const object = (required: readonly string[], properties: Record<string, unknown>, description?: string): AsyncApiObject => ({
  type: 'object',
  required,
  properties,
  ...(description && { description }),
});

const theatreData = object(['state', 'summary'], {
  state: { type: 'object', description: 'SerialisedTheatreState of @watchfloor/crisis-state: fold deltas onto it with the same library' },
  summary: { type: 'object', description: 'TheatreSummary of @watchfloor/crisis-state' },
});

const schemas: Record<string, AsyncApiObject> = {
  'live.subscribe.theatre': object(['op', 'sub', 'channel', 'theatre'], {
    op: { const: 'subscribe' },
    sub: subId,
    channel: { const: 'theatre' },
    theatre: { type: 'string', description: 'Theatre id' },
    resumeFrom: { ...vector, description: 'The last position the client holds: it gets what it missed instead of a snapshot, if the server still has it' },
  }),
  'live.subscribe.feed': object(['op', 'sub', 'channel'], {
    op: { const: 'subscribe' },
    sub: subId,
    channel: { const: 'feed' },
    filter: draft7(feedFilter),
    resumeFrom: vector,
  }),
  'live.subscribe.alerts': object(['op', 'sub', 'channel'], {
    op: { const: 'subscribe' },
    sub: subId,
    channel: { const: 'alerts' },
    theatres: { type: 'array', items: { type: 'string' } },
  }),
  'live.subscribe.replay': object(['op', 'sub', 'channel', 'theatre', 'from'], {
    op: { const: 'subscribe' },
    sub: subId,
    channel: { const: 'replay' },
    theatre: { type: 'string' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time', description: 'Default: the latest event' },
    speed: { type: 'number', exclusiveMinimum: 0, default: 1, description: 'World time per wall-clock time: 3600 plays an hour per second' },
    basis: { type: 'string', enum: ['occurred', 'recorded'], default: 'occurred' },
  }),
  'live.unsubscribe': object(['op', 'sub'], { op: { const: 'unsubscribe' }, sub: subId }),
  'live.ping': object(['op'], { op: { const: 'ping' }, t: { type: ['number', 'string'], description: 'Echoed in the pong' } }),
  'live.snapshot': object(['kind', 'sub', 'channel', 'position', 'data'], {
    kind: { const: 'snapshot' },
    sub: subId,
    channel: channelName,
    position: vector,
    data: {
      oneOf: [
        { ...theatreData, description: 'theatre and replay' },
        object(['events'], { events: { type: 'array', maxItems: FEED_SNAPSHOT_EVENTS, items: eventSchemaRefs() } }, 'feed: the newest matching events, oldest first'),
        object(['alerts'], { alerts: { type: 'array', maxItems: 50, items: alertSchemaRef() } }, 'alerts: the newest, oldest first'),
      ],
    },
  }),
  'live.delta': object(['kind', 'sub', 'channel', 'position', 'data'], {
    kind: { const: 'delta' },
    sub: subId,
    channel: channelName,
    position: point,
    data: {
      oneOf: [
        object(['event'], { event: eventSchemaRefs() }, 'theatre, feed and replay: one event, in log-apply order'),
        object(['alert'], { alert: alertSchemaRef() }, 'alerts; position is the point of the event that raised it'),
      ],
    },
  }),
  'live.resumed': object(
    ['kind', 'sub', 'channel', 'position', 'deltas'],
    { kind: { const: 'resumed' }, sub: subId, channel: channelName, position: vector, deltas: { type: 'integer', description: 'How many missed deltas follow' } },
    'The subscription resumed from the position the client gave: the missed deltas follow, no snapshot',
  ),
  'live.resync': object(['kind', 'sub', 'reason'], { kind: { const: 'resync' }, sub: subId, reason: { type: 'string' } }, 'A fresh snapshot follows'),
  'live.heartbeat': object(['kind', 'at', 'position'], {
    kind: { const: 'heartbeat' },
    at: { type: 'string', format: 'date-time' },
    position: { ...vector, description: 'The server\'s position; every delta before it has been sent on this connection' },
  }),
  'live.pong': object(['kind'], { kind: { const: 'pong' }, t: { type: ['number', 'string'] } }),
  'live.replay.end': object(['kind', 'sub'], { kind: { const: 'replay.end' }, sub: subId }),
  'live.error': object(['kind', 'code', 'message'], {
    kind: { const: 'error' },
    sub: subId,
    code: { type: 'string', enum: ['bad_request', 'too_many_subscriptions', 'sub_in_use', 'unknown_sub'] },
    message: { type: 'string' },
  }),
};

const messageId = (schema: string): string => schema.replace(/^live\./, 'live-').replace(/\./g, '-');

const message = (schema: string, summary: string): AsyncApiObject => ({
  name: schema,
  title: schema,
  summary,
  contentType: 'application/json',
  payload: schemaRef(schema),
});

const clientMessages: Record<string, string> = {
  'live.subscribe.theatre': "Subscribe to a theatre's state",
  'live.subscribe.feed': 'Subscribe to the event feed, filtered',
  'live.subscribe.alerts': 'Subscribe to alerts',
  'live.subscribe.replay': 'Start a replay session',
  'live.unsubscribe': 'End a subscription',
  'live.ping': 'Answered by pong',
};

const serverMessages: Record<string, string> = {
  'live.snapshot': 'Where a subscription starts',
  'live.delta': 'One change, in log-apply order',
  'live.resumed': 'A subscription resumed; the missed deltas follow',
  'live.resync': 'The server could not resume, or the client fell behind; a fresh snapshot follows',
  'live.heartbeat': 'Every 15 s; a client that hears nothing for 45 s reconnects',
  'live.pong': 'Answer to ping',
  'live.replay.end': 'The replay reached its end',
  'live.error': 'What was wrong with a client message',
};

export const LIVE_CHANNEL = 'live';

/** The fragment; `host` is where the service listens, e.g. `127.0.0.1:8080`. */
export const liveAsyncApi = (host: string): AsyncApiFragment => {
  const all = { ...clientMessages, ...serverMessages };
  const channelMessageRefs = (names: readonly string[]) => names.map((name) => ref(`#/channels/${LIVE_CHANNEL}/messages/${messageId(name)}`));
  return {
    servers: {
      live: {
        host,
        pathname: '/live',
        protocol: 'ws',
        description:
          `The live WebSocket of the query service (PORT). JSON text frames of at most ${MAX_FRAME_BYTES / 1024} KiB from clients, at most ` +
          `${MAX_SUBSCRIPTIONS} subscriptions per connection. A reader key travels as ?key= or Authorization: Bearer when required.`,
      },
    },
    channels: {
      [LIVE_CHANNEL]: {
        address: '/live',
        title: 'Live updates',
        description: 'Subscriptions to theatre states, the event feed, alerts and replays (docs/live-protocol.md).',
        servers: [ref('#/servers/live')],
        messages: Object.fromEntries(Object.keys(all).map((name) => [messageId(name), ref(`#/components/messages/${messageId(name)}`)])),
      },
    },
    operations: {
      sendLiveCommands: {
        action: 'send',
        title: 'Subscribe, unsubscribe, ping',
        channel: ref(`#/channels/${LIVE_CHANNEL}`),
        messages: channelMessageRefs(Object.keys(clientMessages)),
      },
      receiveLiveUpdates: {
        action: 'receive',
        title: 'Snapshots, deltas and the rest',
        channel: ref(`#/channels/${LIVE_CHANNEL}`),
        messages: channelMessageRefs(Object.keys(serverMessages)),
      },
    },
    components: {
      schemas: schemas,
      messages: Object.fromEntries(Object.entries(all).map(([name, summary]) => [messageId(name), message(name, summary)])),
    },
  };
};
