import { ConfigError } from '@watchfloor/service-kit';
import { DEFAULT_DASHBOARD_DIR, loadProjectionSettings } from './projection-settings';

const load = (env: Record<string, string>) => loadProjectionSettings(env, () => 'generated');

describe('projection settings', () => {
  it('has safe defaults: reads need a key, and so does the live socket', () => {
    expect(load({})).toEqual({
      projectionId: 'watchfloor-projection',
      instanceId: 'generated',
      snapshotEveryEvents: 50_000,
      snapshotEveryMs: 60_000,
      snapshotChunkBytes: 512 * 1024,
      historySize: 10_000,
      timelineFromStart: true,
      readOpen: false,
      liveRequireKey: true,
      allowedOrigins: undefined,
      heartbeatMs: 15_000,
      liveQueueBytes: 1024 * 1024,
      fetchWaitMs: 100,
      dashboardDir: DEFAULT_DASHBOARD_DIR,
    });
    expect(DEFAULT_DASHBOARD_DIR).toMatch(/dashboard[/\\]dist$/);
  });

  it('opens the live socket with the reads unless told otherwise', () => {
    expect(load({ WATCHFLOOR_READ_OPEN: 'true' })).toMatchObject({ readOpen: true, liveRequireKey: false });
    expect(load({ WATCHFLOOR_READ_OPEN: 'true', WATCHFLOOR_LIVE_REQUIRE_KEY: 'true' })).toMatchObject({ readOpen: true, liveRequireKey: true });
  });

  it('reads the rest', () => {
    expect(
      load({
        WATCHFLOOR_ALLOWED_ORIGINS: 'http://localhost:8080, http://127.0.0.1:5173',
        WATCHFLOOR_SNAPSHOT_EVERY_SECONDS: '0.5',
        WATCHFLOOR_INSTANCE_ID: 'replica-2',
        WATCHFLOOR_TIMELINE_FROM_START: 'FALSE',
      }),
    ).toMatchObject({ allowedOrigins: ['http://localhost:8080', 'http://127.0.0.1:5173'], snapshotEveryMs: 500, instanceId: 'replica-2', timelineFromStart: false });
  });

  it('names every bad variable', () => {
    expect(() => load({ WATCHFLOOR_READ_OPEN: 'yes', WATCHFLOOR_SNAPSHOT_EVERY_EVENTS: '-1' })).toThrow(ConfigError);
    expect(() => load({ WATCHFLOOR_READ_OPEN: 'yes', WATCHFLOOR_SNAPSHOT_EVERY_EVENTS: '-1' })).toThrow(/(?=.*WATCHFLOOR_READ_OPEN)(?=.*WATCHFLOOR_SNAPSHOT_EVERY_EVENTS)/);
  });
});
