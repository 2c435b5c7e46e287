import { createProjector, foldEvents } from '@watchfloor/crisis-state';
import { eventsOf, foldTheatre, ids, iso, scenarioEvent, variant } from '../../../testing/scenario';
import { casualtyAxisTop, casualtyBands, claimPoints, lastBand, measureRows } from './casualty-series';

const window = { from: iso('2022-01-03T00:00:00Z'), to: iso('2022-01-11T00:00:00Z'), maxPoints: 1000 };

describe('casualtyBands', () => {
  it('shows the city’s 12 killed alone, then the range across both sources once the police say "dozens"', () => {
    const bands = casualtyBands(foldTheatre('kz'), window);
    const at = (t: string) => bands.filter((b) => b.t <= iso(t)).pop();
    expect(at('2022-01-06T09:00:00Z')?.killed).toMatchObject({ low: 12, best: 12, high: 12, sources: 1 });
    expect(at('2022-01-06T13:00:00Z')?.killed).toMatchObject({ low: 24, best: 49, high: 111, range: [24, 111], sources: 2 });
    expect(at('2022-01-06T13:00:00Z')?.injured).toMatchObject({ low: 353, high: 353 });
  });

  it('ends at the window’s end with the same figures the live state holds', () => {
    const state = foldTheatre('kz');
    const last = casualtyBands(state, window).pop();
    expect(last?.t).toBe(window.to);
    expect(last?.killed).toMatchObject({ low: state.casualties.killed?.low, best: state.casualties.killed?.best, high: state.casualties.killed?.high });
  });

  it('has nothing before the first report', () => {
    expect(casualtyBands(foldTheatre('kz'), { ...window, to: iso('2022-01-05T00:00:00Z') })).toEqual([]);
  });

  it('stays within the point budget when there are more reports than points', () => {
    const police = scenarioEvent(ids.almatyPoliceCasualties);
    const reports = Array.from({ length: 300 }, (_, i) =>
      variant(police, 'casualties.reported', {
        id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
        occurredAt: new Date(iso('2022-01-06T12:00:00Z') + i * 600_000).toISOString(),
        recordedAt: new Date(iso('2022-01-06T12:30:00Z') + i * 600_000).toISOString(),
        data: { group: 'civilians', cumulative: true, killed: { best: i } },
      }),
    );
    const bands = casualtyBands(foldEvents(reports, 'kz'), { ...window, maxPoints: 50 });
    expect(bands.length).toBeLessThanOrEqual(50);
    expect(bands[bands.length - 1]?.killed?.best).toBe(299);
  });
});

describe('claimPoints', () => {
  it('keeps each source’s claim as made, with its rating, wording and whether best was stated', () => {
    const claims = claimPoints(foldTheatre('kz'), window).filter((c) => c.measure === 'killed');
    expect(claims.map((c) => ({ source: c.source, low: c.low, best: c.best, high: c.high, bestStated: c.bestStated, rating: `${c.reliability}${c.credibility}` }))).toEqual([
      { source: 'Almaty city authorities', low: 12, best: 12, high: 12, bestStated: true, rating: 'B3' },
      { source: 'Almaty police spokesperson (via local news agencies)', low: 24, best: 49, high: 99, bestStated: false, rating: 'C4' },
    ]);
    expect(claims[1]?.wording).toMatch(/dozens/);
  });

  it('marks a corrected claim as superseded and a retracted one as retracted', () => {
    const city = scenarioEvent(ids.almatyCityCasualties);
    const correction = variant(city, 'casualties.reported', { id: '00000000-0000-4000-8000-000000000010', supersedes: city.id, occurredAt: '2022-01-07T08:00:00Z', recordedAt: '2022-01-07T08:30:00Z' });
    const police = scenarioEvent(ids.almatyPoliceCasualties);
    const retracted = variant(police, 'casualties.reported', { verification: 'retracted' });
    const state = foldEvents([...eventsOf('kz').filter((e) => e.id !== police.id), retracted, correction], 'kz');
    const status = new Map(claimPoints(state, window).filter((c) => c.measure === 'killed').map((c) => [c.eventId, c.status]));
    expect(status.get(city.id)).toBe('superseded');
    expect(status.get(correction.id)).toBe('effective');
    expect(status.get(police.id)).toBe('retracted');
  });
});

describe('casualtyBands on a live state', () => {
  const byOccurrence = eventsOf('kz').sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
  const reports = byOccurrence.filter((event) => event.type === 'casualties.reported');

  /** A live state folded without `held`, asked for its bands, then given `held` in place. */
  const liveWith = (held: (typeof reports)[number]) => {
    const projector = createProjector('kz');
    for (const event of byOccurrence) if (event !== held) projector.apply(event);
    const early = casualtyBands(projector.state, window);
    projector.apply(held);
    return { early, late: casualtyBands(projector.state, window) };
  };

  it('follows a report that comes last as the state changes in place', () => {
    const last = reports[reports.length - 1];
    if (last === undefined) throw new Error('the scenario has no casualty reports');
    const { early, late } = liveWith(last);
    expect(late).toEqual(casualtyBands(foldTheatre('kz'), window));
    expect(late).not.toEqual(early);
  });

  it('folds again when a report lands before the ones already folded', () => {
    const first = reports[0];
    if (first === undefined) throw new Error('the scenario has no casualty reports');
    const { early, late } = liveWith(first);
    expect(late).toEqual(casualtyBands(foldTheatre('kz'), window));
    expect(late).not.toEqual(early);
  });
});

describe('measureRows', () => {
  it('keeps one measure of the band, null before the measure has one', () => {
    const bands = [
      { t: 1, injured: { low: 5, best: 5, high: 5, range: [5, 5] as const, sources: 1 } },
      { t: 2, killed: { low: 2, best: 3, high: 4, range: [2, 4] as const, sources: 2 }, injured: { low: 5, best: 6, high: 7, range: [5, 7] as const, sources: 2 } },
    ];
    expect(measureRows(bands, 'killed')).toEqual([
      { t: 1, range: null, best: null, sources: 0 },
      { t: 2, range: [2, 4], best: 3, sources: 2 },
    ]);
    expect(measureRows(bands, 'injured').map((r) => r.best)).toEqual([5, 6]);
  });

  it('matches the live state at the window’s end for the seed scenario', () => {
    const state = foldTheatre('kz');
    const last = lastBand(measureRows(casualtyBands(state, window), 'killed'));
    expect(last?.range).toEqual([state.casualties.killed?.low, state.casualties.killed?.high]);
    expect(last?.best).toBe(state.casualties.killed?.best);
  });
});

describe('lastBand', () => {
  it('is the latest row that has a band, skipping trailing gaps', () => {
    const rows = [
      { t: 1, range: [1, 2] as const, best: 1, sources: 1 },
      { t: 2, range: [3, 4] as const, best: 3, sources: 1 },
      { t: 3, range: null, best: null, sources: 0 },
    ];
    expect(lastBand(rows)?.t).toBe(2);
    expect(lastBand([{ t: 1, range: null, best: null, sources: 0 }])).toBeUndefined();
    expect(lastBand([])).toBeUndefined();
  });
});

describe('casualtyAxisTop', () => {
  it('tops out a tenth above the highest figure, on a round step', () => {
    expect(casualtyAxisTop(0)).toBe(2);
    expect(casualtyAxisTop(1)).toBe(2);
    expect(casualtyAxisTop(12)).toBe(15);
    expect(casualtyAxisTop(111)).toBe(150);
    expect(casualtyAxisTop(136)).toBe(150);
    expect(casualtyAxisTop(137)).toBe(200);
    expect(casualtyAxisTop(353)).toBe(400);
    expect(casualtyAxisTop(9_000)).toBe(10_000);
    expect(casualtyAxisTop(9_100)).toBe(12_000);
  });

  it('is never below 1.1 times the figure, and holds while the figures grow: 28 tops for the figures 1 to 1,000', () => {
    const tops = new Set<number>();
    for (let highest = 1; highest <= 1000; highest += 1) {
      const top = casualtyAxisTop(highest);
      expect(top).toBeGreaterThanOrEqual(highest * 1.1);
      expect(Number.isInteger(top)).toBe(true);
      tops.add(top);
    }
    // Math.ceil(highest * 1.1), the top before, took 1,000 values over the same figures.
    expect(tops.size).toBe(28);
  });
});
