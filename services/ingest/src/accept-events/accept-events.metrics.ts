import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export type RejectReason = 'invalid' | 'kafka_unavailable';

/** What the use case reports; Prometheus in the app, a fake or nothing in unit tests. */
export interface AcceptEventsMetrics {
  accepted(count: number): void;
  duplicates(count: number): void;
  rejected(reason: RejectReason): void;
  produced(seconds: number): void;
}

export const noMetrics: AcceptEventsMetrics = {
  accepted: () => undefined,
  duplicates: () => undefined,
  rejected: () => undefined,
  produced: () => undefined,
};

export const prometheusAcceptEventsMetrics = (registry: Registry, knownIds: () => number): AcceptEventsMetrics => {
  const accepted = new Counter({ name: 'watchfloor_ingest_events_accepted_total', help: 'Events written to crisis.events', registers: [registry] });
  const duplicates = new Counter({
    name: 'watchfloor_ingest_events_duplicate_total',
    help: 'Events not written because their id was already in the log (or earlier in the same batch)',
    registers: [registry],
  });
  const rejected = new Counter({
    name: 'watchfloor_ingest_batches_rejected_total',
    help: 'Batches rejected whole, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  const produce = new Histogram({
    name: 'watchfloor_ingest_produce_duration_seconds',
    help: 'Time from the start of a produce to the acknowledgement of every message of the batch (acks=all)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'watchfloor_ingest_known_event_ids',
    help: 'Event ids the duplicate check holds in memory',
    registers: [registry],
    collect() {
      this.set(knownIds());
    },
  });
  return {
    accepted: (count) => accepted.inc(count),
    duplicates: (count) => duplicates.inc(count),
    rejected: (reason) => rejected.inc({ reason }),
    produced: (seconds) => produce.observe(seconds),
  };
};
