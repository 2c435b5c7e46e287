import { encodeEvent, recordEvent, type CrisisEvent, type CrisisEventInput, type EncodedMessage } from '@watchfloor/events';
import type { LogMessage } from '@watchfloor/kafka';
import { kazakhstan2022 } from '@watchfloor/scenario';

/** Test fixtures: the seed scenario as recorded events, and Kafka messages carrying them. */

/** Minutes after it happened that a scenario event reaches Watchfloor. */
const REPORTING_DELAY_MS = 30 * 60_000;

export const recordScenario = (input: CrisisEventInput): CrisisEvent =>
  recordEvent(input, new Date(Date.parse(input.occurredAt) + REPORTING_DELAY_MS));

/** The seed scenario's events, recorded half an hour after they happened. */
export const scenario: readonly CrisisEvent[] = kazakhstan2022.map(recordScenario);

export const scenarioEvent = (id: string): CrisisEvent => {
  const event = scenario.find((e) => e.id === id);
  if (event === undefined) throw new Error(`no scenario event ${id}`);
  return event;
};

export const TEST_SOURCE = '/watchfloor/test';

export const encoded = (event: CrisisEvent): EncodedMessage => encodeEvent(event, { source: TEST_SOURCE });

/** A consumed message as libs/kafka hands it over. */
export const logMessage = (
  message: { key: string | null; value: string | Buffer | null; headers?: Readonly<Record<string, string | Buffer>> },
  partition = 0,
  offset = 0,
  topic = 'crisis.events',
): LogMessage => ({
  topic,
  partition,
  offset: String(offset),
  key: message.key,
  value: message.value === null ? null : Buffer.isBuffer(message.value) ? message.value : Buffer.from(message.value),
  headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, Buffer.isBuffer(value) ? value : Buffer.from(value)])),
  timestamp: Date.parse('2022-01-06T12:00:00Z'),
});

export const eventMessage = (event: CrisisEvent, partition = 0, offset = 0, topic = 'crisis.events'): LogMessage =>
  logMessage(encoded(event), partition, offset, topic);
