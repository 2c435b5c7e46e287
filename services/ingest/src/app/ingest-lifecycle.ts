import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { EventLog, TopicSettings } from '@watchfloor/kafka';
import { MetricsRegistry } from '@watchfloor/service-kit';
import { Gauge } from 'prom-client';
import { EventIdLedger } from '../accept-events/event-id-ledger';
import { RECORDED_EVENT_IDS, type RecordedEventIds } from '../accept-events/event-log.port';

export const EVENT_LOG = Symbol('EVENT_LOG');
export const TOPIC_SETTINGS = Symbol('TOPIC_SETTINGS');

export interface StartupReport {
  readonly topicsCreated: readonly string[];
  readonly messagesRead: number;
  readonly knownIds: number;
  readonly loadMs: number;
}

/**
 * Start: connect, create missing topics, then load the ids already in the log before the HTTP
 * port opens, so no request is ever checked against a half-loaded memory. Stop: disconnect, after
 * GracefulHttpShutdown has let the requests under way finish.
 */
@Injectable()
export class IngestLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Ingest');
  private report: StartupReport | undefined;

  constructor(
    @Inject(EVENT_LOG) private readonly eventLog: EventLog,
    @Inject(TOPIC_SETTINGS) private readonly topics: readonly TopicSettings[],
    @Inject(RECORDED_EVENT_IDS) private readonly recorded: RecordedEventIds,
    private readonly ledger: EventIdLedger,
    @Inject(MetricsRegistry) private readonly metrics: MetricsRegistry,
  ) {}

  get startup(): StartupReport | undefined {
    return this.report;
  }

  async onModuleInit(): Promise<void> {
    await this.eventLog.connect();
    const { created } = await this.eventLog.ensureTopics(this.topics);
    if (created.length > 0) this.logger.log(`created topics ${created.join(', ')}`);

    const started = performance.now();
    const { messages, withoutId } = await this.recorded.readRecordedIds((ids) => this.ledger.remember(ids));
    const loadMs = Math.round(performance.now() - started);
    if (withoutId > 0) this.logger.warn(`${withoutId} message(s) on the event log carry no event id; they cannot be recognised as duplicates`);
    this.logger.log(`loaded ${this.ledger.size} event ids from ${messages} message(s) in ${loadMs} ms`);
    new Gauge({ name: 'watchfloor_ingest_id_load_seconds', help: 'Time the start-up read of known event ids took', registers: [this.metrics.registry] }).set(loadMs / 1000);
    this.report = { topicsCreated: created, messagesRead: messages, knownIds: this.ledger.size, loadMs };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.eventLog.disconnect();
  }
}
