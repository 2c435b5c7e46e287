import { SCENARIO_EVENT_IDS as ids } from '@watchfloor/scenario';
import { deserialiseState, restoreProjector, serialiseState, SNAPSHOT_VERSION } from './serialisation';
import { anEvent, id, kz, scenarioEvent, withEnvelope } from './testing/events';
import { createProjector, evolve, foldEvents, type TheatreState } from './theatre-state';
import { theatreStateView } from './views';

const throughJson = (state: TheatreState): TheatreState => {
  const restored = deserialiseState(JSON.parse(JSON.stringify(serialiseState(state))));
  if (!restored.ok) throw new Error(restored.error);
  return restored.state;
};

const at = new Date('2022-01-12T00:00:00Z');
const firstHalf = kz.slice(0, 8);
const secondHalf = [
  ...kz.slice(8),
  withEnvelope(scenarioEvent(ids.almatyPoliceCasualties), { id: id(1), verification: 'retracted', supersedes: ids.almatyPoliceCasualties }),
  anEvent('protest.escalated', id(2), '2022-01-04T00:00:00Z', { stage: 'violent' }, { place: 'Zhanaozen', recordedAt: '2022-01-11T00:00:00Z' }),
];

describe('snapshots', () => {
  it('round-trip through JSON to an equal state', () => {
    const state = foldEvents(kz, 'kz');
    const restored = throughJson(state);
    expect(restored).toEqual(state);
    expect(theatreStateView(restored, at)).toEqual(theatreStateView(state, at));
  });

  it('continue evolving exactly as the original does', () => {
    const snapshot = throughJson(foldEvents(firstHalf, 'kz'));
    const continued = foldEvents(secondHalf, snapshot);
    const straight = foldEvents([...firstHalf, ...secondHalf], 'kz');
    expect(continued).toEqual(straight);
    expect(theatreStateView(continued, at)).toEqual(theatreStateView(straight, at));
    // And through the projector and `evolve`, the two ways to continue.
    const projector = createProjector(snapshot);
    for (const event of secondHalf) projector.apply(event);
    expect(projector.state).toEqual(straight);
    expect(secondHalf.reduce(evolve, snapshot)).toEqual(straight);
  });

  it('still know which ids they hold, so redelivery after a restore changes nothing', () => {
    const restored = throughJson(foldEvents(kz, 'kz'));
    const projector = createProjector(restored);
    expect(kz.map((e) => projector.apply(e)).every((outcome) => outcome === 'duplicate')).toBe(true);
  });

  it('refuse a snapshot of another version, or anything else, saying why', () => {
    const json = JSON.parse(JSON.stringify(serialiseState(foldEvents(kz, 'kz'))));
    expect(deserialiseState({ ...json, version: SNAPSHOT_VERSION + 1 })).toMatchObject({ ok: false, error: expect.stringContaining('version') });
    expect(deserialiseState({ ...json, facts: [{ ...json.facts[0], occurredAt: 'yesterday' }] })).toMatchObject({
      ok: false,
      error: expect.stringContaining('facts.0.occurredAt'),
    });
    expect(deserialiseState('not a snapshot')).toMatchObject({ ok: false });
  });

  it('restore straight into a projector that folds on as a projector over the deserialised state does', () => {
    const json = JSON.parse(JSON.stringify(serialiseState(foldEvents(firstHalf, 'kz')))) as unknown;
    const restored = restoreProjector(json);
    if (!restored.ok) throw new Error(restored.error);
    const viaState = deserialiseState(json);
    if (!viaState.ok) throw new Error(viaState.error);
    expect(restored.projector.state).toEqual(viaState.state);
    expect(firstHalf.map((e) => restored.projector.apply(e)).every((outcome) => outcome === 'duplicate')).toBe(true);
    for (const event of secondHalf) expect(restored.projector.apply(event)).toBe('applied');
    const straight = foldEvents([...firstHalf, ...secondHalf], 'kz');
    expect(restored.projector.state).toEqual(straight);
    expect(theatreStateView(restored.projector.state, at)).toEqual(theatreStateView(straight, at));
  });

  it('refuse to restore a projector from what deserialiseState refuses, with the same reason', () => {
    const json = JSON.parse(JSON.stringify(serialiseState(foldEvents(kz, 'kz'))));
    const broken = { ...json, facts: [{ ...json.facts[0], occurredAt: 'yesterday' }] };
    expect(restoreProjector(broken)).toEqual(deserialiseState(broken));
    expect(restoreProjector({ ...json, version: SNAPSHOT_VERSION + 1 })).toMatchObject({ ok: false, error: expect.stringContaining('version') });
  });
});
