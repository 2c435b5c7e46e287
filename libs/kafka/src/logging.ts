import { logLevel, type LogEntry, type logCreator } from 'kafkajs';
import type { KafkaLogEntry, KafkaLogFn, KafkaLogLevel } from './config';

export const toKafkaJsLevel = (level: KafkaLogLevel): logLevel => {
  switch (level) {
    case 'nothing':
      return logLevel.NOTHING;
    case 'error':
      return logLevel.ERROR;
    case 'warn':
      return logLevel.WARN;
    case 'info':
      return logLevel.INFO;
    case 'debug':
      return logLevel.DEBUG;
  }
};

const fromKafkaJsLevel = (level: logLevel): KafkaLogEntry['level'] =>
  level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : level === logLevel.INFO ? 'info' : 'debug';

/**
 * Producers here bound their retries on purpose (see KafkaConfig.producerRetries) and are
 * replaced after a failed send, so kafkajs's warning about limited idempotent retries is expected
 * on every start and would only teach people to ignore warnings: it goes out as debug.
 */
const EXPECTED_WARNINGS = [/Limiting retries for the idempotent producer/];

/**
 * kafkajs logs every error answer of the broker at ERROR, also the ones it then retries (a leader
 * moving, a coordinator still loading right after start). Those are warnings; what finally
 * fails reaches the caller as an EventLogError, which the service logs in its own words.
 */
const isRetriedResponse = (entry: LogEntry, level: KafkaLogEntry['level']): boolean =>
  level === 'error' && entry.namespace === 'Connection' && String(entry.log.message).startsWith('Response ');

/** Routes kafkajs's log lines to our logger instead of the console. */
export const logCreatorFor =
  (log: KafkaLogFn): logCreator =>
  () =>
  (entry: LogEntry) => {
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log;
    const text = String(message);
    const level = fromKafkaJsLevel(entry.level);
    const expected = level === 'warn' && EXPECTED_WARNINGS.some((pattern) => pattern.test(text));
    log({ level: expected ? 'debug' : isRetriedResponse(entry, level) ? 'warn' : level, namespace: entry.namespace, message: text, fields });
  };
