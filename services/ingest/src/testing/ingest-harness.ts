import { decodeEvent, TOPICS, type CrisisEvent } from '@watchfloor/events';
import { createEventLog, headerText, kafkaConfigFromEnv, type EventLog, type LogMessage } from '@watchfloor/kafka';
import type { ServiceConfig } from '@watchfloor/service-kit';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { createIngestApp, type IngestApp, type IngestAppOptions } from '../app/create-ingest-app';

export const INGEST_KEY = 'int-ingest-key-0001';
export const READER_KEY = 'int-reader-key-0001';
export const CLOCK_NOW = new Date('2022-01-06T12:00:00.000Z');

/** Fresh topics per suite, so suites running side by side never see each other's events. */
export const freshTopicPrefix = (): string => `int-ingest-${randomUUID().slice(0, 8)}.`;

/** Keeps the app's log lines out of the test output; INGEST_TEST_LOGS=1 sends them to stderr to debug a failure. */
export class LogLines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    if (process.env['INGEST_TEST_LOGS'] === '1') process.stderr.write(chunk);
    done();
  }
}

export const startIngest = (topicPrefix: string, options: Omit<IngestAppOptions, 'config'> & { config?: Partial<ServiceConfig> } = {}): Promise<IngestApp> =>
  createIngestApp({
    clock: () => CLOCK_NOW,
    logDestination: new LogLines(),
    ...options,
    config: {
      host: '127.0.0.1',
      ingestPort: 0,
      topicPrefix,
      eventPartitions: 3,
      logLevel: 'info',
      apiKeys: [
        { key: INGEST_KEY, roles: ['ingest'] },
        { key: READER_KEY, roles: ['reader'] },
      ],
      ...options.config,
    },
  });

export interface EventsOnTopic {
  readonly messages: LogMessage[];
  readonly events: CrisisEvent[];
  readonly ids: string[];
}

/** Reads back everything on the suite's crisis.events, decoded. */
export const readEventsTopic = async (log: EventLog, topicPrefix: string): Promise<EventsOnTopic> => {
  const messages: LogMessage[] = [];
  await log.readUntilEnd({ topic: `${topicPrefix}${TOPICS.events}`, onBatch: (batch) => void messages.push(...batch.messages) });
  const events = messages.map((m) => {
    const decoded = decodeEvent(m);
    if (!decoded.ok) throw new Error(`undecodable message at ${m.partition}/${m.offset}: ${decoded.reason}`);
    return decoded.event;
  });
  return { messages, events, ids: messages.map((m) => headerText(m, 'ce_id') ?? '') };
};

export const testEventLog = (): EventLog => createEventLog(kafkaConfigFromEnv(process.env, { clientId: 'ingest-int-spec' }));
