import type { EventLog, TopicSettings } from '@watchfloor/kafka';
import type { Logger } from 'pino';
import { AlertPublisher, RecentAlerts } from '../alerts/alert-publisher';
import { FoldConsumer, type CatchUpProgress } from '../fold/fold-consumer';
import { formatVector } from '../fold/position-vector';
import { ProjectionStore } from '../fold/projection-store';
import { LiveHub } from '../live/live-hub';
import { ParkedMessages } from '../parking/parked-messages';
import { SnapshotStore } from '../snapshots/snapshot-store';
import { TheatreQueries } from '../theatres/theatre-queries';
import type { ProjectionMetrics } from './projection.metrics';
import type { ProjectionSettings } from './projection-settings';

export interface ProjectionTopics {
  readonly events: string;
  readonly parked: string;
  readonly snapshots: string;
  readonly alerts: string;
}

export interface RuntimeDeps {
  readonly eventLog: EventLog;
  readonly topics: ProjectionTopics;
  /** Created when missing, as ingest does. */
  readonly topicSettings: readonly TopicSettings[];
  readonly settings: ProjectionSettings;
  readonly metrics: ProjectionMetrics;
  readonly logger: Logger;
  readonly clock: () => Date;
}

export interface StartupReport {
  readonly snapshot: { readonly snapshotId: string; readonly positions: string; readonly facts: number; readonly loadMs: number } | undefined;
  readonly alertsRead: number;
  readonly topicsCreated: readonly string[];
}

/**
 * The projection's parts, wired, apart from NestJS (which only adapts HTTP and WebSocket to them).
 * Start: topics, the newest snapshot, the alerts already raised, the parked messages, then the
 * fold. Stop: the live sockets, the fold (after its batch), a last snapshot, pending alerts.
 */
export class ProjectionRuntime {
  readonly store: ProjectionStore;
  readonly fold: FoldConsumer;
  readonly snapshots: SnapshotStore;
  readonly parked: ParkedMessages;
  readonly alerts: AlertPublisher;
  readonly recentAlerts = new RecentAlerts();
  readonly hub: LiveHub;
  readonly queries: TheatreQueries;
  readonly topics: ProjectionTopics;
  private report: StartupReport | undefined;
  private alertRetry: NodeJS.Timeout | undefined;
  private stopping: Promise<void> | undefined;

  constructor(private readonly deps: RuntimeDeps) {
    this.topics = deps.topics;
    const { eventLog, topics, settings, metrics, logger, clock } = deps;
    this.store = new ProjectionStore({ historySize: settings.historySize, clock });
    this.snapshots = new SnapshotStore(
      eventLog,
      this.store,
      {
        projectionId: settings.projectionId,
        snapshotsTopic: topics.snapshots,
        eventsTopic: topics.events,
        everyEvents: settings.snapshotEveryEvents,
        everyMs: settings.snapshotEveryMs,
        chunkBytes: settings.snapshotChunkBytes,
      },
      metrics,
      logger.child({ component: 'snapshots' }),
      clock,
    );
    this.alerts = new AlertPublisher(eventLog, topics.alerts, metrics, logger.child({ component: 'alerts' }));
    this.fold = new FoldConsumer(
      eventLog,
      this.store,
      { events: topics.events, parked: topics.parked },
      { groupId: `watchfloor-projection-${settings.instanceId}`, fetchWaitMs: settings.fetchWaitMs, timelineFromStart: settings.timelineFromStart },
      {
        afterBatch: async ({ applied, alerts }) => {
          this.snapshots.noteApplied(applied);
          if (alerts.length > 0) await this.alerts.publish(alerts);
        },
        caughtUp: (progress) => this.onCaughtUp(progress),
      },
      metrics,
      logger.child({ component: 'fold' }),
      clock,
    );
    this.parked = new ParkedMessages(eventLog, { events: topics.events, parked: topics.parked }, this.store, `watchfloor-projection-${settings.instanceId}-parked`, logger.child({ component: 'parked' }), clock);
    this.hub = new LiveHub(this.store, this.recentAlerts, { heartbeatMs: settings.heartbeatMs, queueBytes: settings.liveQueueBytes }, metrics, logger.child({ component: 'live' }), clock);
    this.queries = new TheatreQueries(this.store, clock);
  }

  get startup(): StartupReport | undefined {
    return this.report;
  }

  async start(): Promise<void> {
    const { eventLog, topicSettings, logger } = this.deps;
    await eventLog.connect();
    const { created } = await eventLog.ensureTopics(topicSettings);
    if (created.length > 0) logger.info({ topics: created }, 'created topics');

    const loadStarted = performance.now();
    // Independent reads, side by side: each waits on a consumer joining its group.
    const [loaded, alertsRead] = await Promise.all([this.snapshots.load(), this.alerts.readBack(this.recentAlerts), this.parked.start()]);
    let snapshot: StartupReport['snapshot'];
    if (loaded !== undefined) {
      const restored = this.store.restore(loaded.body);
      if (restored.ok) {
        this.snapshots.markCurrent();
        snapshot = { snapshotId: loaded.head.snapshotId, positions: loaded.head.positions, facts: loaded.head.facts, loadMs: Math.round(performance.now() - loadStarted) };
        logger.info(snapshot, 'started from a snapshot');
      } else {
        logger.warn({ reason: restored.reason }, 'the snapshot does not restore; folding from the start');
      }
    }
    this.hub.start();
    await this.fold.start(snapshot === undefined ? new Map() : this.store.positions());
    this.snapshots.start();
    this.alertRetry = setInterval(() => void this.alerts.retry(), 5000);
    this.alertRetry.unref();
    this.report = { snapshot, alertsRead, topicsCreated: created };
  }

  /** Resolves once the fold reached the end offsets it saw at start. */
  async caughtUp(timeoutMs: number): Promise<CatchUpProgress> {
    const deadline = Date.now() + timeoutMs;
    while (!this.fold.caughtUp) {
      if (this.fold.failure) throw this.fold.failure;
      if (Date.now() > deadline) throw new Error(`not caught up after ${timeoutMs} ms: ${JSON.stringify(this.fold.progress())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.fold.progress();
  }

  /** Closes the live sockets first: they must not hold the HTTP server's shutdown open. */
  closeLive(): void {
    this.hub.stop();
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      this.hub.stop();
      if (this.alertRetry) clearInterval(this.alertRetry);
      await this.fold.stop();
      await this.parked.stop();
      // After the fold stopped: the last snapshot holds everything applied.
      await this.snapshots.stop();
      await this.alerts.retry();
      this.deps.logger.info({ positions: formatVector(this.store.positions()) }, 'projection stopped');
    })();
    return this.stopping;
  }

  /** A snapshot right after the catch-up (if it folded anything): a restart then only has the tail to fold. */
  private onCaughtUp(_progress: CatchUpProgress): void {
    this.snapshots.caughtUp();
  }
}
