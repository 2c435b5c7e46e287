import type { CrisisEventInput } from '@watchfloor/events';
import { kazakhstan2022 } from '@watchfloor/scenario';
import type { EventSink, SentBatch } from '../ingest-client/ingest-client';
import { RunInProgressError, SimulationRuns, type Sleep } from './simulation-runs';
import { syntheticSteps } from './synthetic-steps';

/** A clock that only moves when the run sleeps: the schedule is checked without real time. */
const virtualTime = () => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const sleep: Sleep = async (ms) => {
    now += Math.max(0, ms);
  };
  return { clock: () => new Date(now), sleep, elapsed: () => now - Date.parse('2026-01-01T00:00:00Z') };
};

/** Records what was sent and when; ids seen before come back as duplicates, as ingest does. */
const recordingSink = (time: { elapsed: () => number }) => {
  const seen = new Set<string>();
  const sent: { atMs: number; ids: string[] }[] = [];
  const sink: EventSink = {
    async send(events: readonly CrisisEventInput[]): Promise<SentBatch> {
      sent.push({ atMs: time.elapsed(), ids: events.map((e) => e.id) });
      const accepted = events.filter((e) => !seen.has(e.id)).map((e) => e.id);
      accepted.forEach((id) => seen.add(id));
      return { accepted, duplicates: events.filter((e) => !accepted.includes(e.id)).map((e) => e.id) };
    },
    ready: async () => undefined,
  };
  return { sink, sent };
};

describe('simulation runs', () => {
  it('plays the scenario in occurredAt order within the requested time', async () => {
    const time = virtualTime();
    const { sink, sent } = recordingSink(time);
    const runs = new SimulationRuns(sink, time.clock, time.sleep);
    await runs.playScenario(kazakhstan2022, 60_000);
    const result = await runs.finished();
    expect(result).toMatchObject({ kind: 'scenario', state: 'finished', sent: kazakhstan2022.length, accepted: kazakhstan2022.length, duplicates: 0 });
    const byId = new Map(kazakhstan2022.map((e) => [e.id, Date.parse(e.occurredAt)]));
    const occurred = sent.flatMap((s) => s.ids.map((id) => byId.get(id) ?? NaN));
    expect(occurred).toEqual([...occurred].sort((a, b) => a - b));
    expect(sent.at(-1)?.atMs).toBeLessThanOrEqual(60_000);
    expect(sent.at(-1)?.atMs).toBeGreaterThan(50_000);
  });

  it('reports a second playback as duplicates only', async () => {
    const time = virtualTime();
    const { sink } = recordingSink(time);
    const runs = new SimulationRuns(sink, time.clock, time.sleep);
    await runs.playScenario(kazakhstan2022, 1_000);
    await runs.finished();
    await runs.playScenario(kazakhstan2022, 1_000);
    expect(await runs.finished()).toMatchObject({ accepted: 0, duplicates: kazakhstan2022.length });
  });

  it('refuses a second run while one is running, and stops on request', async () => {
    const time = virtualTime();
    const { sink } = recordingSink(time);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slowSink: EventSink = { ...sink, send: async (events) => (await gate, sink.send(events)) };
    const runs = new SimulationRuns(slowSink, time.clock, time.sleep);
    await runs.playScenario(kazakhstan2022, 10_000);
    expect(() => runs.start('synthetic', [])).toThrow(RunInProgressError);
    const stopping = runs.stop();
    release();
    const stopped = await stopping;
    expect(stopped?.state).toBe('stopped');
    expect(stopped?.sent).toBeLessThan(kazakhstan2022.length);
  });

  it('marks a run failed with the reason when the ingest API refuses', async () => {
    const time = virtualTime();
    const failing: EventSink = { send: async () => Promise.reject(new Error('ingest answered 401')), ready: async () => undefined };
    const runs = new SimulationRuns(failing, time.clock, time.sleep);
    await runs.playScenario(kazakhstan2022, 1_000);
    expect(await runs.finished()).toMatchObject({ state: 'failed', error: 'ingest answered 401', sent: 0 });
  });
});

describe('synthetic steps', () => {
  const startAt = new Date('2026-01-01T00:00:00Z');

  it('holds the rate: 50 events/s for 2 s is 100 events over 20 ticks', () => {
    const steps = [...syntheticSteps({ ratePerSecond: 50, theatres: 2, seed: 7, durationSeconds: 2, startAt })];
    expect(steps.reduce((n, s) => n + s.events.length, 0)).toBe(100);
    expect(steps).toHaveLength(20);
    expect(steps.at(-1)?.atMs).toBe(2_000);
  });

  it('spreads a slow rate over ticks without losing events', () => {
    const steps = [...syntheticSteps({ ratePerSecond: 3, theatres: 1, seed: 7, count: 9, startAt })];
    expect(steps.reduce((n, s) => n + s.events.length, 0)).toBe(9);
    expect(steps.at(-1)?.atMs).toBe(3_000);
  });

  it('is reproducible from its seed', () => {
    const ids = (seed: number) => [...syntheticSteps({ ratePerSecond: 100, theatres: 3, seed, count: 50, startAt })].flatMap((s) => s.events.map((e) => e.id));
    expect(ids(1)).toEqual(ids(1));
    expect(ids(1)).not.toEqual(ids(2));
  });
});
