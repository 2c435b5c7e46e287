import type { EventLog } from '@watchfloor/kafka';
import { topicSettingsFor } from '@watchfloor/service-kit';
import type { IngestApp } from '../app/create-ingest-app';
import { casualtyReport, reportBatch } from '../testing/event-inputs';
import { freshTopicPrefix, INGEST_KEY, LogLines, READER_KEY, startIngest, testEventLog } from '../testing/ingest-harness';

interface Sent {
  readonly name: string;
  readonly body: string | (() => ReadableStream<Uint8Array>);
  readonly contentType?: string;
  readonly key?: string | null;
  /** Whether the direct route should take it, rather than hand it to Express. */
  readonly direct: boolean;
}

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly retryAfter: string | null;
  readonly body: unknown;
}

const batch = reportBatch(4);
const json = (value: unknown): string => JSON.stringify(value);
const chunked = (text: string) => (): ReadableStream<Uint8Array> =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

/** Every shape of request the route may see; each is sent to an app with the direct route and one without. */
const REQUESTS: readonly Sent[] = [
  { name: 'a valid batch', body: json(batch), direct: true },
  { name: 'the same batch again (duplicates)', body: json(batch), direct: true },
  { name: 'one valid event, charset=utf-8, after a BOM', body: `\uFEFF${json(casualtyReport('8b7a4b5e-4a52-4bde-9a55-0c7c2b1f7a01'))}`, contentType: 'application/json; charset=utf-8', direct: true },
  { name: 'invalid events', body: json([casualtyReport(), { ...casualtyReport(), killed: -3, theatre: '' }]), direct: true },
  { name: 'malformed JSON', body: '[{"id": ', direct: true },
  { name: 'JSON that is not an object or array', body: '42', direct: true },
  { name: 'an empty body', body: '', direct: true },
  { name: 'a chunked body', body: chunked(json(reportBatch(2))), direct: false },
  { name: 'a +json type', body: json(batch), contentType: 'application/cloudevents-batch+json', direct: false },
  { name: 'text/plain', body: json(batch), contentType: 'text/plain', direct: false },
  { name: 'no key', body: json(batch), key: null, direct: false },
  { name: 'a reader key', body: json(batch), key: READER_KEY, direct: false },
  { name: 'an unknown key', body: json(batch), key: 'not-a-key-000000000', direct: false },
  { name: 'a body over the limit', body: json([{ ...casualtyReport(), padding: 'x'.repeat(1_100_000) }]), direct: false },
];

const send = async (url: string, sent: Sent): Promise<Answer> => {
  const headers: Record<string, string> = { 'content-type': sent.contentType ?? 'application/json' };
  const key = sent.key === undefined ? INGEST_KEY : sent.key;
  if (key !== null) headers['authorization'] = `Bearer ${key}`;
  const body = typeof sent.body === 'string' ? sent.body : sent.body();
  const response = await fetch(`${url}/api/events`, { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    retryAfter: response.headers.get('retry-after'),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
};

/** What may differ between the two ways: the wording of a JSON syntax error comes from different parsers. */
const comparable = (answer: Answer): Answer => {
  const body = answer.body as { error?: string; message?: string } | undefined;
  return body?.error === 'invalid_json' ? { ...answer, body: { error: body.error } } : answer;
};

describe('POST /api/events: the direct route answers as Express and Nest do', () => {
  const prefixes = { direct: freshTopicPrefix(), express: freshTopicPrefix() };
  const directLogs = new LogLines();
  let direct: IngestApp;
  let express: IngestApp;
  let log: EventLog;

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    [direct, express] = await Promise.all([
      startIngest(prefixes.direct, { logDestination: directLogs }),
      startIngest(prefixes.express, { directRoute: false }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([direct?.close(), express?.close()]);
    for (const prefix of Object.values(prefixes)) {
      await log.deleteTopics(topicSettingsFor({ topicPrefix: prefix, eventPartitions: 1 }).map((t) => t.topic)).catch(() => undefined);
    }
    await log.disconnect();
  });

  it('gives every request the same status, headers and body either way, and takes exactly the ones it should', async () => {
    for (const sent of REQUESTS) {
      const linesBefore = directLogs.lines.length;
      const viaDirect = await send(direct.url, sent);
      const viaExpress = await send(express.url, sent);
      const takenDirectly = directLogs.lines.slice(linesBefore).some((line) => line.includes('"route":"direct"'));
      expect({ request: sent.name, ...comparable(viaDirect), takenDirectly }).toEqual({ request: sent.name, ...comparable(viaExpress), takenDirectly: sent.direct });
    }
  });

  it('answers the outcomes that matter as the API promises (so "the same" is not the same mistake twice)', async () => {
    const fresh = reportBatch(3);
    const first = await send(direct.url, { name: 'fresh', body: json(fresh), direct: true });
    expect(first).toMatchObject({ status: 202, body: { accepted: fresh.map((e) => e['id']), duplicates: [] } });
    const invalid = await send(direct.url, { name: 'invalid', body: '[{"id": ', direct: true });
    expect(invalid).toMatchObject({ status: 400, body: { error: 'invalid_json' } });
    const tooLarge = await send(direct.url, { name: 'large', body: json([{ ...casualtyReport(), padding: 'x'.repeat(1_100_000) }]), direct: false });
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
  });
});
