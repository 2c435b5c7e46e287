import { ConfigError } from '@watchfloor/service-kit';
import path from 'node:path';
import { z } from 'zod';

/**
 * What the projection reads from the environment beyond the shared ServiceConfig (PORT,
 * KAFKA_BROKERS, WATCHFLOOR_API_KEYS, WATCHFLOOR_TOPIC_PREFIX, …). Checked once at start; a bad
 * value stops the service with a message naming the variable.
 */
export interface ProjectionSettings {
  /** Key of this projection's snapshots; replicas share it, so any of them can start from any snapshot. */
  readonly projectionId: string;
  /** Names this process's consumer group: every replica reads every partition. */
  readonly instanceId: string;
  /** Snapshot after this many applied events (0: never by count). */
  readonly snapshotEveryEvents: number;
  /** Snapshot after this long, when anything was applied since the last one (0: never by time). */
  readonly snapshotEveryMs: number;
  readonly snapshotChunkBytes: number;
  /** Deltas kept for clients that resume. */
  readonly historySize: number;
  /** Read every event from the start of the log for the timeline even when a snapshot holds the state. */
  readonly timelineFromStart: boolean;
  /** Reads (GET /api/theatres, /api/events, the live socket) without a key. */
  readonly readOpen: boolean;
  readonly liveRequireKey: boolean;
  /** Origins allowed to open /live; undefined: any. */
  readonly allowedOrigins: readonly string[] | undefined;
  readonly heartbeatMs: number;
  /** Bytes a live client may have waiting before it is dropped to a resync. */
  readonly liveQueueBytes: number;
  /** How long a fetch waits for new events when caught up: the floor of delivery latency. */
  readonly fetchWaitMs: number;
  /** Built dashboard served at /; undefined or missing: none. */
  readonly dashboardDir: string | undefined;
}

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../..');
export const DEFAULT_DASHBOARD_DIR = path.join(WORKSPACE_ROOT, 'dashboard', 'dist');

const blankToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const count = (fallback: number, max = Number.MAX_SAFE_INTEGER) => z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(max).default(fallback));
const flag = (fallback: boolean | undefined) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toLowerCase()) : v),
    fallback === undefined ? z.enum(['true', 'false']).optional() : z.enum(['true', 'false']).default(fallback ? 'true' : 'false'),
  );

const envSchema = z.object({
  WATCHFLOOR_PROJECTION_ID: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'may hold only letters, digits, ".", "_" and "-"').default('watchfloor-projection')),
  WATCHFLOOR_INSTANCE_ID: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'may hold only letters, digits, ".", "_" and "-"').optional()),
  WATCHFLOOR_SNAPSHOT_EVERY_EVENTS: count(50_000),
  WATCHFLOOR_SNAPSHOT_EVERY_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(86_400).default(60)),
  WATCHFLOOR_SNAPSHOT_CHUNK_BYTES: count(512 * 1024, 32 * 1024 * 1024),
  WATCHFLOOR_LIVE_HISTORY: count(10_000, 10_000_000),
  WATCHFLOOR_TIMELINE_FROM_START: flag(true),
  WATCHFLOOR_READ_OPEN: flag(false),
  WATCHFLOOR_LIVE_REQUIRE_KEY: flag(undefined),
  WATCHFLOOR_ALLOWED_ORIGINS: z.preprocess(blankToUndefined, z.string().optional()),
  WATCHFLOOR_LIVE_HEARTBEAT_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().min(0.05).max(3600).default(15)),
  WATCHFLOOR_LIVE_QUEUE_BYTES: count(1024 * 1024, 1024 * 1024 * 1024),
  WATCHFLOOR_FETCH_WAIT_MS: count(100, 10_000),
  WATCHFLOOR_DASHBOARD_DIR: z.preprocess(blankToUndefined, z.string().optional()),
});

export const loadProjectionSettings = (env: Readonly<Record<string, string | undefined>>, defaultInstanceId: () => string): ProjectionSettings => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')} ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const readOpen = e.WATCHFLOOR_READ_OPEN === 'true';
  const origins = e.WATCHFLOOR_ALLOWED_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  return {
    projectionId: e.WATCHFLOOR_PROJECTION_ID,
    instanceId: e.WATCHFLOOR_INSTANCE_ID ?? defaultInstanceId(),
    snapshotEveryEvents: e.WATCHFLOOR_SNAPSHOT_EVERY_EVENTS,
    snapshotEveryMs: Math.round(e.WATCHFLOOR_SNAPSHOT_EVERY_SECONDS * 1000),
    snapshotChunkBytes: Math.max(1024, e.WATCHFLOOR_SNAPSHOT_CHUNK_BYTES),
    historySize: Math.max(1, e.WATCHFLOOR_LIVE_HISTORY),
    timelineFromStart: e.WATCHFLOOR_TIMELINE_FROM_START === 'true',
    readOpen,
    // A live socket is a read like any other: it needs a key exactly when reads do, unless told otherwise.
    liveRequireKey: e.WATCHFLOOR_LIVE_REQUIRE_KEY === undefined ? !readOpen : e.WATCHFLOOR_LIVE_REQUIRE_KEY === 'true',
    allowedOrigins: origins !== undefined && origins.length > 0 ? origins : undefined,
    heartbeatMs: Math.round(e.WATCHFLOOR_LIVE_HEARTBEAT_SECONDS * 1000),
    liveQueueBytes: Math.max(16 * 1024, e.WATCHFLOOR_LIVE_QUEUE_BYTES),
    fetchWaitMs: e.WATCHFLOOR_FETCH_WAIT_MS,
    dashboardDir: e.WATCHFLOOR_DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR,
  };
};
