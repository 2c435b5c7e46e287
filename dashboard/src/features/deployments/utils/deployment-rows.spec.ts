import { foldEvents, theatreStateView } from '@watchfloor/crisis-state';
import { eventsOf, foldTheatre, ids, iso, scenarioEvent, variant } from '../../../testing/scenario';
import { deploymentRows, mostRelevant } from './deployment-rows';

const end = iso('2022-01-11T00:00:00Z');

describe('deploymentRows', () => {
  it('shows the CSTO and Russia’s contingent in it as rows with their phases', () => {
    const view = theatreStateView(foldTheatre('kz'), new Date(end));
    const rows = deploymentRows(view.deployments, end);
    expect(rows.map((r) => [r.force, r.contributor, r.phase, r.troops])).toEqual([
      ['CSTO', undefined, 'deploying', 'size not stated'],
      ['CSTO', 'RU', 'deployed', 'size not stated'],
    ]);
    const russian = rows[1];
    expect(russian?.segments).toEqual([{ from: iso('2022-01-07T04:00:00Z'), to: end, phase: 'deployed', eventId: ids.russianParatroopersDeployed }]);
    expect(russian?.unitKind).toBe('paratroopers');
  });

  it('runs each phase until the next one, and states troop ranges', () => {
    const deploying = scenarioEvent(ids.cstoDeploying);
    const withdrawing = variant(deploying, 'troops.deployed', {
      id: '00000000-0000-4000-8000-000000000030',
      occurredAt: '2022-01-13T06:00:00Z',
      recordedAt: '2022-01-13T07:00:00Z',
      data: { force: 'CSTO', phase: 'withdrawing', troops: { low: 2000, best: 2030, high: 2500 } },
    });
    const later = iso('2022-01-20T00:00:00Z');
    const view = theatreStateView(foldEvents([...eventsOf('kz'), withdrawing], 'kz'), new Date(later));
    const csto = deploymentRows(view.deployments, later).find((r) => r.contributor === undefined);
    expect(csto?.segments.map((s) => [s.phase, new Date(s.to).toISOString()])).toEqual([
      ['deploying', '2022-01-13T06:00:00.000Z'],
      ['withdrawing', '2022-01-20T00:00:00.000Z'],
    ]);
    expect(csto?.troops).toBe('2000–2500 (best 2030)');
  });
});

describe('mostRelevant', () => {
  it('puts forces on the ground first, then the latest reported, and counts the rest', () => {
    const row = (key: string, phase: 'announced' | 'deployed' | 'withdrawn', since: number) => ({ key, force: key, phase, troops: '', since, segments: [], marks: [] });
    const { shown, hidden } = mostRelevant([row('a', 'withdrawn', 9), row('b', 'deployed', 1), row('c', 'announced', 5), row('d', 'deployed', 3)], 3);
    expect(shown.map((r) => r.key)).toEqual(['d', 'b', 'a']);
    expect(hidden).toBe(1);
  });
});
