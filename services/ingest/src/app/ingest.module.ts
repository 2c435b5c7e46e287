import { Module, type DynamicModule } from '@nestjs/common';
import type { EventLog } from '@watchfloor/kafka';
import { MetricsRegistry, ServiceKitModule, topicSettingsFor, topicsFor, type ServiceConfig } from '@watchfloor/service-kit';
import type { Logger } from 'pino';
import { AcceptEventsController, AcceptEventsRequest } from '../accept-events/accept-events.controller';
import { prometheusAcceptEventsMetrics } from '../accept-events/accept-events.metrics';
import { ACCEPT_EVENTS_METRICS, ACCEPT_EVENTS_SETTINGS, AcceptEvents, type AcceptEventsSettings } from '../accept-events/accept-events.service';
import { EventIdLedger } from '../accept-events/event-id-ledger';
import { CLOCK, EVENT_APPENDER, RECORDED_EVENT_IDS, type Clock } from '../accept-events/event-log.port';
import { KafkaEventLogAdapter } from '../accept-events/kafka-event-log.adapter';
import { AsyncApiController, KAFKA_BROKERS_TEXT } from '../docs/asyncapi.controller';
import { EVENT_LOG, IngestLifecycle, TOPIC_SETTINGS } from './ingest-lifecycle';

export interface IngestModuleOptions {
  readonly config: ServiceConfig;
  readonly eventLog: EventLog;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly settings: AcceptEventsSettings;
}

@Module({})
export class IngestModule {
  static forRoot(options: IngestModuleOptions): DynamicModule {
    const adapter = new KafkaEventLogAdapter(options.eventLog, topicsFor(options.config).events);
    return {
      module: IngestModule,
      imports: [ServiceKitModule.forRoot({ service: 'ingest', config: options.config, kafka: options.eventLog, logger: options.logger })],
      controllers: [AcceptEventsController, AsyncApiController],
      providers: [
        { provide: EVENT_LOG, useValue: options.eventLog },
        { provide: TOPIC_SETTINGS, useValue: topicSettingsFor(options.config) },
        { provide: EVENT_APPENDER, useValue: adapter },
        { provide: RECORDED_EVENT_IDS, useValue: adapter },
        { provide: CLOCK, useValue: options.clock },
        { provide: ACCEPT_EVENTS_SETTINGS, useValue: options.settings },
        { provide: KAFKA_BROKERS_TEXT, useValue: options.config.kafkaBrokers.join(',') },
        { provide: EventIdLedger, useValue: new EventIdLedger() },
        {
          provide: ACCEPT_EVENTS_METRICS,
          inject: [MetricsRegistry, EventIdLedger],
          useFactory: (metrics: MetricsRegistry, ledger: EventIdLedger) => prometheusAcceptEventsMetrics(metrics.registry, () => ledger.size),
        },
        AcceptEvents,
        AcceptEventsRequest,
        IngestLifecycle,
      ],
    };
  }
}
