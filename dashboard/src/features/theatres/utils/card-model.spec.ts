import { theatreSummary } from '@watchfloor/crisis-state';
import { LIVE } from '../../../lib/time';
import { foldTheatre, iso } from '../../../testing/scenario';
import { cardModel } from './card-model';

const now = iso('2026-05-01T00:00:00Z');

describe('cardModel', () => {
  it('evaluates a replayed theatre at the world clock, with the fortnight’s trend', () => {
    const state = foldTheatre('kz');
    const worldClock = iso('2022-01-10T16:30:00Z');
    const model = cardModel({ id: 'kz', name: 'Kazakhstan' }, state, LIVE, now, worldClock);
    expect(model.evaluation).toEqual({ at: worldClock, kind: 'historic' });
    expect(model.sparkline[model.sparkline.length - 1]?.t).toBe(worldClock);
    expect(model.summary?.killed).toMatchObject({ low: 24, best: 49, high: 111 });
    expect(model.summary?.forcesDeployed).toBe(1);
    expect(model.summary?.latestAssessment?.assessment).toBe('restored');
    expect(model.sparkline).toHaveLength(56);
    expect(model.trend).toBeGreaterThan(0);
  });

  it('folds the theatre back for a moment in the past', () => {
    const model = cardModel({ id: 'kz' }, foldTheatre('kz'), { live: false, at: iso('2022-01-06T10:00:00Z'), basis: 'occurred' }, now, now);
    expect(model.evaluation?.kind).toBe('past');
    expect(model.summary?.killed).toMatchObject({ low: 12, high: 12 });
    expect(model.summary?.latestAssessment).toBeUndefined();
    expect(model.name).toBe('KZ');
  });

  it('falls back to the server’s summary without a stream, but never for the past', () => {
    const summary = theatreSummary(foldTheatre('kz'), new Date(now));
    expect(cardModel({ id: 'kz', summary }, undefined, LIVE, now, now)).toMatchObject({ origin: 'server', summary, sparkline: [] });
    expect(cardModel({ id: 'kz', summary }, undefined, { live: false, at: now, basis: 'occurred' }, now, now).summary).toBeUndefined();
  });
});
