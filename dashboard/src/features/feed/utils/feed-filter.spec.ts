import { eventsOf, ids, iso, scenario, scenarioEvent } from '../../../testing/scenario';
import { filterFeed, isFiltering, NO_FILTER } from './feed-filter';

describe('filterFeed', () => {
  it('lets everything through with no filter', () => {
    expect(filterFeed(scenario, NO_FILTER)).toHaveLength(scenario.length);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('filters by type', () => {
    const shown = filterFeed(scenario, { ...NO_FILTER, types: new Set(['casualties.reported']) });
    expect(shown.map((e) => e.id).sort()).toEqual([ids.almatyCityCasualties, ids.almatyPoliceCasualties].sort());
  });

  it('filters by the originating source’s reliability: C admits the police spokesperson, B does not', () => {
    const casualties = [scenarioEvent(ids.almatyCityCasualties), scenarioEvent(ids.almatyPoliceCasualties)];
    expect(filterFeed(casualties, { ...NO_FILTER, minReliability: 'B' }).map((e) => e.id)).toEqual([ids.almatyCityCasualties]);
    expect(filterFeed(casualties, { ...NO_FILTER, minReliability: 'C' })).toHaveLength(2);
  });

  it('leaves out sources whose reliability cannot be judged (F) once a minimum is set', () => {
    const city = scenarioEvent(ids.almatyCityCasualties);
    const unrated = { ...city, sources: [{ name: 'Footage', kind: 'social' as const, reliability: 'F' as const, credibility: 6 }] };
    expect(filterFeed([unrated], { ...NO_FILTER, minReliability: 'E' })).toEqual([]);
    expect(filterFeed([unrated], NO_FILTER)).toHaveLength(1);
  });

  it('filters by verification', () => {
    const retracted = { ...scenarioEvent(ids.almatyPoliceCasualties), verification: 'retracted' as const };
    const shown = filterFeed([retracted, scenarioEvent(ids.almatyCityCasualties)], { ...NO_FILTER, verification: new Set(['retracted']) });
    expect(shown).toEqual([retracted]);
  });

  it('shows only what had happened, or was known, by the moment in the past', () => {
    const kz = eventsOf('kz');
    const occurred = filterFeed(kz, { ...NO_FILTER, until: { at: iso('2022-01-06T10:00:00Z'), basis: 'occurred' } });
    expect(occurred.every((e) => Date.parse(e.occurredAt) <= iso('2022-01-06T10:00:00Z'))).toBe(true);
    expect(occurred.map((e) => e.id)).toContain(ids.almatyCityCasualties);
    // Recorded half an hour after it happened: at 08:15 the city's report was not yet known.
    const known = filterFeed(kz, { ...NO_FILTER, until: { at: iso('2022-01-06T08:15:00Z'), basis: 'recorded' } });
    expect(known.map((e) => e.id)).not.toContain(ids.almatyCityCasualties);
  });

  it('searches summary, place, sources and actors, every word', () => {
    expect(filterFeed(scenario, { ...NO_FILTER, text: 'almaty CITY' }).map((e) => e.id)).toEqual([ids.almatyCityCasualties]);
    expect(isFiltering({ ...NO_FILTER, text: ' ' })).toBe(false);
  });
});
