import { logLevel } from 'kafkajs';
import type { KafkaLogEntry } from './config';
import { logCreatorFor, toKafkaJsLevel } from './logging';

describe('logCreatorFor', () => {
  const route = (level: logLevel, message: string, extra: Record<string, unknown> = {}): KafkaLogEntry[] => {
    const seen: KafkaLogEntry[] = [];
    const logger = logCreatorFor((entry) => seen.push(entry))(logLevel.DEBUG);
    logger({ namespace: 'Producer', level, label: 'X', log: { timestamp: 't', logger: 'kafkajs', message, ...extra } });
    return seen;
  };

  it('hands kafkajs lines to our logger with their level, namespace and extra fields', () => {
    expect(route(logLevel.ERROR, 'Connection error', { broker: '127.0.0.1:9092' })).toEqual([
      { level: 'error', namespace: 'Producer', message: 'Connection error', fields: { broker: '127.0.0.1:9092' } },
    ]);
    expect(route(logLevel.INFO, 'Starting')[0]?.level).toBe('info');
  });

  it('turns the expected warning about bounded idempotent retries into debug', () => {
    expect(route(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees')[0]?.level).toBe('debug');
    expect(route(logLevel.WARN, 'Something else')[0]?.level).toBe('warn');
  });

  it('turns the broker error answers kafkajs retries into warnings, and keeps other errors', () => {
    const seen: KafkaLogEntry[] = [];
    const logger = logCreatorFor((entry) => seen.push(entry))(logLevel.DEBUG);
    const log = { timestamp: 't', logger: 'kafkajs', error: 'This server is not the leader for that topic-partition' };
    logger({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { ...log, message: 'Response ListOffsets(key: 2, version: 3)' } });
    logger({ namespace: 'Connection', level: logLevel.ERROR, label: 'ERROR', log: { ...log, message: 'Connection error: ECONNREFUSED' } });
    expect(seen.map((e) => e.level)).toEqual(['warn', 'error']);
  });

  it('maps our level names to kafkajs levels', () => {
    expect(toKafkaJsLevel('warn')).toBe(logLevel.WARN);
    expect(toKafkaJsLevel('nothing')).toBe(logLevel.NOTHING);
    expect(toKafkaJsLevel('debug')).toBe(logLevel.DEBUG);
  });
});
