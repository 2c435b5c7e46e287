import { decodeAlert, encodeAlert, type AlertRaised } from '@watchfloor/events';
import type { EventLog } from '@watchfloor/kafka';
import type { Logger } from 'pino';
import type { ProjectionMetrics } from '../app/projection.metrics';

export const PROJECTION_SOURCE = '/watchfloor/projection';

/** Alerts kept for the live `alerts` channel's snapshot. */
export const RECENT_ALERTS = 50;

/** The newest alerts, by id (an alert raised twice is one alert), newest last. */
export class RecentAlerts {
  private readonly byId = new Map<string, AlertRaised>();

  constructor(private readonly limit = RECENT_ALERTS) {}

  add(alerts: readonly AlertRaised[]): void {
    for (const alert of alerts) {
      this.byId.delete(alert.id);
      this.byId.set(alert.id, alert);
      if (this.byId.size > this.limit) {
        const oldest = this.byId.keys().next().value;
        if (oldest !== undefined) this.byId.delete(oldest);
      }
    }
  }

  newest(theatres?: ReadonlySet<string>): AlertRaised[] {
    return [...this.byId.values()].filter((a) => theatres === undefined || theatres.has(a.theatre));
  }
}

/**
 * Writes alerts to `crisis.alerts`, keyed by theatre. A write that fails is kept and tried again
 * with the next one (or on `retry`), so a short broker outage delays alerts instead of losing
 * them; a crash loses only what was still waiting.
 */
export class AlertPublisher {
  private waiting: AlertRaised[] = [];

  constructor(
    private readonly log: EventLog,
    private readonly topic: string,
    private readonly metrics: ProjectionMetrics,
    private readonly logger: Logger,
  ) {}

  get pending(): number {
    return this.waiting.length;
  }

  async publish(alerts: readonly AlertRaised[]): Promise<void> {
    this.waiting.push(...alerts);
    await this.retry();
  }

  async retry(): Promise<void> {
    if (this.waiting.length === 0) return;
    const sending = this.waiting;
    this.waiting = [];
    try {
      await this.log.send(this.topic, sending.map((alert) => encodeAlert(alert, { source: PROJECTION_SOURCE })));
      this.metrics.alertsPublished(sending.length);
      for (const alert of sending) this.logger.info({ alertId: alert.id, theatre: alert.theatre, band: alert.band, previousBand: alert.previousBand }, 'alert raised');
    } catch (error) {
      this.waiting = [...sending, ...this.waiting];
      this.logger.warn({ err: error, waiting: this.waiting.length }, 'could not publish alerts; will try again');
    }
  }

  /** The alerts already on the topic, so the live channel's snapshot survives a restart. */
  async readBack(recent: RecentAlerts): Promise<number> {
    let read = 0;
    await this.log.readUntilEnd({
      topic: this.topic,
      groupPrefix: 'watchfloor-projection-alerts',
      onBatch: (batch) => {
        const alerts: AlertRaised[] = [];
        for (const message of batch.messages) {
          const decoded = decodeAlert(message);
          if (decoded.ok) alerts.push(decoded.alert);
        }
        read += alerts.length;
        recent.add(alerts);
      },
    });
    return read;
  }
}
