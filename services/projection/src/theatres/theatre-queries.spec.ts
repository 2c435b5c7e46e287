import { foldEvents, stateAsOf, theatreStateView } from '@watchfloor/crisis-state';
import { ProjectionStore } from '../fold/projection-store';
import { encoded, scenario } from '../testing/events';
import { TheatreQueries } from './theatre-queries';

const now = new Date('2030-01-01T00:00:00Z');

const storeWithScenario = () => {
  const store = new ProjectionStore();
  scenario.forEach((event, offset) => store.applyBatch(0, offset + 1, [{ offset, event, schemaVersion: 1, raw: Buffer.from(encoded(event).value) }]));
  return store;
};

describe('TheatreQueries', () => {
  const store = storeWithScenario();
  const queries = new TheatreQueries(store, () => now);
  const kz = scenario.filter((e) => e.theatre === 'kz');
  const latest = new Date(Math.max(...scenario.map((e) => Date.parse(e.occurredAt))));

  it('lists every theatre with its summary, evaluated at the world clock', () => {
    const list = queries.list();
    expect(list.theatres.map((t) => t.theatre)).toEqual(['kz', 'ua-border']);
    expect(list.evaluatedAt).toBe(latest.toISOString());
    expect(list.position).toBe(`0:${scenario.length}`);
    expect(list.theatres[0]?.eventCount).toBe(kz.length);
  });

  it('answers the live state as a fold of the theatre would', () => {
    const answer = queries.state('kz');
    expect(answer?.asOf).toBeNull();
    expect(answer?.state).toEqual(theatreStateView(foldEvents(kz, 'kz'), latest));
    expect(queries.state('nowhere')).toBeUndefined();
  });

  it('travels in time on both clocks without the log', () => {
    const at = new Date('2022-01-06T10:00:00Z');
    for (const basis of ['occurred', 'recorded'] as const) {
      const answer = queries.state('kz', { at, basis });
      expect(answer).toMatchObject({ asOf: at.toISOString(), basis, evaluatedAt: at.toISOString() });
      expect(answer?.state).toEqual(theatreStateView(stateAsOf(kz, at, basis, 'kz'), at));
      // asked again: the same answer
      expect(queries.state('kz', { at, basis })?.state).toBe(answer?.state);
    }
    expect(queries.state('kz', { at: new Date('2022-01-04T00:00:00Z'), basis: 'occurred' })?.state.eventCount).toBeLessThan(kz.length);
  });
});
