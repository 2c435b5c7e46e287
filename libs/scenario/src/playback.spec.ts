import { kazakhstan2022 } from './kazakhstan-2022';
import { compressionFactor, playbackSchedule } from './playback';

describe('scenario playback', () => {
  it('plays the whole scenario in the requested time, in occurredAt order', () => {
    const schedule = playbackSchedule(kazakhstan2022, { durationMs: 60_000 });
    expect(schedule).toHaveLength(kazakhstan2022.length);
    expect(schedule[0]?.atMs).toBe(0);
    expect(schedule.at(-1)?.atMs).toBe(60_000);
    const occurred = schedule.map((s) => Date.parse(s.event.occurredAt));
    expect(occurred).toEqual([...occurred].sort((a, b) => a - b));
    expect(schedule.map((s) => s.atMs)).toEqual([...schedule.map((s) => s.atMs)].sort((a, b) => a - b));
  });

  it('spaces events in proportion to the world time between them', () => {
    const [a, b, c] = kazakhstan2022;
    if (!a || !b || !c) throw new Error('scenario too short');
    const at = (iso: string) => ({ ...a, occurredAt: iso });
    const schedule = playbackSchedule([at('2022-01-01T00:00:00Z'), at('2022-01-02T00:00:00Z'), at('2022-01-05T00:00:00Z')], { durationMs: 4_000 });
    expect(schedule.map((s) => s.atMs)).toEqual([0, 1_000, 4_000]);
  });

  it('keeps a minimum gap between events reported at the same moment', () => {
    const [a] = kazakhstan2022;
    if (!a) throw new Error('scenario empty');
    const same = [a, { ...a, id: '00000000-0000-4000-8000-000000000001' }, { ...a, id: '00000000-0000-4000-8000-000000000002' }];
    expect(playbackSchedule(same, { durationMs: 10_000, minGapMs: 250 }).map((s) => s.atMs)).toEqual([0, 250, 500]);
  });

  it('plays nothing for an empty scenario', () => {
    expect(playbackSchedule([], { durationMs: 1_000 })).toEqual([]);
  });

  it('states the compression as world milliseconds per wall-clock millisecond', () => {
    const factor = compressionFactor(kazakhstan2022, 60_000);
    expect(factor).toBeGreaterThan(10_000);
  });
});
