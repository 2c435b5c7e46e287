import { escalationIndex, foldEvents, type TheatreState } from '@watchfloor/crisis-state';
import { parseCrisisEvent, recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { eventsOf, foldTheatre, ids, iso } from '../testing/scenario';
import { sampleTimes } from './downsample';
import { indexSeries, trendOf } from './index-series';

const HOUR = 3600_000;

const expectSameAsLibrary = (state: TheatreState, times: readonly number[]): void => {
  const series = indexSeries(state, times);
  const differences = series.map((point) => Math.abs(point.value - escalationIndex(state, new Date(point.t), { explain: 0 }).value));
  expect(Math.max(...differences)).toBeLessThanOrEqual(0.1);
};

describe('indexSeries', () => {
  it('gives the library’s escalation index at every sample of the Kazakhstan scenario', () => {
    const state = foldTheatre('kz');
    expectSameAsLibrary(state, sampleTimes(iso('2022-01-01T00:00:00Z'), iso('2022-02-20T00:00:00Z'), 400));
  });

  it('rises with the unrest and falls after order is restored', () => {
    const state = foldTheatre('kz');
    const [before, riots, restored] = indexSeries(state, [iso('2022-01-02T00:00:00Z'), iso('2022-01-07T18:00:00Z'), iso('2022-01-10T12:00:00Z')]);
    expect(before?.value).toBe(0);
    expect(riots?.value).toBeGreaterThan(40);
    expect(restored?.value).toBeLessThan(riots?.value ?? 0);
  });

  it('leaves out a retracted event and one superseded by a correction, as the library does', () => {
    const kz = eventsOf('kz');
    const police = kz.find((e) => e.id === ids.almatyPoliceCasualties);
    if (!police) throw new Error('scenario changed');
    const retraction: CrisisEvent = { ...police, id: '00000000-0000-4000-8000-000000000001', verification: 'retracted', supersedes: ids.almatyCityCasualties };
    const state = foldEvents([...kz, retraction], 'kz');
    expectSameAsLibrary(state, sampleTimes(iso('2022-01-05T00:00:00Z'), iso('2022-01-12T00:00:00Z'), 200));
  });

  it('agrees with the library over a long synthetic stream with cumulative reports and corrections', () => {
    const generator = createSyntheticGenerator({ seed: 42, theatres: 1, startAt: '2022-03-01T00:00:00Z', ratePerSecond: 1 / 600 });
    const events = generator.take(3000).flatMap((input) => {
      const parsed = parseCrisisEvent(recordEvent(input, new Date(Date.parse(input.occurredAt) + HOUR)));
      return parsed.ok ? [parsed.event] : [];
    });
    const theatre = generator.theatreIds[0] ?? 'syn-001';
    const state = foldEvents(events, theatre);
    expect(state.timeline.some((f) => f.type === 'casualties.reported' && f.cumulative)).toBe(true);
    expect(state.supersededBy.size).toBeGreaterThan(0);
    const first = state.timeline[0]?.occurredAt ?? 0;
    const last = state.lastOccurredAt ?? 0;
    expectSameAsLibrary(state, sampleTimes(first, last + 40 * 24 * HOUR, 300));
  });

  it('says how much the index moved over the series', () => {
    expect(trendOf([{ t: 0, value: 10, band: 'low' }, { t: 1, value: 42.25, band: 'elevated' }])).toBe(32.3);
    expect(trendOf([])).toBe(0);
  });
});
