import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TerminusModule } from '@nestjs/terminus';
import { Logger, LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRegistry } from './auth/api-keys';
import type { ServiceConfig } from './config';
import { GracefulHttpShutdown } from './http/graceful-shutdown';
import { HttpErrorFilter } from './http/http-error.filter';
import { jsonParserErrors } from './http/json-body';
import { HealthController, KAFKA_PING, KafkaHealthIndicator, type KafkaPing } from './observability/health';
import { loggerParams } from './observability/logging';
import { MetricsController, MetricsRegistry } from './observability/metrics';

export interface ServiceKitOptions {
  /** Names the logs and labels the metrics, e.g. "ingest". */
  readonly service: string;
  readonly config: ServiceConfig;
  /** For the readiness check at GET /api/health. */
  readonly kafka: KafkaPing;
  /** The service's pino logger (createServiceLogger), shared with its Kafka client. */
  readonly logger: PinoLogger;
}

/**
 * What every Watchfloor service shares: JSON logs, the API-key guard (@Roles), one error body
 * format, GET /metrics, GET /api/health (+ /api/health/live) and a graceful HTTP drain on shutdown.
 */
@Module({})
export class ServiceKitModule {
  static forRoot(options: ServiceKitOptions): DynamicModule {
    return {
      module: ServiceKitModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(options.logger)), TerminusModule],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: ApiKeyRegistry, useValue: new ApiKeyRegistry(options.config.apiKeys) },
        { provide: MetricsRegistry, useValue: new MetricsRegistry(options.service) },
        { provide: KAFKA_PING, useValue: options.kafka },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        KafkaHealthIndicator,
        GracefulHttpShutdown,
      ],
      exports: [ApiKeyRegistry, MetricsRegistry],
    };
  }
}

export interface HttpSetup {
  /** Largest JSON body accepted (bytes, or text such as '16kb'); larger ones get 413 with an ErrorBody. */
  readonly jsonBodyLimit: string | number;
}

/** Wires the app-level pieces Nest does not take from modules: the pino logger and the JSON parser. */
export const configureHttpApp = (app: NestExpressApplication, setup: HttpSetup): void => {
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: setup.jsonBodyLimit });
  app.use(jsonParserErrors);
};
