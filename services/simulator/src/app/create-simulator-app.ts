import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { configureHttpApp, createServiceLogger, loadServiceConfig, type ServiceConfig } from '@watchfloor/service-kit';
import type { AddressInfo } from 'node:net';
import type { DestinationStream } from 'pino';
import { z } from 'zod';
import { httpIngestClient, type EventSink } from '../ingest-client/ingest-client';
import { SimulationRuns } from '../playback/simulation-runs';
import { SimulatorModule } from './simulator.module';

const simulatorEnv = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(8082),
  INGEST_URL: z.url().optional(),
  SIMULATOR_INGEST_KEY: z.string().min(8, 'must be an API key with the ingest role').optional(),
});

export interface SimulatorSettings {
  readonly port: number;
  /** Base URL of the ingest API, default http://127.0.0.1:INGEST_PORT. */
  readonly ingestUrl: string;
  readonly ingestKey: string | undefined;
}

export const loadSimulatorSettings = (env: Readonly<Record<string, string | undefined>>, config: ServiceConfig): SimulatorSettings => {
  const parsed = simulatorEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join('; ')}`);
  }
  return {
    port: parsed.data.SIMULATOR_PORT,
    ingestUrl: parsed.data.INGEST_URL ?? `http://127.0.0.1:${config.ingestPort}`,
    ingestKey: parsed.data.SIMULATOR_INGEST_KEY,
  };
};

export interface SimulatorAppOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly config?: Partial<ServiceConfig>;
  readonly settings?: Partial<SimulatorSettings>;
  /** Where events go (default: the ingest API over HTTP). */
  readonly sink?: EventSink;
  readonly logDestination?: DestinationStream;
  readonly shutdownHooks?: boolean;
}

export interface SimulatorApp {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly runs: SimulationRuns;
  close(): Promise<void>;
}

export const createSimulatorApp = async (options: SimulatorAppOptions = {}): Promise<SimulatorApp> => {
  const env = options.env ?? process.env;
  const config: ServiceConfig = { ...loadServiceConfig(env), ...options.config };
  const settings: SimulatorSettings = { ...loadSimulatorSettings(env, config), ...options.settings };
  const logger = createServiceLogger('simulator', config.logLevel, options.logDestination);
  const sink =
    options.sink ??
    httpIngestClient(settings.ingestUrl, settings.ingestKey ?? '', 15_000);
  if (!options.sink && !settings.ingestKey) logger.warn('SIMULATOR_INGEST_KEY is not set: every run will be refused by the ingest API (401)');

  const app = await NestFactory.create<NestExpressApplication>(SimulatorModule.forRoot({ config, sink, logger, clock: () => new Date() }), {
    bufferLogs: true,
    bodyParser: false,
  });
  configureHttpApp(app, { jsonBodyLimit: '16kb' });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Watchfloor simulator').setDescription('Plays the built-in scenario and synthetic streams through the ingest API.').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  if (options.shutdownHooks) app.enableShutdownHooks();
  await app.listen(settings.port, config.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const runs = app.get(SimulationRuns);
  return {
    app,
    url: `http://${config.host}:${port}`,
    runs,
    close: async () => {
      await runs.stop();
      await app.close();
    },
  };
};
