import { createProjector, theatreStateView, type TheatreProjector } from '@watchfloor/crisis-state';
import { decodeEvent, encodeEvent, recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createRawProducer, kafkaConfigFromEnv, type EventLog, type LogConsumer, type LogMessage, type RawProducer } from '@watchfloor/kafka';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { createTopics, deleteTopics, freshTopicPrefix, PARTITIONS, testEventLog, topicsOf, waitFor } from '../testing/projection-harness';
import { formatVector } from './position-vector';
import { PROJECTION_NODE_FLAGS } from '@watchfloor/service-kit';

/**
 * Kill -9 at random moments, many times, while events stream in; after every restart the
 * projection must hold exactly what a clean fold of the whole topic holds. The process runs as a
 * child (main.ts through @swc-node/register), so the kill is real: no shutdown hook, no last
 * snapshot, possibly half a snapshot written, possibly a parked copy or an alert in flight.
 */

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const MAIN = path.join(REPO_ROOT, 'services/projection/src/main.ts');
const CYCLES = Number(process.env['KILL_TEST_CYCLES'] ?? 20);
/** Every third cycle also kills a freshly started process early: during start-up, loading or catching up. */
const EARLY_KILL_EVERY = 4;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/** A seeded random number generator, so a failing run can be replayed with the same seed. */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

jest.setTimeout(170_000);

describe('kill -9 and recover', () => {
  const prefix = freshTopicPrefix('kill');
  const topics = topicsOf(prefix);
  const seed = Number(process.env['KILL_TEST_SEED'] ?? Date.now() % 100_000);
  const random = seeded(seed);
  let log: EventLog;
  let raw: RawProducer;
  let tail: LogConsumer | undefined;
  const consumed: LogMessage[] = [];
  let port = 0;
  let child: ChildProcess | undefined;
  const childOutput: string[] = [];

  const spawnProjection = (): ChildProcess => {
    const proc = spawn(process.execPath, [...PROJECTION_NODE_FLAGS, '-r', '@swc-node/register', MAIN], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env['PATH'],
        SWC_NODE_PROJECT: path.join(REPO_ROOT, 'tsconfig.base.json'),
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'],
        PORT: String(port),
        WATCHFLOOR_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        WATCHFLOOR_TOPIC_PREFIX: prefix,
        WATCHFLOOR_EVENT_PARTITIONS: String(PARTITIONS),
        WATCHFLOOR_READ_OPEN: 'true',
        WATCHFLOOR_SNAPSHOT_EVERY_EVENTS: '40',
        WATCHFLOOR_SNAPSHOT_EVERY_SECONDS: '0.25',
        // Small chunks, so a kill lands between the chunks of one snapshot now and then.
        WATCHFLOOR_SNAPSHOT_CHUNK_BYTES: '4096',
        WATCHFLOOR_FETCH_WAIT_MS: '20',
        WATCHFLOOR_DASHBOARD_DIR: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      childOutput.push(chunk.toString('utf8'));
      if (childOutput.length > 200) childOutput.splice(0, childOutput.length - 200);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    return proc;
  };

  const kill = async (proc: ChildProcess | undefined): Promise<void> => {
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGKILL');
    await exited;
  };

  // ---- the event stream ----

  const generator = createSyntheticGenerator({ seed, theatres: 4, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.01 });
  const sent: CrisisEvent[] = [];
  let streaming = false;
  let stream: Promise<void> = Promise.resolve();
  let sequence = 0;

  const nextEvents = (): CrisisEvent[] =>
    generator.take(1 + Math.floor(random() * 6)).map((input) => recordEvent(input, new Date(Date.parse(input.occurredAt) + 60_000 + Math.floor(random() * 3_600_000))));

  const streamOnce = async (): Promise<void> => {
    sequence += 1;
    const events = nextEvents();
    // Now and then an event already sent comes again (a producer retry), and a poison message.
    const again = sent.length > 0 && random() < 0.15 ? [sent[Math.floor(random() * sent.length)] as CrisisEvent] : [];
    await log.send(topics.events, [...events, ...again].map((e) => encodeEvent(e, { source: '/watchfloor/test' })));
    sent.push(...events);
    if (sequence % 17 === 0) await raw.send(topics.events, [{ key: events[0]?.theatre ?? 'syn-001', value: `poison ${sequence}` }]);
  };

  const startStreaming = (): void => {
    streaming = true;
    stream = (async () => {
      while (streaming) {
        await streamOnce();
        await new Promise((resolve) => setTimeout(resolve, 15));
      }
    })();
  };

  const stopStreaming = async (): Promise<void> => {
    streaming = false;
    await stream;
  };

  // ---- the comparison ----

  const endVector = async (): Promise<string> =>
    formatVector(new Map((await log.endOffsets(topics.events)).map((p) => [p.partition, Number(p.high)])));

  const consumedUpTo = (vector: string): boolean => {
    const ends = new Map(vector.split(',').map((pair) => pair.split(':').map(Number) as [number, number]));
    const read = new Map<number, number>();
    for (const m of consumed) read.set(m.partition, Math.max(read.get(m.partition) ?? 0, Number(m.offset) + 1));
    return [...ends].every(([p, end]) => (read.get(p) ?? 0) >= end);
  };

  /** A fold of everything on the topic with libs/crisis-state, in this process. */
  const cleanRebuild = (): Map<string, TheatreProjector> => {
    const projectors = new Map<string, TheatreProjector>();
    for (const message of consumed) {
      const decoded = decodeEvent(message);
      if (!decoded.ok) continue;
      const { event } = decoded;
      const projector = projectors.get(event.theatre) ?? createProjector(event.theatre);
      projectors.set(event.theatre, projector);
      projector.apply(event);
    }
    return projectors;
  };

  const get = async (pathname: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`http://127.0.0.1:${port}${pathname}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };

  const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

  /** Waits until the running child has folded the whole topic, then compares every theatre. */
  const compare = async (cycle: number): Promise<void> => {
    const end = await endVector();
    await waitFor(() => consumedUpTo(end), 30_000, 'the test consumer reading the topic');
    const list = await waitFor(
      async () => {
        try {
          const response = await get('/api/theatres');
          const body = response.body as { position?: string; theatres?: { theatre: string }[] };
          return response.status === 200 && body.position === end ? body : undefined;
        } catch {
          return undefined;
        }
      },
      40_000,
      `cycle ${cycle}: the projection reaching ${end}`,
    );
    const rebuilt = cleanRebuild();
    expect((list.theatres ?? []).map((t) => t.theatre)).toEqual([...rebuilt.keys()].sort());
    for (const [theatre, projector] of rebuilt) {
      const answer = (await get(`/api/theatres/${theatre}/state`)).body as { evaluatedAt: string; state: unknown };
      const expected = json(theatreStateView(projector.state, new Date(answer.evaluatedAt)));
      if (JSON.stringify(answer.state) !== JSON.stringify(expected)) {
        throw new Error(`cycle ${cycle} (seed ${seed}): ${theatre} differs from a clean rebuild\n${childOutput.slice(-20).join('')}`);
      }
    }
  };

  beforeAll(async () => {
    log = testEventLog();
    await log.connect();
    await createTopics(log, prefix);
    raw = await createRawProducer(kafkaConfigFromEnv(process.env, { clientId: 'kill-int-spec' }));
    tail = await log.consume({
      groupId: `kill-int-spec-${prefix}`,
      topics: [topics.events],
      fromBeginning: true,
      maxWaitTimeMs: 20,
      onBatch: async (batch) => void consumed.push(...batch.messages),
    });
    port = await freePort();
  });

  afterAll(async () => {
    streaming = false;
    await stream.catch(() => undefined);
    await kill(child);
    await tail?.stop();
    await raw?.disconnect();
    await deleteTopics(log, prefix);
    await log.disconnect();
  });

  it(`holds exactly a clean rebuild after each of ${CYCLES} kills at random moments`, async () => {
    // given some history and a running projection
    for (let i = 0; i < 10; i += 1) await streamOnce();
    child = spawnProjection();
    await compare(0);

    let kills = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      // when events stream in and the process is killed at a random moment
      startStreaming();
      await new Promise((resolve) => setTimeout(resolve, 150 + random() * 900));
      await kill(child);
      kills += 1;
      child = spawnProjection();
      if (cycle % EARLY_KILL_EVERY === 0) {
        // and, now and then, killed again while it starts, loads its snapshot or catches up
        await new Promise((resolve) => setTimeout(resolve, 200 + random() * 2800));
        await kill(child);
        kills += 1;
        child = spawnProjection();
      }
      await new Promise((resolve) => setTimeout(resolve, random() * 300));
      await stopStreaming();

      // then, once it has read the whole topic, it holds exactly a clean rebuild
      await compare(cycle);
    }
    expect(kills).toBeGreaterThanOrEqual(CYCLES);
    expect(sent.length).toBeGreaterThan(100);
  });
});
