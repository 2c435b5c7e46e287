import { encodeEvent, TOPICS, type CrisisEvent } from '@watchfloor/events';
import { createEventLog, kafkaConfigFromEnv, type EventLog, type LogMessage } from '@watchfloor/kafka';
import { topicSettingsFor, type ServiceConfig } from '@watchfloor/service-kit';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createProjectionApp, type ProjectionApp, type ProjectionAppOptions } from '../app/create-projection-app';
import type { ProjectionSettings } from '../app/projection-settings';

export const READER_KEY = 'int-reader-key-0001';
export const OPERATOR_KEY = 'int-operator-key-0001';
export const INGEST_KEY = 'int-ingest-key-0001';
export const PARTITIONS = 3;

/** Fresh topics per suite, so suites running side by side never see each other's events. */
export const freshTopicPrefix = (name = 'projection'): string => `int-${name}-${randomUUID().slice(0, 8)}.`;

export const topicsOf = (prefix: string) => ({
  events: `${prefix}${TOPICS.events}`,
  parked: `${prefix}${TOPICS.parked}`,
  snapshots: `${prefix}${TOPICS.snapshots}`,
  alerts: `${prefix}${TOPICS.alerts}`,
});

/** Keeps log lines in memory: tests read them when they fail instead of scrolling past them. */
export class LogLines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
}

export const API_KEYS: ServiceConfig['apiKeys'] = [
  { key: READER_KEY, roles: ['reader'] },
  { key: OPERATOR_KEY, roles: ['operator'] },
  { key: INGEST_KEY, roles: ['ingest'] },
];

export const startProjection = (
  topicPrefix: string,
  options: Omit<ProjectionAppOptions, 'config' | 'settings'> & { config?: Partial<ServiceConfig>; settings?: Partial<ProjectionSettings> } = {},
): Promise<ProjectionApp> =>
  createProjectionApp({
    logDestination: new LogLines(),
    env: { KAFKA_BROKERS: process.env['KAFKA_BROKERS'] },
    ...options,
    config: {
      host: '127.0.0.1',
      port: 0,
      topicPrefix,
      eventPartitions: PARTITIONS,
      logLevel: 'info',
      apiKeys: API_KEYS,
      ...options.config,
    },
    settings: {
      instanceId: `int-${randomUUID().slice(0, 8)}`,
      snapshotEveryMs: 0,
      snapshotEveryEvents: 0,
      heartbeatMs: 15_000,
      fetchWaitMs: 20,
      dashboardDir: undefined,
      ...options.settings,
    },
  });

export const testEventLog = (): EventLog => createEventLog(kafkaConfigFromEnv(process.env, { clientId: 'projection-int-spec' }));

/** Creates the suite's topics as the service would, so tests can write before it starts. */
export const createTopics = async (log: EventLog, prefix: string): Promise<void> => {
  await log.ensureTopics(topicSettingsFor({ topicPrefix: prefix, eventPartitions: PARTITIONS }));
};

export const deleteTopics = async (log: EventLog, prefix: string): Promise<void> => {
  await log.deleteTopics(Object.values(topicsOf(prefix))).catch(() => undefined);
};

/** Appends events through the codec, as ingest does. */
export const produceEvents = async (log: EventLog, prefix: string, events: readonly CrisisEvent[]): Promise<void> => {
  if (events.length === 0) return;
  await log.send(topicsOf(prefix).events, events.map((event) => encodeEvent(event, { source: '/watchfloor/test' })));
};

/** Everything on a topic right now. */
export const readTopic = async (log: EventLog, topic: string): Promise<LogMessage[]> => {
  const messages: LogMessage[] = [];
  await log.readUntilEnd({ topic, onBatch: (batch) => void messages.push(...batch.messages) });
  return messages;
};

export const waitFor = async <T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000, what = 'condition'): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};
