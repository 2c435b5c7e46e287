import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { createEventLog, kafkaConfigFromEnv, type EventLog } from '@watchfloor/kafka';
import { ApiKeyRegistry, configureHttpApp, createServiceLogger, kafkaLogFor, loadServiceConfig, type ServiceConfig } from '@watchfloor/service-kit';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { AcceptEventsRequest } from '../accept-events/accept-events.controller';
import type { AcceptEventsSettings } from '../accept-events/accept-events.service';
import { installDirectAcceptRoute } from '../accept-events/direct-accept-route';
import type { Clock } from '../accept-events/event-log.port';
import { setupOpenApi } from '../docs/openapi';
import { IngestLifecycle, type StartupReport } from './ingest-lifecycle';
import { IngestModule } from './ingest.module';

/**
 * Largest JSON body: 1 MB holds MAX_BATCH (1000) events of about 1 KB each. A larger body is
 * refused with 413 before it is parsed, so one client cannot make the service buffer and parse
 * megabytes per request.
 */
export const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * Default bound of one request's wait for Kafka (acks=all). The Kafka client itself gives up a
 * send after its retries (connect 1 s, request 5 s, 2 retries); this deadline answers 503 earlier
 * if those add up to more, so a client never waits much past 8 s.
 */
export const DEFAULT_SETTINGS: AcceptEventsSettings = { deadlineMs: 8000, maxChunkBytes: 512 * 1024 };

export interface IngestAppOptions {
  /** Environment to read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides of what the environment says, e.g. `{ ingestPort: 0, topicPrefix: 'test-1.' }` in tests. */
  readonly config?: Partial<ServiceConfig>;
  readonly clock?: Clock;
  readonly settings?: Partial<AcceptEventsSettings>;
  /** Where JSON log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
  /**
   * Serve `POST /api/events` straight from the HTTP server (direct-accept-route.ts; default true).
   * false sends it through Express and Nest like every other route: tests compare the two.
   */
  readonly directRoute?: boolean;
  /** Close on SIGTERM/SIGINT; for a process of its own (main.ts), not for one app among several. */
  readonly shutdownHooks?: boolean;
}

export interface IngestApp {
  readonly app: NestExpressApplication;
  readonly config: ServiceConfig;
  /** e.g. http://127.0.0.1:8081 */
  readonly url: string;
  readonly port: number;
  readonly startup: StartupReport | undefined;
  readonly eventLog: EventLog;
  close(): Promise<void>;
}

/** Builds, starts and listens: resolves once the known ids are loaded and the port is open. */
export const createIngestApp = async (options: IngestAppOptions = {}): Promise<IngestApp> => {
  const env = options.env ?? process.env;
  const config: ServiceConfig = { ...loadServiceConfig(env), ...options.config };
  const logger = createServiceLogger('ingest', config.logLevel, options.logDestination);
  const kafkaConfig = kafkaConfigFromEnv(
    { KAFKA_BROKERS: config.kafkaBrokers.join(','), KAFKA_LOG_LEVEL: env['KAFKA_LOG_LEVEL'] },
    { clientId: 'watchfloor-ingest', log: kafkaLogFor(logger) },
  );
  const eventLog = createEventLog(kafkaConfig);
  if (config.apiKeys.every((k) => !k.roles.includes('ingest'))) {
    logger.warn('WATCHFLOOR_API_KEYS holds no key with the ingest role: every POST /api/events will get 401');
  }

  const app = await NestFactory.create<NestExpressApplication>(
    IngestModule.forRoot({
      config,
      eventLog,
      logger,
      clock: options.clock ?? (() => new Date()),
      settings: { ...DEFAULT_SETTINGS, ...options.settings },
    }),
    { bufferLogs: true, bodyParser: false },
  );
  configureHttpApp(app, { jsonBodyLimit: JSON_BODY_LIMIT });
  setupOpenApi(app);
  if (options.directRoute ?? true) {
    installDirectAcceptRoute(app.getHttpServer(), {
      request: app.get(AcceptEventsRequest),
      keys: app.get(ApiKeyRegistry),
      bodyLimitBytes: JSON_BODY_LIMIT,
      logger,
    });
  }
  if (options.shutdownHooks) app.enableShutdownHooks();

  try {
    await app.listen(config.ingestPort, config.host);
  } catch (error) {
    await app.close().catch(() => undefined);
    await eventLog.disconnect().catch(() => undefined);
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    app,
    config,
    url: `http://${host}:${port}`,
    port,
    startup: app.get(IngestLifecycle).startup,
    eventLog,
    close: () => app.close(),
  };
};
