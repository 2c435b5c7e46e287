import { Writable } from 'node:stream';
import { createServiceLogger, kafkaLogFor } from './logging';

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
