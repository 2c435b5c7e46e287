/**
 * Connection settings for the event log. Services build them from the environment; kafkajs
 * itself never appears outside this library (it is in maintenance mode and stays replaceable).
 */

export const LOG_LEVELS = ['nothing', 'error', 'warn', 'info', 'debug'] as const;
export type KafkaLogLevel = (typeof LOG_LEVELS)[number];

/** One log line of the Kafka client, handed to the service's own logger. */
export interface KafkaLogEntry {
  readonly level: Exclude<KafkaLogLevel, 'nothing'>;
  readonly namespace: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

export type KafkaLogFn = (entry: KafkaLogEntry) => void;

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly clientId: string;
  readonly logLevel: KafkaLogLevel;
  readonly log: KafkaLogFn;
  /** TCP connect timeout per broker. */
  readonly connectionTimeoutMs: number;
  /** Timeout of one request; a produce waits at most this long for acks=all. */
  readonly requestTimeoutMs: number;
  /**
   * Retries of one producer send. Bounded on purpose: an HTTP caller needs an answer (503) within
   * seconds rather than a request that hangs while the broker is away.
   */
  readonly producerRetries: number;
}

export const DEFAULT_BROKERS = '127.0.0.1:9092';

const BROKER = /^[^\s:,]+:\d{1,5}$/;

/** Thrown for a malformed variable; the message names it so start-up failures are obvious. */
export class KafkaConfigError extends Error {
  override readonly name = 'KafkaConfigError';
}

const quiet: KafkaLogFn = () => undefined;

export const parseBrokers = (raw: string | undefined): string[] => {
  const text = raw?.trim() ? raw : DEFAULT_BROKERS;
  const brokers = text
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const bad = brokers.find((b) => !BROKER.test(b) || Number(b.slice(b.lastIndexOf(':') + 1)) > 65535);
  if (brokers.length === 0 || bad !== undefined) {
    throw new KafkaConfigError(
      `KAFKA_BROKERS must be comma-separated host:port pairs, e.g. "${DEFAULT_BROKERS}"; got "${raw ?? ''}"`,
    );
  }
  return brokers;
};

const parseLogLevel = (raw: string | undefined): KafkaLogLevel => {
  if (raw === undefined || raw.trim() === '') return 'warn';
  const level = raw.trim().toLowerCase();
  const known = LOG_LEVELS.find((l) => l === level);
  if (known === undefined) throw new KafkaConfigError(`KAFKA_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}; got "${raw}"`);
  return known;
};

export interface KafkaConfigOptions {
  readonly clientId?: string;
  /** Where the client's log lines go; by default nowhere (never the console). */
  readonly log?: KafkaLogFn;
}

/**
 * Reads `KAFKA_BROKERS` (comma-separated, default 127.0.0.1:9092) and `KAFKA_LOG_LEVEL`
 * (default warn). The timeouts are chosen so that one send fails within about 10 s when no
 * broker answers: connect 1 s, request 5 s, 2 retries with short back-off.
 */
export const kafkaConfigFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  options: KafkaConfigOptions = {},
): KafkaConfig => ({
  brokers: parseBrokers(env['KAFKA_BROKERS']),
  clientId: options.clientId ?? 'watchfloor',
  logLevel: parseLogLevel(env['KAFKA_LOG_LEVEL']),
  log: options.log ?? quiet,
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 5000,
  producerRetries: 2,
});
