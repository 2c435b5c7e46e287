import { encodeEvent, recordEvent, type CrisisEventInput } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { BATCH } from './baselines';
import type { Figure } from './figures';
import { createWatchfloorTopics, envNumber, freePort, sleep } from './support';
import { percentile } from './stats';

/**
 * The ingest rate: synthetic events POSTed to services/ingest (run as the process it is in
 * production) in batches of 100, one request at a time, each answered once Kafka acknowledged it
 * (acks=all). Its baseline, in the same run: a bare kafkajs producer sending the same events, as
 * the same CloudEvents, in the same batches of 100, one send at a time, acks=all. Both write to
 * fresh topics with the settings of SPEC.md, so the difference is what ingest adds: HTTP, JSON
 * parsing, validation of every event, the duplicate memory and the encoding.
 *
 * Also the ingest rate with 4 requests in flight, as several integrators send at once.
 * BENCH_INGEST_EVENTS (default 20,000) events per side, BENCH_RUNS runs each, median, after
 * BENCH_INGEST_WARMUP (default 5,000) events per side that are not measured.
 */

const WORKSPACE_ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(WORKSPACE_ROOT, 'services/ingest/src/main.ts');
const KEY = 'bench-ingest-key-000001';
const CONCURRENT = 4;

/** Fresh events for each run: ingest would (rightly) call repeated ids duplicates. */
const syntheticEvents = (seed: number, count: number): CrisisEventInput[] =>
  createSyntheticGenerator({ seed, theatres: 20, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.05 }).take(count);

const batchesOf = <T>(items: readonly T[]): T[][] => {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) batches.push(items.slice(i, i + BATCH));
  return batches;
};

async function bareProduceEvents(kafka: Kafka, topic: string, events: readonly CrisisEventInput[]): Promise<number> {
  const recordedAt = new Date();
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const started = performance.now();
    for (const batch of batchesOf(events)) {
      const messages: Message[] = batch.map((input) => {
        const encoded = encodeEvent(recordEvent(input, recordedAt), { source: '/watchfloor/bench' });
        return { key: encoded.key, value: encoded.value, headers: { ...encoded.headers } };
      });
      await producer.send({ topic, acks: -1, messages });
    }
    return performance.now() - started;
  } finally {
    await producer.disconnect();
  }
}

interface IngestProcess {
  readonly url: string;
  stop(): Promise<void>;
}

async function startIngest(brokers: readonly string[], prefix: string): Promise<IngestProcess> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'],
      SWC_NODE_PROJECT: path.join(WORKSPACE_ROOT, 'tsconfig.base.json'),
      KAFKA_BROKERS: brokers.join(','),
      INGEST_PORT: String(port),
      LOG_LEVEL: 'warn',
      WATCHFLOOR_TOPIC_PREFIX: prefix,
      WATCHFLOOR_API_KEYS: `${KEY}:ingest`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    const ready = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ready) break;
    if (child.exitCode !== null || i > 1200) {
      child.kill('SIGKILL');
      throw new Error(`ingest did not become ready:\n${output.join('')}`);
    }
    await sleep(50);
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

/**
 * POSTs the batches, `concurrency` requests at a time; every answer must be 202 with the whole
 * batch accepted. The request bodies are written before the clock starts, as the bare producer's
 * messages are: the figure is what ingest takes, not what the client spends serialising.
 *
 * The client is node:http on kept-alive sockets, as load generators are, not fetch: on this
 * machine fetch spends about 0.35 ms more per request than node:http (2,000 POSTs of 60 KB to a
 * server that only answers: 0.45-0.64 ms against 0.11-0.19 ms), and with one request at a time
 * that is the client's cost counted as ingest's.
 */
async function postEvents(url: string, events: readonly CrisisEventInput[], concurrency = 1): Promise<{ ms: number; latencies: number[] }> {
  const latencies: number[] = [];
  const queue = batchesOf(events).map((batch) => ({ size: batch.length, body: Buffer.from(JSON.stringify(batch)) }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const started = performance.now();
    const client = async (): Promise<void> => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) latencies.push(await postBatch(agent, url, batch.body, batch.size));
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    return { ms: performance.now() - started, latencies };
  } finally {
    agent.destroy();
  }
}

function postBatch(agent: http.Agent, url: string, body: Buffer, size: number): Promise<number> {
  const sent = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/api/events`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${KEY}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let answer: { accepted?: string[] } = {};
          try {
            answer = JSON.parse(text) as { accepted?: string[] };
          } catch {
            // reported below with the text
          }
          if (response.statusCode !== 202 || answer.accepted?.length !== size) reject(new Error(`ingest answered ${response.statusCode ?? '?'}: ${text.slice(0, 500)}`));
          else resolve(performance.now() - sent);
        });
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export interface IngestResult {
  readonly events: number;
  readonly ingestEventsPerSecond: number;
  /** The same, with CONCURRENT requests in flight, as several integrators would send. */
  readonly concurrentEventsPerSecond: number;
  readonly bareEventsPerSecond: number;
  readonly postP50Ms: number;
  readonly postP95Ms: number;
}

export async function ingestRate(
  brokers: readonly string[],
  runs = envNumber('BENCH_RUNS', 5),
  count = envNumber('BENCH_INGEST_EVENTS', 20_000),
  warmup = envNumber('BENCH_INGEST_WARMUP', 5_000),
): Promise<IngestResult> {
  const kafka = new Kafka({ clientId: 'watchfloor-bench-ingest', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const prefix = `bench-ingest-${process.pid}.`;
  const barePrefix = `bench-ingest-bare-${process.pid}.`;
  await createWatchfloorTopics(kafka, prefix);
  await createWatchfloorTopics(kafka, barePrefix);
  const ingest = await startIngest(brokers, prefix);
  const ingestRates: number[] = [];
  const concurrentRates: number[] = [];
  const bareRates: number[] = [];
  const latencies: number[] = [];
  try {
    // A warm-up of the same size each, so neither side pays for connecting or for the JIT
    // compiler's first passes inside the measurement: the figure is the service's steady rate.
    await postEvents(ingest.url, syntheticEvents(1, warmup));
    await bareProduceEvents(kafka, `${barePrefix}crisis.events`, syntheticEvents(1, warmup));
    for (let run = 0; run < runs; run += 1) {
      const bareMs = await bareProduceEvents(kafka, `${barePrefix}crisis.events`, syntheticEvents(1000 + run, count));
      const posted = await postEvents(ingest.url, syntheticEvents(2000 + run, count));
      bareRates.push((count / bareMs) * 1000);
      ingestRates.push((count / posted.ms) * 1000);
      latencies.push(...posted.latencies);
      const concurrent = await postEvents(ingest.url, syntheticEvents(3000 + run, count), CONCURRENT);
      concurrentRates.push((count / concurrent.ms) * 1000);
      process.stderr.write(`  ingest run ${run + 1}/${runs}: ${Math.round(ingestRates[run] ?? 0)} events/s (bare producer ${Math.round(bareRates[run] ?? 0)})\n`);
    }
  } finally {
    await ingest.stop();
  }
  return {
    events: count,
    ingestEventsPerSecond: percentile(ingestRates, 50),
    concurrentEventsPerSecond: percentile(concurrentRates, 50),
    bareEventsPerSecond: percentile(bareRates, 50),
    postP50Ms: percentile(latencies, 50),
    postP95Ms: percentile(latencies, 95),
  };
}

/** `producerBaseline`: the run's bare producer (1 KB JSON, batches of 100), the figure the goal is set against. */
export async function ingestFigures(brokers: readonly string[], { producer }: { readonly producer: { readonly name: string; readonly value: number } }): Promise<Figure[]> {
  const result = await ingestRate(brokers);
  const sameEvents = { name: 'bare producer of the same events (below)', value: result.bareEventsPerSecond };
  const rate = `ingest: POST /api/events, batches of ${BATCH}, one request at a time`;
  return [
    { name: rate, value: result.ingestEventsPerSecond, unit: 'events/s', baseline: producer, goal: '≥ 0.5×' },
    { name: rate, value: result.ingestEventsPerSecond, unit: 'events/s', baseline: sameEvents },
    { name: `ingest: the same with ${CONCURRENT} requests in flight`, value: result.concurrentEventsPerSecond, unit: 'events/s', baseline: producer, goal: '≥ 0.5×' },
    { name: 'bare kafkajs producer of the same events as CloudEvents, encoded in the loop, batches of 100, acks=all', value: result.bareEventsPerSecond, unit: 'events/s' },
    { name: `ingest: POST of ${BATCH} events, p50`, value: result.postP50Ms, unit: 'ms' },
    { name: `ingest: POST of ${BATCH} events, p95`, value: result.postP95Ms, unit: 'ms' },
  ];
}
