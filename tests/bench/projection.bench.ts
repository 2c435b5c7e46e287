import { encodeEvent, recordEvent, topicSpecs } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { bareConsume } from './baselines';
import type { Figure } from './figures';
import { createWatchfloorTopics, envNumber, freePort, PROJECTION_MAIN, PROJECTION_NODE_FLAGS, projectionEnv, sleep, WORKSPACE_ROOT } from './support';
import type { FromClients, LiveClientsData, ToClients } from './live-clients.worker';
import { percentile } from './stats';

/**
 * Benchmarks of the projection service (services/projection), run as the process it is in
 * production (`node -r @swc-node/register services/projection/src/main.ts`), against a broker:
 *
 * - projectionRebuild: folds N synthetic events (BENCH_PROJECTION_EVENTS, default 1,000,000) from
 *   the topic, from nothing, as messages per second, beside a bare eachBatch consumer reading the
 *   same topic; and the projection's RSS once it has caught up.
 * - projectionLiveLatency: produce → WebSocket client latency, p50 and p99, with 1,000 clients
 *   connected (BENCH_LIVE_CLIENTS) while events arrive at 500/s (BENCH_LIVE_RATE) for 20 s
 *   (BENCH_LIVE_SECONDS), after a warm-up at the same rate that is not measured (5 s,
 *   BENCH_LIVE_WARMUP_SECONDS; 0 measures from the first event, cold code and all). Each client
 *   watches one theatre of 20, as analysts do. The clients live on worker threads
 *   (BENCH_LIVE_WORKERS, default 2; live-clients.worker.ts), not on the thread that produces, so
 *   the bench's own event loop is not measured as the projection's latency.
 *   BENCH_LIVE_CPU_PROF=<dir> has the projection write a CPU profile there.
 *
 * `projectionFigures` runs both and returns the table lines; tests/bench/run.ts wires it in.
 */

const THEATRES = 20;


/** Like envNumber, but 0 is a value too. */
const envSeconds = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? Number.NaN);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};



// ---- the topic ---------------------------------------------------------------------------------


async function deleteProjectionTopics(kafka: Kafka, prefix: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics: topicSpecs(6).map((spec) => `${prefix}${spec.topic}`) });
  } catch {
    // best effort: the bench broker is thrown away anyway
  } finally {
    await admin.disconnect();
  }
}

/** Synthetic events through the contract's codec, as ingest writes them; several sends in flight. */
async function produceSynthetic(kafka: Kafka, topic: string, count: number, seed = 42): Promise<number> {
  const generator = createSyntheticGenerator({ seed, theatres: THEATRES, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.05 });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  let bytes = 0;
  try {
    const inFlight = new Set<Promise<unknown>>();
    for (let done = 0; done < count; ) {
      const n = Math.min(1000, count - done);
      const messages: Message[] = generator.take(n).map((input, i) => {
        // Recorded a minute after it happened; one in twenty a day late.
        const late = (done + i) % 20 === 0 ? 86_400_000 : 60_000;
        const encoded = encodeEvent(recordEvent(input, new Date(Date.parse(input.occurredAt) + late)), { source: '/watchfloor/bench' });
        bytes += encoded.value.length;
        return { key: encoded.key, value: encoded.value, headers: { ...encoded.headers } };
      });
      done += n;
      const sending = producer.send({ topic, acks: -1, messages });
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
      if (inFlight.size >= 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return bytes;
}

// ---- the projection process ----------------------------------------------------------------------

interface ProjectionProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** The fold's own figures when it reached the end offsets it saw at start. */
  readonly caughtUp: Promise<{ readonly messages: number; readonly ms: number; readonly foldMs: number }>;
  /** How many snapshots it has written so far. */
  snapshotsWritten(): number;
  metric(name: string): Promise<number>;
  stop(): Promise<void>;
}

async function startProjection(brokers: readonly string[], prefix: string, env: Record<string, string> = {}, nodeArgs: readonly string[] = []): Promise<ProjectionProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--max-old-space-size=8192', ...PROJECTION_NODE_FLAGS, ...nodeArgs, '-r', '@swc-node/register', PROJECTION_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: projectionEnv(brokers, prefix, port, { LOG_LEVEL: 'info', WATCHFLOOR_DASHBOARD_DIR: '', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let snapshots = 0;
  let resolveCaughtUp: (value: { messages: number; ms: number; foldMs: number }) => void = () => undefined;
  const caughtUp = new Promise<{ messages: number; ms: number; foldMs: number }>((resolve) => (resolveCaughtUp = resolve));
  let pending = '';
  const tail: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
      tail.push(line);
      if (tail.length > 50) tail.shift();
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { msg?: string; messages?: number; ms?: number; foldMs?: number };
      if (entry.msg === 'caught up with the log') resolveCaughtUp({ messages: entry.messages ?? 0, ms: entry.ms ?? 0, foldMs: entry.foldMs ?? entry.ms ?? 0 });
      if (entry.msg === 'snapshot written') snapshots += 1;
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => {
    if (child.exitCode !== 0 && child.signalCode === null) process.stderr.write(`projection exited with ${child.exitCode}:\n${tail.join('\n')}\n`);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/api/health/live`)).ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the projection did not start:\n${tail.join('\n')}`);
    if (i > 1200) throw new Error('the projection did not listen within 60 s');
    await sleep(50);
  }
  return {
    url,
    child,
    caughtUp,
    snapshotsWritten: () => snapshots,
    metric: async (name) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
      return Number(line?.slice(line.lastIndexOf(' ') + 1) ?? Number.NaN);
    },
    stop: async () => {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(60_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

// ---- rebuild ----------------------------------------------------------------------------------

export interface RebuildResult {
  readonly events: number;
  readonly megabytes: number;
  readonly messagesPerSecond: number;
  /** A bare kafkajs eachBatch consumer (JSON.parse only) reading the same topic. */
  readonly bareConsumerMessagesPerSecond: number;
  readonly catchUpMs: number;
  /** Resident set size once caught up and its first snapshot written. */
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  /** What V8 has reserved for the heap, used or not. */
  readonly heapTotalBytes: number;
  /** Buffers and typed arrays outside the V8 heap (the timeline lives there). */
  readonly externalBytes: number;
  readonly timelineStoredBytes: number;
}

export async function projectionRebuild(brokers: readonly string[], events = envNumber('BENCH_PROJECTION_EVENTS', 1_000_000)): Promise<RebuildResult> {
  const kafka = new Kafka({ clientId: 'watchfloor-bench-projection', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const prefix = `bench-projection-${process.pid}-${Date.now()}.`;
  const topic = await createWatchfloorTopics(kafka, prefix);
  try {
    process.stderr.write(`  projection rebuild: producing ${events} events…\n`);
    const bytes = await produceSynthetic(kafka, topic, events);
    const bare = await bareConsume(kafka, topic, events);
    process.stderr.write(`  projection rebuild: bare consumer ${Math.round(bare.messagesPerSecond)} msg/s; folding…\n`);
    const projection = await startProjection(brokers, prefix);
    try {
      const caughtUp = await projection.caughtUp;
      // The snapshot taken right after the catch-up is part of the steady state.
      for (let i = 0; i < 1200 && projection.snapshotsWritten() === 0; i += 1) await sleep(100);
      await sleep(1000);
      return {
        events,
        megabytes: bytes / (1024 * 1024),
        // From the first batch to the end, as the bare consumer is timed: joining the group is not folding.
        messagesPerSecond: (caughtUp.messages * 1000) / caughtUp.foldMs,
        bareConsumerMessagesPerSecond: bare.messagesPerSecond,
        catchUpMs: caughtUp.ms,
        rssBytes: await projection.metric('process_resident_memory_bytes'),
        heapUsedBytes: await projection.metric('nodejs_heap_size_used_bytes'),
        heapTotalBytes: await projection.metric('nodejs_heap_size_total_bytes'),
        externalBytes: await projection.metric('nodejs_external_memory_bytes'),
        timelineStoredBytes: await projection.metric('watchfloor_projection_timeline_stored_bytes'),
      };
    } finally {
      await projection.stop();
    }
  } finally {
    await deleteProjectionTopics(kafka, prefix);
  }
}

// ---- produce → WebSocket latency ---------------------------------------------------------------

export interface LatencyResult {
  readonly clients: number;
  readonly eventsPerSecond: number;
  readonly seconds: number;
  readonly events: number;
  readonly samples: number;
  /** Deltas received over deltas expected (each event reaches the clients of its theatre). */
  readonly delivered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Threads holding the clients (BENCH_LIVE_WORKERS, default 2): none of them is the one producing. */
const LIVE_WORKERS = envNumber('BENCH_LIVE_WORKERS', 2);
// TypeScript as it is: a worker inherits the process's `-r @swc-node/register`.
const WORKER = path.join(__dirname, 'live-clients.worker.ts');

interface ClientShare {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  /** Asks the share to close its sockets and hand over what arrived when. */
  finish(): Promise<Map<string, number[]>>;
}

function startClientShare(data: LiveClientsData): ClientShare {
  const worker = new Worker(WORKER, { workerData: data });
  let failed: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => (failed = reject));
  void failure.catch(() => undefined);
  worker.once('error', (error) => failed(error));
  const ready = Promise.race([
    failure,
    new Promise<void>((resolve) =>
      worker.on('message', (message: FromClients) => {
        if (message.op === 'ready') resolve();
        else if (message.op === 'failed') failed(new Error(`a client share failed: ${message.message}`));
      }),
    ),
  ]);
  return {
    worker,
    ready,
    finish: () =>
      Promise.race([
        failure,
        new Promise<Map<string, number[]>>((resolve) => {
          worker.on('message', (message: FromClients) => {
            if (message.op === 'arrivals') resolve(message.arrivals);
          });
          worker.postMessage({ op: 'finish' } satisfies ToClients);
        }),
      ]),
  };
}

export async function projectionLiveLatency(
  brokers: readonly string[],
  clients = envNumber('BENCH_LIVE_CLIENTS', 1000),
  rate = envNumber('BENCH_LIVE_RATE', 500),
  seconds = envNumber('BENCH_LIVE_SECONDS', 20),
): Promise<LatencyResult> {
  const warmup = envSeconds('BENCH_LIVE_WARMUP_SECONDS', 5);
  const kafka = new Kafka({ clientId: 'watchfloor-bench-live', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const prefix = `bench-live-${process.pid}-${Date.now()}.`;
  const topic = await createWatchfloorTopics(kafka, prefix);
  // A little history first, so that every theatre exists and snapshots are not empty.
  await produceSynthetic(kafka, topic, 2000, 7);
  const projection = await startProjection(brokers, prefix, { WATCHFLOOR_FETCH_WAIT_MS: '10', LOG_LEVEL: 'warn' }, profileArgs());
  const shares: ClientShare[] = [];
  try {
    await fetchUntilReady(projection.url);
    // Send and arrival times on one monotonic clock shared by every thread, counted from here.
    const epoch = process.hrtime.bigint();
    const sinceEpoch = () => Number(process.hrtime.bigint() - epoch) / 1e6;
    const watched = Array.from({ length: clients }, (_, i) => `syn-${String((i % THEATRES) + 1).padStart(3, '0')}`);
    const receivedCounter = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    const received = new Int32Array(receivedCounter);
    const wsUrl = `${projection.url.replace('http', 'ws')}/live`;
    const workers = Math.max(1, Math.min(LIVE_WORKERS, clients));
    for (let w = 0; w < workers; w += 1) {
      shares.push(startClientShare({ wsUrl, theatres: watched.filter((_, i) => i % workers === w), epoch, received: receivedCounter }));
    }
    await Promise.all(shares.map((share) => share.ready));
    await sleep(1000);

    const sentAt = new Map<string, number>();
    const generator = createSyntheticGenerator({ seed: 99, theatres: THEATRES, startAt: '2022-02-01T00:00:00Z', ratePerSecond: 0.05 });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    /** Events per theatre: measured, and all of them (the warm-up's too, which clients receive as well). */
    const perTheatre = new Map<string, number>();
    const allPerTheatre = new Map<string, number>();
    let produced = 0;
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    const warmupTicks = Math.round((warmup * 1000) / tickMs);
    const inFlight = new Set<Promise<unknown>>();
    let sendFailure: unknown;
    const begun = performance.now();
    let started = begun;
    try {
      for (let tick = 0; performance.now() - started < seconds * 1000 || tick <= warmupTicks; tick += 1) {
        const due = begun + tick * tickMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (tick === warmupTicks) started = performance.now();
        const measured = tick >= warmupTicks;
        const batch = generator.take(perTick).map((input) => encodeEvent(recordEvent(input, new Date(Date.parse(input.occurredAt) + 60_000)), { source: '/watchfloor/bench' }));
        const now = sinceEpoch();
        for (const message of batch) {
          allPerTheatre.set(message.key, (allPerTheatre.get(message.key) ?? 0) + 1);
          if (!measured) continue;
          sentAt.set(message.headers['ce_id'] ?? '', now);
          perTheatre.set(message.key, (perTheatre.get(message.key) ?? 0) + 1);
        }
        if (measured) produced += batch.length;
        const sending = producer.send({ topic, acks: -1, messages: batch.map((m) => ({ key: m.key, value: m.value, headers: { ...m.headers } })) });
        inFlight.add(sending);
        sending.catch((error: unknown) => (sendFailure ??= error)).finally(() => inFlight.delete(sending));
      }
      // Every send acknowledged (or its failure seen) before the producer goes.
      await Promise.allSettled([...inFlight]);
      if (sendFailure !== undefined) throw sendFailure;
    } finally {
      await producer.disconnect();
    }
    const deliveries = (counts: ReadonlyMap<string, number>) => {
      let total = 0;
      for (const [theatre, count] of counts) total += count * watched.filter((t) => t === theatre).length;
      return total;
    };
    const expected = deliveries(perTheatre);
    const expectedWithWarmup = deliveries(allPerTheatre);
    for (let i = 0; i < 100 && Atomics.load(received, 0) < expectedWithWarmup; i += 1) await sleep(100);
    const elapsed = (performance.now() - started) / 1000;
    const latencies: number[] = [];
    for (const arrivals of await Promise.all(shares.map((share) => share.finish()))) {
      for (const [id, times] of arrivals) {
        const sent = sentAt.get(id);
        if (sent !== undefined) for (const at of times) latencies.push(at - sent);
      }
    }
    return {
      clients,
      eventsPerSecond: produced / Math.min(elapsed, seconds),
      seconds,
      events: produced,
      samples: latencies.length,
      delivered: expected === 0 ? 0 : latencies.length / expected,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.reduce((max, l) => (l > max ? l : max), 0),
    };
  } finally {
    await Promise.all(shares.map((share) => share.worker.terminate()));
    await projection.stop();
    await deleteProjectionTopics(kafka, prefix);
  }
}

/** BENCH_LIVE_CPU_PROF=<dir>: the projection writes a V8 CPU profile there when it stops. */
function profileArgs(): string[] {
  const dir = process.env['BENCH_LIVE_CPU_PROF'];
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

async function fetchUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 1200; i += 1) {
    if ((await fetch(`${url}/api/health`)).ok) return;
    await sleep(50);
  }
  throw new Error('the projection did not catch up within 60 s');
}

// ---- the table ----------------------------------------------------------------------------------

/** Both cases as table lines; `bareConsumer` is the run's own baseline, when there is one. */
export async function projectionFigures(brokers: readonly string[]): Promise<Figure[]> {
  const rebuild = await projectionRebuild(brokers);
  const live = await projectionLiveLatency(brokers);
  const bare = { name: `bare kafkajs eachBatch consumer, same ${rebuild.events} events`, value: rebuild.bareConsumerMessagesPerSecond };
  return [
    { name: `projection rebuild, ${rebuild.events} synthetic events (decode + fold + timeline)`, value: rebuild.messagesPerSecond, unit: 'msg/s', baseline: bare, goal: '≥ 0.8×' },
    { name: 'bare consumer on the same topic', value: rebuild.bareConsumerMessagesPerSecond, unit: 'msg/s' },
    { name: `projection RSS after the rebuild of ${rebuild.events} events`, value: rebuild.rssBytes / (1024 * 1024), unit: 'MiB' },
    { name: 'projection heap used after the rebuild', value: rebuild.heapUsedBytes / (1024 * 1024), unit: 'MiB' },
    { name: 'timeline bodies in memory (compressed)', value: rebuild.timelineStoredBytes / (1024 * 1024), unit: 'MiB' },
    { name: `produce → WebSocket p50, ${live.clients} clients, ${Math.round(live.eventsPerSecond)} events/s`, value: live.p50Ms, unit: 'ms' },
    { name: `produce → WebSocket p99, ${live.clients} clients, ${Math.round(live.eventsPerSecond)} events/s`, value: live.p99Ms, unit: 'ms', goal: '≤ 50 ms' },
    { name: 'deltas delivered of those expected', value: live.delivered * 100, unit: '%' },
  ];
}
