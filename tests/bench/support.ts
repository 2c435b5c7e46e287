import { topicSpecs } from '@watchfloor/events';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Kafka } from 'kafkajs';

/** What the bench suites share: knobs from the environment, ports, the topics of SPEC.md, how the projection runs. */

export const WORKSPACE_ROOT = path.resolve(__dirname, '../..');
/** The projection service as it runs in production: a process from source. */
export const PROJECTION_MAIN = path.join(WORKSPACE_ROOT, 'services/projection/src/main.ts');
export { PROJECTION_NODE_FLAGS } from '@watchfloor/service-kit';

/** The projection's environment in a bench: its own topics, loopback, reads without a key; `extra` wins. */
export const projectionEnv = (brokers: readonly string[], prefix: string, port: number, extra: Record<string, string> = {}): Record<string, string | undefined> => ({
  PATH: process.env['PATH'],
  SWC_NODE_PROJECT: path.join(WORKSPACE_ROOT, 'tsconfig.base.json'),
  KAFKA_BROKERS: brokers.join(','),
  PORT: String(port),
  WATCHFLOOR_HOST: '127.0.0.1',
  WATCHFLOOR_TOPIC_PREFIX: prefix,
  WATCHFLOOR_READ_OPEN: 'true',
  ...extra,
});

export const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/**
 * Creates every Watchfloor topic under `prefix` with its settings and waits until each partition
 * has a leader. A freshly started KRaft broker can answer kafkajs's leader check with "does not
 * host this topic-partition" for a moment, so the wait is our own: metadata polled until it is whole.
 */
export async function createWatchfloorTopics(kafka: Kafka, prefix: string): Promise<string> {
  const specs = topicSpecs(6);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      topics: specs.map((spec) => ({
        topic: `${prefix}${spec.topic}`,
        numPartitions: spec.numPartitions,
        configEntries: spec.configEntries.map((e) => ({ name: e.name, value: e.value })),
      })),
    });
    const topics = specs.map((spec) => `${prefix}${spec.topic}`);
    for (let attempt = 0; ; attempt += 1) {
      const ready = await admin.fetchTopicMetadata({ topics }).then(
        ({ topics: found }) => found.length === topics.length && found.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        () => false,
      );
      if (ready) break;
      if (attempt > 100) throw new Error(`topics under ${prefix} have no leaders after 10 s`);
      await sleep(100);
    }
  } finally {
    await admin.disconnect();
  }
  return `${prefix}crisis.events`;
}
