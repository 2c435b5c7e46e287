import { Inject, Injectable, Module, type BeforeApplicationShutdown, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { AsyncApiDocument } from '@watchfloor/events';
import type { EventLog } from '@watchfloor/kafka';
import { ServiceKitModule, type KafkaPing, type ServiceConfig } from '@watchfloor/service-kit';
import type { Logger } from 'pino';
import { AsyncApiController } from '../docs/asyncapi.controller';
import { ALLOWED_ORIGINS, LIVE_HUB, LiveGateway } from '../live/live.gateway';
import { ParkedController } from '../parking/parked.controller';
import { TheatresController } from '../theatres/theatres.controller';
import { EventsController } from '../timeline/events.controller';
import type { ProjectionRuntime } from './projection-runtime';
import type { ProjectionSettings } from './projection-settings';
import { READ_ACCESS, ReadAccessGuard, type ReadAccess } from './read-access';
import { ASYNCAPI_DOCUMENT, EVENT_LOG, EVENTS_TOPIC, PARKED_MESSAGES, PROJECTION_RUNTIME, PROJECTION_STORE, THEATRE_QUERIES } from './tokens';

export interface ProjectionModuleOptions {
  readonly config: ServiceConfig;
  readonly settings: ProjectionSettings;
  readonly runtime: ProjectionRuntime;
  readonly eventLog: EventLog;
  /** Readiness: Kafka reachable and the fold caught up. */
  readonly readiness: KafkaPing;
  /** Filled in once the port is known (the /live server names it). */
  readonly asyncApi: { readonly document: AsyncApiDocument };
  readonly logger: Logger;
}

/** Starts the projection before the port opens, stops it after the HTTP server drained. */
@Injectable()
export class ProjectionLifecycle implements OnModuleInit, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNTIME) private readonly runtime: ProjectionRuntime,
    @Inject(EVENT_LOG) private readonly eventLog: EventLog,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.runtime.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventLog.disconnect();
  }
}

@Module({})
export class ProjectionModule {
  static forRoot(options: ProjectionModuleOptions): DynamicModule {
    const access: ReadAccess = { open: options.settings.readOpen, liveRequiresKey: options.settings.liveRequireKey };
    return {
      module: ProjectionModule,
      imports: [ServiceKitModule.forRoot({ service: 'projection', config: options.config, kafka: options.readiness, logger: options.logger })],
      controllers: [TheatresController, EventsController, ParkedController, AsyncApiController],
      providers: [
        { provide: PROJECTION_RUNTIME, useValue: options.runtime },
        { provide: PROJECTION_STORE, useValue: options.runtime.store },
        { provide: THEATRE_QUERIES, useValue: options.runtime.queries },
        { provide: PARKED_MESSAGES, useValue: options.runtime.parked },
        { provide: LIVE_HUB, useValue: options.runtime.hub },
        { provide: EVENTS_TOPIC, useValue: options.runtime.topics.events },
        { provide: EVENT_LOG, useValue: options.eventLog },
        { provide: ASYNCAPI_DOCUMENT, useValue: options.asyncApi },
        { provide: READ_ACCESS, useValue: access },
        { provide: ALLOWED_ORIGINS, useValue: options.settings.allowedOrigins },
        ReadAccessGuard,
        LiveGateway,
        ProjectionLifecycle,
      ],
    };
  }
}
