import { Writable } from 'node:stream';
import { createServiceLogger, kafkaLogFor, loggerParams } from './logging';

describe('kafkaLogFor', () => {
  it('writes Kafka client lines into the service log at their level, tagged as kafka', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = kafkaLogFor(createServiceLogger('ingest', 'info', destination));

    log({ level: 'warn', namespace: 'Connection', message: 'Response Produce', fields: { broker: '127.0.0.1:9092' } });
    log({ level: 'debug', namespace: 'Producer', message: 'quiet', fields: {} });

    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 40, name: 'ingest', component: 'kafka', namespace: 'Connection', broker: '127.0.0.1:9092', msg: 'Response Produce' }),
    ]);
  });
});

describe('loggerParams', () => {
  type LevelOf = (req: unknown, res: unknown, error?: Error) => string;
  const levelFor = (level: 'info' | 'warn' | 'debug'): LevelOf => {
    const params = loggerParams(createServiceLogger('ingest', level, new Writable({ write: (_chunk, _encoding, done) => done() })));
    const pinoHttp = params.pinoHttp as { customLogLevel?: LevelOf };
    if (pinoHttp.customLogLevel === undefined) throw new Error('no customLogLevel');
    return pinoHttp.customLogLevel;
  };

  it('logs each request at info when info is on, failures included (pino-http’s own level)', () => {
    expect(levelFor('info')({}, { statusCode: 202 })).toBe('info');
    expect(levelFor('debug')({}, { statusCode: 503 }, new Error('down'))).toBe('info');
  });

  it('skips building request lines that the level would drop anyway', () => {
    expect(levelFor('warn')({}, { statusCode: 202 })).toBe('silent');
    expect(levelFor('warn')({}, { statusCode: 503 }, new Error('down'))).toBe('silent');
  });
});
