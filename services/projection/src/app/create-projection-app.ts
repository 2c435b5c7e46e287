import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WsAdapter } from '@nestjs/platform-ws';
import { buildAsyncApiDocument, type AsyncApiDocument } from '@watchfloor/events';
import { createEventLog, kafkaConfigFromEnv, type EventLog } from '@watchfloor/kafka';
import {
  configureHttpApp,
  createServiceLogger,
  kafkaLogFor,
  loadServiceConfig,
  MetricsRegistry,
  topicSettingsFor,
  topicsFor,
  type KafkaPing,
  type ServiceConfig,
} from '@watchfloor/service-kit';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { setupOpenApi } from '../docs/openapi';
import { liveAsyncApi } from '../live/live.asyncapi';
import { ProjectionModule } from './projection.module';
import { ProjectionRuntime } from './projection-runtime';
import { loadProjectionSettings, type ProjectionSettings } from './projection-settings';
import { prometheusProjectionMetrics } from './projection.metrics';
import { serveDashboard } from './static-dashboard';

export const JSON_BODY_LIMIT = '1mb';

export interface ProjectionAppOptions {
  /** Environment to read (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Overrides of what the environment says, e.g. `{ port: 0, topicPrefix: 'test-1.' }` in tests. */
  readonly config?: Partial<ServiceConfig>;
  readonly settings?: Partial<ProjectionSettings>;
  readonly clock?: () => Date;
  /** Where JSON log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
  /** Close on SIGTERM/SIGINT, then exit; for a process of its own (main.ts). */
  readonly shutdownHooks?: boolean;
}

export interface ProjectionApp {
  readonly app: NestExpressApplication;
  readonly config: ServiceConfig;
  readonly settings: ProjectionSettings;
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly port: number;
  readonly runtime: ProjectionRuntime;
  readonly eventLog: EventLog;
  readonly dashboard: boolean;
  /** Live sockets first, then the HTTP server, then the fold, a last snapshot, Kafka. */
  close(): Promise<void>;
}

/**
 * Builds, starts and listens: resolves once the snapshot is loaded, the fold is running and the
 * port is open. The fold then catches up in the background; /api/health is ready once it has.
 */
export const createProjectionApp = async (options: ProjectionAppOptions = {}): Promise<ProjectionApp> => {
  const env = options.env ?? process.env;
  const config: ServiceConfig = { ...loadServiceConfig(env), ...options.config };
  const settings: ProjectionSettings = { ...loadProjectionSettings(env, randomUUID), ...options.settings };
  const clock = options.clock ?? (() => new Date());
  const logger = createServiceLogger('projection', config.logLevel, options.logDestination);
  const eventLog = createEventLog(
    kafkaConfigFromEnv(
      { KAFKA_BROKERS: config.kafkaBrokers.join(','), KAFKA_LOG_LEVEL: env['KAFKA_LOG_LEVEL'] },
      { clientId: `watchfloor-projection-${settings.instanceId}`, log: kafkaLogFor(logger) },
    ),
  );
  if (!settings.readOpen && config.apiKeys.every((k) => !k.roles.some((r) => r === 'reader' || r === 'operator'))) {
    logger.warn('reads need a reader key (WATCHFLOOR_READ_OPEN is not true) but WATCHFLOOR_API_KEYS holds none: every read will get 401');
  }

  const topics = topicsFor(config);
  // The metrics read the runtime lazily; it exists by the time anything scrapes them.
  const parts: { runtime?: ProjectionRuntime } = {};
  const need = (): ProjectionRuntime => {
    if (parts.runtime === undefined) throw new Error('the projection is not built yet');
    return parts.runtime;
  };
  const { metrics, collectors } = prometheusProjectionMetrics({
    caughtUp: () => need().fold.caughtUp,
    liveClients: () => need().hub.clients,
    liveSubscriptions: () => need().hub.subscriptionCounts(),
    parkedMessages: () => need().parked.registry.size,
    timelineEvents: () => need().store.timeline.size,
    timelineStoredBytes: () => need().store.timeline.archiveStats().storedBytes,
  });
  const runtime = new ProjectionRuntime({ eventLog, topics, topicSettings: topicSettingsFor(config), settings, metrics, logger, clock });
  parts.runtime = runtime;

  const readiness: KafkaPing = {
    ping: async (timeoutMs) => {
      const info = await eventLog.ping(timeoutMs);
      if (runtime.fold.failure) throw new Error(`Kafka is reachable, but the fold stopped: ${runtime.fold.failure.message}`);
      if (!runtime.fold.caughtUp) {
        const progress = runtime.fold.progress();
        throw new Error(`Kafka is reachable, but the projection is still catching up: ${progress.messagesLeft} message(s) left of the log as it was at start`);
      }
      return info;
    },
  };
  const asyncApi: { document: AsyncApiDocument } = { document: buildAsyncApiDocument({ kafkaBrokers: config.kafkaBrokers.join(',') }) };

  const app = await NestFactory.create<NestExpressApplication>(
    ProjectionModule.forRoot({ config, settings, runtime, eventLog, readiness, asyncApi, logger }),
    { bufferLogs: true, bodyParser: false },
  );
  // The hub reads client frames itself (the protocol is not Nest's {event, data} shape).
  app.useWebSocketAdapter(new WsAdapter(app, { messageParser: () => undefined }));
  configureHttpApp(app, { jsonBodyLimit: JSON_BODY_LIMIT });
  const registry = app.get(MetricsRegistry).registry;
  for (const collector of collectors) registry.registerMetric(collector);
  setupOpenApi(app);
  const dashboard = serveDashboard(app, settings.dashboardDir);

  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    runtime.closeLive();
    await app.close().catch(() => undefined);
    await eventLog.disconnect().catch(() => undefined);
    throw error;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  asyncApi.document = buildAsyncApiDocument({ kafkaBrokers: config.kafkaBrokers.join(','), extensions: [liveAsyncApi(`${host}:${port}`)] });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      runtime.closeLive();
      await app.close();
    })());
  if (options.shutdownHooks) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        logger.info({ signal }, 'shutting down');
        close().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      });
    }
  }
  return { app, config, settings, url: `http://${host}:${port}`, port, runtime, eventLog, dashboard, close };
};
