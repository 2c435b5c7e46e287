import { createEventLog, kafkaConfigFromEnv, type EventLog } from '@watchfloor/kafka';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { IngestApp } from '../app/create-ingest-app';
import { reportBatch } from '../testing/event-inputs';
import { freshTopicPrefix, INGEST_KEY, readEventsTopic, startIngest } from '../testing/ingest-harness';

/**
 * Kafka goes away and comes back. This suite runs its own broker (other ports, own data dir)
 * through infra/kafka's CLI, so stopping it disturbs no other suite.
 */
// Ports and folder of this suite alone: another suite stopping "its" broker must never hit this one.
const OUTAGE_BROKER = { KAFKA_PORT: '29192', KAFKA_CONTROLLER_PORT: '29193', KAFKA_DATA_DIR: '.data/kafka-outage-ingest' };
const BROKERS = `127.0.0.1:${OUTAGE_BROKER.KAFKA_PORT}`;
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const KAFKA_CLI = path.join(REPO_ROOT, 'infra/kafka/scripts/kafka.mjs');
const RESPONSE_BOUND_MS = 10_000;

const kafka = (command: 'start' | 'stop' | 'reset') =>
  promisify(execFile)(process.execPath, [KAFKA_CLI, command], { cwd: REPO_ROOT, env: { ...process.env, ...OUTAGE_BROKER }, timeout: 120_000 });

const waitFor = async (condition: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

jest.setTimeout(240_000);

describe('POST /api/events while Kafka is down', () => {
  const prefix = freshTopicPrefix();
  let ingest: IngestApp | undefined;
  let log: EventLog | undefined;

  beforeAll(async () => {
    await kafka('reset');
    await kafka('start');
    ingest = await startIngest(prefix, { config: { kafkaBrokers: [BROKERS] } });
    log = createEventLog(kafkaConfigFromEnv({ KAFKA_BROKERS: BROKERS }, { clientId: 'outage-int-spec' }));
    await log.connect();
  });

  afterAll(async () => {
    await ingest?.close();
    await log?.disconnect();
    await kafka('reset');
  });

  const post = (url: string, body: unknown) =>
    request(url).post('/api/events').set('Authorization', `Bearer ${INGEST_KEY}`).set('Content-Type', 'application/json').send(JSON.stringify(body));

  it('answers 503 within the bound while the broker is down, and the same request succeeds once it is back', async () => {
    if (!ingest || !log) throw new Error('setup failed');
    const url = ingest.url;
    // given a working ingest
    const warmUp = reportBatch(3);
    expect((await post(url, warmUp)).status).toBe(202);

    // when the broker stops
    await kafka('stop');
    const batch = reportBatch(5);
    const started = Date.now();
    const down = await post(url, batch);
    const elapsed = Date.now() - started;

    // then the request is answered 503 in bounded time, with a JSON error and a retry hint
    expect(down.status).toBe(503);
    expect(down.body).toEqual({ error: 'kafka_unavailable', message: expect.any(String) });
    expect(down.headers['retry-after']).toBe('5');
    expect(elapsed).toBeLessThan(RESPONSE_BOUND_MS);
    const health = await request(url).get('/api/health');
    expect(health.status).toBe(503);
    expect(health.body.error.kafka.status).toBe('down');

    // when the broker is back
    await kafka('start');
    await waitFor(async () => (await request(url).get('/api/health')).status === 200, 60_000);
    const again = await post(url, batch);

    // then the same request succeeds, and the log holds every event once
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: batch.map((e) => e['id']), duplicates: [] });
    const topic = await readEventsTopic(log, prefix);
    expect([...topic.ids].sort()).toEqual([...warmUp, ...batch].map((e) => String(e['id'])).sort());
  });
});
