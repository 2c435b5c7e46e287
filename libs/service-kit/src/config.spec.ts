import { ConfigError, loadServiceConfig, parseApiKeys } from './config';

describe('loadServiceConfig', () => {
  it('has the defaults of SPEC.md', () => {
    expect(loadServiceConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8080,
      ingestPort: 8081,
      kafkaBrokers: ['127.0.0.1:9092'],
      apiKeys: [],
      logLevel: 'info',
      topicPrefix: '',
      eventPartitions: 6,
    });
  });

  it('reads every variable', () => {
    const config = loadServiceConfig({
      PORT: '9000',
      INGEST_PORT: '0',
      KAFKA_BROKERS: '127.0.0.1:19092,127.0.0.1:19094',
      WATCHFLOOR_API_KEYS: 'dev-ingest-key:ingest, dev-reader-key:reader',
      LOG_LEVEL: 'WARN',
      WATCHFLOOR_TOPIC_PREFIX: 'test-1.',
      WATCHFLOOR_EVENT_PARTITIONS: '3',
    });
    expect(config).toMatchObject({
      port: 9000,
      ingestPort: 0,
      kafkaBrokers: ['127.0.0.1:19092', '127.0.0.1:19094'],
      apiKeys: [
        { key: 'dev-ingest-key', roles: ['ingest'] },
        { key: 'dev-reader-key', roles: ['reader'] },
      ],
      logLevel: 'warn',
      topicPrefix: 'test-1.',
      eventPartitions: 3,
    });
  });

  it('treats blank variables as unset', () => {
    expect(loadServiceConfig({ PORT: '', KAFKA_BROKERS: ' ' })).toMatchObject({ port: 8080, kafkaBrokers: ['127.0.0.1:9092'] });
  });

  it.each([
    [{ INGEST_PORT: 'eighty' }, /INGEST_PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ KAFKA_BROKERS: 'localhost' }, /KAFKA_BROKERS/],
    [{ WATCHFLOOR_API_KEYS: 'abcdefgh:admin' }, /WATCHFLOOR_API_KEYS entry 1 must be key:role/],
    [{ LOG_LEVEL: 'chatty' }, /LOG_LEVEL/],
    [{ WATCHFLOOR_TOPIC_PREFIX: 'a/b' }, /WATCHFLOOR_TOPIC_PREFIX/],
    [{ WATCHFLOOR_EVENT_PARTITIONS: '0' }, /WATCHFLOOR_EVENT_PARTITIONS/],
  ])('fails on %p with a message naming the variable', (env, pattern) => {
    expect(() => loadServiceConfig(env)).toThrow(ConfigError);
    expect(() => loadServiceConfig(env)).toThrow(pattern);
  });

  it('names every bad variable at once', () => {
    expect(() => loadServiceConfig({ PORT: 'x', LOG_LEVEL: 'y' })).toThrow(/PORT.*LOG_LEVEL/);
  });
});

describe('parseApiKeys', () => {
  it('gives a key listed twice both roles', () => {
    expect(parseApiKeys('operator-key-1:operator,operator-key-1:reader')).toEqual([{ key: 'operator-key-1', roles: ['operator', 'reader'] }]);
  });

  it('keeps colons inside a key (the role is after the last one)', () => {
    expect(parseApiKeys('a:b:c:d:e:ingest')).toEqual([{ key: 'a:b:c:d:e', roles: ['ingest'] }]);
  });

  it('never repeats the secret in its error', () => {
    expect(() => parseApiKeys('ok-key-123:reader,short:ingest')).toThrow('entry 2 needs a key of at least 8 characters without spaces');
    try {
      parseApiKeys('super-secret-value:root');
    } catch (error) {
      expect(String(error)).not.toContain('super-secret-value');
    }
  });
});
