import { decodeEvent, TOPICS, type CrisisEvent } from '@watchfloor/events';
import { createEventLog, headerText, kafkaConfigFromEnv, type EventLog, type LogMessage } from '@watchfloor/kafka';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * Whole-system tests run the services as the processes `npm start` runs, and talk to them only
 * through their public surfaces: HTTP, WebSocket and Kafka.
 */
export const workspaceRoot = path.resolve(__dirname, '../../../..');

/** Keys of the test stack; never used outside tests. */
export const KEYS = { ingest: 'e2e-ingest-key-0001', operator: 'e2e-operator-key-01', reader: 'e2e-reader-key-0001' } as const;
const API_KEYS = `${KEYS.ingest}:ingest,${KEYS.operator}:operator,${KEYS.reader}:reader`;

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

export type ServiceName = 'ingest' | 'simulator' | 'projection';

export interface RunningService {
  readonly name: ServiceName;
  readonly url: string;
  readonly logFile: string;
  readonly process: ChildProcess;
  /** SIGTERM (graceful) by default; resolves when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const logDir = path.join(workspaceRoot, 'test-results/e2e/logs');

export interface StartOptions {
  /** Listen on this port rather than a free one: a restart keeps the address clients know. */
  readonly port?: number;
}

export async function startService(name: ServiceName, env: Record<string, string>, portVariable: string, options: StartOptions = {}): Promise<RunningService> {
  const port = options.port ?? (await freePort());
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${name}-${port}.log`);
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${name}/src/main.ts`], {
    cwd: workspaceRoot,
    // @swc-node/register reads the path aliases from this file.
    env: { ...process.env, SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.base.json'), ...env, [portVariable]: String(port), WATCHFLOOR_HOST: '127.0.0.1' },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} at start:\n${tail(logFile)}`);
    const live = await fetch(`${url}/api/health/live`).then((r) => r.ok, () => false);
    if (live) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} did not answer on ${url} within 60 s:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name,
    url,
    logFile,
    process: child,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export const tail = (file: string, lines = 40): string => {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
};

/** The environment every service of one stack shares: one broker, one topic prefix, the keys. */
export const stackEnv = (topicPrefix: string): Record<string, string> => ({
  KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092',
  WATCHFLOOR_TOPIC_PREFIX: topicPrefix,
  WATCHFLOOR_EVENT_PARTITIONS: '3',
  WATCHFLOOR_API_KEYS: API_KEYS,
  LOG_LEVEL: 'info',
});

export interface Stack {
  readonly topicPrefix: string;
  readonly ingest: RunningService;
  readonly simulator: RunningService;
  close(): Promise<void>;
}

export const startStack = async (topicPrefix = `e2e-${randomUUID().slice(0, 8)}.`): Promise<Stack> => {
  const env = stackEnv(topicPrefix);
  const ingest = await startService('ingest', env, 'INGEST_PORT');
  const simulator = await startService('simulator', { ...env, INGEST_URL: ingest.url, SIMULATOR_INGEST_KEY: KEYS.ingest }, 'SIMULATOR_PORT');
  return {
    topicPrefix,
    ingest,
    simulator,
    close: async () => {
      await simulator.stop();
      await ingest.stop();
    },
  };
};

/**
 * The projection as `npm start` runs it: reads open (the dashboard needs no key), serving the
 * built dashboard at `/`. `options.port` restarts it where the browser left it.
 */
export const startProjection = (topicPrefix: string, options: StartOptions & { readonly env?: Record<string, string> } = {}): Promise<RunningService> =>
  startService('projection', { ...stackEnv(topicPrefix), WATCHFLOOR_READ_OPEN: 'true', ...options.env }, 'PORT', options.port === undefined ? {} : { port: options.port });

/** Posts events to the ingest API as an integrator does; resolves with the answer once it is 202. */
export async function postEvents(ingestUrl: string, events: unknown): Promise<{ accepted: string[]; duplicates: string[] }> {
  const response = await fetch(`${ingestUrl}/api/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.ingest}` },
    body: JSON.stringify(events),
  });
  const body = await response.text();
  if (response.status !== 202) throw new Error(`POST /api/events answered ${response.status}: ${body}`);
  return JSON.parse(body) as { accepted: string[]; duplicates: string[] };
}

export const testEventLog = (): EventLog => createEventLog(kafkaConfigFromEnv(process.env, { clientId: 'watchfloor-e2e' }));

/** Everything on the stack's crisis.events, decoded; an undecodable message fails the test. */
export const readEvents = async (log: EventLog, topicPrefix: string): Promise<{ messages: LogMessage[]; events: CrisisEvent[] }> => {
  const messages: LogMessage[] = [];
  await log.readUntilEnd({ topic: `${topicPrefix}${TOPICS.events}`, onBatch: (batch) => void messages.push(...batch.messages) });
  const events = messages.map((m) => {
    const decoded = decodeEvent(m);
    if (!decoded.ok) throw new Error(`undecodable message at ${m.partition}/${m.offset}: ${decoded.reason} (ce_type ${headerText(m, 'ce_type') ?? '-'})`);
    return decoded.event;
  });
  return { messages, events };
};

/** Polls until `check` returns a value, or fails with what it last saw. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
