import { decodeEvent, TOPICS, type CrisisEvent } from '@watchfloor/events';
import { createIngestApp, type IngestApp } from '@watchfloor/ingest';
import { createEventLog, headerText, kafkaConfigFromEnv, type EventLog, type LogMessage } from '@watchfloor/kafka';
import type { ServiceConfig } from '@watchfloor/service-kit';
import { createSimulatorApp, type SimulatorApp } from '@watchfloor/simulator';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';

/** Keys of the test stack; never used outside tests. */
export const KEYS = { ingest: 'e2e-ingest-key-0001', operator: 'e2e-operator-key-01', reader: 'e2e-reader-key-0001' } as const;

/** Log lines kept in memory, to print when a test fails rather than flood the output. */
export class LogLines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.lines.push(chunk.toString('utf8'));
    done();
  }
}

/** Services of one test stack share a topic prefix, so stacks never see each other's events. */
export const stackConfig = (topicPrefix: string): Partial<ServiceConfig> => ({
  host: '127.0.0.1',
  port: 0,
  ingestPort: 0,
  topicPrefix,
  eventPartitions: 3,
  logLevel: 'info',
  apiKeys: [
    { key: KEYS.ingest, roles: ['ingest'] },
    { key: KEYS.operator, roles: ['operator'] },
    { key: KEYS.reader, roles: ['reader'] },
  ],
});

export interface Stack {
  readonly topicPrefix: string;
  readonly ingest: IngestApp;
  readonly simulator: SimulatorApp;
  readonly logs: LogLines;
  close(): Promise<void>;
}

export const startStack = async (topicPrefix = `e2e-${randomUUID().slice(0, 8)}.`): Promise<Stack> => {
  const logs = new LogLines();
  const config = stackConfig(topicPrefix);
  const ingest = await createIngestApp({ config, logDestination: logs });
  const simulator = await createSimulatorApp({
    config,
    settings: { port: 0, ingestUrl: ingest.url, ingestKey: KEYS.ingest },
    logDestination: logs,
  });
  return {
    topicPrefix,
    ingest,
    simulator,
    logs,
    close: async () => {
      await simulator.close();
      await ingest.close();
    },
  };
};

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
