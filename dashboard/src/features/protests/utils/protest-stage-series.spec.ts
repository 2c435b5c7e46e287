import { foldEvents } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import { eventsOf, foldTheatre, ids, iso, scenarioEvent } from '../../../testing/scenario';
import { coarsenSegments, protestStageRows, type StageSegment } from './protest-stage-series';

const end = iso('2022-01-11T00:00:00Z');

describe('protestStageRows', () => {
  it('climbs the ladder in Kazakhstan: peaceful, then violent, then riot, until the window ends', () => {
    const rows = protestStageRows(foldTheatre('kz'), end);
    const place = rows.find((r) => r.label === 'Kazakhstan (KZ)');
    expect(place?.segments.map((s) => [s.stage, new Date(s.from).toISOString()])).toEqual([
      ['peaceful', '2022-01-03T05:00:00.000Z'],
      ['violent', '2022-01-05T04:00:00.000Z'],
      ['riot', '2022-01-05T12:00:00.000Z'],
    ]);
    expect(place?.segments[2]?.to).toBe(end);
    expect(place?.current).toBe('riot');
  });

  it('puts the whole theatre first, at the most severe place’s stage', () => {
    const calm: CrisisEvent = { ...scenarioEvent(ids.fuelProtestsPeaceful), id: '00000000-0000-4000-8000-000000000020', occurredAt: '2022-01-06T00:00:00Z', recordedAt: '2022-01-06T00:30:00Z', location: { name: 'Aktau', country: 'KZ', lat: 43.65, lon: 51.2, precision: 'city' } };
    const rows = protestStageRows(foldEvents([...eventsOf('kz'), calm], 'kz'), end);
    expect(rows.map((r) => r.label)).toEqual(['Whole theatre (worst place)', 'Kazakhstan (KZ)', 'Aktau (KZ)']);
    expect(rows[0]?.segments.map((s) => s.stage)).toEqual(['peaceful', 'violent', 'riot']);
  });

  it('drops a retracted report from the segments but keeps it as a report', () => {
    const riot = scenarioEvent(ids.governmentBuildingsStormed);
    const state = foldEvents([...eventsOf('kz').filter((e) => e.id !== riot.id), { ...riot, verification: 'retracted' }], 'kz');
    const place = protestStageRows(state, end).find((r) => r.key !== '*');
    expect(place?.segments.map((s) => s.stage)).toEqual(['peaceful', 'violent']);
    expect(place?.reports.find((r) => r.eventId === riot.id)?.status).toBe('retracted');
  });

  it('shows only what had happened by the end of the window', () => {
    const place = protestStageRows(foldTheatre('kz'), iso('2022-01-05T06:00:00Z')).find((r) => r.key !== '*');
    expect(place?.current).toBe('violent');
  });
});

describe('coarsenSegments', () => {
  it('fits many segments into the buckets and keeps a short riot visible', () => {
    const hour = 3600_000;
    const segments: StageSegment[] = Array.from({ length: 1000 }, (_, i) => ({ from: i * hour, to: (i + 1) * hour, stage: i === 500 ? 'riot' : i % 2 ? 'peaceful' : 'with_intervention', eventId: String(i) }));
    const coarse = coarsenSegments(segments, 0, 1000 * hour, 100);
    expect(coarse.length).toBeLessThanOrEqual(100);
    expect(coarse.some((s) => s.stage === 'riot')).toBe(true);
    expect(coarse[0]?.from).toBe(0);
    expect(coarse[coarse.length - 1]?.to).toBe(1000 * hour);
  });
});
