import { foldEvents } from '@watchfloor/crisis-state';
import type { CrisisEvent } from '@watchfloor/events';
import { eventsOf, ids, scenarioEvent } from '../../../testing/scenario';
import { correctionsOf } from './corrections';

describe('correctionsOf', () => {
  const city = scenarioEvent(ids.almatyCityCasualties);
  const first: CrisisEvent = { ...city, id: '00000000-0000-4000-8000-000000000051', supersedes: city.id, occurredAt: '2022-01-07T00:00:00Z', recordedAt: '2022-01-07T00:30:00Z' };
  const second: CrisisEvent = { ...city, id: '00000000-0000-4000-8000-000000000052', supersedes: city.id, occurredAt: '2022-01-08T00:00:00Z', recordedAt: '2022-01-08T00:30:00Z' };
  const state = foldEvents([...eventsOf('kz'), first, second], 'kz');

  it('lists every correction of an event, and the latest as the one that counts', () => {
    expect(correctionsOf(city.id, state)).toEqual({ supersededBy: second.id, correctedBy: [first.id, second.id], retracted: false, counts: false });
  });

  it('says what a correction corrects', () => {
    expect(correctionsOf(second.id, state)).toMatchObject({ supersedes: city.id, counts: true });
  });

  it('marks a retracted event as not counting', () => {
    const retracted = foldEvents([{ ...city, verification: 'retracted' }], 'kz');
    expect(correctionsOf(city.id, retracted)).toMatchObject({ retracted: true, counts: false, correctedBy: [] });
  });
});
