import { Counter, Gauge, Histogram, type Metric, type Registry } from 'prom-client';

/** What the projection reports; rates (events/s) are Prometheus's to compute from the counters. */
export interface ProjectionMetrics {
  applied(count: number): void;
  duplicates(count: number): void;
  parked(count: number): void;
  lag(partition: number, messages: number): void;
  snapshotWritten(seconds: number, bytes: number): void;
  snapshotFailed(): void;
  alertsPublished(count: number): void;
  resync(reason: 'slow' | 'gap' | 'ahead'): void;
  liveMessage(direction: 'in' | 'out', count?: number): void;
}

export const noMetrics: ProjectionMetrics = {
  applied: () => undefined,
  duplicates: () => undefined,
  parked: () => undefined,
  lag: () => undefined,
  snapshotWritten: () => undefined,
  snapshotFailed: () => undefined,
  alertsPublished: () => undefined,
  resync: () => undefined,
  liveMessage: () => undefined,
};

export interface MetricSources {
  readonly caughtUp: () => boolean;
  readonly liveClients: () => number;
  readonly liveSubscriptions: () => ReadonlyMap<string, number>;
  readonly parkedMessages: () => number;
  readonly timelineEvents: () => number;
  readonly timelineStoredBytes: () => number;
}

/**
 * The metrics, not yet registered anywhere: the projection is built before the Nest app that owns
 * the service's registry, which then registers `collectors` (create-projection-app.ts).
 */
export const prometheusProjectionMetrics = (sources: MetricSources): { readonly metrics: ProjectionMetrics; readonly collectors: readonly Metric[] } => {
  const registers: Registry[] = [];
  const applied = new Counter({ name: 'watchfloor_projection_events_applied_total', help: 'Events folded into the state', registers });
  const duplicates = new Counter({ name: 'watchfloor_projection_events_duplicate_total', help: 'Messages whose event id was already applied (redelivery, re-drive)', registers });
  const parked = new Counter({ name: 'watchfloor_projection_events_parked_total', help: 'Messages this process parked on crisis.events.parked', registers });
  const lag = new Gauge({ name: 'watchfloor_projection_consumer_lag', help: 'Messages of crisis.events not yet folded, per partition (as of the last fetch)', labelNames: ['partition'], registers });
  const snapshotDuration = new Histogram({
    name: 'watchfloor_projection_snapshot_duration_seconds',
    help: 'Time to cut, encode and write one snapshot',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers,
  });
  const snapshotBytes = new Gauge({ name: 'watchfloor_projection_snapshot_bytes', help: 'Compressed size of the last snapshot written', registers });
  const snapshotFailures = new Counter({ name: 'watchfloor_projection_snapshot_failures_total', help: 'Snapshots that could not be written', registers });
  const alerts = new Counter({ name: 'watchfloor_projection_alerts_published_total', help: 'Alerts written to crisis.alerts', registers });
  const resyncs = new Counter({ name: 'watchfloor_projection_live_resyncs_total', help: 'Live subscriptions sent back to a snapshot, by reason', labelNames: ['reason'], registers });
  const liveMessages = new Counter({ name: 'watchfloor_projection_live_messages_total', help: 'Live WebSocket messages, by direction', labelNames: ['direction'], registers });
  const caughtUp = new Gauge({
    name: 'watchfloor_projection_caught_up',
    help: '1 once the fold reached the end offsets seen at start',
    registers,
    collect() {
      this.set(sources.caughtUp() ? 1 : 0);
    },
  });
  const liveClients = new Gauge({
    name: 'watchfloor_projection_live_clients',
    help: 'Open WebSocket connections on /live',
    registers,
    collect() {
      this.set(sources.liveClients());
    },
  });
  const liveSubscriptions = new Gauge({
    name: 'watchfloor_projection_live_subscriptions',
    help: 'Live subscriptions, by channel',
    labelNames: ['channel'],
    registers,
    collect() {
      this.reset();
      for (const [channel, n] of sources.liveSubscriptions()) this.set({ channel }, n);
    },
  });
  const parkedMessages = new Gauge({
    name: 'watchfloor_projection_parked_messages',
    help: 'Distinct messages on crisis.events.parked (by origin)',
    registers,
    collect() {
      this.set(sources.parkedMessages());
    },
  });
  const timelineEvents = new Gauge({
    name: 'watchfloor_projection_timeline_events',
    help: 'Events held for the timeline',
    registers,
    collect() {
      this.set(sources.timelineEvents());
    },
  });
  const timelineBytes = new Gauge({
    name: 'watchfloor_projection_timeline_stored_bytes',
    help: 'Bytes the timeline bodies take in memory (compressed)',
    registers,
    collect() {
      this.set(sources.timelineStoredBytes());
    },
  });
  const metrics: ProjectionMetrics = {
    applied: (count) => applied.inc(count),
    duplicates: (count) => duplicates.inc(count),
    parked: (count) => parked.inc(count),
    lag: (partition, messages) => lag.set({ partition: String(partition) }, messages),
    snapshotWritten: (seconds, bytes) => {
      snapshotDuration.observe(seconds);
      snapshotBytes.set(bytes);
    },
    snapshotFailed: () => snapshotFailures.inc(),
    alertsPublished: (count) => alerts.inc(count),
    resync: (reason) => resyncs.inc({ reason }),
    liveMessage: (direction, count = 1) => liveMessages.inc({ direction }, count),
  };
  const collectors: Metric[] = [
    applied,
    duplicates,
    parked,
    lag,
    snapshotDuration,
    snapshotBytes,
    snapshotFailures,
    alerts,
    resyncs,
    liveMessages,
    caughtUp,
    liveClients,
    liveSubscriptions,
    parkedMessages,
    timelineEvents,
    timelineBytes,
  ];
  return { metrics, collectors };
};
