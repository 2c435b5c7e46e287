import type { KafkaLogFn } from '@watchfloor/kafka';
import type { IncomingMessage } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type LevelWithSilent, type Logger } from 'pino';
import type { LogLevel } from '../config';

/**
 * nestjs-pino: JSON lines through pino (fast, structured) for Nest's logger, one line per request
 * and the Kafka client's lines, all from one pino instance. Keys must never reach a log: the
 * Authorization header is redacted.
 */
export const createServiceLogger = (service: string, level: LogLevel, destination?: DestinationStream): Logger =>
  pino(
    {
      level,
      name: service,
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    },
    destination ?? pino.destination({ sync: false }),
  );

export const loggerParams = (logger: Logger): Params => ({
  pinoHttp: {
    logger,
    // Scrapes and probes every few seconds would drown the lines worth reading.
    autoLogging: { ignore: (req: IncomingMessage) => req.url === '/metrics' || (req.url ?? '').startsWith('/api/health') },
    // pino-http writes every request line at info, failures included. Below info nothing would be
    // written, but it still builds a child logger and the line's bindings per request first
    // (measured: a visible share of ingest's CPU per request); 'silent' skips that work.
    customLogLevel: (): LevelWithSilent => (logger.isLevelEnabled('info') ? 'info' : 'silent'),
    customProps: (req: IncomingMessage) => {
      const principal = (req as IncomingMessage & { principal?: { keyId: string } }).principal;
      return principal ? { keyId: principal.keyId } : {};
    },
  },
});

/** Routes kafkajs's lines (through libs/kafka) into the service's log. */
export const kafkaLogFor = (logger: Logger): KafkaLogFn => {
  const kafka = logger.child({ component: 'kafka' });
  return ({ level, namespace, message, fields }) => kafka[level]({ namespace, ...fields }, message);
};
