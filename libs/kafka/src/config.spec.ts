import { KafkaConfigError, kafkaConfigFromEnv, parseBrokers } from './config';

describe('kafkaConfigFromEnv', () => {
  it('defaults to the local broker, warn level and a silent logger', () => {
    const config = kafkaConfigFromEnv({});
    expect(config.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.logLevel).toBe('warn');
    expect(config.clientId).toBe('watchfloor');
  });

  it('splits KAFKA_BROKERS on commas and trims the pairs', () => {
    expect(kafkaConfigFromEnv({ KAFKA_BROKERS: ' 127.0.0.1:19092, localhost:29092 ,' }).brokers).toEqual([
      '127.0.0.1:19092',
      'localhost:29092',
    ]);
  });

  it.each(['127.0.0.1', 'host:port', 'a:1 b:2', ':9092', '127.0.0.1:99999'])('rejects KAFKA_BROKERS=%p naming the variable', (raw) => {
    expect(() => parseBrokers(raw)).toThrow(KafkaConfigError);
    expect(() => parseBrokers(raw)).toThrow(/KAFKA_BROKERS/);
  });

  it('takes the log level from KAFKA_LOG_LEVEL and rejects unknown ones', () => {
    expect(kafkaConfigFromEnv({ KAFKA_LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(() => kafkaConfigFromEnv({ KAFKA_LOG_LEVEL: 'loud' })).toThrow(/KAFKA_LOG_LEVEL/);
  });

  it('keeps the client id and logger it is given', () => {
    const log = jest.fn();
    const config = kafkaConfigFromEnv({}, { clientId: 'watchfloor-ingest', log });
    config.log({ level: 'warn', namespace: 'x', message: 'm', fields: {} });
    expect(config.clientId).toBe('watchfloor-ingest');
    expect(log).toHaveBeenCalledTimes(1);
  });
});
