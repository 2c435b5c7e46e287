import { Parser, type AsyncAPIDocumentInterface, type Diagnostic } from '@asyncapi/parser';
import {
  buildAsyncApiDocument,
  eventMessageId,
  KAFKA_CHANNELS,
  kafkaServers,
  mergeAsyncApi,
  type AsyncApiDocument,
  type AsyncApiFragment,
} from './asyncapi';
import { EVENT_TYPE_NAMES } from './event.schema';
import { TOPICS } from './topics';

const parser = new Parser();

// The parser's diagnostic severities: 0 error, 1 warning, 2 information, 3 hint.
const ERROR = 0;

const describeDiagnostics = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics.map((d) => `[${d.severity}] ${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`).join('\n');

const errorsOf = async (document: AsyncApiDocument): Promise<readonly Diagnostic[]> =>
  (await parser.validate(document)).filter((d) => d.severity === ERROR);

const parse = async (document: AsyncApiDocument): Promise<{ api: AsyncAPIDocumentInterface; errors: readonly Diagnostic[] }> => {
  const { document: api, diagnostics } = await parser.parse(document);
  if (api === undefined) throw new Error(`the parser refused the document:\n${describeDiagnostics(diagnostics)}`);
  return { api, errors: diagnostics.filter((d) => d.severity === ERROR) };
};

/** What the WebSocket engineer will add: its own server and a channel only on it. */
const liveFragment: AsyncApiFragment = {
  servers: { live: { host: '127.0.0.1:8080', pathname: '/live', protocol: 'ws' } },
  channels: {
    liveAlerts: {
      address: 'alerts',
      servers: [{ $ref: '#/servers/live' }],
      messages: { alertRaised: { $ref: '#/components/messages/alertRaised' } },
    },
  },
  operations: {
    receiveLiveAlerts: {
      action: 'receive',
      channel: { $ref: '#/channels/liveAlerts' },
      messages: [{ $ref: '#/channels/liveAlerts/messages/alertRaised' }],
    },
  },
};

describe('buildAsyncApiDocument', () => {
  const document = buildAsyncApiDocument();
  // Parsing takes most of a second: once for the tests that only read the default document.
  let parsedDefault: { api: AsyncAPIDocumentInterface; errors: readonly Diagnostic[] };
  beforeAll(async () => {
    parsedDefault = await parse(document);
  });

  it('is a valid AsyncAPI 3.0 document for the official parser', () => {
    const { errors } = parsedDefault;
    if (errors.length > 0) throw new Error(`the parser reports errors:\n${describeDiagnostics(errors)}`);
    expect(document.asyncapi).toBe('3.0.0');
  });

  it('has every event type as a message of crisis.events, each with its payload schema', () => {
    const { api } = parsedDefault;
    const channel = api.channels().all().find((c) => c.address() === TOPICS.events);
    const names = channel?.messages().all().map((m) => m.name()) ?? [];

    expect([...names].sort()).toEqual([...EVENT_TYPE_NAMES].sort());
    for (const type of EVENT_TYPE_NAMES) {
      const message = api.messages().all().find((m) => m.id() === eventMessageId(type));
      expect(message?.payload()?.properties()?.['type']?.const()).toBe(type);
      expect(message?.headers()?.properties()?.['ce_type']?.const()).toMatch(new RegExp(`^watchfloor\\.${type.replace('.', '\\.')}\\.v\\d+$`));
    }
  });

  it('has a channel for each topic, and sends only to crisis.events', () => {
    const { api } = parsedDefault;
    expect(api.channels().all().map((c) => c.address()).sort()).toEqual(Object.values(TOPICS).sort());
    const sends = api.operations().all().filter((o) => o.action() === 'send');
    expect(sends.flatMap((o) => o.channels().all().map((c) => c.address()))).toEqual([TOPICS.events]);
    const received = api
      .operations()
      .all()
      .filter((o) => o.action() === 'receive')
      .flatMap((o) => o.channels().all().map((c) => c.address()));
    expect(received.sort()).toEqual(Object.values(TOPICS).sort());
  });

  it('describes the theatre as the Kafka key and the topics as topics.ts creates them', () => {
    const events = document.channels[KAFKA_CHANNELS.events] as { bindings: { kafka: Record<string, unknown> } };
    expect(events.bindings.kafka).toMatchObject({
      partitions: 6,
      topicConfiguration: { 'cleanup.policy': ['delete'], 'retention.ms': -1 },
    });
    const message = document.components.messages?.[eventMessageId('casualties.reported')] as {
      bindings: { kafka: { key: { pattern: string } } };
    };
    expect(message.bindings.kafka.key.pattern).toBe('^[a-z0-9][a-z0-9-]{0,62}$');
  });

  it('defaults to the loopback broker and lists each broker given', () => {
    expect(document.servers).toEqual({ kafka: expect.objectContaining({ host: '127.0.0.1:9092', protocol: 'kafka' }) });
    expect(Object.values(kafkaServers('127.0.0.1:19092, 127.0.0.1:19093')).map((s) => s['host'])).toEqual([
      '127.0.0.1:19092',
      '127.0.0.1:19093',
    ]);
  });

  it('stays valid with several brokers, every Kafka channel on each of them', async () => {
    const twoBrokers = buildAsyncApiDocument({ kafkaBrokers: '127.0.0.1:19092,127.0.0.1:19093' });
    const { api, errors } = await parse(twoBrokers);
    expect(describeDiagnostics(errors)).toBe('');
    for (const channel of api.channels().all()) expect(channel.servers().all().map((s) => s.id())).toEqual(['kafka', 'kafka-2']);
  });

  it('takes a WebSocket fragment: still valid, and its channel stays off the Kafka servers', async () => {
    const withLive = buildAsyncApiDocument({ extensions: [liveFragment] });
    const { api, errors } = await parse(withLive);
    expect(describeDiagnostics(errors)).toBe('');
    const live = api.channels().all().find((c) => c.id() === 'liveAlerts');
    expect(live?.servers().all().map((s) => s.id())).toEqual(['live']);
    const events = api.channels().all().find((c) => c.address() === TOPICS.events);
    expect(events?.servers().all().map((s) => s.id())).toEqual(['kafka']);
  });

  it('refuses a fragment that redefines a name', () => {
    expect(() => mergeAsyncApi(document, { channels: { [KAFKA_CHANNELS.alerts]: { address: 'x' } } })).toThrow(
      'AsyncAPI: channels.crisisAlerts is defined twice',
    );
    expect(() => mergeAsyncApi(document, { components: { messages: { alertRaised: {} } } })).toThrow(
      'AsyncAPI: components.messages.alertRaised is defined twice',
    );
  });

  it('would be caught by the parser if it referred to a message that is not there', async () => {
    const broken = mergeAsyncApi(document, {
      operations: {
        receiveNothing: {
          action: 'receive',
          channel: { $ref: `#/channels/${KAFKA_CHANNELS.alerts}` },
          messages: [{ $ref: `#/channels/${KAFKA_CHANNELS.alerts}/messages/noSuchMessage` }],
        },
      },
    });
    expect((await errorsOf(broken)).length).toBeGreaterThan(0);
  });
});
